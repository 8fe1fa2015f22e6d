/** The provider's own login and consent pages, small and plain, as a real provider's popup would show them. */

const escape = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)} · Demo ID</title>
<meta name="viewport" content="width=device-width">
<style>body{font:16px system-ui,sans-serif;max-width:22em;margin:2em auto;padding:0 1em}label{display:block;margin:.6em 0}
input{display:block;width:100%;padding:.4em;box-sizing:border-box}button{padding:.5em 1em;margin:.8em .5em 0 0}.error{color:#b42318}.hint{color:#555;font-size:.9em}</style>
</head><body><h1>${escape(title)}</h1>${body}</body></html>`;
}

export function loginPage(action: string, error?: string): string {
  return page(
    'Sign in to Demo ID',
    `
${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
<form method="post" action="${escape(action)}">
  <label>Username <input name="username" autocomplete="username" required autofocus></label>
  <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
  <button type="submit">Sign in</button>
</form>
<p class="hint">Demo account: <code>demo</code> / <code>demo-password</code></p>`,
  );
}

export function consentPage(action: string, clientName: string, scopes: string[]): string {
  return page(
    'Allow access?',
    `
<p><strong>${escape(clientName)}</strong> asks to:</p>
<ul>${scopes.map((scope) => `<li>${escape(scope)}</li>`).join('')}</ul>
<form method="post" action="${escape(action)}">
  <button type="submit" name="decision" value="allow">Allow</button>
  <button type="submit" name="decision" value="deny">Deny</button>
</form>`,
  );
}

/**
 * A sign-in broker's first page, as a company's own portal shows before it sends the user on to Entra ID or
 * Cognito: a choice, and Continue.
 */
export function brokerPage(next: string): string {
  return page(
    'Sign in with your company account',
    `
<p>You will continue at Demo ID.</p>
<p><a href="${escape(next)}">Continue</a></p>`,
  );
}
