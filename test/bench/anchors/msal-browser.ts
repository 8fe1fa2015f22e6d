// MSAL Browser as a script tag would carry it: the whole public API on one global.
export * from '@azure/msal-browser';
