/**
 * Request bodies as applications type them: an app's own message interface, the messages of a completion the
 * library gave, the official SDK's parameter types, and object literals with any other parameter of the API. An
 * interface has no index signature, so each must fit without one. Checked by `tsc`, not jest.
 */
import type OpenAI from 'openai';
import { runChatTools, runResponsesTools } from '../../src/structured';
import { type AssistantsStreamClient, type ChatCompletion, type ChatCompletionCreateParams, type ChatCompletionMessageParam, createAssistantsClient, createClient, type OpenAIStreamClient, type ResponseCreateParams } from '../../src/index';

const client = createClient({ apiKey: 'k' });

// An app's own message interface.
interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}
declare const history: ChatMessage[];
client.chat.completions.stream({ model: 'gpt-4o', messages: history });

// A multi-turn chat: the reply the library gave goes back into the conversation, beside literals.
declare const completion: ChatCompletion;
const reply = completion.choices[0]!.message;
client.chat.completions.stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }, reply, { role: 'user', content: 'More' }] });
const readonlyHistory: readonly ChatCompletionMessageParam[] = [{ role: 'user', content: 'Hi', name: 'ann' }];
client.chat.completions.stream({ model: 'gpt-4o', messages: readonlyHistory });

// The official SDK's types (an app moving from `openai`).
declare const sdkMessages: OpenAI.Chat.ChatCompletionMessageParam[];
client.chat.completions.stream({ model: 'gpt-4o', messages: sdkMessages });
declare const sdkChat: OpenAI.Chat.ChatCompletionCreateParamsStreaming;
client.chat.completions.stream(sdkChat);
// As the SDK types it: `model` optional (a stored prompt may give it).
declare const sdkResponses: OpenAI.Responses.ResponseCreateParamsStreaming;
client.responses.stream(sdkResponses);
client.responses.create(sdkResponses);

// Literals with the API's other parameters.
const body: ChatCompletionCreateParams = { model: 'gpt-4o', messages: [], temperature: 0, stream_options: { include_usage: true } };
client.chat.completions.stream(body);
const responseBody: ResponseCreateParams = { model: 'gpt-4o', input: 'Hi', background: true, store: true, reasoning: { effort: 'low' } };
client.responses.stream(responseBody);

// What the client reads keeps its type.
// @ts-expect-error the model is a string
client.chat.completions.stream({ model: 5, messages: [] });
// @ts-expect-error messages are objects with a role
client.chat.completions.stream({ model: 'gpt-4o', messages: ['Hi'] });
// @ts-expect-error a message has a role
client.chat.completions.stream({ model: 'gpt-4o', messages: [{ content: 'Hi' }] });
// @ts-expect-error background is a boolean
client.responses.stream({ model: 'gpt-4o', input: 'Hi', background: 'yes' });

// The exported body types stay readable and writable, as an app building a request uses them.
declare const params: ChatCompletionCreateParams;
const temperature: unknown = params.temperature;
params.messages.push({ role: 'user', content: 'More', name: 'ann' });
const name: unknown = params.messages[0]!.name;
declare const responseParams: ResponseCreateParams;
const store: unknown = responseParams.store;
const previous: unknown = responseParams['previous_response_id'];
void [temperature, name, store, previous];

// The tool loops take what the calls take.
runChatTools(client, sdkChat, { tools: [] });
runChatTools(client, { model: 'gpt-4o', messages: history }, { tools: [] });
runResponsesTools(client, sdkResponses, { tools: [] });
// A message's role is a string, in a literal too.
// @ts-expect-error a role is a string
client.chat.completions.stream({ model: 'gpt-4o', messages: [{ role: 1, content: 'x' }] });
// A completion's message goes into the body type's messages as it is, as with the official SDK's types.
params.messages.push(reply);
const history2: ChatCompletionMessageParam[] = [{ role: 'user', content: 'Hi' }];
history2.push(reply, ...completion.choices.map((choice) => choice.message));

// The Assistants API is createAssistantsClient()'s: createClient()'s client has none, so code that still uses it
// says so where it makes its client.
// @ts-expect-error no threads on createClient()'s client
void client.threads;
const assistantsClient: AssistantsStreamClient = createAssistantsClient({ apiKey: 'k' });
const plain: OpenAIStreamClient = assistantsClient; // everything createClient() has, too
void [assistantsClient.threads.runs, plain.responses];
