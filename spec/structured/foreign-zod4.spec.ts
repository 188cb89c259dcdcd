/**
 * A zod 4 schema made by another copy of zod than the library's (zod 3.25's `zod/v4`, installed here as `zod3`, as
 * an app on zod 3.25 writes its zod 4 schemas; or an app's older zod 4 that npm did not merge with the library's):
 * parsed by its own copy, so its messages are its zod's, and described as its own copy describes it.
 */
import { z as z4 } from 'zod';
import { z } from 'zod3/v4';
import { StructuredOutputValidationError } from '../../src/index';
import { parseStructuredOutput, toStrictJsonSchema, zodFunction, zodTextFormat } from '../../src/structured';

const response = (text: string) =>
  ({
    id: 'resp_1',
    object: 'response',
    created_at: 0,
    status: 'completed',
    model: 'gpt-4o',
    output: [{ type: 'message', id: 'msg_1', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text, annotations: [] }] }],
  }) as never;

describe('a zod 4 schema of another copy of zod', () => {
  it("a value it refuses: the issues' messages are its zod's, the cause its ZodError", () => {
    const Weather = z.object({ city: z.string(), celsius: z.number() });
    const expected = Weather.safeParse({ city: 42, celsius: 'warm' }).error!;
    let error: unknown;
    try {
      parseStructuredOutput(response('{"city": 42, "celsius": "warm"}'), Weather as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StructuredOutputValidationError);
    const issues = (error as StructuredOutputValidationError).issues.map((issue) => issue.message);
    expect(issues).toEqual(expected.issues.map((issue) => issue.message));
    expect(issues[0]).toMatch(/expected string/);
    expect((error as Error).cause).toBeInstanceOf(z.ZodError);
    // A value it takes: its output.
    expect(parseStructuredOutput(response('{"city": "Oslo", "celsius": 3}'), Weather as never)).toEqual({ city: 'Oslo', celsius: 3 });
  });

  it("its descriptions reach the JSON schema sent to the model, as the SDK's conversion with the app's zod sends them", () => {
    const Weather = z
      .object({ city: z.string().describe('The city, in English'), unit: z.enum(['C', 'F']).nullable().describe('Temperature unit') })
      .describe('A weather query');
    type Described = { description?: string; properties: Record<string, { description?: string }> };
    const sent = zodTextFormat(Weather as never, 'weather').schema as Described;
    expect([sent.description, sent.properties['city']?.description, sent.properties['unit']?.description]).toEqual([
      'A weather query',
      'The city, in English',
      'Temperature unit',
    ]);
    const parameters = zodFunction({ name: 'get_weather', parameters: Weather as never }).function.parameters as Described;
    expect(parameters.properties['city']?.description).toBe('The city, in English');
  });

  it("a description given to a wrapper (a default, a readonly) is the wrapper's, not its inner schema's, as its zod writes it", () => {
    const Settings = z.object({
      unit: z.enum(['C', 'F']).describe('A unit').default('C').describe('The unit the answer uses'),
      place: z.object({ city: z.string() }).describe('A place').readonly().describe('Where the weather is asked for'),
    });
    const own = z.toJSONSchema(Settings, { target: 'draft-7' }) as { properties: Record<string, { description?: string }> };
    const sent = toStrictJsonSchema(Settings as never) as { properties: Record<string, { description?: string }> };
    expect([sent.properties['unit']?.description, sent.properties['place']?.description]).toEqual([
      own.properties['unit']?.description,
      own.properties['place']?.description,
    ]);
    expect(sent.properties['unit']?.description).toBe('The unit the answer uses');
    const Settings4 = z4.object({
      unit: z4.enum(['C', 'F']).describe('A unit').default('C').describe('The unit the answer uses'),
      place: z4.object({ city: z4.string() }).describe('A place').readonly().describe('Where the weather is asked for'),
    });
    expect(sent).toEqual(toStrictJsonSchema(Settings4));
  });

  it('a schema with an id is written once among the definitions and referred to, as its zod writes it and as the same schema of the library\'s zod is', () => {
    // zod 3.25 refuses an id twice in its registry: one schema per id in this file.
    const Address = z.object({ street: z.string(), city: z.string().describe('The city') }).meta({ id: 'Address', description: 'A postal address' });
    const Person = z.object({ home: Address, work: Address.nullable() });
    const own = z.toJSONSchema(Person, { target: 'draft-7' }) as { definitions: { Address: Record<string, unknown> } };
    // zod 3.25 leaves the id in the definition it names; zod 4.1 on writes it as the definition's name only.
    const { id, ...address } = own.definitions.Address;
    expect(id).toBe('Address');
    const sent = toStrictJsonSchema(Person as never);
    expect(sent).toEqual({ ...own, definitions: { Address: address } });
    expect(sent).toMatchObject({ properties: { home: { $ref: '#/definitions/Address' }, work: { anyOf: [{ $ref: '#/definitions/Address' }, { type: 'null' }] } } });

    const Address4 = z4.object({ street: z4.string(), city: z4.string().describe('The city') }).meta({ id: 'Address', description: 'A postal address' });
    expect(sent).toEqual(toStrictJsonSchema(z4.object({ home: Address4, work: Address4.nullable() })));
    // Described where it is used, and as the whole schema (made an object at the root, its definition kept).
    const Order = z.object({ from: Address.describe('The sender'), to: Address });
    expect(toStrictJsonSchema(Order as never)).toEqual(toStrictJsonSchema(z4.object({ from: Address4.describe('The sender'), to: Address4 })));
    expect(toStrictJsonSchema(Order as never)).toMatchObject({ properties: { from: { $ref: '#/definitions/Address', description: 'The sender' } } });
    expect(toStrictJsonSchema(Address as never)).toEqual(toStrictJsonSchema(Address4));
  });
});

