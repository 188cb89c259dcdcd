import { build } from 'esbuild';
import { join } from 'node:path';
import * as api from '../../src/index';

describe('error classes in a minified bundle', () => {
  it('keep their names, so logs and `error.name` checks still read NotFoundError, StreamTimeoutError, ...', async () => {
    const errorClasses = Object.entries(api).filter(
      ([, value]) => typeof value === 'function' && value.prototype instanceof Error,
    ) as Array<[string, new (...args: never[]) => Error]>;
    expect(errorClasses.length).toBeGreaterThan(20);

    const result = await build({
      entryPoints: [join(__dirname, '..', '..', 'src', 'index.ts')],
      bundle: true,
      minify: true,
      format: 'cjs',
      platform: 'node',
      write: false,
      external: ['rxjs', 'zod', 'eventsource-parser'],
    });
    const bundled = { exports: {} as Record<string, new (...args: unknown[]) => Error> };
    new Function('module', 'exports', 'require', result.outputFiles[0]!.text)(bundled, bundled.exports, require);

    // Constructors differ; the first argument list a class accepts is enough to read its `name`.
    const candidates: unknown[][] = [[500, new Headers(), ''], ['idle', 1], ['error', '{}'], [{ receivedEvents: 0 }], ['{}'], ['m', { eventName: 'e' }], ['m', {}], [['tool']], [[], null], []];
    for (const [name] of errorClasses) {
      const Class = bundled.exports[name]!;
      expect(Class.name).not.toBe(name); // really minified
      let instance: Error | undefined;
      for (const args of candidates) {
        try {
          instance = new Class(...args);
          break;
        } catch {
          // try the next argument list
        }
      }
      expect({ name, created: instance !== undefined }).toEqual({ name, created: true });
      expect(instance!.name).toBe(name);
    }
  });
});
