/** The provider's settings, given to `vite build` by the test as environment variables. */
interface ImportMetaEnv {
  readonly VITE_AUTHORIZE_URL: string;
  readonly VITE_CLIENT_ID: string;
  readonly VITE_REDIRECT_URI: string;
  readonly VITE_ISSUER: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
