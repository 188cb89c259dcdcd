import { concat, lastValueFrom, of, Subject, tap, throwError, toArray } from 'rxjs';
import {
  AssistantEventHandler,
  type AssistantStreamEvent,
  type AssistantStreamHandler,
  finalMessages,
  handleEvents,
  MissingRunError,
  StreamTimeoutError,
  type TextDelta,
  type ToolCall,
} from '../../src/index';
import { ev, message, run, sse, step, textBlock, textDelta, toolDelta } from '../helpers/events';
import { encode } from '../helpers/bytes';
import { sdkAssistantStream } from '../helpers/sdk';

function logger(log: string[]): AssistantStreamHandler {
  const text = (t: { value: string }) => t.value;
  return {
    onRunStepCreated: (s) => log.push(`stepCreated ${s.id}`),
    onRunStepDone: (s) => log.push(`stepDone ${s.id} ${s.status}`),
    onMessageCreated: (m) => log.push(`messageCreated ${m.id}`),
    onMessageDelta: (_d, m) => log.push(`messageDelta ${m.id}`),
    onMessageDone: (m) => log.push(`messageDone ${m.id}`),
    onTextCreated: (t) => log.push(`textCreated "${text(t)}"`),
    onTextDelta: (d, t) => log.push(`textDelta "${d.value}" "${text(t)}"`),
    onTextDone: (t, m) => log.push(`textDone "${text(t)}" ${m.id}`),
    onImageFileDone: (i) => log.push(`imageFileDone ${i.file_id}`),
    onToolCallCreated: (c) => log.push(`toolCallCreated ${c.id} ${c.type === 'function' ? c.function.arguments : ''}`),
    onToolCallDelta: (_d, c) => log.push(`toolCallDelta ${c.id} ${c.type === 'function' ? c.function.arguments : ''}`),
    onToolCallDone: (c) => log.push(`toolCallDone ${c.id} ${c.type === 'function' ? c.function.arguments : ''}`),
    onEnd: () => log.push('end'),
    onTimeout: () => log.push('timeout'),
    onException: (e) => log.push(`exception ${(e as Error).message}`),
  };
}

async function fire(events: AssistantStreamEvent[], end: 'complete' | Error = 'complete') {
  const log: string[] = [];
  const source = end === 'complete' ? of(...events) : concat(of(...events), throwError(() => end));
  const passed = await lastValueFrom(source.pipe(handleEvents(logger(log)), toArray())).catch(() => null);
  return { log, passed };
}

