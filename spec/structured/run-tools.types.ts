/**
 * Type tests of the tool loops, checked by `tsc` (`npm run typecheck`), not run by jest.
 */
import { expectTypeOf } from 'expect-type';
import { concatMap, filter, last, map, type Observable, of, toArray } from 'rxjs';
import { z } from 'zod';
import {
  createClient,
  type ChatCompletion,
  type FunctionAndCustomToolCallOutput,
  type ResponseSnapshot,
  type StructuredOutputSchemaError,
  type StructuredOutputUnknownToolError,
  type TokenUsage,
  type ToolLoopDefinitionError,
  type ToolLoopMaxStepsError,
} from '../../src/index';
import {
  jsonSchemaTool,
  runChatTools,
  runResponsesTools,
  toolLoopResult,
  zodTool,
  type ChatTextContentPart,
  type ChatToolOutput,
  type ChatToolsMessage,
  type JsonSchemaTool,
  type ResponsesToolOutput,
  type ResponsesToolsHistoryItem,
  type RunnableTool,
  type ToolContext,
  type ToolLoopCall,
  type ToolLoopOptions,
  type ToolLoopResult,
  type ToolLoopTool,
  type ToolLoopUsage,
} from '../../src/structured';

const client = createClient({ apiKey: 'k' });

// zodTool infers the arguments from the schema (zod's output), and a value, a Promise or an Observable result.
const withDefault = zodTool({
  name: 'get_weather',
  parameters: z.object({ city: z.string(), days: z.number().default(1) }),
  execute: (args, context) => {
    expectTypeOf(args).toEqualTypeOf<{ city: string; days: number }>();
    expectTypeOf(context).toEqualTypeOf<ToolContext>();
    return of({ temperature: 21 });
  },
});
const asPromise = zodTool({ name: 'now', parameters: z.object({}), execute: async () => 'noon' });
const asValue = zodTool({ name: 'add', parameters: z.object({ a: z.number() }), execute: ({ a }) => a + 1 });
// Tools of different schemas fit one list.
const tools: readonly RunnableTool[] = [withDefault, asPromise, asValue];

// @ts-expect-error the arguments are the schema's: `town` is not one of them
zodTool({ name: 'x', parameters: z.object({ city: z.string() }), execute: ({ town }) => town });

// The client of createClient() fits both loops; the result is typed per API.
const responses$ = runResponsesTools(client, { model: 'gpt-4o', input: 'Hi' }, { tools });
expectTypeOf(responses$.pipe(toolLoopResult())).toEqualTypeOf<
  import('rxjs').Observable<ToolLoopResult<ResponseSnapshot, ResponsesToolsHistoryItem>>
>();
// The history's items are typed: a tool's output is found by its type.
responses$.pipe(toolLoopResult()).subscribe(({ history }) => {
  expectTypeOf(history).toEqualTypeOf<readonly ResponsesToolsHistoryItem[]>();
  for (const item of history.filter((item) => item.type === 'function_call_output')) { const id: string | null | undefined = item.call_id; void id; }
});
// ToolLoopMaxStepsError's history too (of either loop): Responses items or chat messages, not `unknown`.
declare const maxSteps: ToolLoopMaxStepsError;
expectTypeOf<ResponsesToolsHistoryItem>().toMatchTypeOf<(typeof maxSteps.history)[number]>();
expectTypeOf<ChatToolsMessage>().toMatchTypeOf<(typeof maxSteps.history)[number]>();
// @ts-expect-error a number is no history item
expectTypeOf<number>().toMatchTypeOf<(typeof maxSteps.history)[number]>();
const chat$ = runChatTools(client, { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }, { tools, maxSteps: 3 });

