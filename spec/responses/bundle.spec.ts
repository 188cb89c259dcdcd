/**
 * The default path of `responseEvents()` carries no OpenAPI schema: a bundle of it (and of the operators over it)
 * imports neither zod nor the schemas; importing `responseEventDataSchemas` for the `conformance` option brings
 * them in.
 */
import { build } from 'esbuild';
import { join } from 'node:path';

const src = join(__dirname, '..', '..', 'src');

async function bundle(contents: string): Promise<{ text: string; inputs: string[] }> {
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

describe('a bundle of responseEvents()', () => {
  it('imports neither zod nor the OpenAPI schemas of src/schema/responses', async () => {
    const { text, inputs } = await bundle(`
      export { responseEvents } from './responses/response-events.js';
      export { finalResponse } from './responses/operators/final-response.js';
      export { accumulateResponse } from './responses/operators/accumulate-response.js';
    `);
    expect(text).not.toMatch(/from "zod/);
    const schemas = inputs.filter((file) => file.includes('schema/responses/'));
    expect(schemas.map((file) => file.replace(/.*schema\/responses\//, '')).sort()).toEqual(['text-delta-template.ts', 'wire-checks.ts']);
  });

  it('brings them in only when the conformance schemas are imported', async () => {
    const { text } = await bundle(`
      export { responseEvents } from './responses/response-events.js';
      export { responseEventDataSchemas } from './schema/responses/stream-event.js';
    `);
    expect(text).toMatch(/from "zod/);
  });
});
