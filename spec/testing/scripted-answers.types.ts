/**
 * Type tests of the emulator's scripted answers, checked by `tsc` (`npm run typecheck`), not run by jest.
 */
import { expectTypeOf } from 'expect-type';
import type {
  AnswerMatch,
  AnswerRequest,
  Emulator,
  ModelAnswer,
  ScriptAnswerOptions,
  ScriptedAnswer,
  ScriptedApi,
  ScriptedToolCall,
} from '../../src/testing/index';

declare const emulator: Emulator;

// The answers a test can script: a text, calls, a text then calls, a refusal; each with an optional reasoning.
expectTypeOf<{ text: string }>().toExtend<ModelAnswer>();
expectTypeOf<{ toolCalls: ScriptedToolCall[] }>().toExtend<ModelAnswer>();
expectTypeOf<{ text: string; toolCalls: ScriptedToolCall[] }>().toExtend<ModelAnswer>();
expectTypeOf<{ refusal: string; reasoning: string }>().toExtend<ModelAnswer>();
expectTypeOf<{ reasoning: string; text: string }>().toExtend<ModelAnswer>();

// Arguments are an object or JSON text; the id is optional.
const calls: ScriptedToolCall[] = [
  { name: 'get_weather', arguments: { city: 'Oslo' } },
  { name: 'get_weather', arguments: '{"city":"Rome"}', id: 'call_rome' },
  { name: 'now' },
];
expectTypeOf(emulator.scriptAnswer({ toolCalls: calls })).toEqualTypeOf<ScriptedAnswer>();

// Not an answer: nothing to say, a refusal with a text or calls, only reasoning, a misspelled field.
// @ts-expect-error an answer needs a text, calls or a refusal
emulator.scriptAnswer({});
// @ts-expect-error a refusal is the whole answer
emulator.scriptAnswer({ refusal: 'No.', text: 'Yes.' });
// @ts-expect-error a refusal is the whole answer
emulator.scriptAnswer({ refusal: 'No.', toolCalls: calls });
// @ts-expect-error reasoning alone is no answer
emulator.scriptAnswer({ reasoning: 'Hmm.' });
// @ts-expect-error arguments are an object or JSON text
emulator.scriptAnswer({ toolCalls: [{ name: 'f', arguments: 42 }] });
// @ts-expect-error `content` is no field of an answer
emulator.scriptAnswer({ content: 'Hi' });

// Matching: the fault match (method, path) and the API, the input, a predicate of the request.
expectTypeOf<ScriptedApi>().toEqualTypeOf<'responses' | 'chat' | 'assistants'>();
emulator.scriptAnswer(
  { text: 'Hi' },
  {
    match: { method: 'POST', path: /\/runs$/, api: 'assistants', input: /weather/, when: (request) => request.tools.includes('get_weather') },
    times: Infinity,
  },
);
expectTypeOf<Parameters<NonNullable<AnswerMatch['when']>>[0]>().toEqualTypeOf<AnswerRequest>();
expectTypeOf<AnswerRequest['toolOutputs']>().toEqualTypeOf<ReadonlyArray<{ readonly name: string; readonly output: string }>>();
expectTypeOf<ScriptAnswerOptions['times']>().toEqualTypeOf<number | undefined>();
// @ts-expect-error an API the emulator does not script
emulator.scriptAnswer({ text: 'Hi' }, { match: { api: 'completions' } });

// The handle: counts and removal, like an injected fault's.
declare const scripted: ScriptedAnswer;
expectTypeOf(scripted.hits).toEqualTypeOf<number>();
expectTypeOf(scripted.remaining).toEqualTypeOf<number>();
expectTypeOf(scripted.answer).toEqualTypeOf<ModelAnswer>();
expectTypeOf(scripted.remove).toEqualTypeOf<() => void>();
expectTypeOf(emulator.clearScriptedAnswers).toEqualTypeOf<() => void>();
