export { encodeBase64url as base64url, randomToken } from '../protocol/tokens.js';
