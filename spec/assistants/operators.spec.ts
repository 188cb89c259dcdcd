import { concat, lastValueFrom, of, throwError, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import {
  accumulateSnapshots,
  type AssistantStreamEvent,
  codeInterpreterDeltas,
  finalMessages,
  finalRun,
  finalRunSteps,
  handleEvents,
  messageDeltas,
  MissingRunError,
  ofEventType,
  runStepDeltas,
  textDeltas,
  toolCallDeltas,
  untilDone,
} from '../../src/index';
import { ev, message, run, step, textBlock, textDelta, toolDelta } from '../helpers/events';

const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

const created = ev('thread.run.created', run('run_1', 'queued'));
const msgCreated = ev('thread.message.created', message('msg_1', 'in_progress'));
const d1 = textDelta('msg_1', [0, 'Hel']);
const d2 = textDelta('msg_1', [0, 'lo']);
const d3 = textDelta('msg_1', [0, ''], [1, 'Bye']);
const msgDone = ev('thread.message.completed', message('msg_1', 'completed', [textBlock('Hello'), textBlock('Bye')]));
const runDone = ev('thread.run.completed', run('run_1', 'completed'));

describe('textDeltas', () => {
  it('emits each non-empty text fragment when it arrives, completing with the source', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const events = cold('a-b-c--d-e|', { a: created, b: d1, c: d2, d: d3, e: runDone });
      expectObservable(events.pipe(textDeltas())).toBe('--x-y--z--|', { x: 'Hel', y: 'lo', z: 'Bye' });
    });
  });

  it('passes errors through after the text received', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const events = cold('-b-#', { b: d1 }, new Error('cut'));
      expectObservable(events.pipe(textDeltas())).toBe('-x-#', { x: 'Hel' }, new Error('cut'));
    });
  });
});

describe('a message delta whose content is null (the checks let it through; the SDK skips it)', () => {
  const nullContent = { event: 'thread.message.delta', data: { id: 'msg_1', object: 'thread.message.delta', delta: { content: null } } } as unknown as AssistantStreamEvent;
  const events = [created, msgCreated, d1, nullContent, d2, runDone];

  it('adds no text and keeps the blocks received, in textDeltas, the snapshots and handleEvents', async () => {
    expect(await lastValueFrom(of(...events).pipe(textDeltas(), toArray()))).toEqual(['Hel', 'lo']);
    const [message] = await lastValueFrom(of(...events).pipe(finalMessages()));
    expect(message!.content).toEqual([{ index: 0, type: 'text', text: { value: 'Hello' } }]);
    const texts: string[] = [];
    await lastValueFrom(of(...events).pipe(handleEvents({ onTextDelta: (delta) => texts.push(delta.value ?? '') }), toArray()));
    expect(texts).toEqual(['Hel', 'lo']);
  });
});

describe('ofEventType', () => {
  it('keeps only the named types', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const events = cold('abcde|', { a: created, b: msgCreated, c: d1, d: msgDone, e: runDone });
      expectObservable(events.pipe(ofEventType('thread.run.created', 'thread.run.completed'))).toBe('a---e|', {
        a: created,
        e: runDone,
      });
      expectObservable(events.pipe(ofEventType('thread.message.delta'))).toBe('--c--|', { c: d1 });
    });
  });
});

describe('accumulateSnapshots', () => {
  it('emits one state per event', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const events = cold('ab-c|', { a: created, b: msgCreated, c: d1 });
      const texts = events.pipe(accumulateSnapshots());
      expectObservable(texts).toBe('ab-c|', {
        a: expect.objectContaining({ currentEvent: created, currentRun: created.data }),
        b: expect.objectContaining({ currentEvent: msgCreated, currentMessageSnapshot: msgCreated.data }),
        c: expect.objectContaining({ currentEvent: d1 }),
      });
    });
  });
});

