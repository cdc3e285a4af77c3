// Launches Debian's headless Chromium (/usr/bin/chromium) through playwright-core, with the
// flags that work on these machines (see TOOLCHAIN.md); never a downloaded browser. Shared
// by the browser tests (crm-wasm/tests/{browser,idb,demo}.test.mjs) and the benchmark
// (crm-wasm/bench/browser-dedup.mjs); playwright-core comes from crm-wasm's devDependencies.
import { existsSync } from 'node:fs';

/** Where Debian's chromium package puts the browser. */
export const CHROMIUM = '/usr/bin/chromium';

/** Flags for a headless run without sandbox, GPU or any network of its own. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Why Chromium cannot run here, or false when it can (for `test(..., { skip })`). */
export const chromiumMissing = existsSync(CHROMIUM)
  ? false
  : `${CHROMIUM} is missing (install Debian's chromium: apt-get install -y chromium; scripts/test does)`;

/**
 * Launches Chromium; `chromium` is playwright-core's browser type (the caller imports
 * playwright-core from its own node_modules).
 *
 * @param {import('playwright-core').BrowserType} chromium
 */
export function launch(chromium) {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
