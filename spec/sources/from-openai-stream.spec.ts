import OpenAI from 'openai';
import { first, lastValueFrom, type Observable, retry, tap, toArray } from 'rxjs';
import {
  assistantEvents,
  AssistantStreamError,
  ChatCompletionStreamError,
  chatCompletionChunks,
  finalChatCompletion,
  finalResponse,
  fromOpenAIStream,
  IncompleteStreamError,
  ResponseStreamError,
  responseEvents,
  type ResponseStreamEvent,
  StreamParseError,
} from '../../src/index';
import { encode, fixtureBytes, fixtureNames, streamOf, withPublishedTypoFixed } from '../helpers/bytes';
import { sdkAssistantStream } from '../helpers/sdk';
import { type Emulator, startEmulator } from '../../src/testing/index';
import { until } from '../helpers/until';

// The official SDK's `Stream` (and its helpers' streams) end quietly both at `[DONE]` and at a cut body: adopted,
// they must be judged as this library's own source judges the same bytes. Each test feeds the same bytes to both.

/** The official SDK answering its requests with the given bodies in turn (the last one again after them). */
function sdkOver(...bodies: string[]): OpenAI {
  let request = 0;
  return new OpenAI({
    apiKey: 'test',
    maxRetries: 0,
    fetch: async () =>
      new Response(streamOf([encode(bodies[Math.min(request++, bodies.length - 1)]!)]), {
        status: 200,
        headers: { 'content-type': 'text/event-stream' },
      }),
  });
}

const responsesOf = (body: string) => (signal: AbortSignal) =>
  sdkOver(body).responses.create({ model: 'gpt-4o', input: 'Hi', stream: true }, { signal });
const chatOf = (body: string) => (signal: AbortSignal) =>
  sdkOver(body).chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true }, { signal });
const runOf = (body: string) => (signal: AbortSignal) =>
  sdkOver(body).beta.threads.runs.create('thread_123', { assistant_id: 'asst_123', stream: true }, { signal });

interface Outcome<T> {
  values: T[];
  /** The error's class, message and fields; `undefined` for a completion. */
  error: Record<string, unknown> | undefined;
}

async function outcome<T>(values$: Observable<T>): Promise<Outcome<T>> {
  const values: T[] = [];
  const error = await new Promise<unknown>((resolve) =>
    values$.subscribe({ next: (value) => values.push(value), error: resolve, complete: () => resolve(undefined) }),
  );
  return { values, error: error === undefined ? undefined : described(error) };
}

function described(error: unknown): Record<string, unknown> {
  const e = error as Error;
  return { class: e.constructor, message: e.message, ...Object.fromEntries(Object.entries(e)) };
}

const sseResponse = (body: string) => new Response(body, { headers: { 'content-type': 'text/event-stream' } });
const text = (folder: string, name: string) => new TextDecoder().decode(fixtureBytes(folder, name));
/** The SSE events of a body, each with its blank line. */
const frames = (body: string) =>
  body
    .split('\n\n')
    .filter((frame) => frame.trim() !== '')
    .map((frame) => `${frame}\n\n`);
const dataOf = (frame: string) => /^data: (.*)$/m.exec(frame)![1]!;

