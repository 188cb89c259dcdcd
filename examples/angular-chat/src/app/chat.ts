import { DestroyRef, Injectable, computed, inject, signal, type Signal } from '@angular/core';
import { concat, defer, mergeMap, of, type Observable, type Subscription } from 'rxjs';
import type { ResponseCreateParams, ResponseStreamEvent } from 'rx-openai-stream';
import { injectChatClient } from './chat-client';

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

export type MessageStatus = 'streaming' | 'done' | 'stopped' | 'error';

/** One exchange: the user's prompt and the assistant's answer, streaming in. */
export interface Message {
  readonly id: number;
  readonly conversation: ConversationId;
  readonly prompt: string;
  readonly text: Signal<string>;
  readonly tools: Signal<readonly ToolCall[]>;
  readonly status: Signal<MessageStatus>;
  readonly error: Signal<string | undefined>;
  /** The response being read (the last one, after tool calls). */
  readonly responseId: Signal<string | undefined>;
  /** How many times a dropped connection was resumed. */
  readonly resumes: Signal<number>;
  /** Stops the answer (no-op once it ended). */
  stop(): void;
}

/** The relay picks the model; the client's request type wants one. */
const MODEL = 'relay-default';
/** Tool calls, then an answer: at most this many responses per message. */
const MAX_RESPONSES = 4;

/**
 * The chat's state: the messages of both conversations in one list (the order they were sent), each fed by its
 * own stream. Every stream runs on its own subscription; Stop ends them all (the client cancels each
 * background response upstream).
 */
@Injectable({ providedIn: 'root' })
export class Chat {
  readonly #client = injectChatClient();
  readonly #messages = signal<readonly Message[]>([]);
  readonly #running = new Map<number, Subscription>();
  /** The last response of each conversation: the next prompt continues it. */
  readonly #lastResponse = new Map<ConversationId, string>();
  #nextId = 1;

  readonly messages = this.#messages.asReadonly();
  readonly streaming = computed(() => this.#messages().filter((message) => message.status() === 'streaming'));
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
    const status = last.status();
    if (status === 'error') return `Error: ${last.error()}${note}`;
    return `${status === 'stopped' ? 'Stopped' : 'Done'}${note}`;
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  /** Sends `prompt` in `conversation` and streams the answer. */
  send(conversation: ConversationId, prompt: string): void {
    const text = signal('');
    const tools = signal<readonly ToolCall[]>([]);
    const status = signal<MessageStatus>('streaming');
    const error = signal<string | undefined>(undefined);
    const responseId = signal<string | undefined>(undefined);
    const resumes = signal(0);
    const id = this.#nextId++;
    const stop = () => {
      const running = this.#running.get(id);
      if (!running) return;
      this.#running.delete(id);
      running.unsubscribe();
      status.set('stopped');
    };
    const message: Message = {
      id,
      conversation,
      prompt,
      text: text.asReadonly(),
      tools: tools.asReadonly(),
      status: status.asReadonly(),
      error: error.asReadonly(),
      responseId: responseId.asReadonly(),
      resumes: resumes.asReadonly(),
      stop,
    };
    this.#messages.update((messages) => [...messages, message]);

    const previous = this.#lastResponse.get(conversation);
    const first: ResponseCreateParams = {
      model: MODEL,
      input: prompt,
      background: true,
      ...(previous ? { previous_response_id: previous } : {}),
    };
    const subscription = this.#answer(first, () => resumes.update((n) => n + 1)).subscribe({
      next: (event) => {
        switch (event.type) {
          case 'response.created':
            responseId.set(event.response.id);
            break;
          case 'response.output_text.delta':
            text.update((so) => so + event.delta);
            break;
          case 'response.output_item.added':
            if (event.item.type === 'function_call') {
              const item = event.item;
              tools.update((calls) => [...calls, { id: item.id ?? '', name: item.name, args: '', done: false }]);
            }
            break;
          case 'response.function_call_arguments.delta':
            tools.update((calls) => calls.map((call) => (call.id === event.item_id ? { ...call, args: call.args + event.delta } : call)));
            break;
          case 'response.output_item.done':
            if (event.item.type === 'function_call') {
              const item = event.item;
              tools.update((calls) => calls.map((call) => (call.id === item.id ? { ...call, args: item.arguments, done: true } : call)));
            }
            break;
          case 'response.completed':
            this.#lastResponse.set(conversation, event.response.id);
            break;
        }
      },
      error: (cause: unknown) => {
        this.#running.delete(id);
        error.set(cause instanceof Error ? cause.message : String(cause));
        status.set('error');
      },
      complete: () => {
        this.#running.delete(id);
        status.set('done');
      },
    });
    if (status() === 'streaming') this.#running.set(id, subscription);
  }

  /** Stops every answer still streaming (each background response is cancelled upstream). */
  stop(): void {
    for (const message of this.#messages()) message.stop();
  }

  /**
   * The events of one answer: a response, and while it ends in function calls, the next one (the relay runs
   * the tools and sends their outputs). Each response streams in the background, so the client resumes it
   * by itself after a dropped connection (`GET .../responses/{id}?stream=true&starting_after=<last>`), and
   * unsubscribing cancels it upstream.
   */
  #answer(params: ResponseCreateParams, onResume: () => void, round = 1): Observable<ResponseStreamEvent> {
    return this.#client.responses.stream(params, { cancelOnUnsubscribe: true, onRecover: onResume }).pipe(
      mergeMap((event) => {
        if (event.type !== 'response.completed' || round >= MAX_RESPONSES) return of(event);
        const called = (event.response.output ?? []).some((item) => item.type === 'function_call');
        if (!called) return of(event);
        const next: ResponseCreateParams = { model: MODEL, previous_response_id: event.response.id, background: true };
        return concat(of(event), defer(() => this.#answer(next, onResume, round + 1)));
      }),
    );
  }
}
