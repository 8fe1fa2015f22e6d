export { createOutboundFetch } from './outbound-fetch.js';
export type { OutboundFetchOptions, OutboundOptions } from './outbound-fetch.js';
export { OutboundRequestError } from './outbound-error.js';
export type { Resolver } from './node-networking.js';
export { assertOnOrigin, isSameOrigin } from './same-origin.js';
