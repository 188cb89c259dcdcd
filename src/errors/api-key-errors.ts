import { OpenAIStreamError } from './base.js';
import { excerpt, kindOf, messageOf, redactSecrets } from './excerpt.js';

/**
 * The `apiKey` function of `createClient()` failed to give a key for a request: it threw, its promise rejected
 * (`cause` holds that error), it gave something other than a non-empty string (`cause` is `undefined`; the
 * message names the value's kind, never the value), or its promise did not settle within the request's `timeout`.
 * The request was not sent, and the call is not retried. The message masks credentials in the cause's message (see
 * `redactSecrets`).
 *
 * @example
 * const client = createClient({ baseURL, apiKey: getBearerTokenProvider(credential, 'https://cognitiveservices.azure.com/.default') });
 * client.responses.stream({ model: 'gpt-4.1-mini', input: 'Hi' }).subscribe({
 *   error: (e) => { if (e instanceof APIKeyProviderError) console.error(`no token for ${e.request}`, e.cause); },
 * });
 */
export class APIKeyProviderError extends OpenAIStreamError {
  // Spelled out: minifiers rename classes, and `name` must survive bundling.
  override readonly name: string = 'APIKeyProviderError';
  /** The request the key was asked for, which was not sent (`POST /responses`). */
  declare readonly request: string;

  /**
   * `failure`: what the function threw or rejected with; or, with `gave` set, the value it gave instead of a key;
   * or, with `timedOutMs`, how long its promise was waited for.
   *
   * @example
   * new APIKeyProviderError('POST /responses', { failure: new Error('token expired') });
   * new APIKeyProviderError('POST /responses', { gave: '' });
   * new APIKeyProviderError('POST /responses', { timedOutMs: 600_000 });
   */
  constructor(request: string, outcome: { failure: unknown } | { gave: unknown } | { timedOutMs: number }) {
    const what =
      'failure' in outcome
        ? `failed: ${redactSecrets(excerpt(messageOf(outcome.failure)))}`
        : 'gave' in outcome
          ? `gave ${describeKey(outcome.gave)} instead of a non-empty string`
          : `gave no key within ${outcome.timedOutMs} ms (the request's timeout)`;
    super(`The apiKey function ${what}; the request was not sent (${request})`, 'failure' in outcome ? { cause: outcome.failure } : undefined);
    this.request = request;
  }
}

/** What a wrong key was, never its value: a token object's `token` would be a secret. */
function describeKey(value: unknown): string {
  if (value === '') return 'an empty string';
  if (value === undefined || value === null) return String(value);
  if (typeof value !== 'object') return `a ${typeof value}`;
  // An `AccessToken` of `@azure/identity`'s `credential.getToken(scope)`: its `token` is the key.
  const token = typeof (value as { token?: unknown }).token === 'string' ? ' with a token property (return its .token)' : '';
  return `an object (${kindOf(value)})${token}`;
}
