import { expect, test, vi } from 'vitest';
import { createOutboundFetch } from '../../src/server/outbound/index.js';

// A runtime without node:http, node:https or node:dns (an edge worker, say).
vi.mock('../../src/server/outbound/node-networking.js', () => ({ loadNodeNetworking: async () => undefined }));

test('a guarded request fails closed, and names what the runtime lacks, when node networking is missing', async () => {
  const resolve = vi.fn(async () => ['93.184.215.14']);
  await expect(createOutboundFetch({ guard: true, resolve })('https://instance.example/')).rejects.toMatchObject({
    name: 'OutboundRequestError',
    status: 500,
    code: 'server_error',
    message: 'a guarded outbound request needs node:http, node:https and node:dns, which this runtime lacks',
  });
  expect(resolve).not.toHaveBeenCalled();
});