// Each turn's call options are the client's: the Responses call's for one loop, the chat call's for the other.
runResponsesTools(client, { model: 'gpt-4o', input: 'Hi' }, { tools, callOptions: { cancelOnUnsubscribe: true, idleTimeout: 30_000 } });
runChatTools(client, { model: 'gpt-4o', messages: [] }, { tools, callOptions: { requireDone: false } });
// @ts-expect-error a timeout is a number of milliseconds
runResponsesTools(client, { model: 'gpt-4o', input: 'Hi' }, { tools, callOptions: { idleTimeout: '30s' } });
// @ts-expect-error cancelOnUnsubscribe is the Responses call's option, not the chat call's
runChatTools(client, { model: 'gpt-4o', messages: [] }, { tools, callOptions: { cancelOnUnsubscribe: true } });
chat$.subscribe((event) => {
  if (event.type === 'event') expectTypeOf(event.event.choices).not.toBeAny();
  if (event.type === 'turn.finished') expectTypeOf(event.turn.final).toEqualTypeOf<ChatCompletion>();
  if (event.type === 'tool_call.finished' && event.outcome.status === 'ok') expectTypeOf(event.outcome.result).toBeUnknown();
});

// stopWhen sees the API's final value.
runResponsesTools(client, { model: 'gpt-4o', input: 'Hi' }, {
  tools,
  stopWhen: (turn) => {
    expectTypeOf(turn.final).toEqualTypeOf<ResponseSnapshot>();
    return turn.final.output_text !== '';
  },
});

// jsonSchemaTool: the arguments are what `parse` returns, else what `execute` declares (unchecked, as JSON.parse).
const parsedByHand = jsonSchemaTool({
  name: 'get_weather',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  parse: (text) => JSON.parse(text) as { city: string },
  execute: (args) => {
    expectTypeOf(args).toEqualTypeOf<{ city: string }>();
    return `sunny in ${args.city}`;
  },
});
expectTypeOf(parsedByHand).toEqualTypeOf<JsonSchemaTool<{ city: string }, string>>();
const asyncParse = jsonSchemaTool({ name: 'a', parameters: {}, parse: async (text) => text.length, execute: (n) => n + 1 });
expectTypeOf(asyncParse).toEqualTypeOf<JsonSchemaTool<number, number>>();
const declared = jsonSchemaTool({ name: 'b', parameters: {}, strict: true, execute: (args: { q: string }) => args.q });
expectTypeOf(declared).toEqualTypeOf<JsonSchemaTool<{ q: string }, string>>();
const untyped = jsonSchemaTool({ name: 'c', parameters: {}, execute: (args) => expectTypeOf(args).toBeUnknown() });
// @ts-expect-error a JSON-schema tool's parameters are a JSON Schema object, not a zod schema (that is zodTool)
jsonSchemaTool({ name: 'd', parameters: z.object({ q: z.string() }), execute: () => 1 });
// @ts-expect-error strict is a boolean
jsonSchemaTool({ name: 'e', parameters: {}, strict: 'yes', execute: () => 1 });

// zod and JSON-schema tools fit one list, for both loops.
const mixed: readonly ToolLoopTool[] = [withDefault, parsedByHand, asyncParse, declared, untyped];
runChatTools(client, { model: 'gpt-4o', messages: [] }, { tools: mixed });
runResponsesTools(client, { model: 'gpt-4o', input: 'Hi' }, { tools: [withDefault, parsedByHand] });

