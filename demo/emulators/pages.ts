/** The emulated providers' own pages: login and approval, plain, each with its provider's name. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

export function page(brand: string, title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · ${escapeHtml(brand)}</title>
<meta name="viewport" content="width=device-width">
<style>body{font:16px system-ui,sans-serif;max-width:24em;margin:2em auto;padding:0 1em}label{display:block;margin:.6em 0}
input{display:block;width:100%;padding:.4em;box-sizing:border-box}button{padding:.5em 1em;margin:.8em .5em 0 0}.error{color:#b42318}.hint{color:#555;font-size:.9em}</style>
</head><body><p><strong>${escapeHtml(brand)}</strong></p><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

export function loginPage(brand: string, next: string, error?: string): string {
  return page(brand, 'Log in', `
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/login">
  <input type="hidden" name="next" value="${escapeHtml(next)}">
  <label>Username <input name="username" autocomplete="username" required autofocus></label>
  <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
  <button type="submit">Log in</button>
</form>
<p class="hint">Demo account: <code>demo</code> / <code>demo-password</code></p>`);
}

/** The approval form; `fields` go back unchanged as hidden inputs. `denyFields` are added to the deny button's form. */
export function approvalPage(brand: string, action: string, clientName: string, scopes: string[], fields: Record<string, string>, denyFields: Record<string, string> = {}): string {
  const hidden = (values: Record<string, string>) =>
    Object.entries(values).map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`).join('');
  return page(brand, 'Authorization request', `
<p><strong>${escapeHtml(clientName)}</strong> is requesting permission to access your account.</p>
${scopes.length ? `<ul>${scopes.map((scope) => `<li>${escapeHtml(scope)}</li>`).join('')}</ul>` : ''}
<form method="post" action="${escapeHtml(action)}">${hidden(fields)}<button type="submit" name="decision" value="approve">Authorize</button></form>
<form method="post" action="${escapeHtml(action)}">${hidden({ ...fields, ...denyFields })}<button type="submit" name="decision" value="deny">Cancel</button></form>`);
}

export function errorPage(brand: string, message: string): string {
  return page(brand, 'Something went wrong', `<p role="alert">${escapeHtml(message)}</p>`);
}
