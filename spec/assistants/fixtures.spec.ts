import fc from 'fast-check';
import { firstValueFrom, forkJoin, lastValueFrom, share, toArray } from 'rxjs';
import {
  assistantEvents,
  type AssistantStreamEvent,
  type AssistantStreamHandler,
  finalMessages,
  finalRun,
  finalRunSteps,
  handleEvents,
  textDeltas,
} from '../../src/index';
import {
  chunksOf,
  eventsWithInvalidJson,
  fixtureBytes,
  fixtureNames,
  iterableOf,
  splitAt,
  streamOf,
  withPublishedTypoFixed,
} from '../helpers/bytes';
import { expectEqual } from '../helpers/expect-equal';
import { StreamParseError } from '../../src/index';
import { sdkAssistantStream } from '../helpers/sdk';

const names = fixtureNames('assistants');

async function eventsOf(chunks: Uint8Array[]): Promise<AssistantStreamEvent[]> {
  return lastValueFrom(assistantEvents(streamOf(chunks)).pipe(toArray()));
}

describe('recorded Assistants streams', () => {
  it('covers the four published streams', () => {
    expect(names).toEqual([
      'create-run.sse',
      'create-thread-and-run-with-functions.sse',
      'create-thread-and-run.sse',
      'submit-tool-outputs.sse',
    ]);
  });

  describe.each(names)('%s as published', (name) => {
    const published = fixtureBytes('assistants', name);
    const broken = eventsWithInvalidJson(published);

    it('fails at the first event whose data is not JSON, naming it, after emitting every event before it', async () => {
      const received: AssistantStreamEvent[] = [];
      const error = await new Promise<unknown>((resolve) =>
        assistantEvents(streamOf(chunksOf(published, 100))).subscribe({
          next: (e) => received.push(e),
          error: resolve,
          complete: () => resolve(undefined),
        }),
      );
      if (broken.length === 0) {
        expect(error).toBeUndefined();
        return;
      }
      expect(error).toBeInstanceOf(StreamParseError);
      expect((error as StreamParseError).eventName).toBe(broken[0]);
      expect((error as StreamParseError).message).toContain('Invalid JSON');
      const fixed = await eventsOf([withPublishedTypoFixed(published)]);
      expect(received).toEqual(fixed.slice(0, received.length));
      expect(fixed[received.length]!.event).toBe(broken[0]);
    });

    it('gives no final run where the official SDK gives none either', async () => {
      // The SDK logs the unparsable line with console.error; keep the test output clean.
      const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      const ours = await lastValueFrom(assistantEvents(streamOf([published])).pipe(finalRun())).then(
        () => 'run',
        (error: unknown) => (error as Error).name,
      );
      const theirs = await sdkAssistantStream([published])
        .finalRun()
        .then(
          () => 'run',
          () => 'error',
        );
      quiet.mockRestore();
      expect(theirs).toBe('error');
      expect(ours).toBe(broken.length > 0 ? 'StreamParseError' : 'MissingRunError');
    });
  });

  describe.each(names)('%s (published typo undone)', (name) => {
    const bytes = withPublishedTypoFixed(fixtureBytes('assistants', name));

    it('has no invalid JSON left', () => {
      expect(eventsWithInvalidJson(bytes)).toEqual([]);
    });

    it('parses into the same events whatever the chunking: whole, 1 byte, 1 KiB, async iterable', async () => {
      const whole = await eventsOf([bytes]);
      expect(whole.length).toBeGreaterThan(5);
      expectEqual(await eventsOf(chunksOf(bytes, 1)), whole);
      expectEqual(await eventsOf(chunksOf(bytes, 1024)), whole);
      const fromIterable = await lastValueFrom(assistantEvents(iterableOf(chunksOf(bytes, 7))).pipe(toArray()));
      expect(fromIterable).toEqual(whole);
    });

    it('parses into the same events under random splits', async () => {
      const whole = await eventsOf([bytes]);
      await fc.assert(
        fc.asyncProperty(fc.array(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 40 }), async (cuts) => {
          expectEqual(await eventsOf(splitAt(bytes, cuts)), whole);
        }),
        { numRuns: 60 },
      );
    });

    it('emits the same raw events as the official SDK', async () => {
      const ours = await eventsOf([bytes]);
      const theirs: unknown[] = [];
      for await (const event of sdkAssistantStream([bytes])) theirs.push(event);
      expect(ours).toEqual(theirs);
    });

    it('gives the same text deltas, final run, final messages and run steps as the official SDK', async () => {
      const events$ = assistantEvents(streamOf(chunksOf(bytes, 64))).pipe(share());
      const ours = await firstValueFrom(
        forkJoin({
          text: events$.pipe(textDeltas(), toArray()),
          run: events$.pipe(finalRun()),
          messages: events$.pipe(finalMessages()),
          steps: events$.pipe(finalRunSteps()),
        }),
      );

      const sdk = sdkAssistantStream([bytes]);
      const sdkText: string[] = [];
      sdk.on('textDelta', (delta) => sdkText.push(delta.value ?? ''));
      const [sdkRun, sdkMessages, sdkSteps] = [await sdk.finalRun(), await sdk.finalMessages(), await sdk.finalRunSteps()];

      expect(ours.text).toEqual(sdkText.filter((t) => t !== ''));
      expect(ours.run).toEqual(sdkRun);
      // Same messages. The SDK's final messages are its accumulated copies (status still "in_progress"); with
      // openai 7.x their text is not even its own deltas joined ("Hello today?" where its `textDelta` callbacks,
      // like ours, gave "Hello! How can I assist you today?"), so it is not compared. Ours are the server's
      // `thread.message.completed` objects, which are final.
      expect(ours.messages.map((m) => m.id)).toEqual(sdkMessages.map((m) => m.id));
      expect(ours.text.join('')).toEqual(sdkText.join(''));
      const completed = (await eventsOf([bytes])).filter((e) => e.event === 'thread.message.completed');
      expect(ours.messages).toEqual(completed.map((e) => e.data));
      expect(ours.messages.every((m) => m.status === 'completed')).toBe(true);
      expect(ours.steps.map((s) => [s.id, s.status])).toEqual(sdkSteps.map((s) => [s.id, s.status]));
    });

    it('fires handler callbacks in the same order, with the same text, as the official SDK', async () => {
      const ours: string[] = [];
      await lastValueFrom(assistantEvents(streamOf([bytes])).pipe(handleEvents(recorder(ours))), { defaultValue: null });

      const theirs: string[] = [];
      const sdk = sdkAssistantStream([bytes]);
      const on = <K extends string>(name: K, describe: (...args: any[]) => string) =>
        (sdk.on as (n: string, l: (...args: any[]) => void) => unknown)(name, (...args) => theirs.push(describe(...args)));
      on('event', (e) => `event ${e.event}`);
      on('runStepCreated', (s) => `runStepCreated ${s.id}`);
      on('runStepDelta', (_d, s) => `runStepDelta ${s.id}`);
      on('runStepDone', (s) => `runStepDone ${s.id}`);
      on('messageCreated', (m) => `messageCreated ${m.id}`);
      on('messageDelta', (_d, m) => `messageDelta ${m.id} ${textOf(m)}`);
      on('messageDone', (m) => `messageDone ${m.id}`);
      on('textCreated', (t) => `textCreated ${t.value}`);
      on('textDelta', (d, t) => `textDelta ${d.value} ${t.value}`);
      on('textDone', (t) => `textDone ${t.value}`);
      on('toolCallCreated', (c) => `toolCallCreated ${c.id} ${JSON.stringify(c.function ?? c.code_interpreter ?? null)}`);
      on('toolCallDelta', (_d, c) => `toolCallDelta ${c.id} ${JSON.stringify(c.function ?? c.code_interpreter ?? null)}`);
      on('toolCallDone', (c) => `toolCallDone ${c.id}`);
      on('end', () => 'end');
      await sdk.done();

      expect(ours).toEqual(theirs);
    });
  });
});

