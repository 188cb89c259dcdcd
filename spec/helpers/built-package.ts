/**
 * The package as it is published, built once per content: `scripts/build.mjs` builds it (never into the working
 * tree's dist/) into `node_modules/.cache/rx-openai-stream/built-package/<hash>/`, beside a copy of package.json
 * and examples/ and a link to the project's node_modules, so `require('rx-openai-stream')` and `import` resolve
 * through its `exports` map to the built files, as they do for an app that installed it.
 *
 * The hash covers everything the build reads (src/, the build script and its configs, package.json, the lock
 * file) and the examples: while none of them changes, every suite and every run reuses the build; any change
 * builds anew. Suites that ask at the same time build once: the first takes a lock, the others wait for it.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..');
const cache = join(root, 'node_modules', '.cache', 'rx-openai-stream', 'built-package');
const INPUTS = ['src', 'examples', 'scripts/build.mjs', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];
/** Installed packages, build output and tool caches (`.angular/`) are no input. */
const SKIPPED = (name: string) => name === 'node_modules' || name === 'dist' || name.startsWith('.');
/** A lock older than this is from a build that died; it is taken over. */
const STALE_LOCK_MS = 5 * 60_000;

/** The folder of the built package for the current sources (built now if no earlier suite or run built it). */
export async function builtPackage(): Promise<string> {
  const hash = contentHash();
  const folder = join(cache, hash);
  const lock = `${folder}.lock`;
  mkdirSync(cache, { recursive: true });
  for (;;) {
    if (existsSync(join(folder, 'dist', 'cjs', 'index.js'))) return folder;
    if (takeLock(lock)) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  try {
    if (!existsSync(join(folder, 'dist', 'cjs', 'index.js'))) build(folder);
    pruneOthers(hash);
    return folder;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function build(folder: string): void {
  const staging = `${folder}.staging`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  copyFileSync(join(root, 'package.json'), join(staging, 'package.json'));
  cpSync(join(root, 'examples'), join(staging, 'examples'), {
    recursive: true,
    filter: (path) => !SKIPPED(path.split(/[\\/]/).pop()!),
  });
  symlinkSync(join(root, 'node_modules'), join(staging, 'node_modules'), 'dir');
  // Without a second type check: `npm test` checks src/ beside jest (the emitted JavaScript is the same).
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), join(staging, 'dist'), '--no-check'], { cwd: root, stdio: 'pipe' });
  rmSync(folder, { recursive: true, force: true });
  renameSync(staging, folder);
}

function takeLock(lock: string): boolean {
  try {
    mkdirSync(lock);
    return true;
  } catch {
    try {
      if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
    } catch {
      // Released meanwhile: the next round takes it.
    }
    return false;
  }
}

/** Builds of earlier contents are of no more use. */
function pruneOthers(hash: string): void {
  for (const name of readdirSync(cache)) {
    if (!name.startsWith(hash) && !name.endsWith('.lock')) rmSync(join(cache, name), { recursive: true, force: true });
  }
}

function contentHash(): string {
  const hash = createHash('sha256');
  const visit = (path: string): void => {
    const full = join(root, path);
    if (!existsSync(full)) return;
    if (statSync(full).isDirectory()) {
      for (const name of readdirSync(full).sort()) if (!SKIPPED(name)) visit(join(path, name));
      return;
    }
    hash.update(relative(root, full)).update('\0').update(readFileSync(full)).update('\0');
  };
  for (const input of INPUTS) visit(input);
  return hash.digest('hex').slice(0, 16);
}
