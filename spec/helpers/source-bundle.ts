import { build } from 'esbuild';
import { join } from 'node:path';

const src = join(__dirname, '..', '..', 'src');

/**
 * Bundles `contents` (an ES module whose imports are relative to `src/`) as an app's bundler would, packages left
 * out: the bundle's text and the source files it took in, for specs that check what a bundle carries.
 *
 * @example
 * const { text, inputs } = await bundleOfSource(`export { responseEvents } from './responses/response-events.js';`);
 * expect(inputs.filter((file) => file.includes('schema/responses/'))).toEqual([]);
 */
export async function bundleOfSource(contents: string): Promise<{ text: string; inputs: string[] }> {
  const result = await build({
    stdin: { contents, resolveDir: src, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    metafile: true,
    external: ['rxjs', 'eventsource-parser', 'zod', 'zod/*'],
  });
  return { text: result.outputFiles[0]!.text, inputs: Object.keys(result.metafile.inputs) };
}
