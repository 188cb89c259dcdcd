import { Injectable, Injector, computed, inject, signal, type Signal } from '@angular/core';
import { concat, defer, mergeMap, of, scan, tap, type Observable } from 'rxjs';
import type { ResponseCreateParams, ResponseStreamEvent } from 'rx-openai-stream';
import { injectOpenAIStreamClient, streamSignals, type StreamSignals } from 'rx-openai-stream/angular';

/** The two conversations the page keeps; both can stream at once. */
export type ConversationId = 'A' | 'B';
export const CONVERSATIONS: readonly ConversationId[] = ['A', 'B'];

/** A function call the model made, as it streams in (the relay runs it). */
export interface ToolCall {
  readonly id: string;
  readonly name: string;
  readonly args: string;
  readonly done: boolean;
}

/**
 * What a message shows besides its text: the response being read, the tool calls so far, and why the answer was
 * cut short when it ended `incomplete` (`max_output_tokens`, `content_filter`).
 */
export interface Turn {
  readonly responseId: string | undefined;
  readonly tools: readonly ToolCall[];
  readonly cutShort?: string;
}

/** One exchange: the user's prompt and the assistant's answer, streaming in. */
export interface Message {
  readonly id: number;
  readonly conversation: ConversationId;
  readonly prompt: string;
  /** The answer's signals: `text()`, `status()`, `error()`, `snapshot()` (the {@link Turn}), `stop()`. */
  readonly answer: StreamSignals<ResponseStreamEvent, Turn>;
  /** How many times a dropped connection was resumed. */
  readonly resumes: Signal<number>;
}

/** The relay picks the model; the client's request type wants one. */
const MODEL = 'relay-default';
/** Tool calls, then an answer: at most this many responses per message. */
const MAX_RESPONSES = 4;
const NO_TURN: Turn = { responseId: undefined, tools: [] };

/** Folds the events of a message into its {@link Turn} (a pure reducer; every state a new object). */
export function turnReducer(turn: Turn, event: ResponseStreamEvent): Turn {
  switch (event.type) {
    case 'response.created':
      return { ...turn, responseId: event.response.id };
    case 'response.incomplete':
      return { ...turn, cutShort: event.response.incomplete_details?.reason ?? 'incomplete' };
    case 'response.output_item.added':
      if (event.item.type !== 'function_call') return turn;
      return { ...turn, tools: [...turn.tools, { id: event.item.id ?? '', name: event.item.name, args: '', done: false }] };
    case 'response.function_call_arguments.delta':
      return {
        ...turn,
        tools: turn.tools.map((call) => (call.id === event.item_id ? { ...call, args: call.args + event.delta } : call)),
      };
    case 'response.output_item.done': {
      const item = event.item;
      if (item.type !== 'function_call') return turn;
      return { ...turn, tools: turn.tools.map((call) => (call.id === item.id ? { ...call, args: item.arguments, done: true } : call)) };
    }
    default:
      return turn;
  }
}

/**
 * The chat's state: the messages of both conversations merged in one list (in the order they were sent), each
 * fed by its own stream through `streamSignals()`. Stop ends them all; the client then cancels each background
 * response upstream.
 */
@Injectable({ providedIn: 'root' })
export class Chat {
  readonly #client = injectOpenAIStreamClient();
  readonly #injector = inject(Injector);
  readonly #messages = signal<readonly Message[]>([]);
  /** The last response of each conversation: the next prompt continues it. */
  readonly #lastResponse = new Map<ConversationId, string>();
  #nextId = 1;

  readonly messages = this.#messages.asReadonly();
  readonly streaming = computed(() => this.#messages().filter((message) => message.answer.inProgress()));
  readonly busy = computed(() => new Set(this.streaming().map((message) => message.conversation)));

  /** The status line. */
  readonly status = computed(() => {
    const messages = this.#messages();
    const resumes = messages.reduce((sum, message) => sum + message.resumes(), 0);
    const note = resumes === 0 ? '' : ` · resumed ${resumes} dropped connection${resumes === 1 ? '' : 's'}`;
    const streaming = this.streaming().length;
    if (streaming > 0) return `Streaming ${streaming} answer${streaming === 1 ? '' : 's'}…${note}`;
    const last = messages.at(-1);
    if (!last) return 'Ready';
    switch (last.answer.status()) {
      case 'error':
        return `Error: ${describe(last.answer.error())}${note}`;
      case 'stopped':
        return `Stopped${note}`;
      default: {
        const cutShort = last.answer.snapshot()?.cutShort;
        return cutShort === undefined ? `Done${note}` : `Done, cut short (${cutShort})${note}`;
      }
    }
  });

  /** Sends `prompt` in `conversation` and streams the answer. */
  send(conversation: ConversationId, prompt: string): void {
    const resumes = signal(0);
    const previous = this.#lastResponse.get(conversation);
    const first: ResponseCreateParams = {
      model: MODEL,
      input: prompt,
      background: true,
      ...(previous ? { previous_response_id: previous } : {}),
    };
    const events$ = this.#answer(first, () => resumes.update((n) => n + 1)).pipe(
      tap((event) => {
        // Only an answer continues the conversation (one cut short too: the next prompt may ask for the rest): a
        // response that ended in function calls waits for their outputs (the API refuses a prompt chained onto
        // it), so a message stopped or failed in its tool round leaves the conversation where it was.
        const ended = event.type === 'response.completed' || event.type === 'response.incomplete';
        if (ended && !endsInToolCalls(event.response)) {
          this.#lastResponse.set(conversation, event.response.id);
        }
      }),
    );
    const answer = streamSignals(events$, { injector: this.#injector, snapshot: scan(turnReducer, NO_TURN) });
    const message: Message = { id: this.#nextId++, conversation, prompt, answer, resumes: resumes.asReadonly() };
    this.#messages.update((messages) => [...messages, message]);
  }

  /** Stops every answer still streaming (each background response is cancelled upstream). */
  stop(): void {
    for (const message of this.#messages()) message.answer.stop();
  }

  /**
   * The events of one answer: a response, and while it ends in function calls, the next one (the relay runs
   * the tools and sends their outputs). Each response streams in the background, so the client resumes it by
   * itself after a dropped connection (`GET .../responses/{id}?stream=true&starting_after=<last>`), and
   * unsubscribing cancels it upstream (`cancelOnUnsubscribe`).
   */
  #answer(params: ResponseCreateParams, onResume: () => void, round = 1): Observable<ResponseStreamEvent> {
    return this.#client.responses.stream(params, { cancelOnUnsubscribe: true, onRecover: onResume }).pipe(
      mergeMap((event) => {
        if (event.type !== 'response.completed' || round >= MAX_RESPONSES || !endsInToolCalls(event.response)) return of(event);
        const next: ResponseCreateParams = { model: MODEL, previous_response_id: event.response.id, background: true };
        return concat(of(event), defer(() => this.#answer(next, onResume, round + 1)));
      }),
    );
  }
}

/** Whether a response asked for function calls (the relay runs them; the next response answers with their outputs). */
function endsInToolCalls(response: { readonly output?: ReadonlyArray<{ readonly type: string }> | undefined }): boolean {
  return (response.output ?? []).some((item) => item.type === 'function_call');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
