// oidc-client-ts as a script tag would carry it: the whole public API on one global.
export * from 'oidc-client-ts';