describe('fromOpenAIStream(SDK Responses stream): judged as responseEvents() judges the same bytes', () => {
  const recorded = frames(text('responses-recorded', 'web-search-annotations.sse'));
  // Cut after the fifth text delta: no terminal event.
  const deltas = recorded.flatMap((frame, i) => (frame.startsWith('event: response.output_text.delta\n') ? [i] : []));
  const fifthDelta = deltas[4]!;
  const cut = recorded.slice(0, fifthDelta + 1).join('');
  const created = JSON.parse(dataOf(recorded[0]!)) as { response: Record<string, unknown> };
  const failedEvent = {
    type: 'response.failed',
    sequence_number: fifthDelta + 1,
    response: { ...created.response, status: 'failed', error: { code: 'server_error', message: 'The model failed' } },
  };
  const failed = `${cut}event: response.failed\ndata: ${JSON.stringify(failedEvent)}\n\n`;
  const errorEvent = { type: 'error', code: 'server_error', message: 'The server had an error', param: null, sequence_number: fifthDelta + 1 };

  it('a stream cut mid-text fails with the IncompleteStreamError of responseEvents(), after the same events', async () => {
    const direct = await outcome(responseEvents(sseResponse(cut)));
    expect(direct.error?.['class']).toBe(IncompleteStreamError);
    expect(direct.values).toHaveLength(fifthDelta + 1);
    expect(await outcome(fromOpenAIStream(responsesOf(cut)))).toEqual(direct);
    // The SDK's ResponseStream helper ends as quietly.
    expect(await outcome(fromOpenAIStream(sdkOver(cut).responses.stream({ model: 'gpt-4o', input: 'Hi' })))).toEqual(direct);
  });

  it('finalResponse() of a cut stream is that error, never the response in progress', async () => {
    const adopted = await outcome(fromOpenAIStream(responsesOf(cut)).pipe(finalResponse()));
    expect(adopted).toEqual(await outcome(responseEvents(sseResponse(cut)).pipe(finalResponse())));
    expect(adopted.error?.['class']).toBe(IncompleteStreamError);
  });

  it('`response.failed` fails with the ResponseStreamError of responseEvents(), holding the failed response', async () => {
    const direct = await outcome(responseEvents(sseResponse(failed)));
    expect(direct.error?.['class']).toBe(ResponseStreamError);
    expect(direct.error?.['response']).toEqual(failedEvent.response);
    expect(await outcome(fromOpenAIStream(responsesOf(failed)))).toEqual(direct);
    expect(await outcome(fromOpenAIStream(responsesOf(failed)).pipe(finalResponse()))).toEqual(
      await outcome(responseEvents(sseResponse(failed)).pipe(finalResponse())),
    );
  });

  it('an `error` event fails with the ResponseStreamError of responseEvents(), whether the SDK passes it on or throws its APIError for it', async () => {
    // Without an `event:` line (as a relay may write it) the SDK passes the event on as a value.
    const body = `${cut}data: ${JSON.stringify(errorEvent)}\n\n`;
    const direct = await outcome(responseEvents(sseResponse(body)));
    expect(direct.error?.['class']).toBe(ResponseStreamError);
    expect(direct.error?.['eventType']).toBe('error');
    expect(await outcome(fromOpenAIStream(responsesOf(body)))).toEqual(direct);
    // Named on its `event:` line, the SDK throws its APIError (no status) for it: read back as the event it was.
    const named = `${cut}event: error\ndata: ${JSON.stringify(errorEvent)}\n\n`;
    const namedDirect = await outcome(responseEvents(sseResponse(named)));
    expect(namedDirect.error).toMatchObject({ class: ResponseStreamError, code: 'server_error', eventType: 'error', sequenceNumber: fifthDelta + 1 });
    expect(await outcome(fromOpenAIStream(responsesOf(named)))).toEqual(namedDirect);
  });
});

