/**
 * How the browser tests and demo/web/screenshot.mjs start Chromium with playwright-core: Debian's Chromium
 * (CHROMIUM_PATH overrides where it is) and the flags it needs as root on a machine without a network
 * (see TOOLCHAIN.md and the machine notes). Importable from TypeScript: chromium.d.mts declares it.
 */

import { existsSync } from 'node:fs';

/** Flags for Chromium as root on a machine without a network. */
export const CHROMIUM_ARGS = Object.freeze([
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]);

/**
 * The options for `chromium.launch` (or `launchPersistentContext`, with more options spread in).
 * @param {string} [executablePath] - the browser to start; by default CHROMIUM_PATH, else /usr/bin/chromium.
 * @returns {{ executablePath: string, args: string[] }}
 */
export function chromiumLaunchOptions(executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') {
  return { executablePath, args: [...CHROMIUM_ARGS] };
}

/**
 * Whether the browser tests can run: the browser exists, or this is CI (CI=true), where its absence
 * must fail the run rather than skip it. Elsewhere a missing browser skips them, with a message.
 * @returns {boolean}
 */
export function browserTestsRun() {
  if (existsSync(chromiumLaunchOptions().executablePath) || process.env.CI) return true;
  console.warn('browser tests skipped: no Chromium (apt-get install chromium, or set CHROMIUM_PATH)');
  return false;
}
