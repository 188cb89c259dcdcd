/**
 * Compile-time proof of the client options for rotating credentials and Azure OpenAI: `apiKey` takes a key or a
 * function giving one (sync or async), as the official SDK's does; `query` takes string parameters; and
 * `APIKeyProviderError` is one of the library's errors; `headers` take what fetch and the SDK take. Checked by `tsc`, not jest.
 */
import { expectTypeOf } from 'expect-type';
import type { ClientOptions as OfficialClientOptions } from 'openai';
import { type APIKey, APIKeyProviderError, type ClientOptions, createClient, OpenAIStreamError, type RequestOptions } from '../../src/index';

declare const getToken: (scope: string) => Promise<{ token: string; expiresOnTimestamp: number }>;

expectTypeOf<ClientOptions['apiKey']>().toEqualTypeOf<APIKey | undefined>();
expectTypeOf<APIKey>().toEqualTypeOf<string | (() => string | Promise<string>)>();
expectTypeOf<ClientOptions['query']>().toEqualTypeOf<Record<string, string> | undefined>();

createClient({ apiKey: 'sk-...' });
createClient({ apiKey: () => 'token' });
createClient({ apiKey: async () => (await getToken('https://cognitiveservices.azure.com/.default')).token });
createClient({ baseURL: 'https://my-resource.openai.azure.com/openai', query: { 'api-version': '2025-04-01-preview' }, headers: { 'api-key': 'k' } });
// Headers as fetch and the SDK take them: an object (null removes a header), a Headers, a list of pairs.
createClient({ headers: { 'api-key': 'k', Authorization: null } });
createClient({ headers: new Headers({ 'api-key': 'k' }) });
createClient({ headers: [['api-key', 'k']] });
createClient().responses.retrieve('resp_1', undefined, { headers: [['x-trace', 't']] });
// @ts-expect-error a header's value is a string
createClient({ headers: { 'x-count': 5 } });
// @ts-expect-error a pair is a name and a value
createClient({ headers: [['api-key']] });
// @ts-expect-error the access token object is not the key: its `token` is
createClient({ apiKey: () => getToken('https://cognitiveservices.azure.com/.default') });
// @ts-expect-error a key is a string
createClient({ apiKey: () => 42 });
// @ts-expect-error query values are strings
createClient({ query: { 'api-version': 2025 } });

// A key function written for the official SDK's `apiKey` fits here too.
declare const sdkKey: Extract<OfficialClientOptions['apiKey'], () => unknown>;
expectTypeOf(sdkKey).not.toBeNever();
createClient({ apiKey: sdkKey });

// The client's credentials and query are not per call.
expectTypeOf<RequestOptions>().not.toHaveProperty('apiKey');
expectTypeOf<RequestOptions>().not.toHaveProperty('query');

expectTypeOf<APIKeyProviderError>().toExtend<OpenAIStreamError>();
expectTypeOf<APIKeyProviderError['request']>().toEqualTypeOf<string>();