describe('fromOpenAIStream(SDK chat stream): judged by what the chunks tell (the SDK passes no [DONE] on)', () => {
  it('a stream cut before its finish_reason fails with the IncompleteStreamError of chatCompletionChunks()', async () => {
    const cut = frames(text('chat-completions', 'plain-text.sse')).slice(0, 5).join('');
    const direct = await outcome(chatCompletionChunks(sseResponse(cut)));
    expect(direct.error?.['class']).toBe(IncompleteStreamError);
    expect(await outcome(fromOpenAIStream(chatOf(cut)))).toEqual(direct);
    // Not a MissingCompletionError of the final operator: the stream itself was cut.
    expect(await outcome(fromOpenAIStream(chatOf(cut)).pipe(finalChatCompletion()))).toEqual(
      await outcome(chatCompletionChunks(sseResponse(cut)).pipe(finalChatCompletion())),
    );
  });

  it("an error chunk fails with the ChatCompletionStreamError of chatCompletionChunks() (the SDK throws its APIError for it)", async () => {
    const body = `${frames(text('chat-completions', 'plain-text.sse')).slice(0, 3).join('')}data: ${JSON.stringify({ error: { message: 'Overloaded', type: 'server_error', code: 'overloaded', param: null } })}\n\n`;
    const direct = await outcome(chatCompletionChunks(sseResponse(body)));
    expect(direct.error).toMatchObject({ class: ChatCompletionStreamError, code: 'overloaded', type: 'server_error' });
    expect(await outcome(fromOpenAIStream(chatOf(body)))).toEqual(direct);
  });

  it("(Assistants) an `event: error` fails with the AssistantStreamError of assistantEvents(), though the SDK's AssistantStream throws its APIError for it", async () => {
    const run = { id: 'run_1', object: 'thread.run', thread_id: 'thread_123', assistant_id: 'asst_123', status: 'queued' };
    const body = `event: thread.run.created\ndata: ${JSON.stringify(run)}\n\nevent: error\ndata: ${JSON.stringify({ error: { message: 'boom', code: 'server_error' } })}\n\n`;
    const direct = await outcome(assistantEvents(sseResponse(body)));
    const adopted = await outcome(fromOpenAIStream(sdkAssistantStream([encode(body)]) as never));
    const shown = (o: typeof direct) => ({ values: o.values, error: { class: o.error?.['class'], code: o.error?.['code'], message: o.error?.['message'] } });
    expect(shown(direct)).toEqual({ values: [expect.objectContaining({ event: 'thread.run.created' })], error: { class: AssistantStreamError, code: 'server_error', message: 'The stream reported an error (server_error): boom' } });
    // The same error; its raw data is what the SDK kept of the event (the `error` object it threw), not the event's own.
    expect(shown(adopted)).toEqual(shown(direct));
  });

  it("an event the SDK could not parse is a cut (it says so without the data, as for the half event of a body cut mid-event), from its raw stream and from its helper", async () => {
    const whole = frames(text('chat-completions', 'plain-text.sse'));
    const quiet = { error() {}, warn() {}, info() {}, debug() {} };
    // A body cut in the middle of an event, and one with an event of bad JSON: the SDK says the same of both. And
    // a body cut after the finish chunk, in the middle of `[DONE]`.
    const finished = whole.findIndex((frame) => frame.includes('"finish_reason":"stop"')) + 1;
    for (const body of [
      `${whole.slice(0, 2).join('')}${whole[2]!.slice(0, 30)}`,
      `${whole.slice(0, 2).join('')}data: {"id":\n\n`,
      `${whole.slice(0, finished).join('')}data: [DO`,
    ]) {
      const direct = await outcome(chatCompletionChunks(sseResponse(body)));
      const sdk = () => new OpenAI({ apiKey: 'test', maxRetries: 0, logger: quiet, fetch: async () => sseResponse(body) });
      const raw = (signal: AbortSignal) => sdk().chat.completions.create({ model: 'gpt-4o', messages: [], stream: true }, { signal });
      const helper = (signal: AbortSignal) => sdk().chat.completions.stream({ model: 'gpt-4o', messages: [] }, { signal });
      for (const source of [raw, helper]) {
        const adopted = await outcome(fromOpenAIStream(source as never));
        expect(adopted.error?.['class']).toBe(IncompleteStreamError);
        const error = await lastValueFrom(fromOpenAIStream(source as never)).catch((e: unknown) => e);
        expect((error as Error).cause).toMatchObject({ message: expect.stringMatching(/malformed server-sent event JSON/) });
        expect(adopted.values).toEqual(direct.values);
      }
    }
  });

  it("the SDK helper's own parse of a structured answer that is no JSON fails with its error as it is (no fault of the stream)", async () => {
    const body = text('chat-completions', 'plain-text.sse');
    const format = { type: 'json_schema' as const, json_schema: { name: 'a', strict: true, schema: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], additionalProperties: false } } };
    const helper = (signal: AbortSignal) => sdkOver(body).chat.completions.stream({ model: 'gpt-4o', messages: [], response_format: format }, { signal });
    const adopted = await outcome(fromOpenAIStream(helper));
    expect(adopted.error?.['class']).toBe(OpenAI.OpenAIError);
    expect(adopted.error?.['message']).toMatch(/structured output/);
    // The helper parses as the content comes, and gives up at its first words: the chunks before, as they came.
    const direct = (await outcome(chatCompletionChunks(sseResponse(body)))).values;
    expect(adopted.values).toEqual(direct.slice(0, adopted.values.length));
  });

  it("the SDK helper's own refusal of a finished answer (its schema check) fails with its error as it is, never as a cut", async () => {
    const chunk = (delta: object, finish: string | null = null) =>
      `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`;
    const body = `${chunk({ role: 'assistant', content: '' })}${chunk({ content: '{"a":5}' })}${chunk({}, 'stop')}data: [DONE]\n\n`;
    const format = { type: 'json_schema' as const, json_schema: { name: 'a', strict: true, schema: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], additionalProperties: false } } };
    // A parser of the SDK's own (as its zod helpers make them) that refuses the answer's value.
    const refusing = { ...format, $parseRaw: () => { throw new Error('a must be a string'); } };
    const helper = (signal: AbortSignal) => sdkOver(body).chat.completions.stream({ model: 'gpt-4o', messages: [], response_format: refusing as never }, { signal });
    const adopted = await outcome(fromOpenAIStream(helper));
    expect(adopted.error?.['class']).not.toBe(IncompleteStreamError);
    expect(adopted.error?.['message']).toMatch(/a must be a string/);
    expect(adopted.values).toHaveLength(3);
  });

  it('an error chunk whose error is a string (a compatible server) is the ChatCompletionStreamError of chatCompletionChunks() too', async () => {
    const body = `${frames(text('chat-completions', 'plain-text.sse')).slice(0, 2).join('')}data: ${JSON.stringify({ error: 'Input validation error', error_type: 'validation' })}\n\n`;
    const direct = await outcome(chatCompletionChunks(sseResponse(body)));
    expect(direct.error?.['class']).toBe(ChatCompletionStreamError);
    const adopted = await outcome(fromOpenAIStream(chatOf(body)));
    expect(adopted.error?.['class']).toBe(ChatCompletionStreamError);
    // (The SDK keeps the error alone: the chunk's other fields, `error_type` here, are not in the excerpt.)
    expect(adopted.error?.['message']).toBe('The stream reported an error: {"error":"Input validation error"}');
    expect(adopted.values).toEqual(direct.values);
  });

  it("the SDK helper's own complaint about a cut (chat.completions.stream(): missing finish_reason) is a cut, IncompleteStreamError with it as cause", async () => {
    const cut = frames(text('chat-completions', 'plain-text.sse')).slice(0, 5).join('');
    const helper = (signal: AbortSignal) => sdkOver(cut).chat.completions.stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }, { signal });
    const adopted = await outcome(fromOpenAIStream(helper));
    expect(adopted.error?.['class']).toBe(IncompleteStreamError);
    expect(adopted.values).toEqual((await outcome(chatCompletionChunks(sseResponse(cut)))).values);
    const error = await lastValueFrom(fromOpenAIStream(helper)).catch((e: unknown) => e);
    expect(((error as Error).cause as Error).message).toMatch(/finish_reason/);
  });

  it('with several choices, one of them unfinished is a cut', async () => {
    const all = frames(text('chat-completions', 'three-choices-content-and-refusal.sse'));
    const firstFinish = all.findIndex((frame) => /"finish_reason":"\w+"/.test(frame));
    const cut = all.slice(0, firstFinish + 1).join('');
    const direct = await outcome(chatCompletionChunks(sseResponse(cut)));
    expect(direct.error?.['class']).toBe(IncompleteStreamError);
    expect(direct.error?.['finishReason']).toBeDefined();
    expect(await outcome(fromOpenAIStream(chatOf(cut)))).toEqual(direct);
  });

  it('a stream cut between its last finish_reason and its usage chunk completes, with the chunks it had', async () => {
    // `"usage": null` in every chunk says a usage chunk may come, but relays write it whether or not it was asked for:
    // waiting for it would report their every answer as cut. The answer is whole; only the token counts are missing.
    const all = frames(text('chat-recorded', 'openai-text-obfuscation.sse'));
    const cut = all.slice(0, -2).join(''); // every chunk but the usage chunk (and [DONE])
    expect(all.at(-3)).toContain('"finish_reason":"stop"');
    expect(all.at(-3)).toContain('"usage":null');
    const direct = await outcome(chatCompletionChunks(sseResponse(cut)));
    expect(direct.error?.['class']).toBe(IncompleteStreamError); // the event stream has no [DONE]: it knows
    const adopted = await outcome(fromOpenAIStream(chatOf(cut)));
    expect(adopted).toEqual({ values: direct.values, error: undefined });
  });
});

