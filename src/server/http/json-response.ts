/** The text of responses made here, so `toNodeListener` writes it without reading the body stream back. */
const texts = new WeakMap<Response, string>();

export const responseText = (response: Response) => texts.get(response);

export function jsonResponse(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  const all = new Headers(headers);
  all.set('Content-Type', 'application/json');
  all.set('Cache-Control', 'no-store');
  const text = JSON.stringify(body);
  const response = new Response(text, { status, headers: all });
  texts.set(response, text);
  return response;
}

/** An OAuth-style error body (RFC 6749 section 5.2): `{ error, error_description }`. */
export function jsonError(status: number, error: string, description: string, headers?: HeadersInit): Response {
  return jsonResponse({ error, error_description: description }, status, headers);
}
