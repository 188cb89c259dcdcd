/**
 * The constants the library exports and reads itself are shared by every stream of the process: no caller can
 * change them (a `delete` on a status set would change when every run stream, `finalRun()` and polling end).
 */
import { from, lastValueFrom, toArray } from 'rxjs';
import {
  ASSISTANT_STREAM_EVENT_NAMES,
  assistantEvents,
  FILE_POLL_TERMINAL_STATUSES,
  finalRun,
  MESSAGE_EVENT_NAMES,
  RESPONSE_LIFECYCLE_EVENT_TYPES,
  RUN_EVENT_NAMES,
  RUN_POLL_TERMINAL_STATUSES,
  RUN_SETTLED_STATUSES,
  RUN_STEP_EVENT_NAMES,
  TERMINAL_RUN_STATUSES,
  THREAD_EVENT_NAMES,
} from '../../src/index';
import * as v from '../operators/values';

describe('exported constants cannot be changed', () => {
  it.each([
    ['RUN_SETTLED_STATUSES', RUN_SETTLED_STATUSES],
    ['RUN_POLL_TERMINAL_STATUSES', RUN_POLL_TERMINAL_STATUSES],
    ['FILE_POLL_TERMINAL_STATUSES', FILE_POLL_TERMINAL_STATUSES],
  ])('%s: add, delete and clear throw a TypeError, and the set stays as it was', (_name, set) => {
    const before = [...set];
    const mutable = set as Set<string>;
    expect(() => mutable.add('x')).toThrow(TypeError);
    expect(() => mutable.delete('completed')).toThrow(TypeError);
    expect(() => mutable.clear()).toThrow(TypeError);
    expect(() => Object.defineProperty(mutable, 'add', { value: () => mutable })).toThrow(TypeError);
    expect([...set]).toEqual(before);
    expect(set.has('completed')).toBe(true);
    expect(set).toBeInstanceOf(Set);
  });

  it.each([
    ['TERMINAL_RUN_STATUSES', TERMINAL_RUN_STATUSES],
    ['THREAD_EVENT_NAMES', THREAD_EVENT_NAMES],
    ['RUN_EVENT_NAMES', RUN_EVENT_NAMES],
    ['RUN_STEP_EVENT_NAMES', RUN_STEP_EVENT_NAMES],
    ['MESSAGE_EVENT_NAMES', MESSAGE_EVENT_NAMES],
    ['ASSISTANT_STREAM_EVENT_NAMES', ASSISTANT_STREAM_EVENT_NAMES],
    ['RESPONSE_LIFECYCLE_EVENT_TYPES', RESPONSE_LIFECYCLE_EVENT_TYPES],
  ])('%s is frozen', (_name, names) => {
    expect(Object.isFrozen(names)).toBe(true);
    expect(() => (names as unknown as string[]).push('x')).toThrow(TypeError);
  });

  it('a caller that changed RUN_SETTLED_STATUSES by force (through Set.prototype) changed nothing the library does', async () => {
    const forced = [RUN_SETTLED_STATUSES, RUN_POLL_TERMINAL_STATUSES, FILE_POLL_TERMINAL_STATUSES] as Set<string>[];
    try {
      for (const set of forced) Set.prototype.delete.call(set, 'completed');
      expect(RUN_SETTLED_STATUSES.has('completed')).toBe(false);
      // The library reads sets of its own: a run stream still ends at `completed`, finalRun() still finds its run.
      const run = await lastValueFrom(from([v.runCreated, v.runCompleted]).pipe(finalRun()));
      expect(run.status).toBe('completed');
      const events = await lastValueFrom(assistantEvents(from([{ event: 'thread.run.completed', data: JSON.stringify(v.runCompleted.data) }])).pipe(toArray()));
      expect(events).toHaveLength(1);
    } finally {
      for (const set of forced) Set.prototype.add.call(set, 'completed');
    }
  });
});