function textOf(message: { content: readonly unknown[] }): string {
  return message.content
    .map((block) => {
      const b = block as { type: string; text?: { value: string } };
      return b.type === 'text' ? b.text!.value : `[${b.type}]`;
    })
    .join('|');
}

/** A handler that describes each callback as the SDK-side recorder does. */
function recorder(log: string[]): AssistantStreamHandler {
  const call = (c: any) => JSON.stringify(c.function ?? c.code_interpreter ?? null);
  return {
    onEvent: (e) => log.push(`event ${e.event}`),
    onRunStepCreated: (s) => log.push(`runStepCreated ${s.id}`),
    onRunStepDelta: (_d, s) => log.push(`runStepDelta ${s.id}`),
    onRunStepDone: (s) => log.push(`runStepDone ${s.id}`),
    onMessageCreated: (m) => log.push(`messageCreated ${m.id}`),
    onMessageDelta: (_d, m) => log.push(`messageDelta ${m.id} ${textOf(m)}`),
    onMessageDone: (m) => log.push(`messageDone ${m.id}`),
    onTextCreated: (t) => log.push(`textCreated ${t.value}`),
    onTextDelta: (d, t) => log.push(`textDelta ${d.value} ${t.value}`),
    onTextDone: (t) => log.push(`textDone ${t.value}`),
    onToolCallCreated: (c) => log.push(`toolCallCreated ${c.id} ${call(c)}`),
    onToolCallDelta: (_d, c) => log.push(`toolCallDelta ${c.id} ${call(c)}`),
    onToolCallDone: (c) => log.push(`toolCallDone ${c.id}`),
    onEnd: () => log.push('end'),
  };
}
