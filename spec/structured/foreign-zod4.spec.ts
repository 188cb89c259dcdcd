/**
 * A zod 4 schema made by another copy of zod than the library's (zod 3.25's `zod/v4`, installed here as `zod3`, as
 * an app on zod 3.25 writes its zod 4 schemas; or an app's older zod 4 that npm did not merge with the library's):
 * parsed by its own copy, so its messages are its zod's, and described as its own copy describes it.
 */
import { z } from 'zod3/v4';
import { StructuredOutputValidationError } from '../../src/index';
import { parseStructuredOutput, zodFunction, zodTextFormat } from '../../src/structured';

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
});
