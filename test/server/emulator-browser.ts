/**
 * A browser in miniature for driving the emulated providers over real HTTP: fetch with a cookie jar, redirects
 * taken one at a time, and the login and consent forms filled in as a person would.
 */

export interface Step {
  /** The URL requested. */
  url: URL;
  status: number;
  /** The page's <h1>, when it answered HTML. */
  heading?: string;
}

export interface Walk {
  steps: Step[];
  /** Where the provider finally sent the browser off its own origin (the client's redirect URI), if it did. */
  redirectedTo?: URL;
  /** The last response at the provider, when it did not send the browser away. */
  last?: { status: number; contentType: string; text: string };
}

const unescapeHtml = (text: string) =>
  text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));

/** The hidden fields of each <form> of a page, with its action and the value of its submit button. */
export function formsOf(html: string): { action: string; fields: Record<string, string>; button?: string }[] {
  return [...html.matchAll(/<form method="post" action="([^"]*)">([\s\S]*?)<\/form>/g)].map(([, action, body]) => {
    const fields: Record<string, string> = {};
    for (const [, name, value] of body!.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
      fields[unescapeHtml(name!)] = unescapeHtml(value!);
    }
    const button = body!.match(/<button type="submit"(?: name="decision" value="(\w+)")?>/)?.[1];
    return { action: unescapeHtml(action!), fields, button };
  });
}

export class MiniBrowser {
  readonly cookies = new Map<string, string>();

  constructor(readonly origin: string) {}

  /** One request, no redirect followed; cookies the provider sets are kept. */
  async fetch(target: string | URL, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const body = init.form ? new URLSearchParams(init.form).toString() : undefined;
    const response = await fetch(new URL(target, this.origin), {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      body,
      redirect: 'manual',
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return response;
  }

  /** Logs in as the demo user through the login form. */
  async logIn(): Promise<void> {
    const response = await this.fetch('/login', { form: { username: 'demo', password: 'demo-password', next: '/' } });
    if (response.status !== 302) throw new Error(`the login form answered HTTP ${response.status}`);
  }

  /**
   * Opens `start` and goes where the provider sends the browser: redirects within the provider are followed, the
   * login form is filled in, and the consent form is answered with `decision` (with 'none', the walk stops there).
   */
  async walk(start: string | URL, decision: 'approve' | 'deny' | 'none' = 'approve'): Promise<Walk> {
    const steps: Step[] = [];
    let next: { url: URL; form?: Record<string, string> } | undefined = { url: new URL(start, this.origin) };
    for (let hop = 0; next && hop < 12; hop++) {
      const response = await this.fetch(next.url, { form: next.form });
      const step: Step = { url: next.url, status: response.status };
      steps.push(step);
      const location = response.headers.get('location');
      if (location) {
        const target = new URL(location, step.url);
        if (target.origin !== this.origin) return { steps, redirectedTo: target };
        next = { url: target };
        continue;
      }
      const contentType = response.headers.get('content-type') ?? '';
      const text = await response.text();
      step.heading = text.match(/<h1>([^<]*)<\/h1>/)?.[1];
      const forms = contentType.startsWith('text/html') ? formsOf(text) : [];
      if (step.heading === 'Log in' && forms[0]) {
        const form = { ...forms[0].fields, username: 'demo', password: 'demo-password' };
        next = { url: new URL(forms[0].action, step.url), form };
      } else if (step.heading === 'Authorization request' && decision !== 'none') {
        const chosen = forms.find((form) => form.button === decision);
        if (!chosen) throw new Error(`the consent page has no "${decision}" form`);
        next = { url: new URL(chosen.action, step.url), form: { ...chosen.fields, decision } };
      } else {
        return { steps, last: { status: response.status, contentType, text } };
      }
    }
    throw new Error(`the walk from ${start} did not end`);
  }
}

/** A PKCE pair (RFC 7636 section 4.1 and 4.2, S256). */
export async function pkcePair(): Promise<{ verifier: string; challenge: string }> {
  const { createHash, randomBytes } = await import('node:crypto');
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** A form POST to a token endpoint, answering status, content type and the parsed (or raw) body. */
export async function postForm(url: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  const body = contentType.startsWith('application/json') ? (JSON.parse(text) as Record<string, unknown>) : text;
  return { status: response.status, contentType, body, headers: response.headers };
}
