// What the docs' snippets take from their surroundings (see scripts/doc-snippets.cjs and docs/CONTRIBUTING.md,
// "Tests"): a snippet that uses one of these names without declaring or importing it gets it from here, unless
// spec/docs/contexts/<doc>.ts (the doc's own context) exports the name. Not generated: add a name when a doc
// uses a new one. Placeholders are declared, never defined: nothing here runs.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type OpenAI from 'openai';
import type { Observable } from 'rxjs';
import type {
  AssistantStreamEvent,
  AssistantsStreamClient,
  ChatCompletionChunk,
  ChatCompletionMessageParam,
  Responses,
  ResponseStreamEvent,
} from '../../../src/index.js';
import type { Emulator } from '../../../src/testing/index.js';

// What the library, rxjs and Angular give to fragments that do not import them.
export {
  accumulateResponse,
  accumulateSnapshots,
  chatCompletionChunks,
  createClient,
  finalMessages,
  finalResponse,
  finalRun,
  fromOpenAIStream,
  handleEvents,
  ResponseResumeExpiredError,
  textDeltas,
} from '../../../src/index.js';
export { httpClientFetch, InjectorDestroyedError } from '../../../src/angular/index.js';
export {
  catchError,
  concat,
  distinctUntilChanged,
  EMPTY,
  finalize,
  firstValueFrom,
  groupBy,
  ignoreElements,
  last,
  lastValueFrom,
  map,
  merge,
  mergeMap,
  retry,
  shareReplay,
  switchMap,
  take,
  takeUntil,
  tap,
} from 'rxjs';
export { HttpClient } from '@angular/common/http';
export { computed, effect, inject, Injectable, PendingTasks, signal } from '@angular/core';
export { toSignal } from '@angular/core/rxjs-interop';

// Clients and servers.
/** A client of the library (`createAssistantsClient()`: every resource). */
export declare const client: AssistantsStreamClient;
/** The official SDK's client. */
export declare const openai: OpenAI;
export declare const emulator: Emulator;
export declare const req: IncomingMessage;
export declare const res: ServerResponse;

// Streams.
export declare const events$: Observable<ResponseStreamEvent>;
export declare const runA$: Observable<AssistantStreamEvent>;
export declare const runB$: Observable<AssistantStreamEvent>;
export declare const chatA$: Observable<ChatCompletionChunk>;
export declare const chatB$: Observable<ChatCompletionChunk>;
export declare const prompts$: Observable<string>;
export declare const cancelClicks$: Observable<unknown>;

// What a request is made of.
export declare const input: string;
export declare const question: string;
export declare const aliceAsks: string;
export declare const bobAsks: string;
export declare const SYSTEM_PROMPT: string;
export declare const messages: ChatCompletionMessageParam[];
export declare const titleAsks: ChatCompletionMessageParam[];
export declare const tools: Responses.Tool[];
export declare const threadId: string;
export declare const assistantId: string;
export declare const assistant_id: string;
export declare const apiKey: string;
export declare const response_id: string;
export declare const responseId: string;
export declare const conversationId: string;
export declare const storeId: string;
export declare const files: File[];
export declare const id: string;
export declare const url: string;
export declare const init: RequestInit;
export declare const headers: HeadersInit;
export declare const body: string;

// Where results go.
type Sink = (...values: unknown[]) => void;
export declare const print: (text: string) => void;
export declare const render: Sink;
export declare const save: Sink;
export declare const show: Sink;
export declare const showStatus: Sink;
export declare const showProblem: Sink;
export declare const showError: Sink;
export declare const report: Sink;
export declare const refetch: Sink;
export declare const log: Sink & Pick<Console, 'warn'>;
export declare const output: HTMLElement;
