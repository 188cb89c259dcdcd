import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The Chromium every browser spec launches: the system's, or the one the devDependency `@sparticuz/chromium` ships
 * (`spec/browser/chromium-path.mjs` picks one and unpacks it on first use; no tool downloads a browser).
 */
export function chromiumExecutable(): string {
  return execFileSync(process.execPath, [join(__dirname, '..', 'browser', 'chromium-path.mjs')], { encoding: 'utf8' }).trim();
}

/**
 * No first-run UI, no background traffic (updates, sync, component downloads), no GPU. Not `--single-process`,
 * which `@sparticuz/chromium` defaults to: it crashes when a browser context closes.
 */
export const CHROMIUM_ARGS: string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
