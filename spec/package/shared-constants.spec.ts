/**
 * The constants the library exports and reads itself are shared by every stream of the process: no caller can
 * change them (a `delete` on a status set would change when every run stream, `finalRun()` and polling end).
 */
import { from, lastValueFrom } from 'rxjs';
import {
  ASSISTANT_STREAM_EVENT_NAMES,
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

  it('a caller that tried to change RUN_SETTLED_STATUSES changed nothing for finalRun()', async () => {
    expect(() => (RUN_SETTLED_STATUSES as Set<string>).delete('completed')).toThrow(TypeError);
    const run = await lastValueFrom(from([v.runCreated, v.runCompleted]).pipe(finalRun()));
    expect(run.status).toBe('completed');
  });
});
