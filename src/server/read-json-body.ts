import { jsonError } from './json-response.js';

const MAX_BODY_BYTES = 16 * 1024;

/**
 * The JSON object a POST carries, or the error Response to answer with: wrong method (405), not
 * `application/json` (415; also what keeps plain cross-site form posts out), too large (413),
 * not a JSON object (400).
 */
export async function readJsonBody(request: Request): Promise<Record<string, unknown> | Response> {
  if (request.method !== 'POST') return jsonError(405, 'invalid_request', 'use POST', { Allow: 'POST' });
  if (!request.headers.get('content-type')?.toLowerCase().startsWith('application/json')) {
    return jsonError(415, 'invalid_request', 'the body must be application/json');
  }
  const text = await request.text();
  if (new TextEncoder().encode(text).length > MAX_BODY_BYTES) return jsonError(413, 'invalid_request', 'the body is too large');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return jsonError(400, 'invalid_request', 'the body is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return jsonError(400, 'invalid_request', 'the body must be a JSON object');
  return parsed as Record<string, unknown>;
}

/** Undefined when absent; the error text when present but not a non-empty string. */
export function optionalString(body: Record<string, unknown>, name: string): string | undefined | { error: string } {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !value) return { error: `"${name}" must be a non-empty string` };
  return value;
}
