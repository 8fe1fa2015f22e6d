import { ServerError } from '../errors.js';

/**
 * The shapes the handlers accept, checked before a value is used, remembered, or put in a header.
 * `state` and `nonce` are the unreserved characters (RFC 3986 section 2.3), which is what this
 * package and every common library generate; `code` is any visible ASCII (RFC 6749 appendix A.11);
 * `code_verifier` is exactly RFC 7636 section 4.1.
 */
const FIELDS = {
  state: { pattern: /^[A-Za-z0-9._~-]{8,512}$/, shape: '8 to 512 characters of A-Z a-z 0-9 . _ ~ -' },
  nonce: { pattern: /^[A-Za-z0-9._~-]{8,512}$/, shape: '8 to 512 characters of A-Z a-z 0-9 . _ ~ -' },
  code: { pattern: /^[\x20-\x7e]{1,4096}$/, shape: '1 to 4096 visible ASCII characters' },
  code_verifier: {
    pattern: /^[A-Za-z0-9._~-]{43,128}$/,
    shape: '43 to 128 characters of A-Z a-z 0-9 . _ ~ - (RFC 7636)',
  },
  redirect_uri: { pattern: /^https?:\/\/[\x21-\x7e]{1,2040}$/, shape: 'an http(s) URL of at most 2048 characters' },
  iss: { pattern: /^https?:\/\/[\x21-\x7e]{1,2040}$/, shape: 'an http(s) URL of at most 2048 characters' },
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
  provider: { pattern: /^[^\x00-\x1f\x7f]{1,200}$/u, shape: '1 to 200 characters without control characters' },
  instance: { pattern: /^[\x21-\x7e]{1,2048}$/, shape: 'an http(s) origin' },
} as const;

export type FieldName = keyof typeof FIELDS;

/** The field's value; undefined when absent (or null); a 400 ServerError naming the field when it has another shape. */
export function optionalField(body: Record<string, unknown>, name: FieldName): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  const { pattern, shape } = FIELDS[name];
  if (typeof value !== 'string' || !pattern.test(value))
    throw new ServerError(400, 'invalid_request', `"${name}" must be ${shape}`);
  return value;
}

export function requiredField(body: Record<string, unknown>, name: FieldName): string {
  const value = optionalField(body, name);
  if (value === undefined) throw new ServerError(400, 'invalid_request', `"${name}" is required`);
  return value;
}