describe('fromOpenAIStream(SDK run stream): judged as assistantEvents() judges the end of a body', () => {
  it('a run stream cut mid-run fails with the IncompleteStreamError of assistantEvents()', async () => {
    const all = frames(new TextDecoder().decode(withPublishedTypoFixed(fixtureBytes('assistants', 'create-run.sse'))));
    const cut = all.slice(0, all.findIndex((frame) => frame.startsWith('event: thread.message.completed'))).join('');
    const direct = await outcome(assistantEvents(sseResponse(cut)));
    expect(direct.error?.['class']).toBe(IncompleteStreamError);
    expect(direct.error?.['lastRunStatus']).toBe('in_progress');
    expect(await outcome(fromOpenAIStream(runOf(cut)))).toEqual(direct);
    // The SDK's AssistantStream throws an error of its own there: a cut all the same, with that error as its cause.
    const helper = await outcome(fromOpenAIStream(sdkOver(cut).beta.threads.runs.stream('thread_123', { assistant_id: 'asst_123' })));
    expect(helper.values).toEqual(direct.values);
    expect(helper.error).toMatchObject({ class: IncompleteStreamError, lastRunStatus: 'in_progress', receivedEvents: direct.values.length });
  });
});

describe('fromOpenAIStream(SDK stream) of every recording: as the library’s source of the same bytes', () => {
  const recordings = (folder: string) => fixtureNames(folder).map((name) => [folder, name] as const);
  /** The frames of a body up to the first one `ends` names: the stream cut just before its end. */
  const cutBefore = (body: string, ends: RegExp) => {
    const all = frames(body);
    const end = all.findIndex((frame) => ends.test(frame));
    expect(end).toBeGreaterThan(0);
    return all.slice(0, end).join('');
  };

  it.each([...recordings('responses'), ...recordings('responses-recorded')])(
    '%s/%s: whole, the same events and a completion; cut before its terminal event, the same IncompleteStreamError',
    async (folder, name) => {
      const body = text(folder, name);
      const direct = await outcome(responseEvents(sseResponse(body)));
      expect(direct.error).toBeUndefined();
      expect(await outcome(fromOpenAIStream(responsesOf(body)))).toEqual(direct);
      const cut = cutBefore(body, /^event: response\.(completed|incomplete)\n/);
      const directCut = await outcome(responseEvents(sseResponse(cut)));
      expect(directCut.error?.['class']).toBe(IncompleteStreamError);
      expect(await outcome(fromOpenAIStream(responsesOf(cut)))).toEqual(directCut);
    },
  );

  it.each([...recordings('chat-completions'), ...recordings('chat-recorded')])(
    '%s/%s: whole, the same chunks and a completion; cut before its first finish_reason, the same IncompleteStreamError',
    async (folder, name) => {
      const body = text(folder, name);
      const direct = await outcome(chatCompletionChunks(sseResponse(body)));
      expect(direct.error).toBeUndefined();
      expect(await outcome(fromOpenAIStream(chatOf(body)))).toEqual(direct);
      const cut = cutBefore(body, /"finish_reason":"\w+"/);
      const directCut = await outcome(chatCompletionChunks(sseResponse(cut)));
      expect(directCut.error?.['class']).toBe(IncompleteStreamError);
      expect(await outcome(fromOpenAIStream(chatOf(cut)))).toEqual(directCut);
    },
  );

  it.each(recordings('assistants'))(
    '%s/%s: whole, the same events and a completion; cut before the run settled, the same IncompleteStreamError',
    async (folder, name) => {
      const body = new TextDecoder().decode(withPublishedTypoFixed(fixtureBytes(folder, name)));
      const direct = await outcome(assistantEvents(sseResponse(body)));
      expect(direct.error).toBeUndefined();
      expect(await outcome(fromOpenAIStream(runOf(body)))).toEqual(direct);
      const cut = cutBefore(body, /^event: thread\.run\.(completed|requires_action|failed|cancelled|expired|incomplete)\n/);
      const directCut = await outcome(assistantEvents(sseResponse(cut)));
      expect(directCut.error?.['class']).toBe(IncompleteStreamError);
      expect(await outcome(fromOpenAIStream(runOf(cut)))).toEqual(directCut);
    },
  );
});

