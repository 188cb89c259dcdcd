/**
 * The API objects the emulator stores, and their factories. Threads, messages, runs and run steps are the
 * library's own wire types; the objects no stream carries (assistants, files, vector stores) extend the client's
 * types (`src/wire/resources.ts`) with the further fields the API returns.
 */
import type { Assistant as WireAssistant, FileObject as WireFileObject } from '../../wire/resources.js';
import type { AssistantResponseFormatOption, Message, MessageContent, Metadata, RunStep, RunStepDetails, Thread, ThreadToolResources } from '../../wire/assistants.js';

/**
 * An assistant (`object: 'assistant'`).
 *
 * @example
 * const assistant: Assistant = store.assistants.get('asst_abc');
 */
export interface Assistant extends WireAssistant {
  tool_resources: ThreadToolResources | null;
  temperature: number | null;
  top_p: number | null;
  response_format: AssistantResponseFormatOption | null;
}

/**
 * An uploaded file (`object: 'file'`).
 *
 * @example
 * const file: FileObject = store.files.get('file-abc'); // { bytes: 11, filename: 'a.txt', purpose: 'assistants', ... }
 */
export interface FileObject extends WireFileObject {
  status: 'uploaded' | 'processed' | 'error';
  status_details: string | null;
  expires_at: number | null;
}

/**
 * How many files of a vector store (or batch) are in each status.
 *
 * @example
 * const counts: FileCounts = { in_progress: 0, completed: 2, failed: 0, cancelled: 0, total: 2 };
 */
export interface FileCounts {
  in_progress: number;
  completed: number;
  failed: number;
  cancelled: number;
  total: number;
}

/**
 * A vector store (`object: 'vector_store'`).
 *
 * @example
 * const store: VectorStore = state.store.vectorStores.get('vs_abc');
 */
export interface VectorStore {
  id: string;
  object: 'vector_store';
  created_at: number;
  name: string;
  usage_bytes: number;
  file_counts: FileCounts;
  status: 'expired' | 'in_progress' | 'completed';
  expires_after: { anchor: 'last_active_at'; days: number } | null;
  expires_at: number | null;
  last_active_at: number | null;
  metadata: Metadata;
}

/**
 * A file attached to a vector store (`object: 'vector_store.file'`); its `id` is the file's id.
 *
 * @example
 * const attached: VectorStoreFile = state.store.vectorStoreFiles('vs_abc').get('file-abc');
 */
export interface VectorStoreFile {
  id: string;
  object: 'vector_store.file';
  created_at: number;
  usage_bytes: number;
  vector_store_id: string;
  status: 'in_progress' | 'completed' | 'cancelled' | 'failed';
  last_error: { code: string; message: string } | null;
  chunking_strategy: { type: 'static'; static: { max_chunk_size_tokens: number; chunk_overlap_tokens: number } };
  attributes: Record<string, string | number | boolean> | null;
}

/**
 * A batch of files added to a vector store (`object: 'vector_store.files_batch'`).
 *
 * @example
 * const batch: VectorStoreFileBatch = state.store.fileBatches.get('vsfb_abc');
 */
export interface VectorStoreFileBatch {
  id: string;
  object: 'vector_store.files_batch';
  created_at: number;
  vector_store_id: string;
  status: 'in_progress' | 'completed' | 'cancelled' | 'failed';
  file_counts: FileCounts;
}

/**
 * A page of a list endpoint.
 *
 * @example
 * const page: CursorList<Message> = paginate(messages, query); // { object: 'list', data, first_id, last_id, has_more }
 */
export interface CursorList<T> {
  object: 'list';
  data: T[];
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}

/**
 * The current time as the API writes it: Unix seconds.
 *
 * @example
 * const created_at = unixNow();
 */
export function unixNow(): number {
  return Math.floor(Date.now() / 1000);
}

/**
 * A new thread.
 *
 * @example
 * newThread('thread_1', {}, null);
 */
export function newThread(id: string, metadata: Metadata, toolResources: ThreadToolResources | null): Thread {
  return { id, object: 'thread', created_at: unixNow(), metadata, tool_resources: toolResources ?? {} };
}

/**
 * A message a user (or the caller, as `assistant`) adds to a thread: complete at once.
 *
 * @example
 * newAddedMessage('msg_1', 'thread_1', 'user', [{ type: 'text', text: { value: 'Hi', annotations: [] } }], {});
 */
export function newAddedMessage(
  id: string,
  threadId: string,
  role: Message['role'],
  content: MessageContent[],
  metadata: Metadata,
  attachments: Message['attachments'] = [],
): Message {
  const now = unixNow();
  return {
    id,
    object: 'thread.message',
    created_at: now,
    thread_id: threadId,
    status: 'completed',
    incomplete_details: null,
    completed_at: now,
    incomplete_at: null,
    role,
    content,
    assistant_id: null,
    run_id: null,
    attachments,
    metadata,
  };
}

/**
 * What an assistant message or run step belongs to (a run has these fields).
 *
 * @example
 * const ref: RunRef = run;
 */
export interface RunRef {
  readonly id: string;
  readonly thread_id: string;
  readonly assistant_id: string;
  readonly expires_at: number | null;
}

/**
 * The message a run writes: `in_progress`, empty until its deltas arrive.
 *
 * @example
 * newRunMessage('msg_1', run);
 */
export function newRunMessage(id: string, run: RunRef): Message {
  return {
    id,
    object: 'thread.message',
    created_at: unixNow(),
    thread_id: run.thread_id,
    status: 'in_progress',
    incomplete_details: null,
    completed_at: null,
    incomplete_at: null,
    role: 'assistant',
    content: [],
    assistant_id: run.assistant_id,
    run_id: run.id,
    attachments: [],
    metadata: {},
  };
}

/**
 * A run step, `in_progress`. Besides the documented fields it carries `expires_at` (the run's), as the API's
 * streams do.
 *
 * @example
 * newRunStep('step_1', run, { type: 'message_creation', message_creation: { message_id: 'msg_1' } });
 */
export function newRunStep(id: string, run: RunRef, details: RunStepDetails): RunStep {
  const step: RunStep & { expires_at: number | null } = {
    id,
    object: 'thread.run.step',
    created_at: unixNow(),
    run_id: run.id,
    assistant_id: run.assistant_id,
    thread_id: run.thread_id,
    type: details.type,
    status: 'in_progress',
    cancelled_at: null,
    completed_at: null,
    expired_at: null,
    expires_at: run.expires_at,
    failed_at: null,
    last_error: null,
    step_details: details,
    metadata: {},
    usage: null,
  };
  return step;
}

/**
 * Zero counts.
 *
 * @example
 * const counts = emptyFileCounts(); // { in_progress: 0, completed: 0, ... }
 */
export function emptyFileCounts(): FileCounts {
  return { in_progress: 0, completed: 0, failed: 0, cancelled: 0, total: 0 };
}

/**
 * Counts the statuses of some vector store files.
 *
 * @example
 * countFiles([{ status: 'completed' }]).completed; // 1
 */
export function countFiles(files: Iterable<{ status: VectorStoreFile['status'] }>): FileCounts {
  const counts = emptyFileCounts();
  for (const file of files) {
    counts[file.status]++;
    counts.total++;
  }
  return counts;
}
