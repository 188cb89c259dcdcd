import { type ClientOptions, resolveClientOptions } from './options.js';
import { type AssistantsResource, assistantsResource } from './resources/assistants.js';
import { type ChatResource, chatResource } from './resources/chat.js';
import { type ConversationsResource, conversationsResource } from './resources/conversations.js';
import { type FilesResource, filesResource } from './resources/files.js';
import { type ResponsesResource, responsesResource } from './resources/responses.js';
import { type ThreadsResource, threadsResource } from './resources/threads.js';
import { type VectorStoresResource, vectorStoresResource } from './resources/vector-stores.js';
import { createTransport } from './transport.js';

/**
 * A client of the OpenAI API whose every method returns a cold Observable: nothing is sent until you
 * subscribe, each subscription sends its own request, and unsubscribing aborts it. Method names and argument
 * order follow the official Node SDK (`client.beta.threads.runs.stream(...)` there is
 * `client.threads.runs.stream(...)` here).
 *
 * @example
 * const client: OpenAIStreamClient = createClient({ apiKey: process.env.OPENAI_API_KEY });
 * client.responses.stream({ model: 'gpt-4o', input: 'Hi' }).pipe(textDeltas()).subscribe(print);
 */
export interface OpenAIStreamClient {
  readonly assistants: AssistantsResource;
  readonly threads: ThreadsResource;
  readonly files: FilesResource;
  readonly vectorStores: VectorStoresResource;
  readonly chat: ChatResource;
  readonly responses: ResponsesResource;
  /** Stored conversations for the Responses API (`conversation` in `responses.stream/create`). */
  readonly conversations: ConversationsResource;
}

/**
 * Creates a client. Sends `Authorization: Bearer <apiKey>` and `OpenAI-Beta: assistants=v2`; HTTP failures
 * become typed errors (`NotFoundError`, `RateLimitError`, ...); transient ones are retried with backoff before a
 * response is accepted, never after.
 *
 * @example
 * import { createClient, textDeltas } from 'rx-openai-stream';
 *
 * const client = createClient({ apiKey: process.env.OPENAI_API_KEY });
 * client.threads.runs.stream(threadId, { assistant_id }).pipe(textDeltas()).subscribe((t) => process.stdout.write(t));
 * client.threads.runs.createAndPoll(threadId, { assistant_id }, { pollIntervalMs: 500 })
 *   .subscribe((run) => console.log(run.status));
 */
export function createClient(options: ClientOptions = {}): OpenAIStreamClient {
  const transport = createTransport(resolveClientOptions(options));
  const files = filesResource(transport);
  return {
    assistants: assistantsResource(transport),
    threads: threadsResource(transport),
    files,
    vectorStores: vectorStoresResource(transport, files),
    chat: chatResource(transport),
    responses: responsesResource(transport),
    conversations: conversationsResource(transport),
  };
}
