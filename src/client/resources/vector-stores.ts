import { concatMap, defer, map, mergeMap, type Observable, from, toArray } from 'rxjs';
import { AFTER_CREATE, pollUntilTerminal } from '../../polling/poll-until-terminal.js';
import { isFileProcessingDone } from '../../polling/terminal-states.js';
import { fileBatchCheck, vectorStoreCheck, vectorStoreFileCheck } from '../body-checks.js';
import type { VectorStore, VectorStoreFile, VectorStoreFileBatch } from '../../wire/resources.js';
import { checkOptions, type RequestOptions } from '../options.js';
import type {
  FileBatchCreateParams,
  PollOptions,
  Uploadable,
  UploadPollOptions,
  VectorStoreCreateParams,
  VectorStoreFileCreateParams,
} from '../params.js';
import { readJSON, readJSONWithHeaders, type WithHeaders } from '../readers.js';
import { holdTask } from '../hold-task.js';
import { callEnds } from '../abort-on.js';
import { enc, stepOptions, type Transport } from '../transport.js';
import { checkUploadable, type FilesResource } from './files.js';

/**
 * `client.vectorStores.files`.
 *
 * @example
 * client.vectorStores.files.uploadAndPoll(storeId, { name: 'notes.txt', content: 'hello' }).pipe(last());
 */
export interface VectorStoreFilesResource {
  /** `POST /vector_stores/{id}/files`. @example client.vectorStores.files.create(storeId, { file_id }); */
  create(vectorStoreId: string, body: VectorStoreFileCreateParams, options?: RequestOptions): Observable<VectorStoreFile>;
  /** `GET /vector_stores/{id}/files/{file_id}`. @example client.vectorStores.files.retrieve(fileId, { vector_store_id }); */
  retrieve(fileId: string, params: { vector_store_id: string }, options?: RequestOptions): Observable<VectorStoreFile>;
  /** Polls a vector store file until it is processed. @example client.vectorStores.files.poll(storeId, fileId); */
  poll(vectorStoreId: string, fileId: string, options?: RequestOptions & PollOptions): Observable<VectorStoreFile>;
  /** Adds a file, then polls it: emits every state, the last one `completed`, `failed` or `cancelled`. @example client.vectorStores.files.createAndPoll(storeId, { file_id }).pipe(last()); */
  createAndPoll(vectorStoreId: string, body: VectorStoreFileCreateParams, options?: RequestOptions & PollOptions): Observable<VectorStoreFile>;
  /** Uploads a file and adds it to the store (no polling). @example client.vectorStores.files.upload(storeId, file); */
  upload(vectorStoreId: string, file: Uploadable, options?: RequestOptions): Observable<VectorStoreFile>;
  /** Uploads a file, adds it, and polls it until processed. @example client.vectorStores.files.uploadAndPoll(storeId, file).pipe(last()); */
  uploadAndPoll(vectorStoreId: string, file: Uploadable, options?: RequestOptions & PollOptions): Observable<VectorStoreFile>;
}

/**
 * `client.vectorStores.fileBatches`.
 *
 * @example
 * client.vectorStores.fileBatches.uploadAndPoll(storeId, { files: [a, b] }, { maxConcurrency: 3 }).pipe(last());
 */
export interface FileBatchesResource {
  /** `POST /vector_stores/{id}/file_batches`. @example client.vectorStores.fileBatches.create(storeId, { file_ids }); */
  create(vectorStoreId: string, body: FileBatchCreateParams, options?: RequestOptions): Observable<VectorStoreFileBatch>;
  /** `GET /vector_stores/{id}/file_batches/{batch_id}`. @example client.vectorStores.fileBatches.retrieve(batchId, { vector_store_id }); */
  retrieve(batchId: string, params: { vector_store_id: string }, options?: RequestOptions): Observable<VectorStoreFileBatch>;
  /** Polls a batch until processed. @example client.vectorStores.fileBatches.poll(storeId, batchId); */
  poll(vectorStoreId: string, batchId: string, options?: RequestOptions & PollOptions): Observable<VectorStoreFileBatch>;
  /** Creates a batch, then polls it. @example client.vectorStores.fileBatches.createAndPoll(storeId, { file_ids }).pipe(last()); */
  createAndPoll(vectorStoreId: string, body: FileBatchCreateParams, options?: RequestOptions & PollOptions): Observable<VectorStoreFileBatch>;
  /**
   * Uploads `files` (at most `maxConcurrency` at once, default 5), creates a batch of them and of `fileIds`, then
   * polls it. @example client.vectorStores.fileBatches.uploadAndPoll(storeId, { files: [a, b] }).pipe(last());
   */
  uploadAndPoll(
    vectorStoreId: string,
    batch: { files: readonly Uploadable[]; fileIds?: readonly string[] | undefined },
    options?: RequestOptions & UploadPollOptions,
  ): Observable<VectorStoreFileBatch>;
}

