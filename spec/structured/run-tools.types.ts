/**
 * Type tests of the tool loops, checked by `tsc` (`npm run typecheck`), not run by jest.
 */
import { expectTypeOf } from 'expect-type';
import { of } from 'rxjs';
import { z } from 'zod';
import { createClient, type ChatCompletion, type ResponseSnapshot } from '../../src/index';
import {
  runChatTools,
  runResponsesTools,
  toolLoopResult,
  zodTool,
  type RunnableTool,
  type ToolContext,
  type ToolLoopResult,
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
  import('rxjs').Observable<ToolLoopResult<ResponseSnapshot, unknown>>
>();
const chat$ = runChatTools(client, { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }, { tools, maxSteps: 3 });
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
