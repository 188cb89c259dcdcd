import { createAssistantsClient, type AssistantsStreamClient, type ClientOptions } from '../../src/index';
import { type Emulator, type EmulatorOptions, startEmulator } from '../../src/testing/index';

/** A running emulator (pacing 0, fast status steps) and a client of it, for one describe block. */
export function useEmulator(options: EmulatorOptions = {}, clientOptions: ClientOptions = {}) {
  const context = {} as { emulator: Emulator; client: AssistantsStreamClient; clientWith(o: ClientOptions): AssistantsStreamClient };
  beforeAll(async () => {
    context.emulator = await startEmulator({ pacing: 0, statusStepMs: 5, pollAfterMs: 5, ...options });
    context.clientWith = (o) => createAssistantsClient({ apiKey: 'test', baseURL: context.emulator.url, pollIntervalMs: 5, ...clientOptions, ...o });
    context.client = context.clientWith({});
  });
  afterEach(() => {
    context.emulator.clearFaults();
    context.emulator.clearScriptedAnswers();
  });
  afterAll(() => context.emulator.close());
  return context;
}

/**
 * {@link weatherTool} as the Responses API takes a function tool (name and parameters at the top). Without
 * `strict` it is strict there, so its schema follows the rules of strict mode (the emulator, as the API, refuses
 * it otherwise).
 */
export const responsesWeatherTool = {
  type: 'function' as const,
  name: 'get_weather',
  description: 'Current weather of a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
};

/** The weather function tool the scripted assistant calls when a message names it. */
export const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Current weather of a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};
