import { EMBEDDED_COOKIE } from './backend.js';
import { startDemo } from './demo-server.js';

const demo = await startDemo({
  port: Number(process.env.PORT) || 5173,
  providerPort: Number(process.env.PROVIDER_PORT) || 5174,
  crossOriginOpenerPolicy: process.env.PROVIDER_COOP === '1',
  // For trying the page inside another site's iframe: the flow cookie of `start-url` must then be third-party.
  cookie: process.env.DEMO_EMBEDDED === '1' ? EMBEDDED_COOKIE : undefined,
});
console.log(
  `\n  oauth-connect demo:  ${demo.url}\n  demo provider:       ${demo.oidc.issuer}  (sign in as demo / demo-password)\n  Ctrl+C stops both.\n`,
);

const stop = async () => {
  await demo.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
