/**
 * Vector stores, their files and file batches. An attached file is `in_progress` for `statusStepMs`, then
 * `completed`; the store's and the batches' `file_counts` and status follow their files.
 */
import { notFound } from '../api-error.js';
import type { JsonObject } from '../body.js';
import {
  countFiles,
  emptyFileCounts,
  unixNow,
  type VectorStore,
  type VectorStoreFile,
  type VectorStoreFileBatch,
} from '../objects.js';
import type { Route, RouteContext } from '../routing.js';
import type { EmulatorState } from '../state.js';
import { paginate } from '../store.js';
import { is, optional, requireString } from '../validate.js';

type Attributes = VectorStoreFile['attributes'];

/** Attaches an uploaded file to a vector store; it completes `statusStepMs` later. */
function attachFile(state: EmulatorState, store: VectorStore, fileId: string, attributes: Attributes): VectorStoreFile {
  const file = state.store.files.get(fileId);
  const attached = state.store.vectorStoreFiles(store.id).add({
    id: file.id,
    object: 'vector_store.file',
    created_at: unixNow(),
    usage_bytes: 0,
    vector_store_id: store.id,
    status: 'in_progress',
    last_error: null,
    chunking_strategy: { type: 'static', static: { max_chunk_size_tokens: 800, chunk_overlap_tokens: 400 } },
    attributes: attributes ?? {},
  });
  state.timers.after(
    state.options.statusStepMs,
    () => {
      attached.status = 'completed';
      attached.usage_bytes = file.bytes;
      refresh(state, store);
    },
    true,
  );
  refresh(state, store);
  return attached;
}

/** Recomputes a vector store's counts, status and usage, and those of its batches. */
function refresh(state: EmulatorState, store: VectorStore): void {
  const files = state.store.vectorStoreFiles(store.id);
  const all = files.values();
  store.file_counts = countFiles(all);
  store.status = store.file_counts.in_progress > 0 ? 'in_progress' : 'completed';
  store.usage_bytes = all.reduce((sum, file) => sum + file.usage_bytes, 0);
  for (const batch of state.store.fileBatches.values((b) => b.vector_store_id === store.id)) {
    const ids = state.store.batchFileIds.get(batch.id) ?? [];
    batch.file_counts = countFiles(ids.flatMap((id) => files.find(id) ?? []));
    batch.status = batch.file_counts.in_progress > 0 ? 'in_progress' : 'completed';
  }
}

function readAttributes(body: JsonObject): Attributes {
  return (optional(body, 'attributes', is.object, 'an object') as Attributes | undefined) ?? null;
}

function batchOf({ state, params }: RouteContext): VectorStoreFileBatch {
  const store = state.store.vectorStores.get(params['vector_store_id']!);
  const batch = state.store.fileBatches.get(params['batch_id']!);
  if (batch.vector_store_id !== store.id) throw notFound('file batch', batch.id);
  return batch;
}

/**
 * The vector stores endpoints.
 *
 * @example
 * const table = [...vectorStoreRoutes];
 */
