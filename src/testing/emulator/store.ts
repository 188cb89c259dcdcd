/**
 * The emulator's memory: one {@link Collection} per kind of object, ids with the API's prefixes, and cursor
 * pagination as the list endpoints do it.
 */
import { randomBytes } from 'node:crypto';
import type { Message, Run, RunStep, Thread } from '../../wire/assistants.js';
import { badRequest, notFound } from './api-error.js';
import type {
  Assistant,
  CursorList,
  FileObject,
  VectorStore,
  VectorStoreFile,
  VectorStoreFileBatch,
} from './objects.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A new id: the prefix and 24 random letters and digits, like the API's (`thread_abc...`).
 *
 * @example
 * newId('run_'); // 'run_Xk3...'
 */
export function newId(prefix: string): string {
  const bytes = randomBytes(24);
  let id = prefix;
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return id;
}

/**
 * The objects of one kind, in creation order. `get` answers the API's errors: 400 for an id without the kind's
 * prefix, 404 for an unknown one.
 *
 * @example
 * const threads = new Collection<Thread>('thread', 'thread_', 'thread_id');
 * threads.add(newThread(threads.newId(), {}, null));
 * threads.get('thread_unknown'); // throws 404 "No thread found with id 'thread_unknown'."
 */
export class Collection<T extends { id: string }> {
  readonly #items = new Map<string, T>();

  constructor(
    readonly noun: string,
    readonly prefix: string,
    readonly param: string,
  ) {}

  /** A fresh id with this kind's prefix. */
  newId(): string {
    return newId(this.prefix);
  }

  /** Stores an object (replacing one with the same id) and returns it. */
  add(item: T): T {
    this.#items.set(item.id, item);
    return item;
  }

  /** Forgets an object (a request that failed after storing it takes it back). */
  delete(id: string): void {
    this.#items.delete(id);
  }

  /** The object with this id, if any. */
  find(id: string): T | undefined {
    return this.#items.get(id);
  }

  /** The object with this id, or the API's 400 / 404 error. */
  get(id: string): T {
    const item = this.#items.get(id);
    if (item) return item;
    if (!id.startsWith(this.prefix)) {
      const kind = this.prefix.replace(/[_-]$/, '');
      const message = `Invalid '${this.param}': '${id}'. Expected an ID that begins with '${kind}'.`;
      throw badRequest(message, this.param, 'invalid_value');
    }
    throw notFound(this.noun, id);
  }

  /** Every object (optionally those passing `filter`), oldest first. */
  values(filter?: (item: T) => boolean): T[] {
    const all = [...this.#items.values()];
    return filter ? all.filter(filter) : all;
  }
}

/**
 * Everything the emulator holds. Vector store files are kept per vector store (their id is the file's id).
 *
 * @example
 * const store = new Store();
 * store.runs.values((run) => run.thread_id === threadId);
 */
export class Store {
  readonly assistants = new Collection<Assistant>('assistant', 'asst_', 'assistant_id');
  readonly threads = new Collection<Thread>('thread', 'thread_', 'thread_id');
  readonly messages = new Collection<Message>('message', 'msg_', 'message_id');
  readonly runs = new Collection<Run>('run', 'run_', 'run_id');
  readonly steps = new Collection<RunStep>('step', 'step_', 'step_id');
  readonly files = new Collection<FileObject>('file', 'file-', 'file_id');
  readonly vectorStores = new Collection<VectorStore>('vector store', 'vs_', 'vector_store_id');
  readonly fileBatches = new Collection<VectorStoreFileBatch>('file batch', 'vsfb_', 'batch_id');
  /** The file ids of each batch. */
  readonly batchFileIds = new Map<string, readonly string[]>();
  readonly #vectorStoreFiles = new Map<string, Collection<VectorStoreFile>>();

  /** The files of one vector store. */
  vectorStoreFiles(vectorStoreId: string): Collection<VectorStoreFile> {
    let files = this.#vectorStoreFiles.get(vectorStoreId);
    if (!files) {
      files = new Collection<VectorStoreFile>('vector store file', 'file-', 'file_id');
      this.#vectorStoreFiles.set(vectorStoreId, files);
    }
    return files;
  }
}

/**
 * One page of `items` (oldest first) as a list endpoint answers it, by the query's `limit` (1 to 100, default
 * 20), `order` (`asc` or `desc`, default `desc`), `after` and `before` (ids).
 *
 * @example
 * paginate(messages, new URLSearchParams('limit=2&order=asc'));
 * // { object: 'list', data: [m1, m2], first_id: m1.id, last_id: m2.id, has_more: true }
 */
export function paginate<T extends { id: string }>(items: readonly T[], query: URLSearchParams): CursorList<T> {
  const limitText = query.get('limit');
  const limit = limitText === null ? 20 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw badRequest(`Invalid 'limit': integer ${limitText} must be between 1 and 100.`, 'limit', 'invalid_value');
  }
  const order = query.get('order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc') {
    const message = `Invalid value for 'order': expected one of 'asc' or 'desc', got '${order}'.`;
    throw badRequest(message, 'order', 'invalid_value');
  }
  let sorted = order === 'asc' ? [...items] : [...items].reverse();
  const after = query.get('after');
  const before = query.get('before');
  let data: T[];
  let hasMore: boolean;
  if (before !== null) {
    const index = sorted.findIndex((item) => item.id === before);
    sorted = index === -1 ? [] : sorted.slice(0, index);
    data = sorted.slice(Math.max(0, sorted.length - limit));
    hasMore = sorted.length > limit;
  } else {
    if (after !== null) {
      const index = sorted.findIndex((item) => item.id === after);
      sorted = index === -1 ? [] : sorted.slice(index + 1);
    }
    data = sorted.slice(0, limit);
    hasMore = sorted.length > limit;
  }
  return {
    object: 'list',
    data,
    first_id: data[0]?.id ?? null,
    last_id: data[data.length - 1]?.id ?? null,
    has_more: hasMore,
  };
}
