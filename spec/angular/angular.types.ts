/**
 * The public signatures of `rx-openai-stream/angular`. A type test, checked by `tsc` (`npm run typecheck`), not run
 * by jest: every `expectTypeOf` and `@ts-expect-error` below is a compile error when it does not hold.
 */
import type { HttpClient, HttpContext } from '@angular/common/http';
import { type EnvironmentProviders, type InjectionToken, type Injector, makeStateKey, type Signal } from '@angular/core';
import { expectTypeOf } from 'expect-type';
import { map, type Observable } from 'rxjs';
import {
  accumulateResponse,
  type AssistantStreamEvent,
  type AssistantStreamState,
  type ChatCompletionChunk,
  type ChatCompletionSnapshot,
  type OpenAIStreamClient,
  type ResponseSnapshot,
  type ResponseStreamEvent,
  type StreamValue,
} from '../../src/index';
import {
  httpClientFetch,
  type HttpClientFetchOptions,
  injectOpenAIStreamClient,
  OPENAI_STREAM_CLIENT,
  type OpenAIStreamOptions,
  provideOpenAIStream,
  type SnapshotOf,
  type StreamSignals,
  streamSignals,
  type StreamSignalsOptions,
  type StreamStatus,
} from '../../src/angular/index';

declare const responses$: Observable<ResponseStreamEvent>;
declare const chunks$: Observable<ChatCompletionChunk>;
declare const run$: Observable<AssistantStreamEvent>;
declare const http: HttpClient;
declare const injector: Injector;

// The provider: createClient()'s options without fetch (HttpClient's), or a factory of them.
expectTypeOf(provideOpenAIStream({ baseURL: '/api/openai/v1' })).toEqualTypeOf<EnvironmentProviders>();
expectTypeOf(provideOpenAIStream()).toEqualTypeOf<EnvironmentProviders>();
expectTypeOf(provideOpenAIStream(() => ({ baseURL: '/api', idleTimeout: 30_000 }))).toEqualTypeOf<EnvironmentProviders>();
// @ts-expect-error fetch is HttpClient's
provideOpenAIStream({ fetch });
expectTypeOf<OpenAIStreamOptions>().not.toHaveProperty('fetch');
expectTypeOf<OpenAIStreamOptions['apiKey']>().toEqualTypeOf<string | (() => string | Promise<string>) | undefined>();
expectTypeOf<OpenAIStreamOptions['query']>().toEqualTypeOf<Record<string, string> | undefined>();
// Each request's HttpContext, made by a function (one context per request).
expectTypeOf<OpenAIStreamOptions['httpContext']>().toEqualTypeOf<(() => HttpContext) | undefined>();
// @ts-expect-error a function, not a context shared by every request
provideOpenAIStream({ httpContext: {} as HttpContext });
expectTypeOf(OPENAI_STREAM_CLIENT).toEqualTypeOf<InjectionToken<OpenAIStreamClient>>();
expectTypeOf(injectOpenAIStreamClient).returns.toEqualTypeOf<OpenAIStreamClient>();
expectTypeOf(injectOpenAIStreamClient).parameter(0).toEqualTypeOf<{ injector?: Injector } | undefined>();

// The transport is a fetch.
expectTypeOf(httpClientFetch(http)).toEqualTypeOf<typeof fetch>();
expectTypeOf(httpClientFetch).parameter(1).toEqualTypeOf<HttpClientFetchOptions | undefined>();
expectTypeOf<HttpClientFetchOptions['httpContext']>().toEqualTypeOf<(() => HttpContext) | undefined>();

// streamSignals: the snapshot of the stream's kind, by default.
const answer = streamSignals(responses$);
expectTypeOf(answer).toEqualTypeOf<StreamSignals<ResponseStreamEvent, ResponseSnapshot>>();
expectTypeOf(answer.text).toEqualTypeOf<Signal<string>>();
expectTypeOf(answer.snapshot).toEqualTypeOf<Signal<ResponseSnapshot | undefined>>();
expectTypeOf(answer.status).toEqualTypeOf<Signal<StreamStatus>>();
expectTypeOf(answer.inProgress).toEqualTypeOf<Signal<boolean>>();
expectTypeOf(answer.error).toEqualTypeOf<Signal<unknown>>();
expectTypeOf(answer.stop).toEqualTypeOf<() => void>();
expectTypeOf<StreamStatus>().toEqualTypeOf<'idle' | 'streaming' | 'done' | 'stopped' | 'error'>();
expectTypeOf(streamSignals(chunks$).snapshot).toEqualTypeOf<Signal<ChatCompletionSnapshot | undefined>>();
expectTypeOf(streamSignals(run$, { injector }).snapshot).toEqualTypeOf<Signal<AssistantStreamState | undefined>>();
expectTypeOf<SnapshotOf<StreamValue>>().toEqualTypeOf<ResponseSnapshot | ChatCompletionSnapshot | AssistantStreamState>();

// start() takes a stream of the same kind (a new prompt), or nothing (the last stream again).
answer.start(responses$);
answer.start();
// @ts-expect-error a Chat stream into Responses signals
answer.start(chunks$);

// Without a stream: the kind as a type argument.
expectTypeOf(streamSignals<ResponseStreamEvent>().snapshot).toEqualTypeOf<Signal<ResponseSnapshot | undefined>>();

// A snapshot operator of your choice gives its type; `false`, none.
expectTypeOf(streamSignals(responses$, { snapshot: (source) => source.pipe(accumulateResponse(), map((s) => s.output_text)) }).snapshot).toEqualTypeOf<
  Signal<string | undefined>
>();
expectTypeOf(streamSignals(responses$, { snapshot: false }).snapshot).toEqualTypeOf<Signal<undefined>>();
// Without a stream and with a snapshot operator: both type arguments give the snapshot's type; the kind alone
// compiles too (TypeScript infers no type argument once one is written), with the snapshot as `unknown`.
const titles = (source: Observable<ResponseStreamEvent>) => source.pipe(map((e) => e.type));
expectTypeOf(streamSignals<ResponseStreamEvent, string>(undefined, { snapshot: titles }).snapshot).toEqualTypeOf<Signal<string | undefined>>();
expectTypeOf(streamSignals<ResponseStreamEvent>(undefined, { snapshot: titles }).snapshot).toEqualTypeOf<Signal<unknown>>();
streamSignals(responses$, { ssr: 'wait', text: (source) => source.pipe(map((e) => e.type)) });
// @ts-expect-error only 'skip' or 'wait'
streamSignals(responses$, { ssr: 'always' });
// The answer of ssr: 'wait' handed over to the browser: a TransferState entry's name, a string or a StateKey.
streamSignals(responses$, { ssr: 'wait', transferKey: 'answer' });
streamSignals(responses$, { ssr: 'wait', transferKey: makeStateKey<unknown>('answer') });
expectTypeOf<StreamSignalsOptions<ResponseStreamEvent, ResponseSnapshot>['transferKey']>().toEqualTypeOf<string | undefined>();
// @ts-expect-error a name
streamSignals(responses$, { ssr: 'wait', transferKey: 1 });
// @ts-expect-error not a stream of the library
streamSignals(null as unknown as Observable<number>);
