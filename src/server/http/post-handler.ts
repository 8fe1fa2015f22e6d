import type { ServerOptions } from '../server-options.js';
import { guardHandler, type FetchHandler } from './guard-handler.js';
import { readJsonBody, takesPreReadBody } from './read-json-body.js';

/** What a POST handler does once its body is read and the request is authorized. */
export type PostHandling = (body: Record<string, unknown>, request: Request) => Promise<Response>;

/**
 * A handler for the widget's POSTs: reads the JSON body (`readJsonBody`), lets `authorize` refuse,
 * then runs `handle`; every throw becomes a JSON error answer (`guardHandler`).
 */
export function postHandler(options: Pick<ServerOptions, 'authorize' | 'onError'>, handle: PostHandling): FetchHandler {
  return takesPreReadBody(
    guardHandler(async (request) => {
      const body = await readJsonBody(request);
      const refusal = await options.authorize?.(request);
      return refusal ?? handle(body, request);
    }, options.onError),
  );
}
