import fc from 'fast-check';
import { firstValueFrom, forkJoin, lastValueFrom, mergeMap, range, share, toArray } from 'rxjs';
import { finalMessages, textDeltas } from '../../src/index';
import type { Fault } from '../../src/testing/index';
import { useEmulator } from '../helpers/emulator';

const ctx = useEmulator({ pacing: { eventMs: 0, deltaMs: 1 } }, { idleTimeout: 300 });

const FAULTS: Fault[] = [
  { kind: 'reset', afterEvents: 8 },
  { kind: 'endEarly', afterEvents: 12 },
  { kind: 'stall', afterEvents: 10 },
  { kind: 'keepAliveOnly', afterEvents: 9, everyMs: 50 },
  { kind: 'rateLimit', retryAfterMs: 20 },
  { kind: 'serverError', status: 500 },
];

it('soak: 200 concurrent runs with 5% injected faults all end with their full text, one run each', async () => {
  const { id: assistant_id } = await firstValueFrom(ctx.client.assistants.create({ model: 'gpt-4o' }));
  const runsBefore = ctx.emulator.counters.runsCreated;
  const faultsBefore = ctx.emulator.counters.faultsApplied;
  // A fixed seed: the same 10 of 200 runs get the same faults on every run of this test.
  const faulty = new Map(
    fc.sample(fc.tuple(fc.integer({ min: 0, max: 199 }), fc.constantFrom(...FAULTS)), { numRuns: 40, seed: 42 })
      .filter(([index], i, all) => all.findIndex(([other]) => other === index) === i)
      .slice(0, 10),
  );
  expect(faulty.size).toBe(10);

  const results = await lastValueFrom(
    range(0, 200).pipe(
      mergeMap(async (i) => {
        const thread = await firstValueFrom(ctx.client.threads.create({ messages: [{ role: 'user', content: `Run number ${i}, say something` }] }));
        const fault = faulty.get(i);
        // Once, on this run's request only (a fault header would hit every retry too).
        if (fault) ctx.emulator.inject(fault, { match: { method: 'POST', path: `/threads/${thread.id}/runs` }, times: 1 });
        const events$ = ctx.client.threads.runs.stream(thread.id, { assistant_id }).pipe(share());
        const { text, messages } = await firstValueFrom(
          forkJoin({ text: events$.pipe(textDeltas(), toArray()), messages: events$.pipe(finalMessages()) }),
        );
        return { i, threadId: thread.id, text: text.join(''), messages };
      }, 200),
      toArray(),
    ),
  );

  await ctx.emulator.idle();
  expect(results).toHaveLength(200);
  expect(ctx.emulator.counters.runsCreated - runsBefore).toBe(200);
  expect(ctx.emulator.counters.faultsApplied - faultsBefore).toBe(10);
  for (const result of results) {
    const server = await lastValueFrom(ctx.client.threads.messages.listAll(result.threadId, { order: 'asc' }).pipe(toArray()));
    const answer = server.filter((m) => m.role === 'assistant');
    expect(answer).toHaveLength(1);
    expect(result.messages).toEqual(answer);
    expect(result.text).toBe(answer[0]!.content.map((b) => (b.type === 'text' ? b.text.value : '')).join(''));
  }
  // No exchange is left open: every request the emulator saw has ended.
  const ended = await Promise.all(ctx.emulator.requests.map((record) => record.ended));
  expect(ended.every((record) => record.endedAt !== undefined)).toBe(true);
}, 60_000);
