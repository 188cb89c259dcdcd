import { type ClientOptions, resolveClientOptions } from './options.js';
import { type AssistantsResource, assistantsResource } from './resources/assistants.js';
import { type ChatResource, chatResource } from './resources/chat.js';
import { type ConversationsResource, conversationsResource } from './resources/conversations.js';
import { type FilesResource, filesResource } from './resources/files.js';
import { type ResponsesResource, responsesResource } from './resources/responses.js';
import { type ThreadsResource, threadsResource } from './resources/threads.js';
import { type VectorStoresResource, vectorStoresResource } from './resources/vector-stores.js';
import { createTransport, type Transport } from './transport.js';

/**
 * A client of the OpenAI API whose every method returns a cold Observable: nothing is sent until you
 * subscribe, each subscription sends its own request, and unsubscribing aborts it. Method names and argument
 * order follow the official Node SDK. The Assistants API (shut down upstream) is not part of it: see
 * {@link AssistantsStreamClient}.
 *
 * @example
 * const client: OpenAIStreamClient = createClient({ apiKey: process.env.OPENAI_API_KEY });
 * client.responses.stream({ model: 'gpt-4o', input: 'Hi' }).pipe(textDeltas()).subscribe(print);
 */
export interface OpenAIStreamClient {
  readonly responses: ResponsesResource;
  /** Stored conversations for the Responses API (`conversation` in `responses.stream/create`). */
  readonly conversations: ConversationsResource;
  readonly chat: ChatResource;
  readonly files: FilesResource;
  /** Vector stores, for the Responses API's `file_search` tool (and for Assistants). */
  readonly vectorStores: VectorStoresResource;
  /**
   * The client's `signal` option, which ends every call of the client (the provided client of
   * `rx-openai-stream/angular` has one that aborts with its injector). Tool loops end with it too, running tools
   * included. `undefined` without one.
   *
   * @example
   * client.signal?.addEventListener('abort', () => saveDraft());
   */
  readonly signal: AbortSignal | undefined;
}

/**
 * {@link OpenAIStreamClient} with the Assistants API besides: `assistants` and `threads` (runs, their streams and
 * steps, messages). `client.beta.threads.runs.stream(...)` of the official SDK is `client.threads.runs.stream(...)`
 * here.
 *
 * @example
 * const client: AssistantsStreamClient = createAssistantsClient({ apiKey, baseURL: 'https://assistants-compatible.example/v1' });
 * client.threads.runs.stream(threadId, { assistant_id }).pipe(textDeltas()).subscribe(print);
 */
export interface AssistantsStreamClient extends OpenAIStreamClient {
  readonly assistants: AssistantsResource;
  readonly threads: ThreadsResource;
}

/**
 * Creates a client of the Responses, Chat Completions, Conversations, Files and Vector Stores APIs. Sends
 * `Authorization: Bearer <apiKey>`; HTTP failures become typed errors (`NotFoundError`, `RateLimitError`, ...);
 * transient ones are retried with backoff before a response is accepted, never after. For the Assistants API
 * (shut down upstream; for replays and compatible servers), use {@link createAssistantsClient}: an app that only
 * streams Responses does not carry its code.
 *
 * @example
 * import { createClient, textDeltas } from 'rx-openai-stream';
 *
 * const client = createClient({ apiKey: process.env.OPENAI_API_KEY });
 * client.responses.stream({ model: 'gpt-4o', input: 'Hi' }).pipe(textDeltas()).subscribe((t) => process.stdout.write(t));
 */
export function createClient(options: ClientOptions = {}): OpenAIStreamClient {
  const resolved = resolveClientOptions(options);
  return apiResources(createTransport(resolved), createTransport({ ...resolved, beta: ASSISTANTS_BETA }));
}

/**
 * Creates a client as {@link createClient} does, with the Assistants API besides (`assistants`, `threads`), whose
 * requests carry `OpenAI-Beta: assistants=v2` as that API asks (as the vector stores' do, and as the official SDK
 * sends it: not to the other APIs).
 *
 * @example
 * import { createAssistantsClient, textDeltas } from 'rx-openai-stream';
 *
 * const client = createAssistantsClient({ apiKey, baseURL: 'https://assistants-compatible.example/v1' });
 * client.threads.runs.stream(threadId, { assistant_id }).pipe(textDeltas()).subscribe((t) => process.stdout.write(t));
 * client.threads.runs.createAndPoll(threadId, { assistant_id }, { pollIntervalMs: 500 })
 *   .subscribe((run) => console.log(run.status));
 */
export function createAssistantsClient(options: ClientOptions = {}): AssistantsStreamClient {
  const resolved = resolveClientOptions(options, 'createAssistantsClient');
  // The API's header, over the client's headers: a call's may replace it, or remove it with `null`.
  const beta = createTransport({ ...resolved, beta: ASSISTANTS_BETA });
  return { ...apiResources(createTransport(resolved), beta), assistants: assistantsResource(beta), threads: threadsResource(beta) };
}

/** `OpenAI-Beta` of the Assistants API, which the SDK sends to the vector stores' endpoints too. */
const ASSISTANTS_BETA = 'assistants=v2';

/** The resources both clients have; the vector stores over a transport that sends {@link ASSISTANTS_BETA}. */
function apiResources(transport: Transport, beta: Transport): OpenAIStreamClient {
  const files = filesResource(transport);
  return {
    responses: responsesResource(transport),
    conversations: conversationsResource(transport),
    chat: chatResource(transport),
    files,
    vectorStores: vectorStoresResource(beta, files),
    signal: transport.options.signal,
  };
}
