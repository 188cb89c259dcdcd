/**
 * The Angular example's state (examples/angular-chat/src/app/chat.ts, the `Chat` service) in Node: a zoneless app
 * with the example's providers, whose client talks to the example's relay (examples/angular-chat/server/relay.ts)
 * in front of the emulator, over real HTTP. What the page shows comes from these signals; the browser spec
 * (spec/browser/angular-chat.spec.ts) drives the built page, this one the conversations' state between turns.
 */
import '@angular/compiler'; // first: Angular's packages are partially compiled (JIT finishes them in tests)
import { provideHttpClient, withFetch } from '@angular/common/http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { provideOpenAIStream, type StreamSignals } from '../../src/angular/index';
import { startEmulator, type Emulator } from '../../src/testing/index';
import { startRelay, type Relay } from '../../examples/angular-chat/server/relay';
import type { Signal, Type } from '@angular/core';
import type { ResponseStreamEvent } from '../../src/index';
import { browserApp } from './app';
import { until } from '../helpers/until';

// The app imports the library by its package name (examples/angular-chat/tsconfig.json maps it to src/).
jest.mock('rx-openai-stream/angular', () => jest.requireActual('../../src/angular/index'), { virtual: true });

/**
 * What the spec reads of the app's `Chat` and its messages. Loaded with `require()`: the app is type-checked by its
 * own build (its tsconfig resolves `rx-openai-stream` to src/), not by the project's.
 */
interface Message {
  readonly id: number;
  readonly answer: StreamSignals<
    ResponseStreamEvent,
    { readonly responseId: string | undefined; readonly tools: ReadonlyArray<{ readonly name: string; readonly done: boolean }>; readonly cutShort?: string }
  >;
}
interface Chat {
  readonly messages: Signal<readonly Message[]>;
  readonly status: Signal<string>;
  send(conversation: 'A' | 'B', prompt: string): void;
  stop(): void;
}
const { Chat } = require('../../examples/angular-chat/src/app/chat') as { Chat: Type<Chat> };

/** The answer the emulator gives once a tool's output came: long enough to stop it midway (a word every 20 ms). */
const TOOL_ANSWER = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');

describe('examples/angular-chat: the Chat state over the relay and the emulator', () => {
  let dir: string;
  let emulator: Emulator;
  let relay: Relay;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'angular-chat-state-'));
    emulator = await startEmulator({ pacing: { eventMs: 1, deltaMs: 20 } });
    relay = await startRelay({ browserDir: dir, upstream: { apiKey: 'emulator', baseURL: emulator.url, maxRetries: 0 }, model: 'gpt-4.1-mini' });
  });

  afterEach(() => {
    emulator.clearScriptedAnswers();
    emulator.clearFaults();
  });

  afterAll(async () => {
    await relay?.close();
    await emulator?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The app's providers (src/main.ts), pointed at the relay (`via`, default the spec's). */
  async function chat(via: Relay = relay): Promise<Chat> {
    const app = await browserApp([provideHttpClient(withFetch()), provideOpenAIStream({ baseURL: `${via.url}api/v1`, maxRetries: 3 })]);
    return app.injector.get(Chat);
  }

  const settled = async (message: Message) => {
    await until(() => !message.answer.inProgress() && message.answer.status() !== 'idle', { what: `message ${message.id} to settle` });
    return { status: message.answer.status(), text: message.answer.text(), error: message.answer.error() };
  };

  it('Stop before the answer began cancels the response upstream all the same (the browser never learnt its id)', async () => {
    const state = await chat();
    // The API takes its time to answer the request: the response exists, its first event is not out yet.
    emulator.inject({ kind: 'delay', ms: 400, headersFirst: false }, { match: { method: 'POST', path: '/v1/responses' } });
    const before = emulator.requests.length;
    state.send('A', `Stop me before I start. ${TOOL_ANSWER}`);
    await until(() => emulator.requests.slice(before).some((record) => record.method === 'POST' && record.path === '/v1/responses'), { what: 'the relay to ask the API' });
    state.stop();
    expect(await settled(state.messages()[0]!)).toMatchObject({ status: 'stopped', text: '' });
    const post = emulator.requests.slice(before).find((record) => record.method === 'POST' && record.path === '/v1/responses')!;
    expect((await post.ended).outcome).toBe('client-closed');
    // The relay read on until the response's id came, and cancelled it.
    const cancel = await emulator.waitForRequest({ method: 'POST', path: /^\/v1\/responses\/resp_[^/]+\/cancel$/, after: before, timeout: 5000 });
    expect((await cancel.ended).status).toBe(200);
    const id = /resp_[^/]+/.exec(cancel.path)![0];
    const stored = await fetch(`${emulator.url}/responses/${id}`, { headers: { authorization: 'Bearer emulator' } });
    expect(await stored.json()).toMatchObject({ id, status: 'cancelled' });
  });

  it("an answer cut at the relay's max_output_tokens says so, and the conversation goes on from it", async () => {
    const capped = await startRelay({ browserDir: dir, upstream: { apiKey: 'emulator', baseURL: emulator.url, maxRetries: 0 }, model: 'gpt-4.1-mini', maxOutputTokens: 16 });
    try {
      const state = await chat(capped);
      const before = emulator.requests.length;
      state.send('A', `Tell me a long story: ${TOOL_ANSWER}`); // an answer of some sixty words, cut at sixteen tokens
      const [asked] = state.messages();
      expect(await settled(asked!)).toMatchObject({ status: 'done', error: undefined });
      expect(asked!.answer.snapshot()).toMatchObject({ cutShort: 'max_output_tokens' });
      expect(state.status()).toBe('Done, cut short (max_output_tokens)');
      const posted = emulator.requests.slice(before).filter((record) => record.method === 'POST' && record.path === '/v1/responses');
      expect(posted[0]!.body).toMatchObject({ max_output_tokens: 16 });

      state.send('A', 'Go on');
      const next = state.messages()[1]!;
      await settled(next);
      const chained = emulator.requests.slice(before).filter((record) => record.method === 'POST' && record.path === '/v1/responses')[1]!;
      expect(chained.body).toMatchObject({ previous_response_id: asked!.answer.snapshot()!.responseId });
    } finally {
      await capped.close();
    }
  });

  it('a conversation stopped during its tool round goes on: the next prompt does not chain onto unanswered tool calls', async () => {
    emulator.scriptAnswer({ text: TOOL_ANSWER }, { match: { when: (request) => request.toolOutputs.length > 0 } });
    const state = await chat();
    state.send('A', 'Please get weather in Oslo');
    const [asked] = state.messages();
    // The tool call came, the relay ran it, and the answer made from its output is streaming: Stop.
    await until(() => asked!.answer.text() !== '', { what: 'the answer after the tool call' });
    expect(asked!.answer.snapshot()?.tools).toEqual([expect.objectContaining({ name: 'get_weather', done: true })]);
    state.stop();
    expect(await settled(asked!)).toMatchObject({ status: 'stopped' });

    state.send('A', 'Something else then');
    const next = state.messages()[1]!;
    expect(await settled(next)).toEqual({ status: 'done', text: 'You said: Something else then', error: undefined });
  });
});
