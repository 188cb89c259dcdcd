/**
 * `rx-openai-stream/angular`: the library in Angular apps (Angular 20 or later, an optional peer dependency; the
 * main entry never imports Angular). {@link provideOpenAIStream} provides a client whose requests go through the
 * app's `HttpClient` ({@link httpClientFetch}: interceptors apply, event streams are read as they arrive), and
 * {@link streamSignals} turns a stream into signals for templates (text so far, latest snapshot, status, error, in
 * progress), cancelled on destroy. Zoneless, zone.js and `OnPush` work; under server-side rendering a stream never
 * keeps the app from becoming stable. No decorators: nothing needs Angular's JIT compiler.
 *
 * @example
 * // app.config.ts
 * import { provideHttpClient, withFetch } from '@angular/common/http';
 * import { provideOpenAIStream } from 'rx-openai-stream/angular';
 *
 * export const appConfig = { providers: [provideHttpClient(withFetch()), provideOpenAIStream({ baseURL: '/api/openai/v1' })] };
 *
 * // chat.ts
 * readonly answer = streamSignals(injectOpenAIStreamClient().responses.stream({ model: 'gpt-4o-mini', input: 'Hi' }));
 * // template: {{ answer.text() }}, and a Stop button calling answer.stop() while answer.inProgress()
 *
 * @packageDocumentation
 */
export { httpClientFetch, type HttpClientFetchOptions } from './http-client-fetch.js';
export { InjectorDestroyedError } from './injector-destroyed-error.js';
export {
  provideOpenAIStream,
  OPENAI_STREAM_CLIENT,
  injectOpenAIStreamClient,
  type OpenAIStreamOptions,
} from './provide-openai-stream.js';
export { streamSignals, type StreamSignals, type StreamSignalsOptions, type StreamStatus } from './stream-signals.js';
export type { SnapshotOf } from './stream-snapshots.js';
