import { lastValueFrom, toArray } from 'rxjs';
import { z } from 'zod';
import { StructuredOutputIncompleteError, StructuredOutputValidationError } from '../../src/index';
import { parsedToolCalls, zodFunction, zodResponsesFunction } from '../../src/structured';
import { useEmulator } from '../helpers/emulator';

// The emulator answers a message naming a tool with a call to it; JSON in the message becomes the arguments.
describe('parsedToolCalls against the emulator (real HTTP)', () => {
  const ctx = useEmulator();
  const GetWeather = z.object({ city: z.string(), days: z.number() });
  const content = 'What does get_weather say? {"city": "Rome", "days": 3}';

  it('Chat Completions: a strict zodFunction tool, its call parsed and validated', async () => {
    const calls = await lastValueFrom(
      ctx.client.chat.completions
        .stream({ model: 'gpt-4o', messages: [{ role: 'user', content }], tools: [zodFunction({ name: 'get_weather', parameters: GetWeather })] })
        .pipe(parsedToolCalls({ get_weather: GetWeather }), toArray()),
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ name: 'get_weather', parsedArguments: { city: 'Rome', days: 3 }, index: 0 });
    expect(calls[0]!.callId).toMatch(/^call_/);
  });

  it('Responses: a strict zodResponsesFunction tool, its call parsed and validated', async () => {
    const calls = await lastValueFrom(
      ctx.client.responses
        .stream({ model: 'gpt-4o', input: content, tools: [zodResponsesFunction({ name: 'get_weather', parameters: GetWeather })] })
        .pipe(parsedToolCalls({ get_weather: GetWeather }), toArray()),
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ name: 'get_weather', parsedArguments: { city: 'Rome', days: 3 } });
  });

  it('arguments the schema refuses are a StructuredOutputValidationError naming the call', async () => {
    const Stricter = GetWeather.extend({ days: z.number().max(2) });
    const error = await lastValueFrom(
      ctx.client.responses
        .stream({ model: 'gpt-4o', input: content, tools: [zodResponsesFunction({ name: 'get_weather', parameters: GetWeather })] })
        .pipe(parsedToolCalls({ get_weather: Stricter })),
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StructuredOutputValidationError);
    expect((error as StructuredOutputValidationError).toolName).toBe('get_weather');
    expect((error as StructuredOutputValidationError).issues[0]!.path).toEqual(['days']);
  });

  it('Responses: a call max_output_tokens cut (done as incomplete) is a StructuredOutputIncompleteError with its arguments so far', async () => {
    const long = 'a very long text that the token limit cuts '.repeat(10);
    ctx.emulator.scriptAnswer({ toolCalls: [{ name: 'write', arguments: { text: long } }] }, { times: 1 });
    const Write = z.object({ text: z.string() });
    const error = await lastValueFrom(
      ctx.client.responses
        .stream({ model: 'gpt-4o', input: 'write', tools: [zodResponsesFunction({ name: 'write', parameters: Write })], max_output_tokens: 16 })
        .pipe(parsedToolCalls({ write: Write })),
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StructuredOutputIncompleteError);
    expect(error).toMatchObject({ reason: 'incomplete', finishReason: 'max_output_tokens' });
    const text = (error as StructuredOutputIncompleteError).text;
    expect(text.length).toBeGreaterThan(0);
    expect(JSON.stringify({ text: long }).startsWith(text)).toBe(true);
  });
});
