/**
 * Instance addresses as they travel from the element to the start handler, with the origin the one
 * rule reads from each (undefined: refused). Both halves run this table: the browser's unit tests
 * and the server's start handler tests.
 */
export const INSTANCE_CASES: readonly (readonly [input: string, origin: string | undefined])[] = [
  ['https://events.example', 'https://events.example'],
  ['https://Events.Example:443/', 'https://events.example'],
  ['https://events.example:8443', 'https://events.example:8443'],
  ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080'],
  ['http://localhost:3000', 'http://localhost:3000'],
  ['https://[::1]:8443/', 'https://[::1]:8443'],
  ['https://xn--bcher-kva.example', 'https://xn--bcher-kva.example'],
  ['events.example', undefined],
  ['javascript:alert(1)', undefined],
  ['ftp://events.example', undefined],
  ['file:///etc/passwd', undefined],
  ['data:text/html,hello', undefined],
  ['https://events.example/some/path', undefined],
  ['https://user:pw@events.example', undefined],
  ['https://user@events.example', undefined],
  ['https://events.example?x=1', undefined],
  ['https://events.example#top', undefined],
  ['https://events.\texample', undefined],
  ['https://', undefined],
  ['', undefined],
];
