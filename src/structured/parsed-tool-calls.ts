import type { OperatorFunction } from 'rxjs';
import { withManySteps } from './per-subscription.js';
import { type AnyZodSchema, checkZodSchema, type ZodOutput } from './zod-schema.js';
import { kindOf } from '../errors/excerpt.js';
import { StructuredOutputIncompleteError, StructuredOutputUnknownToolError } from '../errors/structured-errors.js';
import { chatProtocol } from '../chat/protocol.js';
import { type CompletionIds, completionIdsAfter, type CompletionQuestions } from '../chat/snapshot/reducer.js';
import type { ResponseStreamEvent } from '../wire/responses-api.js';
import type { ChatCompletionChunk } from '../wire/chat.js';
import { parseAndValidate, type StructuredOutputOptions, type StructuredOutputStreamValue } from './structured-text.js';
import { chunkChoices } from '../chat/chunk-choices.js';
import { hasOwn } from '../schema/json-values.js';

/**
 * A function call with its arguments parsed and validated by the schema of its tool: one member per tool name,
 * so checking `name` narrows `parsedArguments`.
 *
 * @example
 * const run = (call: ParsedToolCall<{ get_weather: typeof GetWeather }>) => getWeather(call.parsedArguments.city);
 */
export type ParsedToolCall<Tools extends Record<string, AnyZodSchema>> = {
  [K in keyof Tools & string]: {
    /** The function's name. */
    readonly name: K;
    /** The call's id (`call_id` in Responses, `id` in Chat Completions), to answer with the tool's output. */
    readonly callId: string | undefined;
    /** The arguments as the model wrote them. */
    readonly arguments: string;
    /** The arguments parsed and validated by `Tools[name]` (zod's output). */
    readonly parsedArguments: ZodOutput<Tools[K]>;
    /** Where the call is: the `output_index` (Responses) or the tool call `index` (Chat Completions). */
    readonly index: number;
    /**
     * The namespace of a Responses function call made through a namespace tool (`crm` of `crm.search`); absent
     * otherwise. Its schema is `tools['crm.search']` when given, else `tools.search`.
     */
    readonly namespace?: string | undefined;
  };
}[keyof Tools & string];

interface PendingChatCall {
  index: number;
  id: string | undefined;
  name: string;
  arguments: string;
  /** A custom tool call (`type: 'custom'`): free-form input, not parsed, not emitted. */
  custom: boolean;
}

/** What a Responses stream told of a function call, by its output index. */
interface StreamCall {
  readonly index: number;
  /** The output item's id. */
  id: string | null | undefined;
  name: string;
  callId: string | null | undefined;
  /** The namespace of a call made through a namespace tool. */
  namespace: string | undefined;
  /** The arguments of `function_call_arguments.done`, once it came. */
  arguments: string | undefined;
  /** The argument deltas so far, joined. */
  deltas: string;
  /** Open until its `output_item.done`: then emitted, or cut (done as `incomplete`, with these arguments). */
  state: 'open' | 'emitted' | { readonly cut: string };
}

type OutputItemEvent = Extract<ResponseStreamEvent, { type: 'response.output_item.added' | 'response.output_item.done' }>;
type FunctionCallItem = Extract<Extract<OutputItemEvent, { type: 'response.output_item.done' }>['item'], { type: 'function_call' }>;

