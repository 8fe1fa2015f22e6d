import { css } from 'lit';

// Written compact on purpose, and kept so by prettier-ignore: it ships as-is inside the bundle.
// prettier-ignore
export const styles = css`:host{display:inline-flex;align-items:center;gap:.5em;flex-wrap:wrap}
:host([hidden]){display:none}
button{font:inherit;cursor:pointer}
[part=button]{padding:var(--oauth-connect-padding,.5em 1em);border:var(--oauth-connect-border,0);
border-radius:var(--oauth-connect-radius,.375em);background:var(--oauth-connect-background,#1f6feb);
color:var(--oauth-connect-color,#fff)}
[part=button]:focus-visible{outline:2px solid var(--oauth-connect-focus-ring,#1f6feb);outline-offset:2px}
[part=button]:disabled{cursor:not-allowed;opacity:.6}
[aria-busy=true]{cursor:progress;opacity:.85}
[part=cancel]{background:none;border:0;text-decoration:underline;color:var(--oauth-connect-cancel-color,inherit)}
[part=instance-label]{display:inline-flex;align-items:center;gap:.4em}
[part=instance]{font:inherit;padding:.4em;min-width:14em}
[part=status]{font-size:.9em;color:var(--oauth-connect-status-color,inherit)}
:host([status=error]) [part=status]{color:var(--oauth-connect-error-color,#b42318)}`;
