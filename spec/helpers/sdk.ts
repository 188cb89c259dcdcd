import OpenAI from 'openai';
import type { FunctionTool } from 'openai/resources/responses/responses';
import { type Emulator, type EmulatorOptions, startEmulator } from '../../src/testing/index';

/**
 * The official SDK fed with the given bytes as the body of a run stream: a client whose `fetch` answers every
 * request with them, so the SDK parses exactly what our library parses.
 */
export function sdkClientOver(chunks: readonly Uint8Array[]): OpenAI {
  return new OpenAI({
    apiKey: 'test',
    maxRetries: 0,
    fetch: async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            for (const chunk of chunks) controller.enqueue(chunk.slice());
            controller.close();
          },
        }),
        { status: 200, headers: { 'content-type': 'text/event-stream' } },
      ),
  });
}

/** The SDK's AssistantStream over the bytes. */
export function sdkAssistantStream(chunks: readonly Uint8Array[]) {
  return sdkClientOver(chunks).beta.threads.runs.stream('thread_123', { assistant_id: 'asst_123' });
}

/**
 * A value of the SDK without the `parsed` / `parsed_arguments` / `output_parsed` fields it adds (`null` without a
 * parseable format) to messages, tool calls, responses and events: this library never adds them to snapshots
 * (`rx-openai-stream/structured` parses with operators instead), so comparisons leave them out.
 */
export function withoutParsed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutParsed);
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === 'parsed' || key === 'parsed_arguments' || key === 'output_parsed') continue;
    copy[key] = withoutParsed(v);
  }
  return copy;
}

/**
 * A running emulator and the official SDK's client of it, for one describe block (no retries, so a fault shows as
 * the SDK's own error): `const sdk = useEmulatorAndSdk(); ... sdk.client.responses.create(...)`.
 */
export function useEmulatorAndSdk(options: EmulatorOptions = { pacing: 0 }) {
  const context = {} as { emulator: Emulator; client: OpenAI };
  beforeAll(async () => {
    context.emulator = await startEmulator(options);
    context.client = new OpenAI({ apiKey: 'test', baseURL: context.emulator.url, maxRetries: 0 });
  });
  afterAll(() => context.emulator.close());
  return context;
}

/** A strict Responses function tool, typed as the official SDK declares it, for the SDK-against-emulator specs. */
export const strictWeatherTool: FunctionTool = {
  type: 'function',
  name: 'get_weather',
  description: 'The weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
  strict: true,
};

/**
 * An async iterable of `stream`'s values that keeps each value it passes on in `given`: to check afterwards that
 * nothing that read them changed them.
 */
export function keepingValues<T>(stream: AsyncIterable<T>): { values: AsyncIterable<T>; given: T[] } {
  const given: T[] = [];
  return {
    given,
    values: {
      async *[Symbol.asyncIterator]() {
        for await (const value of stream) yield given[given.push(value) - 1]!;
      },
    },
  };
}