/**
 * Emits each function call of the stream once its arguments are complete, parsed and validated with the zod
 * schema of its tool (`tools[name]`, zod 4's or zod 3's): what the official SDK gives as `parsed_arguments`.
 * - Responses: at each `response.output_item.done` of a `function_call` item; the calls the stream did not finish
 *   (a server that sent no `output_item.done`, a stream by id that began after them) at the terminal event, from its
 *   response (or what the stream told of them: `arguments.done`, else the deltas);
 * - Chat Completions (choice `choice`, default 0): when the next call starts, else at the choice's finish or the
 *   end of the stream, in index order.
 * Custom tool calls (Chat Completions `type: 'custom'`, Responses `custom_tool_call` items) are not emitted: their
 * input is free-form text, not JSON arguments, and the SDK leaves them unparsed too (read them from the final
 * completion or response); they never fail the stream.
 * Over several completions or responses in one stream (a retry after a cut, a tool loop's turns), a call the cut one
 * left unfinished is dropped with it: never joined to the next one's call of the same index.
 * Fails with `StructuredOutputUnknownToolError` for a function name without a schema, `StructuredOutputParseError` /
 * `StructuredOutputValidationError` (naming the tool and call) for bad arguments, and
 * `StructuredOutputIncompleteError` when the output is cut (`length`, `content_filter`, `response.incomplete`)
 * while a function call is unfinished.
 *
 * @example
 * import { z } from 'zod';
 * import { parsedToolCalls, zodResponsesFunction } from 'rx-openai-stream/structured';
 *
 * const GetWeather = z.object({ city: z.string() });
 * client.responses
 *   .stream({ model: 'gpt-4o', input, tools: [zodResponsesFunction({ name: 'get_weather', parameters: GetWeather })] })
 *   .pipe(parsedToolCalls({ get_weather: GetWeather }))
 *   .subscribe((call) => console.log(call.callId, call.parsedArguments.city));
 */
