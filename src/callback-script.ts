/**
 * The standalone callback script: `<script src="oauth-connect-callback.js" data-allowed-origins="…">`.
 * Classic scripts only: `document.currentScript` is null in a module. It calls `runCallback` rather than
 * `handleCallback` to leave the outcome names out.
 */
import { runCallback } from './callback/run-callback.js';

runCallback(self, document.currentScript?.dataset.allowedOrigins?.match(/\S+/g));