describe('fromOpenAIStream(SDK stream) with a broken field the library reads: the StreamParseError of the library’s source', () => {
  // The SDK parses each event's JSON and checks nothing; the library's source of the same bytes fails at the
  // broken field, after the events before it. (Compact JSON: the error's excerpt is the value written again.)
  const chunk = (choices: unknown) =>
    JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices });
  const cases: Array<[string, string, (body: string) => (signal: AbortSignal) => Promise<AsyncIterable<unknown>>, (body: string) => Observable<unknown>]> = [
    [
      // The SDK's chat stream itself throws a TypeError at `choices: [null]` (passed on as the SDK's errors are):
      // any async iterable of the parsed chunks, as another client's stream.
      'chat (an async iterable): a choice that is null',
      [chunk([{ index: 0, delta: { content: 'Hi' }, finish_reason: null }]), chunk([null]), '[DONE]'].map((d) => `data: ${d}\n\n`).join(''),
      (body) => async () =>
        (async function* () {
          for (const frame of frames(body)) if (dataOf(frame) !== '[DONE]') yield JSON.parse(dataOf(frame)) as unknown;
        })(),
      (body) => chatCompletionChunks(sseResponse(body)),
    ],
    [
      'responses: a text delta that is not a string',
      frames(text('responses-recorded', 'azure-text.sse')).slice(0, 4).join('') +
        `event: response.output_text.delta\ndata: ${JSON.stringify({ type: 'response.output_text.delta', item_id: 'msg_1', output_index: 0, content_index: 0, delta: 42, sequence_number: 4 })}\n\n`,
      responsesOf,
      (body) => responseEvents(sseResponse(body)),
    ],
    [
      'assistants: a message delta whose text value is not a string',
      `event: thread.message.delta\ndata: ${JSON.stringify({ id: 'msg_1', object: 'thread.message.delta', delta: { content: [{ index: 0, type: 'text', text: { value: 7 } }] } })}\n\n`,
      runOf,
      (body) => assistantEvents(sseResponse(body)),
    ],
  ];

  it.each(cases)('%s', async (_, body, sdkStream, direct$) => {
    const direct = await outcome(direct$(body));
    expect(direct.error?.['class']).toBe(StreamParseError);
    const adopted = await outcome(fromOpenAIStream(sdkStream(body) as (signal: AbortSignal) => Promise<AsyncIterable<never>>));
    expect(adopted).toEqual(direct);
  });
});

