import { lastValueFrom, map, of, Subject, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { z } from 'zod';
import {
  accumulateResponse,
  assistantEvents,
  chatCompletionChunks,
  finalResponse,
  IncompleteStreamError,
  MissingResponseError,
  responseEvents,
  ResponseStreamError,
  type ResponseStreamEvent,
  type ServerSentEvent,
  ServerStreamError,
  MissingStreamStartError,
  SnapshotError,
  StreamParseError,
  textDeltas,
} from '../../src/index';
import { responseEventDataSchemas, ResponseSchema } from '../../src/schemas';
import { encode, streamOf } from '../helpers/bytes';
import { response, sse } from './stream';

const created = { type: 'response.created', sequence_number: 0, response: response('in_progress') };
const added = {
  type: 'response.output_item.added',
  sequence_number: 1,
  output_index: 0,
  item: { type: 'message', id: 'msg_1', status: 'in_progress', role: 'assistant', content: [] },
};
const part = {
  type: 'response.content_part.added',
  sequence_number: 2,
  item_id: 'msg_1',
  output_index: 0,
  content_index: 0,
  part: { type: 'output_text', text: '', annotations: [], logprobs: [] },
};
const delta = (text: string, sequence_number = 3) => ({
  type: 'response.output_text.delta',
  sequence_number,
  item_id: 'msg_1',
  output_index: 0,
  content_index: 0,
  delta: text,
  logprobs: [],
});
const completed = { type: 'response.completed', sequence_number: 9, response: response('completed') };

async function outcome(bytes: Uint8Array, options = {}): Promise<{ values: ResponseStreamEvent[]; error?: unknown }> {
  const values: ResponseStreamEvent[] = [];
  return new Promise((resolve) =>
    responseEvents(streamOf([bytes]), options).subscribe({
      next: (v) => values.push(v),
      error: (error: unknown) => resolve({ values, error }),
      complete: () => resolve({ values }),
    }),
  );
}

describe('responseEvents', () => {
  it('emits response.completed, then completes without reading further', async () => {
    const stream = streamOf([sse([created, delta('Hi'), completed]), sse([delta('late')])]);
    const values = await lastValueFrom(responseEvents(stream).pipe(toArray()));
    expect(values.map((v) => v.type)).toEqual(['response.created', 'response.output_text.delta', 'response.completed']);
    expect(stream.cancelled()).toBe(true);
  });

  it('emits response.incomplete, then completes', async () => {
    const incomplete = {
      type: 'response.incomplete',
      sequence_number: 5,
      response: response('incomplete', [], { incomplete_details: { reason: 'max_output_tokens' } }),
    };
    const { values, error } = await outcome(sse([created, incomplete]));
    expect(error).toBeUndefined();
    expect(values.at(-1)).toEqual(incomplete);
  });

  it('fails with IncompleteStreamError at a data: [DONE] before the response settled (never a completion)', async () => {
    const { values, error } = await outcome(sse([created, delta('The answer is')], 'data: [DONE]\n\n'));
    expect(values).toEqual([created, delta('The answer is')]);
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect(error).toMatchObject({ responseId: created.response.id, lastResponseStatus: 'in_progress', receivedEvents: 2, lastEventName: 'response.output_text.delta' });
    // After the terminal event the stream is over: a [DONE] there is never read.
    expect(await outcome(sse([created, completed], 'data: [DONE]\n\n'))).toEqual({ values: [created, completed], error: undefined });
  });

  it('reads events without an `event:` line by their JSON type, and an Observable of server-sent events', async () => {
    const events: ServerSentEvent[] = [created, delta('Hi'), completed].map((e) => ({ data: JSON.stringify(e) }));
    expect(await lastValueFrom(responseEvents(of(...events)).pipe(toArray()))).toEqual([created, delta('Hi'), completed]);
  });

  it("fails with ResponseStreamError on a data-only {\"error\": ...} line without a type (llama.cpp's and LiteLLM's in-stream errors), as the SDK throws its APIError", async () => {
    const data = JSON.stringify({ error: { code: 500, message: 'context shift is disabled', type: 'server_error' } });
    const { values, error } = await outcome(sse([created, delta('Hi')], `data: ${data}\n\n`));
    expect(values).toEqual([created, delta('Hi')]);
    expect(error).toBeInstanceOf(ResponseStreamError);
    expect(error).toMatchObject({ eventType: 'error', data, responseId: created.response.id });
    expect((error as Error).message).toBe('The stream reported an error: context shift is disabled');
    // A server's error as a string, as the SDK and the chat reader take it.
    const text = await outcome(sse([created], 'data: {"error":"upstream overloaded"}\n\n'));
    expect(text.error).toBeInstanceOf(ResponseStreamError);
    expect((text.error as Error).message).toContain('upstream overloaded');
    // A line without a type that is no error is still a broken event.
    expect((await outcome(sse([created], 'data: {"delta":"x"}\n\n'))).error).toBeInstanceOf(StreamParseError);
  });

  it('fails with ResponseStreamError on response.failed, carrying the failed response', async () => {
    const failed = {
      type: 'response.failed',
      sequence_number: 4,
      response: response('failed', [], { error: { code: 'server_error', message: 'The model crashed' } }),
    };
    const { values, error } = await outcome(sse([created, delta('Hi'), failed, completed]));
    expect(values).toHaveLength(2);
    expect(error).toBeInstanceOf(ResponseStreamError);
    expect(error).toBeInstanceOf(ServerStreamError);
    const e = error as ResponseStreamError;
    expect(e.eventType).toBe('response.failed');
    expect(e.code).toBe('server_error');
    expect(e.message).toBe('The response reported an error (server_error): The model crashed');
    expect(e.response?.status).toBe('failed');
    expect(e.responseId).toBe('resp_1');
    expect(e.sequenceNumber).toBe(4);
  });

  it('fails with ResponseStreamError on an error event, keeping code, message, param', async () => {
    const failure = { type: 'error', code: 'ERR_SOMETHING', message: 'Something went wrong', param: 'input', sequence_number: 1 };
    const { error } = await outcome(sse([created, failure]));
    expect(error).toBeInstanceOf(ResponseStreamError);
    const e = error as ResponseStreamError;
    expect([e.eventType, e.code, e.param, e.sequenceNumber, e.response]).toEqual(['error', 'ERR_SOMETHING', 'input', 1, undefined]);
    expect(e.message).toBe('The stream reported an error (ERR_SOMETHING): Something went wrong');
    // The response the stream's first event named.
    expect(e.responseId).toBe('resp_1');
  });

  it('names events by their JSON type when the `event:` line says `message` (the SSE default) or another name', async () => {
    // A relay that writes one name on every event, or names that are not the API's.
    const named = (name: string) => (events: object[]) =>
      events.map((event) => ({ event: name, data: JSON.stringify(event) }) as ServerSentEvent);
    for (const relabel of [named('message'), named('event'), (events: object[]) => events.map((e, i) => ({ event: i % 2 ? 'message' : 'x', data: JSON.stringify(e) }))]) {
      const events = [created, added, part, delta('Hel', 3), delta('lo', 4), completed];
      const values = await lastValueFrom(responseEvents(of(...relabel(events))).pipe(toArray()));
      expect(values).toEqual(events);
      const text = await lastValueFrom(responseEvents(of(...relabel(events))).pipe(textDeltas(), toArray()));
      expect(text.join('')).toBe('Hello');
      expect((await lastValueFrom(responseEvents(of(...relabel(events))).pipe(finalResponse()))).status).toBe('completed');
      const failure = { type: 'error', code: 'E', message: 'boom', param: null, sequence_number: 2 };
      const error = await lastValueFrom(responseEvents(of(...relabel([created, failure, completed])))).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResponseStreamError);
      expect((error as ResponseStreamError).responseId).toBe('resp_1');
    }
  });

  it('names JSON without a `type` by its `event:` line: a known type fails its check, another passes as it came', async () => {
    const untyped = { output_index: 0, content_index: 0, delta: 'x' };
    const body = (name: string) =>
      encode(
        `event: response.created\ndata: ${JSON.stringify(created)}\n\nevent: ${name}\ndata: ${JSON.stringify(untyped)}\n\n` +
          `event: response.completed\ndata: ${JSON.stringify(completed)}\n\n`,
      );
    const known = await outcome(body('response.output_text.delta'));
    expect(known.values).toEqual([created]);
    expect(known.error).toBeInstanceOf(StreamParseError);
    expect(known.error).toMatchObject({ eventName: 'response.output_text.delta', path: 'type' });
    // An application's own event in a relayed stream: kept, as the server sent it.
    expect(await outcome(body('progress'))).toEqual({ values: [created, untyped, completed] });
  });

  it('recognises response.failed and error by their JSON type when there is no `event:` line', async () => {
    const error = await new Promise((resolve) =>
      responseEvents(of({ data: JSON.stringify({ type: 'error', code: null, message: 'boom', param: null }) })).subscribe({
        error: resolve,
      }),
    );
    expect(error).toBeInstanceOf(ResponseStreamError);
  });

  it('fails with IncompleteStreamError when the body ends before response.completed', async () => {
    const { values, error } = await outcome(sse([created, added, part, delta('Hi')]));
    expect(values).toHaveLength(4);
    expect(error).toBeInstanceOf(IncompleteStreamError);
    const cut = error as IncompleteStreamError;
    expect([cut.responseId, cut.lastResponseStatus, cut.receivedEvents, cut.lastEventName]).toEqual([
      'resp_1',
      'in_progress',
      4,
      'response.output_text.delta',
    ]);
    expect(cut.message).toContain('of response resp_1 (last status: in_progress)');
  });

  it("a cut stream's error names the response by the last lifecycle event that named it (a compatible server's later ones carry none, or \"\")", async () => {
    const later = (status: string, id?: string) => ({ type: 'response.in_progress', sequence_number: 1, response: { ...(id === undefined ? {} : { id }), status } });
    for (const next of [later('in_progress'), later('in_progress', '')]) {
      const { error } = await outcome(sse([created, next, added]));
      expect(error).toBeInstanceOf(IncompleteStreamError);
      expect([(error as IncompleteStreamError).responseId, (error as IncompleteStreamError).lastResponseStatus]).toEqual(['resp_1', 'in_progress']);
    }
    const failed = await outcome(sse([created, later('in_progress', ''), { type: 'response.failed', response: { id: '', status: 'failed' } }]));
    expect(failed.error).toBeInstanceOf(ResponseStreamError);
    expect((failed.error as ResponseStreamError).responseId).toBe('resp_1');
  });

  it('turns a transport failure mid-stream into IncompleteStreamError with the cause', () => {
    const events = new Subject<ServerSentEvent>();
    const errors: unknown[] = [];
    responseEvents(events).subscribe({ error: (e: unknown) => errors.push(e) });
    events.next({ event: 'response.created', data: JSON.stringify(created) });
    const reset = new Error('ECONNRESET');
    events.error(reset);
    expect(errors[0]).toBeInstanceOf(IncompleteStreamError);
    expect((errors[0] as IncompleteStreamError).cause).toBe(reset);
  });

  it('passes unknown event types through; strict mode refuses them (keepalive always passes)', async () => {
    const future = { type: 'response.future_thing.delta', sequence_number: 3, stuff: [1] };
    const keepalive = { type: 'keepalive', sequence_number: 4 };
    expect((await outcome(sse([created, future, keepalive, completed]))).values).toEqual([created, future, keepalive, completed]);
    const strict = await outcome(sse([created, keepalive, future, completed]), { strict: true });
    expect(strict.values).toEqual([created, keepalive]);
    expect(strict.error).toBeInstanceOf(StreamParseError);
    expect((strict.error as StreamParseError).eventName).toBe('response.future_thing.delta');
  });

  it('fails with StreamParseError on invalid JSON, a schema violation (with its path), or no type at all', async () => {
    const bad = await outcome(encode('event: response.output_text.delta\ndata: {"type":\n\n'));
    expect(bad.error).toBeInstanceOf(StreamParseError);
    expect((bad.error as StreamParseError).eventName).toBe('response.output_text.delta');
    const violation = await outcome(sse([created, { ...delta('x'), output_index: 'zero' }]));
    expect((violation.error as StreamParseError).path).toBe('output_index');
    // The JSON's own type names an event, whatever its `event:` line says, and its checks are that type's.
    const mismatch = await outcome(encode(`event: response.output_text.delta\ndata: ${JSON.stringify({ ...created, response: 5 })}\n\n`));
    expect((mismatch.error as StreamParseError).eventName).toBe('response.created');
    expect((mismatch.error as StreamParseError).path).toBe('response');
    const untyped = await new Promise((resolve) => responseEvents(of({ data: '{"delta":"x"}' })).subscribe({ error: resolve }));
    expect(untyped).toBeInstanceOf(StreamParseError);
  });
});

