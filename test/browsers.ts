import type { LaunchOptions } from 'playwright';

/**
 * Chromium as the tests launch it. Playwright passes --disable-popup-blocking by default; we take it
 * out so that a popup opened outside a user gesture is blocked, as it is for real users.
 */
export function chromiumLaunchOptions(): LaunchOptions {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  return {
    executablePath,
    ignoreDefaultArgs: ['--disable-popup-blocking'],
    args: [
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  };
}

/** Debian's Firefox ESR, driven over WebDriver BiDi. */
export function firefoxLaunchOptions(): LaunchOptions & { channel: string } {
  return { channel: 'moz-firefox', executablePath: process.env.FIREFOX_PATH || '/usr/bin/firefox-esr' };
}
