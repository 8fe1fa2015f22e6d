/** The emulated providers' own pages: login, approval, errors and a home page, plain, each with its provider's name. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const STYLE = `body{font:16px system-ui,sans-serif;max-width:24em;margin:2em auto;padding:0 1em}
label{display:block;margin:.6em 0}
input{display:block;width:100%;padding:.4em;box-sizing:border-box}button,a.button{padding:.5em 1em;margin:.8em .5em 0 0}
.error{color:#b42318}.hint{color:#555;font-size:.9em}`;

export function page(brand: string, title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>${escapeHtml(title)} · ${escapeHtml(brand)}</title>
<meta name="viewport" content="width=device-width"><style>${STYLE}</style>
</head><body><p><strong>${escapeHtml(brand)}</strong></p><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

export function loginPage(brand: string, next: string, error?: string): string {
  return page(
    brand,
    'Log in',
    `
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/login">
  <input type="hidden" name="next" value="${escapeHtml(next)}">
  <label>Username <input name="username" autocomplete="username" required autofocus></label>
  <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
  <button type="submit">Log in</button>
</form>
<p class="hint">Demo account: <code>demo</code> / <code>demo-password</code></p>`,
  );
}

export interface ApprovalPage {
  brand: string;
  /** Where both forms post. */
  action: string;
  clientName: string;
  scopes: string[];
  /** Hidden fields both forms send back. */
  fields: Record<string, string>;
  /** Cancel as a form that posts `decision=deny` (and these fields), or as a plain link away. */
  cancel: { fields: Record<string, string> } | { href: string };
  /** Said under the request, e.g. where the user will be sent. */
  note?: string;
}

/** The approval page: "Authorize" posts `decision=approve`; "Cancel" is a form or a link, as the provider has it. */
export function approvalPage(options: ApprovalPage): string {
  const hidden = (values: Record<string, string>) =>
    Object.entries(values)
      .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
      .join('');
  const { brand, action, clientName, scopes, fields, cancel, note } = options;
  const form = (values: Record<string, string>, button: string) =>
    `<form method="post" action="${escapeHtml(action)}">${hidden(values)}${button}</form>`;
  const cancelControl =
    'href' in cancel
      ? `<a class="button" href="${escapeHtml(cancel.href)}">Cancel</a>`
      : form({ ...fields, ...cancel.fields }, '<button type="submit" name="decision" value="deny">Cancel</button>');
  return page(
    brand,
    'Authorization request',
    `
<p><strong>${escapeHtml(clientName)}</strong> is requesting permission to access your account.</p>
${scopes.length ? `<ul>${scopes.map((scope) => `<li>${escapeHtml(scope)}</li>`).join('')}</ul>` : ''}
${note ? `<p class="hint">${escapeHtml(note)}</p>` : ''}
${form(fields, '<button type="submit" name="decision" value="approve">Authorize</button>')}
${cancelControl}`,
  );
}

export function errorPage(brand: string, message: string): string {
  return page(brand, 'Something went wrong', `<p role="alert">${escapeHtml(message)}</p>`);
}

export function homePage(brand: string): string {
  return page(brand, 'Upcoming events', '<p>Nothing planned yet.</p>');
}