export const vectorStoreRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: '/vector_stores',
    handle: ({ state, body }) => {
      const now = unixNow();
      const expiresAfter = optional(body, 'expires_after', is.object, 'an object') as VectorStore['expires_after'];
      const store = state.store.vectorStores.add({
        id: state.store.vectorStores.newId(),
        object: 'vector_store',
        created_at: now,
        name: optional(body, 'name', is.stringOrNull, 'a string') ?? '',
        usage_bytes: 0,
        file_counts: emptyFileCounts(),
        status: 'completed',
        expires_after: expiresAfter ?? null,
        expires_at: expiresAfter ? now + expiresAfter.days * 86400 : null,
        last_active_at: now,
        metadata: optional(body, 'metadata', is.metadata, 'an object') ?? {},
      });
      const fileIds = (optional(body, 'file_ids', is.array, 'an array') ?? []).filter(is.string);
      for (const fileId of fileIds) attachFile(state, store, fileId, null);
      return store;
    },
  },
  {
    method: 'GET',
    path: '/vector_stores',
    handle: ({ state, query }) => paginate(state.store.vectorStores.values(), query),
  },
  {
    method: 'GET',
    path: '/vector_stores/:vector_store_id',
    handle: ({ state, params }) => state.store.vectorStores.get(params['vector_store_id']!),
  },
  {
    method: 'DELETE',
    path: '/vector_stores/:vector_store_id',
    handle: ({ state, params }) => {
      const { id } = state.store.vectorStores.get(params['vector_store_id']!);
      state.store.vectorStores.delete(id);
      return { id, object: 'vector_store.deleted', deleted: true };
    },
  },
  {
    method: 'POST',
    path: '/vector_stores/:vector_store_id/files',
    handle: ({ state, params, body }) => {
      const store = state.store.vectorStores.get(params['vector_store_id']!);
      return attachFile(state, store, requireString(body, 'file_id'), readAttributes(body));
    },
  },
  {
    method: 'GET',
    path: '/vector_stores/:vector_store_id/files',
    handle: ({ state, params, query }) => {
      const store = state.store.vectorStores.get(params['vector_store_id']!);
      const filter = query.get('filter');
      const files = state.store.vectorStoreFiles(store.id).values((file) => filter === null || file.status === filter);
      return paginate(files, query);
    },
  },
  {
    method: 'GET',
    path: '/vector_stores/:vector_store_id/files/:file_id',
    handle: ({ state, params }) => {
      const store = state.store.vectorStores.get(params['vector_store_id']!);
      return state.store.vectorStoreFiles(store.id).get(params['file_id']!);
    },
  },
  {
    method: 'DELETE',
    path: '/vector_stores/:vector_store_id/files/:file_id',
    handle: ({ state, params }) => {
      // The file leaves the store (its counts follow); the uploaded file itself stays, as the API keeps it.
      const store = state.store.vectorStores.get(params['vector_store_id']!);
      const files = state.store.vectorStoreFiles(store.id);
      const { id } = files.get(params['file_id']!);
      files.delete(id);
      refresh(state, store);
      return { id, object: 'vector_store.file.deleted', deleted: true };
    },
  },
  {
    method: 'POST',
    path: '/vector_stores/:vector_store_id/file_batches',
    handle: ({ state, params, body }) => {
      const store = state.store.vectorStores.get(params['vector_store_id']!);
      const attributes = readAttributes(body);
      const entries: Array<{ fileId: string; attributes: Attributes }> = [
        ...(optional(body, 'file_ids', is.array, 'an array') ?? [])
          .filter(is.string)
          .map((fileId) => ({ fileId, attributes })),
        ...(optional(body, 'files', is.array, 'an array') ?? []).filter(is.object).map((file) => ({
          fileId: requireString(file, 'file_id'),
          attributes: readAttributes(file) ?? attributes,
        })),
      ];
      for (const { fileId } of entries) state.store.files.get(fileId); // 404 before anything changes
      const batch = state.store.fileBatches.add({
        id: state.store.fileBatches.newId(),
        object: 'vector_store.files_batch',
        created_at: unixNow(),
        vector_store_id: store.id,
        status: 'in_progress',
        file_counts: emptyFileCounts(),
      });
      state.store.batchFileIds.set(batch.id, entries.map((entry) => entry.fileId));
      for (const entry of entries) attachFile(state, store, entry.fileId, entry.attributes);
      refresh(state, store);
      return batch;
    },
  },
  {
    method: 'GET',
    path: '/vector_stores/:vector_store_id/file_batches/:batch_id',
    handle: (ctx) => batchOf(ctx),
  },
  {
    method: 'GET',
    path: '/vector_stores/:vector_store_id/file_batches/:batch_id/files',
    handle: (ctx) => {
      const batch = batchOf(ctx);
      const ids = new Set(ctx.state.store.batchFileIds.get(batch.id) ?? []);
      const filter = ctx.query.get('filter');
      const files = ctx.state.store
        .vectorStoreFiles(batch.vector_store_id)
        .values((file) => ids.has(file.id) && (filter === null || file.status === filter));
      return paginate(files, ctx.query);
    },
  },
];
