import { lastValueFrom, type Observable, of, toArray } from 'rxjs';
import {
  AssistantStreamError,
  assistantEvents,
  type AssistantStreamEvent,
  fromOpenAIStream,
  IncompleteStreamError,
  type ServerSentEvent,
  StreamParseError,
  textDeltas,
} from '../../src/index';
import { assistantEventDataSchemas } from '../../src/schemas';
import { encode, iterableOf, streamOf } from '../helpers/bytes';
import { ev, message, run, sse, textDelta } from '../helpers/events';

const created = ev('thread.run.created', run('run_1', 'queued'));
const inProgress = ev('thread.run.in_progress', run('run_1', 'in_progress'));
const completed = ev('thread.run.completed', run('run_1', 'completed'));

async function outcome(body: string, options?: Parameters<typeof assistantEvents>[1]) {
  const received: AssistantStreamEvent[] = [];
  const error = await new Promise<unknown>((resolve) =>
    assistantEvents(streamOf([encode(body)]), options).subscribe({
      next: (e) => received.push(e),
      error: resolve,
      complete: () => resolve(undefined),
    }),
  );
  return { received, error };
}

describe('assistantEvents', () => {
  it('completes at `event: done` / `data: [DONE]` and ignores anything after it', async () => {
    const { received, error } = await outcome(sse([created, completed]) + sse([inProgress]));
    expect(error).toBeUndefined();
    expect(received).toEqual([created, completed]);
  });

  it('fails with AssistantStreamError on `event: error`, carrying code, message and raw data', async () => {
    const data = '{"code":"server_error","message":"Sorry, something went wrong."}';
    const { received, error } = await outcome(`${sse([created], false)}event: error\ndata: ${data}\n\n`);
    expect(received).toEqual([created]);
    expect(error).toBeInstanceOf(AssistantStreamError);
    expect((error as AssistantStreamError).code).toBe('server_error');
    expect((error as AssistantStreamError).message).toContain('Sorry, something went wrong.');
    expect((error as AssistantStreamError).data).toBe(data);
  });

  it('fails with AssistantStreamError on an unnamed {"error": ...} (a proxy\'s error mid-stream), as the SDK throws its APIError', async () => {
    const data = '{"error":{"message":"upstream overloaded","code":"overloaded"}}';
    const { received, error } = await outcome(`${sse([created], false)}data: ${data}\n\n`);
    expect(received).toEqual([created]);
    expect(error).toBeInstanceOf(AssistantStreamError);
    expect((error as AssistantStreamError).code).toBe('overloaded');
    // Under the SSE default name, or another that is none of the API's, in strict mode too.
    for (const [named, options] of [['event: message\n', {}], ['event: ping\n', {}], ['', { strict: true }]] as const) {
      const other = await outcome(`${sse([created], false)}${named}data: ${data}\n\n`, options);
      expect([named, options, other.error]).toEqual([named, options, expect.any(AssistantStreamError)]);
    }
  });

  it('fails with StreamParseError on invalid JSON, naming the event, with an excerpt', async () => {
    const { received, error } = await outcome(`${sse([created], false)}event: thread.run.in_progress\ndata: {"id": "run_1",\n\n`);
    expect(received).toEqual([created]);
    expect(error).toBeInstanceOf(StreamParseError);
    expect((error as StreamParseError).eventName).toBe('thread.run.in_progress');
    expect((error as StreamParseError).excerpt).toBe('{"id": "run_1",');
  });

  it('fails with StreamParseError on a read field of the wrong kind, naming the event and the path', async () => {
    const bad = { ...run('run_1', 'in_progress'), status: 42 };
    const { error } = await outcome(`event: thread.run.in_progress\ndata: ${JSON.stringify(bad)}\n\n`);
    expect(error).toBeInstanceOf(StreamParseError);
    expect((error as StreamParseError).path).toBe('status');
    expect((error as StreamParseError).message).toContain('thread.run.in_progress');
  });

  it('passes an unknown status and missing fields it does not read, untouched', async () => {
    const { assistant_id: _assistant, model: _model, tools: _tools, ...lean } = run('run_1', 'in_progress') as unknown as Record<string, unknown>;
    const odd = { ...lean, status: 'meditating', usage: null, shiny: { new: true } };
    const body = sse([created], false) + `event: thread.run.in_progress\ndata: ${JSON.stringify(odd)}\n\n` + sse([completed]);
    const { received, error } = await outcome(body);
    expect(error).toBeUndefined();
    expect(received[1]).toEqual({ event: 'thread.run.in_progress', data: odd });
  });

  it('with `conformance: assistantEventDataSchemas`, holds every event to the OpenAPI description', async () => {
    const bad = { ...run('run_1', 'in_progress'), status: 'meditating' };
    const body = sse([created], false) + `event: thread.run.in_progress\ndata: ${JSON.stringify(bad)}\n\n` + sse([completed]);
    const { error } = await outcome(body, { conformance: assistantEventDataSchemas });
    expect(error).toBeInstanceOf(StreamParseError);
    expect((error as StreamParseError).path).toBe('status');
    const delta = { id: 'msg_1', object: 'thread.message.delta', delta: { content: [{ index: 0, type: 'hologram' }] } };
    const lenient = await outcome(sse([created], false) + `event: thread.message.delta\ndata: ${JSON.stringify(delta)}\n\n` + sse([completed]));
    expect(lenient.error).toBeUndefined();
    const strict = await outcome(sse([created], false) + `event: thread.message.delta\ndata: ${JSON.stringify(delta)}\n\n` + sse([completed]), {
      conformance: assistantEventDataSchemas,
    });
    expect(strict.error).toBeInstanceOf(StreamParseError);
  });

  it('passes unknown event types through untouched, or fails on them in strict mode', async () => {
    const unknown = `event: thread.run.step.future\ndata: {"id":"x","shiny":[1,2]}\n\n`;
    const lenient = await outcome(sse([created], false) + unknown + sse([completed]));
    expect(lenient.error).toBeUndefined();
    expect(lenient.received[1]).toEqual({ event: 'thread.run.step.future', data: { id: 'x', shiny: [1, 2] } });
    const strict = await outcome(sse([created], false) + unknown + sse([completed]), { strict: true });
    expect(strict.error).toBeInstanceOf(StreamParseError);
    expect((strict.error as StreamParseError).eventName).toBe('thread.run.step.future');
  });

  it('keeps fields the schemas do not know', async () => {
    const withExtra = { ...run('run_1', 'completed'), new_field: { nested: true } };
    const { received } = await outcome(`event: thread.run.completed\ndata: ${JSON.stringify(withExtra)}\n\n`);
    expect(received[0]!.data).toEqual(withExtra);
  });

  it('never reports a cut stream as done: no [DONE] before a final run status is IncompleteStreamError', async () => {
    const { received, error } = await outcome(
      sse([created, inProgress, ev('thread.message.created', message('msg_1', 'in_progress')), textDelta('msg_1', [0, 'Hi'])], false),
    );
    expect(received).toHaveLength(4);
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect(error).toMatchObject({ runId: 'run_1', threadId: 'thread_1', lastRunStatus: 'in_progress', receivedEvents: 4, lastEventName: 'thread.message.delta' });
  });

  it('accepts a body that ends without [DONE] after the run reached a final status', async () => {
    const { error } = await outcome(sse([created, completed], false));
    expect(error).toBeUndefined();
  });

  it('accepts an Observable of ServerSentEvents', async () => {
    const events = of<ServerSentEvent[]>(
      { event: 'thread.run.created', data: JSON.stringify(created.data) },
      { event: 'done', data: '[DONE]' },
    );
    expect(await lastValueFrom(assistantEvents(events).pipe(toArray()))).toEqual([created]);
  });
});

