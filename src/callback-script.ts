/**
 * The standalone callback script:
 * `<script src="oauth-connect-callback.js" data-allowed-origins="…" data-message="…" lang="…">`.
 * Classic scripts only: `document.currentScript` is null in a module. It calls `runCallback` rather than
 * `handleCallback` to leave the outcome names out.
 */
import { runCallback } from './callback/run-callback.js';

const script = document.currentScript as HTMLScriptElement | null;
runCallback(self, script?.dataset.allowedOrigins?.match(/\S+/g), script?.dataset.message, script?.lang);
