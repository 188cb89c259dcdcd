/**
 * A content-hash build cache for the test suites: `cachedBuild({ name, inputs, build })` returns
 * `node_modules/.cache/rx-openai-stream/<name>/<hash>/`, where `<hash>` covers the content of `inputs` (files and
 * folders of the repository; installed packages, build output and tool caches skipped) and any `extra` strings.
 * While none of them changes, every suite and every run reuses the folder; any change builds anew (and the builds
 * of earlier contents under that name are deleted).
 *
 * A build writes into a staging folder that is renamed to `<hash>/` once it succeeded, so a folder that exists is
 * complete. Suites that ask at the same time build once: the first takes a lock (`<hash>.lock/`), the others wait
 * for it; a lock older than five minutes is from a build that died and is taken over.
 *
 * @example
 * const folder = await cachedBuild({
 *   name: 'my-build',
 *   inputs: ['src', 'package-lock.json'],
 *   build: (staging) => execFileSync(process.execPath, ['scripts/build.mjs', staging]),
 * });
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The repository's root. */
export const root = join(__dirname, '..', '..');
const cacheRoot = join(root, 'node_modules', '.cache', 'rx-openai-stream');
/** Installed packages, build output and tool caches (`.angular/`) are no input. */
export const SKIPPED = (name: string): boolean => name === 'node_modules' || name === 'dist' || name.startsWith('.');
/** A lock older than this is from a build that died; it is taken over. */
const STALE_LOCK_MS = 5 * 60_000;

export interface CachedBuildOptions {
  /** The cache's sub-folder (one per kind of build). */
  readonly name: string;
  /** Files and folders (relative to the repository's root) whose content the build depends on. */
  readonly inputs: readonly string[];
  /** More things the build depends on (the hash of another cached build, options). */
  readonly extra?: readonly string[];
  /** Builds into `staging` (an empty folder, renamed to the cache folder once this resolves). */
  readonly build: (staging: string) => void | Promise<void>;
}

/** The cache folder of this build for the current content (built now if no earlier suite or run built it). */
export async function cachedBuild({ name, inputs, extra = [], build }: CachedBuildOptions): Promise<string> {
  const cache = join(cacheRoot, name);
  const hash = contentHash(inputs, extra);
  const folder = join(cache, hash);
  const lock = `${folder}.lock`;
  mkdirSync(cache, { recursive: true });
  for (;;) {
    if (existsSync(folder)) return folder;
    if (takeLock(lock)) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  try {
    if (!existsSync(folder)) {
      const staging = `${folder}.staging`;
      rmSync(staging, { recursive: true, force: true });
      mkdirSync(staging, { recursive: true });
      try {
        await build(staging);
      } catch (error) {
        rmSync(staging, { recursive: true, force: true });
        throw error;
      }
      renameSync(staging, folder);
    }
    pruneOthers(cache, hash);
    return folder;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
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
function pruneOthers(cache: string, hash: string): void {
  for (const name of readdirSync(cache)) {
    if (!name.startsWith(hash) && !name.endsWith('.lock')) rmSync(join(cache, name), { recursive: true, force: true });
  }
}

/** A hash of the inputs' paths and contents (folders walked in order, `SKIPPED` names left out) and the extras. */
export function contentHash(inputs: readonly string[], extra: readonly string[] = []): string {
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
  for (const input of inputs) visit(input);
  for (const value of extra) hash.update('\u0001').update(value).update('\0');
  return hash.digest('hex').slice(0, 16);
}
