// Prints the path of a headless Chromium for `chromium.spec.ts`, and needs nothing outside `npm install`:
// - the system's Chromium when there is one (/usr/bin/chromium, Debian's package);
// - otherwise the build that the devDependency `@sparticuz/chromium` ships inside its npm package (Linux x64),
//   unpacked once into node_modules/.cache/rx-openai-stream/ (about 6 s, then reused). Nothing is downloaded.
//
// `@sparticuz/chromium` unpacks into `os.tmpdir()`; this script points TMPDIR at a private staging folder and
// renames it into the cache when complete, so an interrupted unpack is never taken for a finished one and two
// runs at the same time do not write into each other's files.
//
// Usage: node spec/browser/chromium-path.mjs   (also handy to find the binary for a manual run)
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

if (existsSync(SYSTEM_CHROMIUM)) {
  console.log(SYSTEM_CHROMIUM);
  process.exit(0);
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { version } = JSON.parse(readFileSync(join(root, 'node_modules', '@sparticuz', 'chromium', 'package.json'), 'utf8'));
const cache = join(root, 'node_modules', '.cache', 'rx-openai-stream');
const target = join(cache, `sparticuz-chromium-${version}`);
const complete = join(target, '.complete');

if (!existsSync(complete)) {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `No Chromium: ${SYSTEM_CHROMIUM} is missing and @sparticuz/chromium ships a Linux x64 build only ` +
        `(this is ${process.platform} ${process.arch}). Install Chromium at ${SYSTEM_CHROMIUM}.`,
    );
  }
  mkdirSync(cache, { recursive: true });
  const staging = mkdtempSync(`${target}.partial-`);
  try {
    process.env.TMPDIR = staging; // read by os.tmpdir() at each call, so before the import too
    const { default: chromium } = await import('@sparticuz/chromium');
    const executable = await chromium.executablePath();
    if (executable !== join(staging, 'chromium')) throw new Error(`unexpected unpack location: ${executable}`);
    writeFileSync(join(staging, '.complete'), `@sparticuz/chromium ${version}\n`);
    if (!existsSync(complete)) rmSync(target, { recursive: true, force: true }); // an old incomplete copy, if any
    try {
      renameSync(staging, target);
    } catch (error) {
      if (!existsSync(complete)) throw error; // another run finished first: use its copy
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
console.log(join(target, 'chromium'));
