/**
 * The build cache the package and Angular suites share (`cachedBuild`): one build per content, concurrent callers
 * wait for it, a change builds anew and deletes the earlier build, a failed build leaves nothing behind, a dead
 * build's lock is taken over.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { cachedBuild, root } from './build-cache';

const id = `build-cache-spec-${process.pid}`;
/** An input file of the repository (inside node_modules/.cache: no one else's, not in git). */
const input = join('node_modules', '.cache', id, 'input.txt');
const cache = join(root, 'node_modules', '.cache', 'rx-openai-stream', id);

function writeInput(text: string): void {
  mkdirSync(dirname(join(root, input)), { recursive: true });
  writeFileSync(join(root, input), text);
}

/** A build that copies the input into `out.txt` and counts its runs. */
function counted() {
  const runs: string[] = [];
  const options = {
    name: id,
    inputs: [input],
    build: async (staging: string) => {
      runs.push(staging);
      await new Promise((resolve) => setTimeout(resolve, 50)); // long enough for a concurrent caller to wait
      writeFileSync(join(staging, 'out.txt'), readFileSync(join(root, input)));
    },
  };
  return { runs, options };
}

describe('cachedBuild', () => {
  afterEach(() => {
    rmSync(cache, { recursive: true, force: true });
    rmSync(dirname(join(root, input)), { recursive: true, force: true });
  });

  it('builds once per content: concurrent and later callers get the same folder', async () => {
    writeInput('one');
    const { runs, options } = counted();
    const [a, b] = await Promise.all([cachedBuild(options), cachedBuild(options)]);
    expect(a).toBe(b);
    expect(runs).toHaveLength(1);
    expect(readFileSync(join(a, 'out.txt'), 'utf8')).toBe('one');
    await expect(cachedBuild(options)).resolves.toBe(a);
    expect(runs).toHaveLength(1);
    expect(readdirSync(cache)).toEqual([basename(a)]); // no lock, no staging left
  });

  it('builds anew when an input or an extra changes, and deletes the earlier build', async () => {
    writeInput('one');
    const { runs, options } = counted();
    const first = await cachedBuild(options);
    writeInput('two');
    const second = await cachedBuild(options);
    expect(second).not.toBe(first);
    expect(readFileSync(join(second, 'out.txt'), 'utf8')).toBe('two');
    expect(existsSync(first)).toBe(false);
    const third = await cachedBuild({ ...options, extra: ['another package'] });
    expect(third).not.toBe(second);
    expect(runs).toHaveLength(3);
    expect(readdirSync(cache)).toEqual([basename(third)]);
  });

  it('leaves nothing behind when the build fails, and builds on the next call', async () => {
    writeInput('one');
    const failing = { name: id, inputs: [input], build: () => Promise.reject(new Error('compiler exploded')) };
    await expect(cachedBuild(failing)).rejects.toThrow('compiler exploded');
    expect(readdirSync(cache)).toEqual([]);
    const { runs, options } = counted();
    const folder = await cachedBuild(options);
    expect(runs).toHaveLength(1);
    expect(readFileSync(join(folder, 'out.txt'), 'utf8')).toBe('one');
  });

  it('takes over the lock of a build that died (older than five minutes)', async () => {
    writeInput('one');
    const { runs, options } = counted();
    // Learn the folder, then pretend a dead build left its lock.
    const folder = await cachedBuild(options);
    rmSync(folder, { recursive: true });
    mkdirSync(`${folder}.lock`);
    const longAgo = new Date(Date.now() - 6 * 60_000);
    utimesSync(`${folder}.lock`, longAgo, longAgo);
    await expect(cachedBuild(options)).resolves.toBe(folder);
    expect(runs).toHaveLength(2);
    expect(existsSync(`${folder}.lock`)).toBe(false);
  });
});
