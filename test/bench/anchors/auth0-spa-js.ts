// auth0-spa-js as a script tag would carry it: the whole public API on one global.
export * from '@auth0/auth0-spa-js';
