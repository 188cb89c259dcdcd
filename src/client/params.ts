/**
 * Request parameter types of the client's methods: the fields the API documents, named as the official SDK
 * names them. Each also accepts further fields, passed through to the API as they are.
 */
import type { AssistantTool, Metadata } from '../wire/assistants.js';

type Open = { [field: string]: unknown };

/** A message to add to a thread. @example const m: MessageCreateParams = { role: 'user', content: 'Hi' }; */
export interface MessageCreateParams extends Open {
  role: 'user' | 'assistant';
  content: string | Open[];
  attachments?: Open[] | null | undefined;
  metadata?: Metadata | undefined;
}

/** A new thread. @example client.threads.create({ messages: [{ role: 'user', content: 'Hi' }] }); */
export interface ThreadCreateParams extends Open {
  messages?: MessageCreateParams[] | undefined;
  metadata?: Metadata | undefined;
  tool_resources?: Open | null | undefined;
}

/** A new run on a thread. @example client.threads.runs.stream('thread_1', { assistant_id: 'asst_1' }); */
export interface RunCreateParams extends Open {
  assistant_id: string;
  model?: string | null | undefined;
  instructions?: string | null | undefined;
  additional_instructions?: string | null | undefined;
  additional_messages?: MessageCreateParams[] | null | undefined;
  tools?: AssistantTool[] | null | undefined;
  metadata?: Metadata | undefined;
  temperature?: number | null | undefined;
  top_p?: number | null | undefined;
  max_prompt_tokens?: number | null | undefined;
  max_completion_tokens?: number | null | undefined;
  parallel_tool_calls?: boolean | undefined;
  /**
   * Fields of the run steps to include (`'step_details.tool_calls[*].file_search.results[*].content'`): sent as the
   * `include[]` query parameter, as the API takes it, not in the body.
   */
  include?: string[] | undefined;
}

/** A new thread and a run on it. @example client.threads.createAndRunStream({ assistant_id, thread: { messages } }); */
export interface ThreadCreateAndRunParams extends Open {
  assistant_id: string;
  thread?: ThreadCreateParams | undefined;
  model?: string | null | undefined;
  instructions?: string | null | undefined;
  tools?: AssistantTool[] | null | undefined;
  metadata?: Metadata | undefined;
}

/** Identifies a run's thread (the SDK's `{ thread_id }` path parameter). @example client.threads.runs.retrieve(runId, { thread_id }); */
export interface RunRetrieveParams {
  thread_id: string;
}

/** One tool call's output. @example const o: ToolOutput = { tool_call_id: 'call_1', output: '22°C' }; */
export interface ToolOutput {
  tool_call_id?: string | undefined;
  output?: string | undefined;
}

/** The outputs of a run's tool calls. @example client.threads.runs.submitToolOutputsStream(runId, { thread_id, tool_outputs }); */
export interface SubmitToolOutputsParams extends Open {
  thread_id: string;
  tool_outputs: ToolOutput[];
}

/** Pagination of list endpoints. @example client.threads.messages.list(threadId, { limit: 20, order: 'asc' }); */
export interface ListParams {
  limit?: number | undefined;
  order?: 'asc' | 'desc' | undefined;
  after?: string | undefined;
  before?: string | undefined;
}

/** Listing messages, optionally of one run. @example client.threads.messages.list(threadId, { run_id }); */
export interface MessageListParams extends ListParams {
  run_id?: string | undefined;
}

/** Listing a run's steps. @example client.threads.runs.steps.list(runId, { thread_id }); */
export interface StepListParams extends ListParams {
  thread_id: string;
  include?: string[] | undefined;
}

/** A new assistant. @example client.assistants.create({ model: 'gpt-4o', tools: [{ type: 'code_interpreter' }] }); */
export interface AssistantCreateParams extends Open {
  model: string;
  name?: string | null | undefined;
  description?: string | null | undefined;
  instructions?: string | null | undefined;
  tools?: AssistantTool[] | undefined;
  metadata?: Metadata | undefined;
}

/**
 * A file to upload: a `File`/`Blob` (browsers, Node 20), or a name with bytes or text.
 *
 * @example
 * const upload: Uploadable = { name: 'notes.txt', content: 'hello' };
 */
export type Uploadable = Blob | { name: string; content: Uint8Array | string; type?: string | undefined };

/** An upload. @example client.files.create({ file: new File(['hi'], 'a.txt'), purpose: 'assistants' }); */
export interface FileCreateParams {
  file: Uploadable;
  purpose: string;
  /**
   * When the file expires: `seconds` after `anchor` (`'created_at'`), sent as the SDK sends it, as the form fields
   * `expires_after[anchor]` and `expires_after[seconds]`.
   */
  expires_after?: { anchor: 'created_at' | (string & {}); seconds: number } | undefined;
}

/** A new vector store. @example client.vectorStores.create({ name: 'docs' }); */
export interface VectorStoreCreateParams extends Open {
  name?: string | undefined;
  file_ids?: string[] | undefined;
  metadata?: Metadata | undefined;
}

/** Adding an uploaded file to a vector store. @example client.vectorStores.files.create(storeId, { file_id }); */
export interface VectorStoreFileCreateParams extends Open {
  file_id: string;
}

/** Adding several uploaded files to a vector store. @example client.vectorStores.fileBatches.create(storeId, { file_ids }); */
export interface FileBatchCreateParams extends Open {
  file_ids: string[];
}

/** Options of the polling helpers. @example client.threads.runs.createAndPoll(threadId, body, { pollIntervalMs: 500 }); */
export interface PollOptions {
  /** Wait this long between polls. Default: the server's `openai-poll-after-ms`, else the client's `pollIntervalMs`. */
  pollIntervalMs?: number | undefined;
}

/** Options of the upload-and-poll helpers. @example client.vectorStores.fileBatches.uploadAndPoll(id, { files }, { maxConcurrency: 3 }); */
export interface UploadPollOptions extends PollOptions {
  /** How many uploads run at once. Default 5. */
  maxConcurrency?: number | undefined;
}
