/**
 * The standalone callback script: `<script src="oauth-connect-callback.js" data-allowed-origins="…">`.
 * Classic scripts only: `document.currentScript` is null in a module.
 */
import { handleCallback } from './callback/handle-callback.js';

const script = document.currentScript as HTMLScriptElement | null;
handleCallback({ allowedOrigins: script?.dataset.allowedOrigins?.split(/\s+/).filter(Boolean) });