/**
 * `client.vectorStores`.
 *
 * @example
 * client.vectorStores.create({ name: 'docs' }).subscribe((store) => console.log(store.id));
 */
export interface VectorStoresResource {
  readonly files: VectorStoreFilesResource;
  readonly fileBatches: FileBatchesResource;
  /** `POST /vector_stores`. @example client.vectorStores.create({ name: 'docs' }); */
  create(body: VectorStoreCreateParams, options?: RequestOptions): Observable<VectorStore>;
  /** `GET /vector_stores/{id}`. @example client.vectorStores.retrieve(storeId); */
  retrieve(vectorStoreId: string, options?: RequestOptions): Observable<VectorStore>;
}

/**
 * Builds `client.vectorStores` on a transport; uploads go through `files`.
 *
 * @internal
 * @example
 * const transport = createTransport(resolveClientOptions({ apiKey: 'sk-...' }));
 * const vectorStores = vectorStoresResource(transport, filesResource(transport));
 */
export function vectorStoresResource(transport: Transport, files: FilesResource): VectorStoresResource {
  const storePath = (id: string) => `/vector_stores/${enc(id)}`;
  const isDone = (value: { status: string }) => isFileProcessingDone(value.status);
  // `firstIntervalMs`: `AFTER_CREATE` when `first` is a create's answer.
  const poll = <T extends { status: string }>(
    first: Observable<WithHeaders<T>>,
    retrieve: () => Observable<WithHeaders<T>>,
    options: (PollOptions & Pick<RequestOptions, 'scheduler' | 'signal'>) | undefined,
    firstIntervalMs?: number,
  ) =>
    pollUntilTerminal<T>({
      first,
      retrieve,
      isTerminal: isDone,
      pollIntervalMs: options?.pollIntervalMs,
      defaultIntervalMs: transport.options.pollIntervalMs,
      firstIntervalMs,
      scheduler: options?.scheduler ?? transport.options.scheduler,
    }).pipe(callEnds(transport, options?.signal), holdTask(transport.options.pendingTasks));

  const getFile = (storeId: string, fileId: string, options?: RequestOptions) =>
    transport.request({ method: 'GET', path: `${storePath(storeId)}/files/${enc(fileId)}` }, options, readJSONWithHeaders(vectorStoreFileCheck));
  const postFile = (storeId: string, body: VectorStoreFileCreateParams, options?: RequestOptions) =>
    transport.request({ method: 'POST', path: `${storePath(storeId)}/files`, body }, options, readJSONWithHeaders(vectorStoreFileCheck));
  const getBatch = (storeId: string, batchId: string, options?: RequestOptions) =>
    transport.request(
      { method: 'GET', path: `${storePath(storeId)}/file_batches/${enc(batchId)}` },
      options,
      readJSONWithHeaders(fileBatchCheck),
    );
  const postBatch = (storeId: string, body: FileBatchCreateParams, options?: RequestOptions) =>
    transport.request(
      { method: 'POST', path: `${storePath(storeId)}/file_batches`, body },
      options,
      readJSONWithHeaders(fileBatchCheck),
    );
  const data = <T>(polled: Observable<WithHeaders<T>>) => polled.pipe(map((p) => p.data));

  const filesOfStore: VectorStoreFilesResource = {
    create: (storeId, body, options) => data(postFile(storeId, body, options)),
    retrieve: (fileId, { vector_store_id }, options) => data(getFile(vector_store_id, fileId, options)),
    poll: (storeId, fileId, options) => poll(getFile(storeId, fileId, options), () => getFile(storeId, fileId, options), options),
    createAndPoll: (storeId, body, options) => {
      // The file's id, which the polls' path takes, checked when called, before the POST (`enc` throws for one that
      // names no object); a body without one is the API's to refuse, with its 400.
      const fileId: unknown = body?.file_id;
      if (typeof fileId === 'string') enc(fileId);
      return poll(postFile(storeId, body, options), () => getFile(storeId, body.file_id, options), options, AFTER_CREATE);
    },
    upload: (storeId, file, options) =>
      checkedThen(file, storeId, 'vectorStores.files.upload()', () =>
        files
          .create({ file, purpose: 'assistants' }, stepOptions(options, 'upload'))
          .pipe(concatMap((f) => data(postFile(storeId, { file_id: f.id }, options)))),
      ),
    uploadAndPoll: (storeId, file, options) =>
      checkedThen(file, storeId, 'vectorStores.files.uploadAndPoll()', () =>
        files
          .create({ file, purpose: 'assistants' }, stepOptions(options, 'upload'))
          .pipe(concatMap((f) => filesOfStore.createAndPoll(storeId, { file_id: f.id }, options))),
      ),
  };

  const pollBatchFrom = (storeId: string, first: Observable<WithHeaders<VectorStoreFileBatch>>, options?: PollOptions & RequestOptions) =>
    defer(() => {
      let batchId = '';
      return poll(
        first.pipe(map((p) => ((batchId = p.data.id), p))),
        () => getBatch(storeId, batchId, options),
        options,
        AFTER_CREATE,
      );
    });

  const fileBatches: FileBatchesResource = {
    create: (storeId, body, options) => data(postBatch(storeId, body, options)),
    retrieve: (batchId, { vector_store_id }, options) => data(getBatch(vector_store_id, batchId, options)),
    poll: (storeId, batchId, options) => poll(getBatch(storeId, batchId, options), () => getBatch(storeId, batchId, options), options),
    createAndPoll: (storeId, body, options) => pollBatchFrom(storeId, postBatch(storeId, body, options), options),
    uploadAndPoll: (storeId, params, options) => {
      const uploads: unknown = params?.files;
      const fileIds = params?.fileIds ?? [];
      // Checked when called, as `files.create()` checks one file: nothing is uploaded when any is wrong. (The other
      // options are checked as every call's are, by its request; below 1, `maxConcurrency` would start nothing.)
      const where = 'fileBatches.uploadAndPoll()';
      enc(storeId); // the store's id too: nothing is uploaded for a store no path can name
      checkOptions({ maxConcurrency: options?.maxConcurrency }, where);
      if (!Array.isArray(uploads)) throw new TypeError(`${where}: files must be an array`);
      // For files uploaded already, `createAndPoll()` takes their ids.
      if (uploads.length === 0) throw new RangeError(`${where}: no files (for uploaded ones: createAndPoll())`);
      uploads.forEach((file, i) => checkUploadable(file, `${where}: files[${i}]`));
      return from(uploads).pipe(
        // The ids in the order of `files`, whichever upload ends first: the same call sends the same batch again.
        mergeMap(
          (file, i) =>
            files
              .create({ file, purpose: 'assistants' }, stepOptions(options, `upload-${i}`))
              .pipe(map((uploaded) => ({ i, id: uploaded.id }))),
          options?.maxConcurrency ?? 5,
        ),
        toArray(),
        map((uploaded) => uploaded.sort((a, b) => a.i - b.i).map(({ id }) => id)),
        concatMap((ids) => fileBatches.createAndPoll(storeId, { file_ids: [...fileIds, ...ids] }, options)),
      );
    },
  };

  return {
    files: filesOfStore,
    fileBatches,
    create: (body, options) => transport.request({ method: 'POST', path: '/vector_stores', body }, options, readJSON(vectorStoreCheck)),
    retrieve: (id, options) => transport.request({ method: 'GET', path: storePath(id) }, options, readJSON(vectorStoreCheck)),
  };
}

/**
 * `then()`, once `file` was checked as a file to upload (a `TypeError` naming `where` when it is none) and `storeId`
 * as an id of a path (`enc()`'s `TypeError`).
 */
function checkedThen<T>(file: unknown, storeId: string, where: string, then: () => Observable<T>): Observable<T> {
  checkUploadable(file, where);
  // The store's id too, as every id of a path is checked when the method is called: nothing is uploaded for a store
  // no path can name.
  enc(storeId);
  return then();
}
