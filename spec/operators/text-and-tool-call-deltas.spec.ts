import { map, merge, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import {
  type AssistantStreamEvent,
  type ChatCompletionChunk,
  type ChatToolCallDeltaWithSnapshot,
  type ResponseStreamEvent,
  type ResponseToolCallDeltaWithSnapshot,
  SnapshotError,
  streamKindOf,
  textDeltas,
  type ToolCallDeltaWithSnapshot,
  toolCallDeltas,
} from '../../src/index';
import * as v from './values';

const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

describe('streamKindOf', () => {
  it('tells the three kinds apart by shape', () => {
    expect(streamKindOf(v.hel)).toBe('assistants');
    expect(streamKindOf(v.chatHel)).toBe('chat');
    expect(streamKindOf(v.responseCreated)).toBe('responses');
    expect(streamKindOf({})).toBeUndefined();
    expect(streamKindOf(null)).toBeUndefined();
  });
});

describe('textDeltas on every kind of stream', () => {
  it('Assistants: the text of thread.message.delta events', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const events = cold('a-b-c-d|', { a: v.runCreated, b: v.hel, c: v.lo, d: v.runCompleted });
      expectObservable(events.pipe(textDeltas())).toBe('--x-y--|', { x: 'Hel', y: 'lo' });
    });
  });

  it('Chat Completions: the content of choice 0, skipping empty fragments and the usage chunk', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const chunks = cold('a-b-c-d-e|', { a: v.chatRole, b: v.chatHel, c: v.chatLo, d: v.chatStop, e: v.chatUsage });
      expectObservable(chunks.pipe(textDeltas())).toBe('--x-y----|', { x: 'Hel', y: 'lo' });
    });
  });

  it('Chat Completions: another choice on request', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const chunks = cold('a-b|', { a: v.chatTwoChoices, b: v.chatHel });
      expectObservable(chunks.pipe(textDeltas({ choice: 1 }))).toBe('x--|', { x: 'B' });
      expectObservable(chunks.pipe(textDeltas())).toBe('x-y|', { x: 'A', y: 'Hel' });
    });
  });

  it('Responses: the delta of response.output_text.delta events', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const events = cold('a-b-c-d-e|', {
        a: v.responseCreated,
        b: v.messageAdded,
        c: v.textDeltaEvent('Hi'),
        d: v.argsDelta('{'),
        e: v.responseCompleted,
      });
      expectObservable(events.pipe(textDeltas())).toBe('----x----|', { x: 'Hi' });
    });
  });

  it('a merged stream of all three kinds', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const mixed = merge(
        cold('a----|', { a: v.hel }) as Observable<AssistantStreamEvent>,
        cold('-b---|', { b: v.chatLo }) as Observable<ChatCompletionChunk>,
        cold('--c--|', { c: v.textDeltaEvent('!') }) as Observable<ResponseStreamEvent>,
      );
      expectObservable(mixed.pipe(textDeltas())).toBe('xyz--|', { x: 'Hel', y: 'lo', z: '!' });
    });
  });

  it('passes errors through after the text received', () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('a-#', { a: v.chatHel }).pipe(textDeltas())).toBe('x-#', { x: 'Hel' });
    });
  });
});

describe('toolCallDeltas on every kind of stream', () => {
  it('Assistants: { delta, snapshot, runStep } per fragment', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const events = cold('a-b-c|', { a: v.stepCreated, b: v.callStart, c: v.callArgs }) as Observable<AssistantStreamEvent>;
      const args = events.pipe(
        toolCallDeltas(),
        map((d: ToolCallDeltaWithSnapshot) => [d.runStep.id, d.snapshot.type === 'function' ? d.snapshot.function.arguments : '']),
      );
      expectObservable(args).toBe('--x-y|', { x: ['step_1', ''], y: ['step_1', '{}'] });
    });
  });

  it('Chat Completions: { delta, snapshot, choiceIndex, completion } per fragment', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const chunks = cold('a-b-c|', { a: v.chatCallStart, b: v.chatCallArgs, c: v.chatStop }) as Observable<ChatCompletionChunk>;
      expectObservable(
        chunks.pipe(
          toolCallDeltas(),
          map((d: ChatToolCallDeltaWithSnapshot) => ({ delta: d.delta, snapshot: d.snapshot, choice: d.choiceIndex, id: d.completion.id })),
        ),
      ).toBe('x-y--|', {
        x: {
          delta: { index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '' } },
          snapshot: { id: 'call_1', type: 'function', function: { name: 'f', arguments: '' } },
          choice: 0,
          id: 'chatcmpl-1',
        },
        y: {
          delta: { index: 0, function: { arguments: '{"a":1}' } },
          snapshot: { id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } },
          choice: 0,
          id: 'chatcmpl-1',
        },
      });
    });
  });

  it('Responses: { delta, snapshot, response } per function call arguments delta', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const events = cold('a-b-c-d|', {
        a: v.responseCreated,
        b: v.messageAdded,
        c: v.functionAdded,
        d: v.argsDelta('{"a"'),
      }) as Observable<ResponseStreamEvent>;
      expectObservable(
        events.pipe(
          toolCallDeltas(),
          map((d: ResponseToolCallDeltaWithSnapshot) => [d.delta.delta, d.snapshot.type, d.response.output.length]),
        ),
      ).toBe('------x|', { x: ['{"a"', 'function_call', 2] });
    });
  });

  it("Chat Completions: a second completion's call at the same index starts anew (the chunks of a tool loop's turns)", () => {
    scheduler().run(({ cold, expectObservable }) => {
      const next = (c: ChatCompletionChunk) => ({ ...c, id: 'chatcmpl-2' });
      const secondStart = next(v.chunk([{ delta: { role: 'assistant', tool_calls: [{ index: 0, id: 'call_2', type: 'function', function: { name: 'g', arguments: '' } }] } }]));
      const chunks = cold('a-b-c-d-e|', { a: v.chatCallStart, b: v.chatCallArgs, c: v.chatStop, d: secondStart, e: next(v.chatCallArgs) }) as Observable<ChatCompletionChunk>;
      expectObservable(
        chunks.pipe(
          toolCallDeltas(),
          map((d: ChatToolCallDeltaWithSnapshot) => [d.completion.id, d.snapshot.id, d.snapshot.function?.name, d.snapshot.function?.arguments, d.completion.choices[0]!.finish_reason]),
        ),
      ).toBe('x-y---z-w|', {
        x: ['chatcmpl-1', 'call_1', 'f', '', null],
        y: ['chatcmpl-1', 'call_1', 'f', '{"a":1}', null],
        z: ['chatcmpl-2', 'call_2', 'g', '', null],
        w: ['chatcmpl-2', 'call_2', 'g', '{"a":1}', null],
      });
    });
  });

  it('fails with the reducer error (a delta for an item that does not exist)', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const events = cold('a-d', { a: v.responseCreated, d: v.argsDelta('x') }) as Observable<ResponseStreamEvent>;
      expectObservable(events.pipe(toolCallDeltas())).toBe(
        '--#',
        undefined,
        new SnapshotError('No output item at index 1', { eventName: 'response.function_call_arguments.delta', path: 'output_index' }),
      );
    });
  });
});
