import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { from, share } from 'rxjs';
import {
  accumulateSnapshots,
  type AssistantStreamEvent,
  assistantStreamReducer,
  type AssistantStreamState,
  finalMessages,
  initialAssistantStreamState,
} from '../../src/index';
import { ev, message, run, textDelta } from '../helpers/events';

// State belongs to a subscription: the Assistants reducer remembers nothing between calls, two subscriptions never
// share a state object, and nothing in src/ generates code at run time.

const SRC = join(__dirname, '../../src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const runEvents: AssistantStreamEvent[] = [
  ev('thread.run.created', run('run_1', 'queued')),
  ev('thread.message.created', message('msg_1', 'in_progress')),
  ...['Hel', 'lo', ', ', 'world'].map((part) => textDelta('msg_1', [0, part])),
  ev('thread.run.completed', run('run_1', 'completed')),
];

function textOf(state: AssistantStreamState): string | undefined {
  const block = state.messages[0]?.content[0];
  return block?.type === 'text' ? block.text.value : undefined;
}

describe('Assistants reducer: state per subscription', () => {
  it('gives every subscription of a shared stream its own states, which its consumer cannot spoil for the others', () => {
    const events$ = from(runEvents).pipe(share());
    const first: AssistantStreamState[] = [];
    const second: AssistantStreamState[] = [];
    // The first consumer scribbles on every state it gets (it should not, but it is its own business).
    events$.pipe(accumulateSnapshots()).subscribe((state) => {
      first.push(state);
      const block = state.currentMessageSnapshot?.content[0];
      if (block?.type === 'text') (block.text as { value: string }).value += '!';
      const run = state.currentRun as { status: string } | undefined;
      if (run) run.status = 'spoiled';
      if (!Object.isFrozen(state.messages)) (state.messages as Message[]).push(message('msg_x', 'completed'));
    });
    events$.pipe(accumulateSnapshots()).subscribe((state) => second.push(state));
    let final: readonly unknown[] = [];
    from(runEvents).pipe(finalMessages()).subscribe((messages) => (final = messages));

    expect(second).toHaveLength(runEvents.length);
    for (let i = 0; i < second.length; i++) {
      expect(second[i]).not.toBe(first[i]);
      // (The initial state's empty, frozen arrays aside.)
      if (!Object.isFrozen(second[i]!.messages)) expect(second[i]!.messages).not.toBe(first[i]!.messages);
    }
    expect(second.map((s) => s.currentRun?.status)).toEqual(['queued', 'queued', 'queued', 'queued', 'queued', 'queued', 'completed']);
    expect(second.map((s) => s.messages.length)).toEqual([0, 1, 1, 1, 1, 1, 1]);
    expect(second.map(textOf)).toEqual([undefined, undefined, 'Hel', 'Hello', 'Hello, ', 'Hello, world', 'Hello, world']);
    expect(final).toHaveLength(1);
  });

  it('reduces interleaved streams as it reduces each alone', () => {
    const other = runEvents.map((event) =>
      event.event === 'thread.message.delta' ? textDelta('msg_1', [0, event.data.delta.content![0]!.type === 'text' ? 'x' : '']) : event,
    );
    let a = initialAssistantStreamState;
    let b = initialAssistantStreamState;
    let alone = initialAssistantStreamState;
    for (let i = 0; i < runEvents.length; i++) {
      const before = a;
      a = assistantStreamReducer(a, runEvents[i]!);
      b = assistantStreamReducer(b, other[i]!);
      alone = assistantStreamReducer(alone, runEvents[i]!);
      // The same state and event again (what a second operator on a shared stream does): an equal, new state.
      const again = assistantStreamReducer(before, runEvents[i]!);
      expect(again).not.toBe(a);
      expect(again).toEqual(a);
      // The same state and event again (what a second operator on a shared stream does): an equal, new state.

    }
    expect(a).toEqual(alone);
    expect(textOf(a)).toBe('Hello, world');
    expect(textOf(b)).toBe('xxxx');
  });

  it('has no module-level mutable state in src/ (the emulator of the testing subpath aside)', () => {
    const offenders = filesUnder(SRC).filter((file) => !relative(SRC, file).startsWith('testing')).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => [line, i + 1] as const)
        .filter(([line]) => /^(export )?(let|var) /.test(line) || /^(export )?const \w+\s*(:(?!\s*Readonly)[^=]+)?=\s*new (Map|Set|WeakMap|WeakSet)\b/.test(line))
        .map(([line, n]) => `${relative(SRC, file)}:${n}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });

  it('generates no code at run time (no new Function, no eval) anywhere in src/', () => {
    const offenders = filesUnder(SRC)
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .map((line, i) => [line, i + 1] as const)
          .filter(([line]) => /\bnew Function\s*\(|(^|[^.\w])eval\s*\(/.test(line) && !/^\s*(\*|\/\/)/.test(line))
          .map(([line, n]) => `${relative(SRC, file)}:${n}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });
});

type Message = AssistantStreamState['messages'][number];
