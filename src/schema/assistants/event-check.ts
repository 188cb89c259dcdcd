/**
 * The check `assistantEvents()` runs on every event of a run stream by default: the fields the library reads
 * (the snapshot reducer, the operators, `handleEvents()`, the end-of-stream judgement, the client's recovery),
 * nothing else. Everything else passes untouched whatever it holds or whether it is there at all: new statuses
 * and step types, `null`s, missing fields the library does not read, unknown keys.
 *
 * Checked, by event:
 * - every known event: the data is an object with a string `id`;
 * - `thread.run.*`: a string `status` (any value) and a string `thread_id`;
 * - `thread.run.step.*` (not `.delta`): an object `step_details` with a string `type`; when that is
 *   `tool_calls`, its `tool_calls` is an array;
 * - `thread.run.step.delta`: an object `delta`; its `step_details`, when present, an object whose `tool_calls`,
 *   when present, is an array of objects with an integer `index` >= 0;
 * - `thread.message.*` (not `.delta`): an array `content`;
 * - `thread.message.delta`: see `message-delta-check.ts`;
 * - `error`: nothing (it ends the stream with its text).
 *
 * The full OpenAPI schemas are opt-in: `assistantEvents(source, { conformance: assistantEventDataSchemas })`.
 */
import type { ReadIssue } from '../../sources/decode-json-event.js';
import { ASSISTANT_STREAM_EVENT_NAMES } from '../../assistants/event-names.js';
import { messageDeltaIssue } from './message-delta-check.js';
import { isJsonObject } from '../json-values.js';

/**
 * The name of every event of a run stream with JSON data (the keys of `assistantEventDataSchemas`), without
 * importing the schemas: every emitted event's name, and `error`.
 *
 * @internal
 * @example
 * ASSISTANT_EVENT_NAMES.includes('thread.run.completed'); // true
 */
export const ASSISTANT_EVENT_NAMES = [...ASSISTANT_STREAM_EVENT_NAMES, 'error'] as const;

const knownNames: ReadonlySet<string> = /* @__PURE__ */ new Set(ASSISTANT_EVENT_NAMES);

/**
 * What is wrong with a field the library reads in the data of the event `name`, or `undefined` (also for an
 * event name it does not know: those pass through as they are).
 *
 * @internal
 * @example
 * assistantEventIssue('thread.run.completed', { id: 'run_1', thread_id: 'thread_1' });
 * // { path: 'status', message: 'expected a string' }
 */
export function assistantEventIssue(name: string, data: unknown): ReadIssue | undefined {
  if (name === 'thread.message.delta') return messageDeltaIssue(data);
  if (name === 'error' || !knownNames.has(name)) return undefined;
  if (!isJsonObject(data)) return { path: '', message: 'expected an object' };
  if (typeof data['id'] !== 'string') return { path: 'id', message: 'expected a string' };
  if (name.startsWith('thread.run.step.')) {
    if (name === 'thread.run.step.delta') return stepDeltaIssue(data);
    const details = data['step_details'];
    if (!isJsonObject(details)) return { path: 'step_details', message: 'expected an object' };
    if (typeof details['type'] !== 'string') return { path: 'step_details.type', message: 'expected a string' };
    if (details['type'] === 'tool_calls' && !Array.isArray(details['tool_calls'])) {
      return { path: 'step_details.tool_calls', message: 'expected an array' };
    }
    return undefined;
  }
  if (name.startsWith('thread.run.')) {
    if (typeof data['status'] !== 'string') return { path: 'status', message: 'expected a string' };
    if (typeof data['thread_id'] !== 'string') return { path: 'thread_id', message: 'expected a string' };
    return undefined;
  }
  if (name.startsWith('thread.message.')) {
    return Array.isArray(data['content']) ? undefined : { path: 'content', message: 'expected an array' };
  }
  return undefined;
}

function stepDeltaIssue(data: Record<string, unknown>): ReadIssue | undefined {
  const delta = data['delta'];
  if (!isJsonObject(delta)) return { path: 'delta', message: 'expected an object' };
  const details = delta['step_details'];
  if (details === undefined || details === null) return undefined;
  if (!isJsonObject(details)) return { path: 'delta.step_details', message: 'expected an object' };
  const calls = details['tool_calls'];
  if (calls === undefined || calls === null) return undefined;
  if (!Array.isArray(calls)) return { path: 'delta.step_details.tool_calls', message: 'expected an array' };
  for (let i = 0; i < calls.length; i++) {
    const call: unknown = calls[i];
    if (!isJsonObject(call)) return { path: `delta.step_details.tool_calls.${i}`, message: 'expected an object' };
    const index = call['index'];
    if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0) {
      return { path: `delta.step_details.tool_calls.${i}.index`, message: 'expected an integer >= 0' };
    }
  }
  return undefined;
}