describe('responseEvents: default checks and opt-in conformance', () => {
  const { role: _, ...withoutRole } = added.item;
  const roleless = { ...added, item: withoutRole };

  it('passes a field the library does not read missing by default; conformance checks it against the schema', async () => {
    const relaxed = await outcome(sse([created, roleless, completed]));
    expect(relaxed.error).toBeUndefined();
    expect(relaxed.values[1]).toEqual(roleless);
    const conforming = await outcome(sse([created, roleless, completed]), { conformance: responseEventDataSchemas });
    expect(conforming.values).toEqual([created]);
    expect(conforming.error).toBeInstanceOf(StreamParseError);
    expect((conforming.error as StreamParseError).message).toContain('Schema violation');
    expect((conforming.error as StreamParseError).eventName).toBe('response.output_item.added');
  });

  it('conformance takes any map of event type to schema, and names what strict mode accepts', async () => {
    const future = { type: 'response.future_thing.delta', sequence_number: 3, stuff: [1] };
    const own = { 'response.future_thing.delta': z.object({ stuff: z.array(z.string()) }) };
    const strict = await outcome(sse([created, future, completed]), { strict: true, conformance: own });
    expect((strict.error as StreamParseError).path).toBe('stuff.0');
    const ok = await outcome(sse([created, { ...future, stuff: ['a'] }, completed]), { strict: true, conformance: own });
    expect(ok.error).toBeUndefined();
  });

  it('a conformance that is no map of schemas (one schema, a string, a value that is no schema) is a TypeError at the call: never no check at all', () => {
    const bytes = () => streamOf([sse([created, completed])]);
    const cases: Array<[unknown, RegExp]> = [
      [ResponseSchema, /^responseEvents: conformance must be an object of event names and schemas \(got one schema\)$/],
      ['strict', /^responseEvents: conformance must be an object of event names and schemas \(got string\)$/],
      [{ 'response.created': 'x' }, /^responseEvents: conformance\["response.created"\] must be a zod schema, or anything with a safeParse \(got string\)$/],
    ];
    for (const [conformance, message] of cases) {
      expect(() => responseEvents(bytes(), { conformance } as never)).toThrow(message);
    }
    expect(() => chatCompletionChunks(bytes(), { conformance: {} } as never)).toThrow(
      new TypeError('chatCompletionChunks: conformance must be a zod schema, or anything with a safeParse (got Object)'),
    );
    expect(() => assistantEvents(bytes(), { conformance: ResponseSchema } as never)).toThrow(
      new TypeError('assistantEvents: conformance must be an object of event names and schemas (got one schema)'),
    );
  });

  it('emits the parsed JSON itself: unknown keys, nulls and new enum values kept', async () => {
    const odd = { ...delta('x'), logprobs: null, obfuscation: null, x_future: { a: [1] } };
    const item = { ...added, item: { ...added.item, status: 'x_new_status', role: null, x_key: 1 } };
    expect((await outcome(sse([created, item, part, odd, completed]))).values).toEqual([created, item, part, odd, completed]);
  });

  it('names the event, the path and an excerpt for a broken field the library reads', async () => {
    const { error } = await outcome(sse([created, added, part, { ...delta('x'), delta: 5 }]));
    expect(error).toBeInstanceOf(StreamParseError);
    const e = error as StreamParseError;
    expect([e.eventName, e.path]).toEqual(['response.output_text.delta', 'delta']);
    expect(e.message).toContain('expected a string, got number');
    expect(e.excerpt).toContain('"delta":5');
  });
});