describe('fromOpenAIStream() when reading a value fails (not the stream)', () => {
  it("fails with that error as it is, never as a cut, and closes the stream's iterator", async () => {
    const boom = new Error('a getter of the value threw');
    let closed = false;
    const values = {
      [Symbol.asyncIterator]: () => ({
        next: async () => ({
          done: false,
          value: {
            object: 'chat.completion.chunk',
            get choices(): unknown {
              throw boom;
            },
          },
        }),
        return: async () => ((closed = true), { done: true as const, value: undefined }),
      }),
    };
    await expect(lastValueFrom(fromOpenAIStream(values as AsyncIterable<unknown>))).rejects.toBe(boom);
    expect(closed).toBe(true);
  });
});

describe('fromOpenAIStream(factory) of a cut stream', () => {
  it('fails, so retry() starts the request again', async () => {
    const body = text('responses-recorded', 'azure-text.sse');
    const cut = frames(body).slice(0, 6).join('');
    const sdk = sdkOver(cut, body);
    const source = (signal: AbortSignal) => sdk.responses.create({ model: 'gpt-4o', input: 'Hi', stream: true }, { signal });
    const events = await lastValueFrom(fromOpenAIStream(source).pipe(retry(1), toArray()));
    const direct = (await outcome(responseEvents(sseResponse(body)))).values;
    expect(events).toEqual([...direct.slice(0, 6), ...direct]);
  });
});