describe('final getters', () => {
  const all = [created, msgCreated, d1, d2, d3, msgDone, runDone];

  it('finalRun, finalMessages and finalRunSteps emit once, when the stream completes', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const events = cold('abcdefg|', { a: all[0], b: all[1], c: all[2], d: all[3], e: all[4], f: all[5], g: all[6] });
      expectObservable(events.pipe(finalRun())).toBe('-------(r|)', { r: runDone.data });
      expectObservable(events.pipe(finalMessages())).toBe('-------(m|)', { m: [msgDone.data] });
      expectObservable(events.pipe(finalRunSteps())).toBe('-------(s|)', { s: [] });
      expectObservable(events.pipe(untilDone())).toBe('-------(u|)', { u: undefined });
    });
  });

  it('finalRun gives the requires_action run of a stream that stops for tool outputs', async () => {
    const waiting = run('run_1', 'requires_action');
    expect(await lastValueFrom(of(created, ev('thread.run.requires_action', waiting)).pipe(finalRun()))).toEqual(waiting);
  });

  it('finalRun fails clearly when there was no run, or no final one', async () => {
    await expect(lastValueFrom(of(msgCreated).pipe(finalRun()))).rejects.toThrow(MissingRunError);
    await expect(lastValueFrom(of(created).pipe(finalRun()))).rejects.toThrow('still "queued"');
  });

  it('finalMessages and finalRunSteps fail as finalRun does when the stream carried a run that never settled (a [DONE] too soon), as the SDK\'s finals fail', async () => {
    const early = of(created, msgCreated, d1, msgDone);
    await expect(lastValueFrom(early.pipe(finalMessages()))).rejects.toThrow(MissingRunError);
    await expect(lastValueFrom(early.pipe(finalRunSteps()))).rejects.toThrow('still "queued"');
    // Of several runs merged into one stream, the latest is the one that must have settled.
    const later = of(created, ev('thread.run.requires_action', run('run_1', 'requires_action')), ev('thread.run.created', run('run_2', 'queued')), msgCreated);
    await expect(lastValueFrom(later.pipe(finalMessages()))).rejects.toThrow('still "queued"');
    await expect(lastValueFrom(later.pipe(finalRunSteps()))).rejects.toThrow(MissingRunError);
    // With the run settled, or with no run in the stream at all, they give what came.
    expect(await lastValueFrom(of(created, msgCreated, d1, msgDone, runDone).pipe(finalMessages()))).toHaveLength(1);
    expect(await lastValueFrom(of(msgCreated, d1, msgDone).pipe(finalMessages()))).toHaveLength(1);
  });

  it('final getters pass errors through instead of emitting partial results', async () => {
    const failing = concat(of(created, msgCreated, d1), throwError(() => new Error('cut')));
    await expect(lastValueFrom(failing.pipe(finalMessages()))).rejects.toThrow('cut');
    await expect(lastValueFrom(failing.pipe(untilDone()))).rejects.toThrow('cut');
  });
});