describe('handleEvents', () => {
  it("a message's in-progress event after deltas, carrying less than they gave, rolls nothing back (as in the SDK)", async () => {
    const events = [
      ev('thread.run.created', run('run_1', 'in_progress')),
      ev('thread.message.created', message('msg_1', 'in_progress')),
      textDelta('msg_1', [0, 'Hel']),
      textDelta('msg_1', [0, 'lo']),
      ev('thread.message.in_progress', message('msg_1', 'in_progress', [textBlock('Hel')])),
      textDelta('msg_1', [0, ' world']),
      ev('thread.run.completed', run('run_1', 'completed')),
    ];
    const ours: string[] = [];
    await lastValueFrom(of(...events).pipe(handleEvents({ onTextDelta: (_d, t) => ours.push(t.value) })));
    const [messages] = await lastValueFrom(of(...events).pipe(finalMessages(), toArray()));
    const sdk = sdkAssistantStream([encode(sse(events))]);
    const theirs: string[] = [];
    sdk.on('textDelta', (_d, t) => theirs.push(t.value ?? ''));
    const sdkMessages = await sdk.finalMessages();
    expect(ours).toEqual(['Hel', 'Hello', 'Hello world']);
    expect(ours).toEqual(theirs);
    expect(messages![0]!.content).toEqual(sdkMessages[0]!.content);
  });

  it('fires text callbacks across a multi-block message in the SDK order', async () => {
    const events = [
      ev('thread.message.created', message('msg_1', 'in_progress')),
      textDelta('msg_1', [0, 'A']),
      textDelta('msg_1', [0, 'B']),
      ev('thread.message.delta', {
        id: 'msg_1',
        object: 'thread.message.delta',
        delta: { content: [{ index: 1, type: 'image_file', image_file: { file_id: 'file-1' } }] },
      }),
      textDelta('msg_1', [2, 'C']),
      ev('thread.message.completed', message('msg_1', 'completed', [textBlock('AB'), { type: 'image_file', image_file: { file_id: 'file-1' } } as never, textBlock('C')])),
    ];
    const { log, passed } = await fire(events);
    expect(passed).toEqual(events); // events pass through unchanged
    expect(log).toEqual([
      'messageCreated msg_1',
      'textCreated "A"',
      'messageDelta msg_1',
      'textDelta "A" "A"',
      'messageDelta msg_1',
      'textDelta "B" "AB"',
      'messageDelta msg_1',
      'textDone "AB" msg_1',
      'textCreated "C"',
      'messageDelta msg_1',
      'textDelta "C" "C"',
      'imageFileDone file-1',
      'textDone "C" msg_1',
      'messageDone msg_1',
      'end',
    ]);
  });

  it('fires tool call callbacks across a multi-call step, closing the last call at requires_action', async () => {
    const stepCreated = step('step_1', 'in_progress', { type: 'tool_calls', tool_calls: [] });
    const { log } = await fire([
      ev('thread.run.created', run('run_1', 'queued')),
      ev('thread.run.step.created', stepCreated),
      toolDelta('step_1', { index: 0, id: 'call_1', name: 'a', args: '{' }),
      toolDelta('step_1', { index: 0, args: '}' }),
      toolDelta('step_1', { index: 1, id: 'call_2', name: 'b', args: '[' }),
      toolDelta('step_1', { index: 1, args: ']' }),
      ev('thread.run.requires_action', run('run_1', 'requires_action')),
    ]);
    expect(log).toEqual([
      'stepCreated step_1',
      'toolCallCreated call_1 {',
      'toolCallDelta call_1 {}',
      'toolCallDone call_1 {}',
      'toolCallCreated call_2 [',
      'toolCallDelta call_2 []',
      'toolCallDone call_2 []',
      'end',
    ]);
  });

  it('closes an open tool call when its step completes, with the server final form', async () => {
    const final = step('step_1', 'completed', {
      type: 'tool_calls',
      tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'a', arguments: '{}', output: 'ok' } }],
    });
    const { log } = await fire([
      ev('thread.run.step.created', step('step_1', 'in_progress', { type: 'tool_calls', tool_calls: [] })),
      toolDelta('step_1', { index: 0, id: 'call_1', name: 'a', args: '{}' }),
      ev('thread.run.step.completed', final),
    ]);
    expect(log).toEqual(['stepCreated step_1', 'toolCallCreated call_1 {}', 'toolCallDone call_1 {}', 'stepDone step_1 completed', 'end']);
  });

  it('tracks blocks per message, so interleaved messages of merged runs fire correctly', async () => {
    const { log } = await fire([
      ev('thread.message.created', message('msg_a', 'in_progress', [], 'run_a')),
      ev('thread.message.created', message('msg_b', 'in_progress', [], 'run_b')),
      textDelta('msg_a', [0, 'a']),
      textDelta('msg_b', [0, 'b']),
      textDelta('msg_a', [1, 'A']),
      ev('thread.message.completed', message('msg_b', 'completed', [textBlock('b')], 'run_b')),
    ]);
    expect(log.filter((l) => l.startsWith('text'))).toEqual([
      'textCreated "a"',
      'textDelta "a" "a"',
      'textCreated "b"',
      'textDelta "b" "b"',
      'textCreated "A"',
      'textDelta "A" "A"',
      'textDone "a" msg_a',
      'textDone "b" msg_b',
    ]);
  });

  it('calls onException then onEnd on an error, and onTimeout for a StreamTimeoutError', async () => {
    expect((await fire([], new Error('boom'))).log).toEqual(['exception boom', 'end']);
    expect((await fire([], new StreamTimeoutError('idle', 100))).log).toEqual(['timeout', 'end']);
  });

  it('calls onEnd once when the subscriber unsubscribes', () => {
    const log: string[] = [];
    const source = new Subject<AssistantStreamEvent>();
    const subscription = source.pipe(handleEvents(logger(log))).subscribe();
    subscription.unsubscribe();
    subscription.unsubscribe();
    expect(log).toEqual(['end']);
  });

  it("onEnd stays the last callback when the consumer stops from one: the event's other callbacks first, as the SDK fires end after them", async () => {
    const events = [
      ev('thread.run.created', run('run_1', 'in_progress')),
      ev('thread.message.created', message('msg_1', 'in_progress')),
      textDelta('msg_1', [0, 'Hello']),
      ev('thread.message.completed', message('msg_1', 'completed', [textBlock('Hello')])),
      ev('thread.run.completed', run('run_1', 'completed')),
    ];
    const sdk = sdkAssistantStream([encode(sse(events))]);
    const theirs: string[] = [];
    sdk.on('event', (e) => e.event === 'thread.message.completed' && sdk.abort());
    sdk.on('textDone', (t) => theirs.push(`textDone ${t.value}`));
    sdk.on('messageDone', () => theirs.push('messageDone'));
    sdk.on('end', () => theirs.push('end'));
    await sdk.done().catch(() => undefined);

    const ours: string[] = [];
    const source = new Subject<AssistantStreamEvent>();
    const subscription = source
      .pipe(
        handleEvents({
          onEvent: (e) => e.event === 'thread.message.completed' && subscription.unsubscribe(),
          onTextDone: (t) => ours.push(`textDone ${t.value}`),
          onMessageDone: () => ours.push('messageDone'),
          onEnd: () => ours.push('end'),
        }),
      )
      .subscribe();
    for (const event of events) source.next(event);
    expect(theirs).toEqual(['textDone Hello', 'messageDone', 'end']);
    expect(ours).toEqual(theirs);
    expect(source.observed).toBe(false);
  });

  it('onTextCreated fires once per new block, even for a delta with two entries for it (a relay that merged two), as the SDK does', async () => {
    const events = [
      ev('thread.run.created', run('run_1', 'in_progress')),
      ev('thread.message.created', message('msg_1', 'in_progress')),
      textDelta('msg_1', [0, 'Hel'], [0, 'lo']),
      ev('thread.message.completed', message('msg_1', 'completed', [textBlock('Hello')])),
      ev('thread.run.completed', run('run_1', 'completed')),
    ];
    const sdk = sdkAssistantStream([encode(sse(events))]);
    let theirs = 0;
    sdk.on('textCreated', () => theirs++);
    await sdk.done();
    let ours = 0;
    await lastValueFrom(of(...events).pipe(handleEvents({ onTextCreated: () => ours++ })));
    expect([theirs, ours]).toEqual([1, 1]);
  });

  it('ends the stream with the error a callback throws', async () => {
    const failing = of(ev('thread.run.created', run('run_1', 'queued'))).pipe(handleEvents({ onEvent: () => { throw new Error('handler failed'); } }));
    await expect(lastValueFrom(failing)).rejects.toThrow('handler failed');
  });

  it('AssistantEventHandler subclasses get the callbacks and the current snapshots', async () => {
    const seen: string[] = [];
    class Printer extends AssistantEventHandler {
      override onTextDelta(delta: TextDelta) {
        seen.push(`${delta.value} run=${this.currentRun?.status} msg=${this.currentMessageSnapshot?.id}`);
      }
      override onToolCallDone(call: ToolCall) {
        seen.push(`done ${call.id} step=${this.currentRunStepSnapshot?.id}`);
      }
    }
    await lastValueFrom(
      of(
        ev('thread.run.created', run('run_1', 'in_progress')),
        ev('thread.message.created', message('msg_1', 'in_progress')),
        textDelta('msg_1', [0, 'hi']),
        ev('thread.run.step.created', step('step_1', 'in_progress', { type: 'tool_calls', tool_calls: [] })),
        toolDelta('step_1', { index: 0, id: 'call_1', name: 'f' }),
        ev('thread.run.requires_action', run('run_1', 'requires_action')),
      ).pipe(handleEvents(new Printer())),
    );
    expect(seen).toEqual(['hi run=in_progress msg=msg_1', 'done call_1 step=step_1']);
  });

  it('AssistantEventHandler getters at the SDK\'s moments: onEvent before the event changed anything, a message\'s done callbacks with it as the current message', async () => {
    const seen: string[] = [];
    class Context extends AssistantEventHandler {
      override onEvent(event: AssistantStreamEvent) {
        seen.push(`event ${event.event} current=${this.currentEvent?.event} run=${this.currentRun?.status} msg=${this.currentMessageSnapshot?.id}`);
      }
      override onTextDone() {
        seen.push(`textDone msg=${this.currentMessageSnapshot?.id}`);
      }
      override onMessageDone() {
        seen.push(`messageDone msg=${this.currentMessageSnapshot?.id}`);
      }
      override onRunStepCreated() {
        seen.push(`stepCreated msg=${this.currentMessageSnapshot?.id}`);
      }
    }
    await lastValueFrom(
      of(
        ev('thread.run.created', run('run_1', 'queued')),
        ev('thread.run.in_progress', run('run_1', 'in_progress')),
        ev('thread.message.created', message('msg_1', 'in_progress')),
        textDelta('msg_1', [0, 'hi']),
        ev('thread.message.completed', message('msg_1', 'completed', [textBlock('hi')])),
        ev('thread.run.step.created', step('step_1', 'in_progress', { type: 'tool_calls', tool_calls: [] })),
        ev('thread.run.completed', run('run_1', 'completed')),
      ).pipe(handleEvents(new Context())),
    );
    expect(seen).toEqual([
      'event thread.run.created current=thread.run.created run=undefined msg=undefined',
      'event thread.run.in_progress current=thread.run.in_progress run=queued msg=undefined',
      'event thread.message.created current=thread.message.created run=in_progress msg=undefined',
      'event thread.message.delta current=thread.message.delta run=in_progress msg=msg_1',
      'event thread.message.completed current=thread.message.completed run=in_progress msg=msg_1',
      'textDone msg=msg_1',
      'messageDone msg=msg_1',
      'event thread.run.step.created current=thread.run.step.created run=in_progress msg=undefined',
      'stepCreated msg=undefined',
      'event thread.run.completed current=thread.run.completed run=in_progress msg=undefined',
    ]);
  });

  it("a stream that ends before its run settled (a [DONE] too soon) ends in MissingRunError after onException and onEnd, as the SDK's reports it", async () => {
    const events = [
      ev('thread.run.created', run('run_1', 'in_progress')),
      ev('thread.message.created', message('msg_1', 'in_progress')),
      textDelta('msg_1', [0, 'Hel']),
    ];
    const log: string[] = [];
    const passed: AssistantStreamEvent[] = [];
    const error = await lastValueFrom(of(...events).pipe(handleEvents(logger(log)), tap((e) => passed.push(e)))).catch((e: unknown) => e);
    expect(error).toEqual(new MissingRunError('in_progress'));
    expect(passed).toEqual(events);
    expect(log.slice(-2)).toEqual(['exception The stream ended while its run was still "in_progress": no final run', 'end']);
    const sdk = sdkAssistantStream([encode(sse(events))]);
    const sdkLog: string[] = [];
    sdk.on('error', (e) => sdkLog.push(`error ${e.message}`));
    sdk.on('end', () => sdkLog.push('end'));
    await sdk.done().catch(() => undefined);
    expect(sdkLog).toEqual(['error Final run has not been received', 'end']);
    // A stream of no run at all (events of a thread's messages, relayed) completes as it came.
    const messagesOnly = events.slice(1);
    expect(await lastValueFrom(of(...messagesOnly).pipe(handleEvents({}), toArray()))).toEqual(messagesOnly);
  });

  it('a tool call still open when the run stops is done, even in a step without its run_id (a server that leaves it out)', async () => {
    const log: string[] = [];
    const withoutRunId = { ...step('step_1', 'in_progress', { type: 'tool_calls', tool_calls: [] }), run_id: undefined } as never;
    await lastValueFrom(
      of(
        ev('thread.run.created', run('run_1', 'in_progress')),
        ev('thread.run.step.created', withoutRunId),
        toolDelta('step_1', { index: 0, id: 'call_1', name: 'f' }),
        ev('thread.run.requires_action', run('run_1', 'requires_action')),
      ).pipe(handleEvents(logger(log))),
    );
    expect(log).toEqual(['stepCreated step_1', 'toolCallCreated call_1 ', 'toolCallDone call_1 ', 'end']);
  });
});
