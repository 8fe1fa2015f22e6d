export function jsonResponse(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  const all = new Headers(headers);
  all.set('Content-Type', 'application/json');
  all.set('Cache-Control', 'no-store');
  return new Response(JSON.stringify(body), { status, headers: all });
}

/** An OAuth-style error body (RFC 6749 section 5.2): `{ error, error_description }`. */
export function jsonError(status: number, error: string, description: string, headers?: HeadersInit): Response {
  return jsonResponse({ error, error_description: description }, status, headers);
}
