import { unsafeCSS } from 'lit';

// Written compact on purpose: it ships as-is inside the bundle, one string without line breaks (the minifier joins
// the pieces). Colours follow the page's `color-scheme` (inherited): the status line sits on the page's
// background, so it takes the page's scheme, never one of its own. Text that is not the page's colour has at
// least 4.5:1 in both schemes.
export const styles = unsafeCSS(
  ':host{display:inline-flex;align-items:center;gap:.5em;flex-wrap:wrap}' +
    ':host([hidden]){display:none}' +
    // Also when a page styles a part's display: a hidden part stays hidden.
    '[hidden]{display:none!important}' +
    'button{font:inherit;cursor:pointer}' +
    '[part=button],[part=disconnect]{padding:var(--oauth-connect-padding,.5em 1em);' +
    'border-radius:var(--oauth-connect-radius,.375em)}' +
    '[part=button]{border:var(--oauth-connect-border,0);background:var(--oauth-connect-background,#1f6feb);' +
    'color:var(--oauth-connect-color,#fff)}' +
    '[part=disconnect]{border:1px solid;background:none;color:inherit}' +
    ':focus-visible{outline:2px solid var(--oauth-connect-focus-ring,#1f6feb);outline-offset:2px}' +
    ':disabled{cursor:not-allowed;opacity:.6}' +
    '[aria-busy=true]{cursor:progress}' +
    '[part=cancel]{background:none;border:0;text-decoration:underline;' +
    'color:var(--oauth-connect-cancel-color,inherit)}' +
    'label{display:inline-flex;align-items:center;gap:.4em}' +
    'input{font:inherit;padding:.4em;min-width:14em}' +
    '::placeholder{color:inherit;opacity:.7}' +
    '#status{font-size:.9em;color:var(--oauth-connect-status-color,inherit)}' +
    ':host([status=error]) #status{color:var(--oauth-connect-error-color,light-dark(#b42318,#ff8a80))}' +
    '@media (forced-colors:active){button[part]{border:1px solid}}',
);