// What a loop sends: a text or its API's content parts (an error's output is always a text); the result's usage.
runResponsesTools(client, { model: 'gpt-4o', input: 'Hi' }, { tools }).subscribe((event) => {
  if (event.type === 'tool_call.finished') {
    expectTypeOf(event.outcome.call.type).toEqualTypeOf<'function' | 'custom' | 'mcp_approval'>();
    if (event.outcome.status === 'ok') expectTypeOf(event.outcome.output).toEqualTypeOf<ResponsesToolOutput>();
    if (event.outcome.status === 'error') expectTypeOf(event.outcome.output).toEqualTypeOf<string>();
  }
  if (event.type === 'loop.finished') expectTypeOf(event.usage).toEqualTypeOf<ToolLoopUsage | undefined>();
});
expectTypeOf<ResponsesToolOutput>().toEqualTypeOf<string | readonly FunctionAndCustomToolCallOutput[]>();
chat$.subscribe((event) => {
  if (event.type === 'tool_call.finished' && event.outcome.status === 'ok') expectTypeOf(event.outcome.output).toEqualTypeOf<ChatToolOutput>();
});
expectTypeOf<ChatToolOutput>().toEqualTypeOf<string | readonly ChatTextContentPart[]>();
expectTypeOf<ToolLoopResult<ChatCompletion, unknown>['usage']>().toEqualTypeOf<ToolLoopUsage | undefined>();
expectTypeOf<ToolLoopUsage>().toExtend<TokenUsage>();
expectTypeOf<ToolLoopUsage['inputDetails']>().toEqualTypeOf<Readonly<Record<string, number>>>();
expectTypeOf<ToolLoopMaxStepsError['usage']>().toEqualTypeOf<ToolLoopUsage | undefined>();

// Options written for any loop (the default output type) fit both loops.
const generic: ToolLoopOptions<ResponseSnapshot> = { tools, stopWhen: (turn) => turn.outcomes.length > 3 };
runResponsesTools(client, { model: 'gpt-4o', input: 'Hi' }, generic);

// The errors of the definitions.
expectTypeOf<ToolLoopDefinitionError['index']>().toEqualTypeOf<number | undefined>();
expectTypeOf<ToolLoopDefinitionError['toolName']>().toEqualTypeOf<string | undefined>();
expectTypeOf<StructuredOutputSchemaError['toolName']>().toEqualTypeOf<string | undefined>();
expectTypeOf<StructuredOutputUnknownToolError['toolType']>().toEqualTypeOf<'function' | 'custom'>();

// The recipes of docs/parity.md for the SDK runner's getters, typed.
const allChatCompletions$ = chat$.pipe(
  filter((e) => e.type === 'turn.finished'),
  map((e) => e.turn.final),
  toArray(),
);
expectTypeOf(allChatCompletions$).toEqualTypeOf<Observable<ChatCompletion[]>>();
const finalFunctionToolCall$ = chat$.pipe(
  filter((e) => e.type === 'tool_call.started'),
  map((e) => e.call),
  filter((call) => call.type === 'function'),
  last(undefined, undefined),
);
expectTypeOf(finalFunctionToolCall$).toEqualTypeOf<Observable<ToolLoopCall | undefined>>();
const finalFunctionToolCallResult$ = chat$.pipe(
  filter((e) => e.type === 'turn.finished'),
  concatMap((e) => e.turn.outcomes),
  filter((outcome) => outcome.call.type === 'function'),
  map((outcome) => outcome.output),
  last(undefined, undefined),
);
expectTypeOf(finalFunctionToolCallResult$).toEqualTypeOf<Observable<ChatToolOutput | undefined>>();
const totalUsage$ = chat$.pipe(
  toolLoopResult(),
  map(({ usage }) => usage),
);
expectTypeOf(totalUsage$).toEqualTypeOf<Observable<ToolLoopUsage | undefined>>();

// approveMcp: a request in, a verdict out (a boolean, { approve, reason }), as a value, a Promise or an Observable.
runResponsesTools(client, { model: 'gpt-4o', input: 'Hi' }, {
  tools,
  approveMcp: (request, { signal, step }) => {
    expectTypeOf(request.server_label).toEqualTypeOf<string>();
    expectTypeOf(signal).toEqualTypeOf<AbortSignal>();
    expectTypeOf(step).toEqualTypeOf<number>();
    return request.name === 'read' ? true : Promise.resolve({ approve: false, reason: 'not here' });
  },
});
// @ts-expect-error a verdict is a boolean or { approve, reason }
runResponsesTools(client, { model: 'gpt-4o', input: 'Hi' }, { tools, approveMcp: () => 'yes' });
