/**
 * The default path of `responseEvents()` carries no OpenAPI schema: a bundle of it (and of the operators over it)
 * imports neither zod nor the schemas; importing `responseEventDataSchemas` for the `conformance` option brings
 * them in.
 */
import { bundleOfSource as bundle } from '../helpers/source-bundle';

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