export function parsedToolCalls<Tools extends Record<string, AnyZodSchema>>(
  tools: Tools,
  options: StructuredOutputOptions = {},
): OperatorFunction<StructuredOutputStreamValue, ParsedToolCall<Tools>> {
  if (typeof tools !== 'object' || tools === null) throw new TypeError(`parsedToolCalls: expected an object of tool names and zod schemas (got ${kindOf(tools)})`);
  for (const [name, schema] of Object.entries(tools)) checkZodSchema(schema, `parsedToolCalls: tool ${JSON.stringify(name)}`);
  const wantedChoice = options.choice ?? 0;
  const has = (key: string) => hasOwn.call(tools, key);
  const toCall = (index: number, name: string, callId: string | undefined, args: string, namespace?: string): ParsedToolCall<Tools> => {
    // A namespaced call (`crm.search`) is the tool of its qualified name when there is one, else of its name.
    const qualified = namespace === undefined ? undefined : `${namespace}.${name}`;
    const key = qualified !== undefined && has(qualified) ? qualified : name;
    if (!has(key)) throw new StructuredOutputUnknownToolError(qualified ?? name, callId);
    const parsedArguments = parseAndValidate(args, tools[key], { toolName: key, ...(callId ? { callId } : {}) });
    return { name: key, callId, arguments: args, parsedArguments, index, ...(namespace === undefined ? {} : { namespace }) } as ParsedToolCall<Tools>;
  };
  return withManySteps(() => {
    // Chat Completions: calls still receiving arguments, in index order, of the completion of id `completion`.
    const pending: PendingChatCall[] = [];
    let completion = '';
    let ids: CompletionIds = 'one';
    const shownChoices = new Set<number>(); // the completion's choices seen so far
    // What the reducer's rule asks: whether the completion finished is not asked (its calls were emitted at its
    // finish, so nothing is pending to drop).
    const asks: CompletionQuestions<undefined> = { finished: () => false, shows: (_, index) => shownChoices.has(index) };
    // Responses, of the current response: the function calls the stream told of, by output index.
    const calls = new Map<number, StreamCall>();
    const forget = () => calls.clear();
    const callAt = (index: number, item: { id?: string | null; name: string; call_id?: string | null; namespace?: string | undefined }): StreamCall => {
      let call = calls.get(index);
      if (call === undefined) {
        call = { index, id: undefined, name: '', callId: undefined, namespace: undefined, arguments: undefined, deltas: '', state: 'open' };
        calls.set(index, call);
      }
      call.id ??= item.id;
      call.callId ??= item.call_id;
      if (typeof item.namespace === 'string') call.namespace ??= item.namespace;
      if (item.name) call.name = item.name;
      return call;
    };
    // A done item without its `arguments` (a server that leaves them to the deltas): those the stream gave.
    const argumentsOf = (item: { arguments?: string | null }, call: StreamCall | undefined): string =>
      typeof item.arguments === 'string' ? item.arguments : (call?.arguments ?? call?.deltas ?? '');
    type Out = ParsedToolCall<Tools>[];
    const emit = (index: number, name: string, callId: string | null | undefined, args: string, out: Out, namespace?: string) => {
      out.push(toCall(index, name, callId ?? undefined, args, namespace));
    };
    const namespaceOf = (item: { namespace?: unknown } | undefined, call: StreamCall | undefined): string | undefined =>
      typeof item?.namespace === 'string' ? item.namespace : call?.namespace;
    const flushBelow = (limit: number, out: ParsedToolCall<Tools>[]): ParsedToolCall<Tools>[] => {
      pending.sort((a, b) => a.index - b.index);
      while (pending.length > 0 && pending[0]!.index < limit) {
        const call = pending.shift()!;
        if (!call.custom) out.push(toCall(call.index, call.name, call.id, call.arguments));
      }
      return out;
    };
    /** One chunk's calls (Chat Completions): those it finished go to `out`, in index order. */
    const chatStep = (value: ChatCompletionChunk, out: Out): void => {
      // Another completion (the reducer's rule, `completionIdsAfter()`): a retry after a cut, or the next turn
      // of a tool loop. Calls the one before left unfinished (it was cut) are dropped, never joined to the new
      // ones. (Whether it finished is not asked: the calls of a finished one were emitted at its finish.)
      const after = completionIdsAfter(ids, completion, value, asks, undefined);
      if (after === 'another') {
        pending.length = 0;
        shownChoices.clear();
      }
      ids = after === 'another' ? 'one' : after;
      if (value.id) completion = value.id;
      for (const choice of chunkChoices(value)) {
        shownChoices.add(choice.index);
        if (choice.index !== wantedChoice) continue;
        for (const fragment of choice.delta?.tool_calls ?? []) {
          let call = pending.find((c) => c.index === fragment.index);
          if (!call) {
            flushBelow(fragment.index, out); // calls stream one after another: a new one ends the earlier ones
            call = { index: fragment.index, id: undefined, name: '', arguments: '', custom: false };
            pending.push(call);
          }
          if (fragment.type === 'custom' || (fragment.custom && !fragment.function)) call.custom = true;
          if (fragment.id) call.id = fragment.id;
          // Set, as the reducer and the SDK set it: some servers send the whole name again in every fragment.
          if (fragment.function?.name) call.name = fragment.function.name;
          if (fragment.function?.arguments) call.arguments += fragment.function.arguments;
        }
        const finish = choice.finish_reason;
        if (finish === 'length' || finish === 'content_filter') {
          const unfinished = pending.filter((call) => !call.custom);
          const last = unfinished[unfinished.length - 1];
          if (last !== undefined) throw new StructuredOutputIncompleteError(finish, last.arguments);
        }
        if (finish) flushBelow(Infinity, out);
      }
    };
    // An error found with calls to emit before it: raised at the next step.
    let failure: unknown;
    // The calls found in a step go out first, then its error (as in a stream that brought them one by one).
    const thenFail = (out: Out, error: unknown): Out => {
      if (out.length === 0) throw error;
      failure = error;
      return out;
    };
    return {
      next(value) {
        if (failure !== undefined) throw failure;
        const out: ParsedToolCall<Tools>[] = [];
        if (chatProtocol.is(value)) {
          try {
            chatStep(value, out);
          } catch (error) {
            return thenFail(out, error);
          }
          return out;
        }
        const event = value as ResponseStreamEvent;
        if (event.type === 'response.created') {
          // A response starts (once per response): calls one before it left open (cut) are not this one's.
          forget();
        } else if (event.type === 'response.output_item.added' && event.item.type === 'function_call') {
          callAt((event as OutputItemEvent).output_index, event.item);
        } else if (event.type === 'response.function_call_arguments.delta') {
          const call = calls.get(event.output_index);
          if (call?.state === 'open') call.deltas += event.delta;
        } else if (event.type === 'response.function_call_arguments.done') {
          const call = calls.get(event.output_index);
          if (call?.state === 'open') call.arguments = event.arguments;
        } else if (event.type === 'response.output_item.done' && event.item.type === 'function_call') {
          const item = event.item;
          const call = callAt(event.output_index, item);
          if (call.state !== 'open') return out;
          // A call the output's limit cut is done as `incomplete`: its arguments are not whole, and the response
          // ends incomplete (below); the SDK leaves it unparsed.
          if (item.status === 'incomplete') call.state = { cut: argumentsOf(item, call) };
          else {
            call.state = 'emitted';
            emit(event.output_index, item.name, item.call_id, argumentsOf(item, call), out, namespaceOf(item, call));
          }
        } else if (event.type === 'response.completed' || event.type === 'response.incomplete') {
          // The calls the stream did not finish: those a server sent no `output_item.done` for, and those done
          // before a stream by id began (`starting_after`). The terminal response has the finished ones whole
          // (also when the output's limit cut what came after them); a call it does not have, the stream told of.
          const completed = event.type === 'response.completed';
          const stream = [...calls.values()].sort((a, b) => a.index - b.index);
          const unfinished: string[] = stream.flatMap((call) => (typeof call.state === 'object' ? [call.state.cut] : []));
          // Each call not finished yet, once: the terminal response's (at the index the stream gave it, else at its
          // place in the output), then the open ones it does not have; in index order. A terminal item is the
          // stream's call of its item id, else of its call id (a server may give the terminal items other item
          // ids), else (a server that sent neither) the next such call; each stream call is matched once.
          const left: Array<{ index: number; item?: FunctionCallItem; call?: StreamCall }> = [];
          const matched = new Set<StreamCall>();
          const find = (test: (call: StreamCall) => boolean) => stream.find((call) => !matched.has(call) && test(call));
          (event.response.output ?? []).forEach((item, place) => {
            if (item?.type !== 'function_call') return;
            const call =
              (item.id != null ? find((c) => c.id === item.id) : undefined) ??
              (item.call_id != null ? find((c) => c.callId === item.call_id) : undefined) ??
              (item.id == null && item.call_id == null ? find((c) => c.id == null && c.callId == null) : undefined);
            if (call !== undefined) matched.add(call);
            if (call === undefined || call.state === 'open') left.push({ index: call?.index ?? place, item, call });
          });
          for (const call of stream) if (call.state === 'open' && !matched.has(call)) left.push({ index: call.index, call });
          let error: unknown;
          try {
            for (const { index, item, call } of left.sort((a, b) => a.index - b.index)) {
              if (item !== undefined && item.status !== 'incomplete') {
                emit(index, item.name, item.call_id, argumentsOf(item, call), out, namespaceOf(item, call));
              } else if (item === undefined && completed && call !== undefined && (call.arguments !== undefined || call.deltas !== '')) {
                emit(index, call.name, call.callId, call.arguments ?? call.deltas, out, call.namespace);
              } else {
                unfinished.push(item !== undefined ? argumentsOf(item, call) : (call?.arguments ?? call?.deltas ?? ''));
              }
            }
          } catch (invalid) {
            // A call whose arguments the schema refuses: the calls before it go out, then its error (as in a stream
            // that finished them one by one).
            error = invalid;
          }
          // The next response of the stream (a stream by id after this one) is another's.
          forget();
          if (error === undefined && unfinished.length > 0) {
            const reason = completed ? 'incomplete' : (event.response.incomplete_details?.reason ?? 'incomplete');
            error = new StructuredOutputIncompleteError(reason, unfinished.at(-1)!);
          }
          if (error !== undefined) return thenFail(out, error);
        }
        return out;
      },
      complete: () => {
        if (failure !== undefined) throw failure;
        return flushBelow(Infinity, []);
      },
    };
  });
}
