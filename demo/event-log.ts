/** One line per widget event for the demo's log; the code is shortened, as a page should never show it whole. */
export function describeEvent(event: CustomEvent): string {
  const detail = { ...event.detail };
  if (typeof detail.code === 'string' && event.type === 'oauth-connect-code')
    detail.code = `${detail.code.slice(0, 6)}…`;
  if (typeof detail.codeVerifier === 'string') detail.codeVerifier = '(kept by the page)';
  return `${event.type} ${JSON.stringify(detail)}`;
}

interface DemoExchangeResponse {
  /** The page's fuller view of who connected; `account` is the element's display string. */
  profile?: { name?: string; email?: string };
  provider?: string;
}

export function showConnection(target: Element, response: DemoExchangeResponse | null): void {
  const account = response?.profile;
  const email = account?.email ? ` (${account.email})` : '';
  target.textContent = account
    ? `Connected to ${response?.provider ?? 'the provider'} as ${account.name}${email}.`
    : 'Connected.';
}