describe('accumulateResponse / finalResponse (marbles)', () => {
  const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  const events = { c: created, a: added, p: part, x: delta('Hel'), y: delta('lo', 4), d: completed } as Record<string, ResponseStreamEvent>;

  it('emits a snapshot per event with the text so far', () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('c-a-p-x-y|', events).pipe(accumulateResponse(), map((s) => s.output_text))).toBe('a-b-c-d-e|', {
        a: '',
        b: '',
        c: '',
        d: 'Hel',
        e: 'Hello',
      });
    });
  });

  it('finalResponse emits the last snapshot at the end; nothing when the stream fails', () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('c-a-p-x-y-d|', events).pipe(finalResponse(), map((r) => [r.status, r.output_text]))).toBe(
        '-----------(z|)',
        { z: ['completed', ''] },
      );
      expectObservable(cold('c-a-#', events).pipe(finalResponse())).toBe('----#');
    });
  });

  it('finalResponse fails with MissingResponseError without any response', () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold<ResponseStreamEvent>('|').pipe(finalResponse())).toBe('#', undefined, new MissingResponseError());
    });
  });

  it('fails with SnapshotError for an output event before the response exists (MissingStreamStartError) or for a missing item', () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('x', events).pipe(accumulateResponse())).toBe(
        '#',
        undefined,
        new MissingStreamStartError('snapshot', { eventName: 'response.output_text.delta', sequenceNumber: 3 }),
      );
      expectObservable(cold('c-x', events).pipe(accumulateResponse(), map((s) => s.status))).toBe(
        'a-#',
        { a: 'in_progress' },
        new SnapshotError('No output item at index 0', { eventName: 'response.output_text.delta', path: 'output_index' }),
      );
    });
  });
});