describe('fromOpenAIStream(stream object) subscribed again (retry(), a second subscribe())', () => {
  const cut = frames(text('responses-recorded', 'azure-text.sse')).slice(0, 6).join('');

  it('a cut stream read before never completes on a retry: a TypeError saying to pass a function', async () => {
    async function* generated() {
      yield* (await outcome(responseEvents(sseResponse(cut)))).values;
    }
    const helper = sdkOver(cut).responses.stream({ model: 'gpt-4o', input: 'Hi' });
    for (const stream of [generated(), helper] as AsyncIterable<ResponseStreamEvent>[]) {
      const seen: unknown[] = [];
      const error = await lastValueFrom(fromOpenAIStream(stream).pipe(tap((e) => seen.push(e)), retry(1))).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toMatch(/^fromOpenAIStream: the stream was read by an earlier subscription .* pass a function/);
      expect(seen).toHaveLength(6); // what the first read gave
    }
  });

  it("an SDK helper stream read to its end before it was given (finalResponse(), finalChatCompletion()): the same TypeError, not an empty success", async () => {
    const emulator = await startEmulator({ pacing: 0 });
    try {
      const openai = new OpenAI({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0 });
      const chat = openai.chat.completions.stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
      await chat.finalChatCompletion();
      const responses = openai.responses.stream({ model: 'gpt-4o', input: 'Hi' });
      await responses.finalResponse();
      for (const stream of [chat, responses] as AsyncIterable<unknown>[]) {
        const error = await lastValueFrom(fromOpenAIStream(stream).pipe(toArray())).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(TypeError);
        expect((error as Error).message).toMatch(/^fromOpenAIStream: the stream was read before it was given .* pass a function/);
      }
    } finally {
      await emulator.close();
    }
  });

  it("a stream of another API's typed events (the SDK's transcription stream) completes with the iterator, never a cut", async () => {
    const transcript = [
      { type: 'transcript.text.delta', delta: 'Hel' },
      { type: 'transcript.text.delta', delta: 'lo' },
      { type: 'transcript.text.done', text: 'Hello' },
    ];
    async function* stream() {
      yield* transcript;
    }
    expect(await outcome(fromOpenAIStream(stream()))).toEqual({ values: transcript, error: undefined });
    // A stream by id may open with a keepalive: still a Responses stream, and its cut is one.
    async function* resumed() {
      yield { type: 'keepalive', sequence_number: 4 };
      yield { type: 'response.output_text.delta', item_id: 'msg_1', output_index: 0, content_index: 0, delta: 'Hi', sequence_number: 5 };
    }
    expect((await outcome(fromOpenAIStream(resumed()))).error?.['class']).toBe(IncompleteStreamError);
  });

  it("an SDK stream whose body ended before its first event (a proxy closing after the headers) is the source's IncompleteStreamError, never an empty success", async () => {
    // The library's sources call an empty body a cut, whatever the API.
    const direct = await outcome(responseEvents(sseResponse('')));
    expect(direct).toEqual({ values: [], error: expect.objectContaining({ class: IncompleteStreamError, receivedEvents: 0 }) });
    expect(await outcome(chatCompletionChunks(sseResponse('')))).toEqual(direct);
    expect(await outcome(assistantEvents(sseResponse('')))).toEqual(direct);
    // The SDK's raw streams end quietly, and no value says which API they are.
    expect(await outcome(fromOpenAIStream(responsesOf('')))).toEqual(direct);
    expect(await outcome(fromOpenAIStream(chatOf('')))).toEqual(direct);
    expect(await outcome(fromOpenAIStream(runOf('')))).toEqual(direct);
    // An async iterable of the app's own that gives nothing still completes with it.
    async function* none() {}
    expect(await outcome(fromOpenAIStream(none()))).toEqual({ values: [], error: undefined });
    // So does one that carries an AbortController as `controller`, as AdoptableStream invites, for the abort.
    const controller = new AbortController();
    expect(await outcome(fromOpenAIStream(Object.assign(none(), { controller })))).toEqual({ values: [], error: undefined });
  });

  it('an iterable that starts anew on each iteration is read again', async () => {
    const events = (await outcome(responseEvents(sseResponse(text('responses-recorded', 'azure-text.sse'))))).values;
    const again = { [Symbol.asyncIterator]: async function* () { yield* events; } };
    const adopted = fromOpenAIStream(again as AsyncIterable<ResponseStreamEvent>);
    expect(await lastValueFrom(adopted.pipe(toArray()))).toEqual(events);
    expect(await lastValueFrom(adopted.pipe(toArray()))).toEqual(events);
  });

  it('what is no stream is a TypeError: at the call for a value, through the error channel for a function or promise', async () => {
    expect(() => fromOpenAIStream(sseResponse(cut) as never)).toThrow(
      new TypeError('fromOpenAIStream: expected an SDK stream (an async iterable), a promise of one, or a function returning one (got Response): for a fetch Response, use responseEvents(), chatCompletionChunks() or assistantEvents()'),
    );
    expect(() => fromOpenAIStream(null as never)).toThrow(/^fromOpenAIStream: expected an SDK stream .*\(got null\)$/);
    const viaFunction = await lastValueFrom(fromOpenAIStream((async () => sseResponse(cut)) as never)).catch((e: unknown) => e);
    expect(viaFunction).toBeInstanceOf(TypeError);
    expect((viaFunction as Error).message).toBe('fromOpenAIStream: the function gave Response, not an SDK stream (an async iterable): for a fetch Response, use responseEvents(), chatCompletionChunks() or assistantEvents()');
    const viaPromise = await lastValueFrom(fromOpenAIStream(Promise.resolve(42) as never)).catch((e: unknown) => e);
    expect((viaPromise as Error).message).toBe('fromOpenAIStream: the promise gave number, not an SDK stream (an async iterable)');
  });
});