describe('delta operators with snapshots', () => {
  it('messageDeltas pairs each delta with the message so far', async () => {
    const out = await lastValueFrom(of(created, msgCreated, d1, d2).pipe(messageDeltas(), toArray()));
    expect(out.map(({ delta, snapshot }) => [delta, snapshot.content[0]?.type === 'text' ? snapshot.content[0].text.value : ''])).toEqual([
      [(d1.data as { delta: unknown }).delta, 'Hel'],
      [(d2.data as { delta: unknown }).delta, 'Hello'],
    ]);
  });

  it('toolCallDeltas emits every fragment (the first included) with the call so far', async () => {
    const stepCreated = ev('thread.run.step.created', step('step_1', 'in_progress', { type: 'tool_calls', tool_calls: [] }));
    const out = await lastValueFrom(
      of(
        stepCreated,
        toolDelta('step_1', { index: 0, id: 'call_1', name: 'weather', args: '{"c' }),
        toolDelta('step_1', { index: 0, args: '":1}' }),
      ).pipe(toolCallDeltas(), toArray()),
    );
    expect(out.map(({ delta, snapshot }) => [delta.index, snapshot.type === 'function' ? snapshot.function.arguments : ''])).toEqual([
      [0, '{"c'],
      [0, '{"c":1}'],
    ]);
    expect(out.map(({ delta }) => (delta.type === 'function' ? delta.function?.arguments : '')).join('')).toBe('{"c":1}');
  });

  it("a step's in-progress event takes the tool calls it carries, as the SDK's snapshot does; one with none keeps those received", async () => {
    const details = (calls: object[]) => ({ type: 'tool_calls', tool_calls: calls }) as never;
    const fn = (id: string, args: string) => ({ index: 0, id, type: 'function', function: { name: 'f', arguments: args, output: null } });
    const steps = async (...late: AssistantStreamEvent[]) =>
      (await lastValueFrom(
        of(
          created,
          ev('thread.run.step.created', step('step_1', 'in_progress', details([]))),
          toolDelta('step_1', { index: 0, id: 'call_a', name: 'f', args: '{' }),
          ...late,
          ev('thread.run.requires_action', run('run_1', 'requires_action')),
        ).pipe(finalRunSteps()),
      ))[0]!.step_details;
    const both = details([fn('call_a', '{"x":1}'), { ...fn('call_b', '{}'), index: 1 }]);
    expect(await steps(ev('thread.run.step.in_progress', step('step_1', 'in_progress', both)))).toEqual(both);
    expect(await steps(ev('thread.run.step.in_progress', step('step_1', 'in_progress', details([]))))).toMatchObject({ tool_calls: [{ id: 'call_a', function: { arguments: '{' } }] });
  });

  it('runStepDeltas pairs each step delta with the step so far', async () => {
    const stepCreated = ev('thread.run.step.created', step('step_1', 'in_progress', { type: 'tool_calls', tool_calls: [] }));
    const out = await lastValueFrom(of(stepCreated, toolDelta('step_1', { index: 0, id: 'c', name: 'f', args: 'x' })).pipe(runStepDeltas(), toArray()));
    expect(out).toHaveLength(1);
    expect(out[0]!.snapshot.id).toBe('step_1');
  });

  it('codeInterpreterDeltas streams code input and outputs', async () => {
    const stepCreated = ev('thread.run.step.created', step('step_1', 'in_progress', { type: 'tool_calls', tool_calls: [] }));
    const codeDelta = (input?: string, outputs?: unknown[]) =>
      ev('thread.run.step.delta', {
        id: 'step_1',
        object: 'thread.run.step.delta',
        delta: {
          step_details: {
            type: 'tool_calls',
            tool_calls: [{ index: 0, type: 'code_interpreter', id: 'ci_1', code_interpreter: { ...(input !== undefined ? { input } : {}), ...(outputs ? { outputs } : {}) } }],
          },
        },
      } as never);
    const out = await lastValueFrom(
      of(stepCreated, codeDelta('print('), codeDelta('2+2)'), codeDelta(undefined, [{ index: 0, type: 'logs', logs: '4' }])).pipe(
        codeInterpreterDeltas(),
        toArray(),
      ),
    );
    expect(out.map((d) => d.input).join('')).toBe('print(2+2)');
    expect(out.at(-1)!.outputs).toEqual([{ index: 0, type: 'logs', logs: '4' }]);
    expect(out.at(-1)!.snapshot.code_interpreter.input).toBe('print(2+2)');
  });

  it('each subscription accumulates on its own (operators keep no shared state)', async () => {
    const operator = finalMessages();
    const source = of(created, msgCreated, d1, msgDone, runDone);
    const [a, b] = await Promise.all([lastValueFrom(source.pipe(operator)), lastValueFrom(source.pipe(operator))]);
    expect(a).toEqual(b);
    expect(a).toHaveLength(1);
  });
});