describe('fromOpenAIStream', () => {
  it('adopts any async iterable of events, and aborts its controller on unsubscribe', async () => {
    const controller = new AbortController();
    let returned = false;
    const iterable = {
      controller,
      async *[Symbol.asyncIterator]() {
        try {
          yield created;
          yield textDelta('msg_1', [0, 'never read']);
          await new Promise(() => undefined);
        } finally {
          returned = true;
        }
      },
    };
    const first = await new Promise<AssistantStreamEvent>((resolve) => {
      const subscription = fromOpenAIStream(iterable).subscribe((event) => {
        resolve(event);
        subscription.unsubscribe();
      });
    });
    expect(first).toBe(created);
    expect(controller.signal.aborted).toBe(true);
    // The iterator's return() runs on promises: settled within this turn.
    await new Promise((resolve) => setImmediate(resolve));
    expect(returned).toBe(true);
  });

  it('an SDK failure mid-run is a cut (IncompleteStreamError, the failure as its cause); it completes with the source', async () => {
    const failure = new Error('sdk failure');
    async function* failing() {
      yield created;
      throw failure;
    }
    const error = await lastValueFrom(fromOpenAIStream(failing()).pipe(toArray())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect(error).toMatchObject({ runId: 'run_1', lastRunStatus: 'queued', receivedEvents: 1 });
    expect((error as Error).cause).toBe(failure);
    async function* fine() {
      yield textDelta('msg_1', [0, 'a']);
      yield textDelta('msg_1', [0, 'b']);
      yield completed;
    }
    expect(await lastValueFrom(fromOpenAIStream(fine()).pipe(textDeltas(), toArray()))).toEqual(['a', 'b']);
  });

  it('judges the end as assistantEvents() does: a run not settled is cut; `done` and `error` values end it', async () => {
    const adopted = (events: readonly AssistantStreamEvent[]) => outcomeOf(fromOpenAIStream(iterableOf(events)));
    const direct = (events: readonly AssistantStreamEvent[]) => outcome(sse(events, false));
    const cut = [created, inProgress, textDelta('msg_1', [0, 'a'])];
    expect((await direct(cut)).error).toBeInstanceOf(IncompleteStreamError);
    expect(await adopted(cut)).toEqual(await direct(cut));
    // An iterable other than the SDK's may pass on what the SDK does not.
    const done = { event: 'done', data: '[DONE]' } as unknown as AssistantStreamEvent;
    expect(await adopted([created, done, inProgress])).toEqual({ received: [created], error: undefined });
    const failure = { event: 'error', data: { error: { message: 'boom' } } } as unknown as AssistantStreamEvent;
    const failed = await adopted([created, failure, inProgress]);
    expect(failed.received).toEqual([created]);
    expect(failed.error).toBeInstanceOf(AssistantStreamError);
    expect((failed.error as AssistantStreamError).message).toBe(
      ((await outcome(`${sse([created], false)}event: error\ndata: {"error":{"message":"boom"}}\n\n`)).error as AssistantStreamError).message,
    );
  });
});

async function outcomeOf(events$: Observable<AssistantStreamEvent>) {
  const received: AssistantStreamEvent[] = [];
  const error = await new Promise<unknown>((resolve) =>
    events$.subscribe({ next: (e) => received.push(e), error: resolve, complete: () => resolve(undefined) }),
  );
  return { received, error };
}