describe('fromOpenAIStream(SDK stream) ended by its terminal event', () => {
  it('completes at it, and a consumer that stops there leaves the request to end rather than aborting it', async () => {
    const body = text('responses-recorded', 'azure-text.sse');
    const stream = await sdkOver(body).responses.create({ model: 'gpt-4o', input: 'Hi', stream: true });
    const completed = await lastValueFrom(fromOpenAIStream(stream).pipe(first((event) => event.type === 'response.completed')));
    expect(completed.type).toBe('response.completed');
    await new Promise((resolve) => setImmediate(resolve));
    expect(stream.controller.signal.aborted).toBe(false);
  });
});

describe('fromOpenAIStream(SDK helper stream) unsubscribed at once (a switchMap that switches, a view destroyed)', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ pacing: 0 });
  });
  afterAll(() => emulator.close());

  it.each<[string, (openai: OpenAI, signal?: AbortSignal) => unknown]>([
    ['chat.completions.stream()', (openai, signal) => openai.chat.completions.stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }, { signal })],
    ['responses.stream()', (openai, signal) => openai.responses.stream({ model: 'gpt-4o', input: 'Hi' }, { signal })],
  ])('%s: nothing reaches anyone, not even as an unhandled rejection, given as it is or by a factory', async (_name, helper) => {
    const openai = new OpenAI({ apiKey: 'test', baseURL: emulator.url, maxRetries: 0 });
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      const reached: unknown[] = [];
      const observer = { next: (v: unknown) => reached.push(v), error: (e: unknown) => reached.push(e), complete: () => reached.push('complete') };
      const made: Array<{ readonly ended: boolean }> = [];
      const make = (signal?: AbortSignal) => {
        const stream = helper(openai, signal) as { readonly ended: boolean };
        made.push(stream);
        return stream;
      };
      fromOpenAIStream(make() as never).subscribe(observer).unsubscribe();
      fromOpenAIStream(((signal: AbortSignal) => make(signal)) as never).subscribe(observer).unsubscribe();
      // A helper rejects a promise nobody handles as it ends: Node tells it once that turn is over.
      await until(() => made.every((stream) => stream.ended), { what: 'the helpers to end' });
      await new Promise((resolve) => setImmediate(resolve));
      expect(made).toHaveLength(2);
      expect({ reached, unhandled }).toEqual({ reached: [], unhandled: [] });
    } finally {
      process.off('unhandledRejection', record);
    }
  });
});
