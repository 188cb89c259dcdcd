/**
 * Every event type of the official SDK's `ResponseStreamEvent` union is one this library knows: `strict` mode
 * refuses the types it does not know, so a type the SDK's union has and this library lacks fails a stream the API
 * sends, with `strict: true`. The union is read from the SDK's declarations (the installed `openai`), so upgrading
 * the SDK to one with a new event type fails here, naming it, until the type is added (see docs/CONTRIBUTING.md,
 * "A new event type of an existing API"). `spec/schema/openai-types-responses.types.ts` holds the declared types to
 * the same union at compile time; this holds what the reader knows at run time.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { responseWireChecks } from '../../src/index';
import { responseEventDataSchemas } from '../../src/schemas';

const declarations = readFileSync(join(dirname(require.resolve('openai')), 'resources', 'responses', 'responses.d.ts'), 'utf8');

/** The `type` of each member of the SDK's `ResponseStreamEvent` union, by the member's name. */
function sdkEventTypes(): Map<string, string> {
  const union = /^export type ResponseStreamEvent = ([^;]+);$/m.exec(declarations);
  if (union === null) throw new Error('openai: no ResponseStreamEvent union in responses.d.ts');
  const types = new Map<string, string>();
  for (const member of union[1]!.split('|').map((name) => name.trim())) {
    // The interface's own fields are indented once; its nested types are declared in a namespace of their own.
    const body = new RegExp(`^export interface ${member} \\{\\n([\\s\\S]*?)^\\}$`, 'm').exec(declarations)?.[1];
    const type = body === undefined ? undefined : /^ {4}type: '([^']+)';$/m.exec(body)?.[1];
    if (type === undefined) throw new Error(`openai: no \`type\` found for ${member}, a member of ResponseStreamEvent`);
    types.set(member, type);
  }
  return types;
}

describe("the official SDK's Responses stream events", () => {
  const sdk = sdkEventTypes();
  const sdkTypes = [...sdk.values()].sort();

  it('are read from the installed SDK (every member of its union, each with its type)', () => {
    expect(sdk.get('ResponseTextDeltaEvent')).toBe('response.output_text.delta');
    expect(sdk.get('ResponseErrorEvent')).toBe('error');
    expect(new Set(sdkTypes).size).toBe(sdk.size);
  });

  it('are every one known to the reader (strict mode passes them) and to the OpenAPI schemas', () => {
    expect(sdkTypes.filter((type) => !Object.hasOwn(responseWireChecks, type))).toEqual([]);
    expect(sdkTypes.filter((type) => !Object.hasOwn(responseEventDataSchemas, type))).toEqual([]);
  });

  it('are all the reader knows: it names no event type the SDK lacks', () => {
    expect(Object.keys(responseWireChecks).filter((type) => !sdkTypes.includes(type))).toEqual([]);
  });
});
