/** `/files`: upload (`multipart/form-data`, as the SDK sends it), list, retrieve and delete. */
import { missingParameter } from '../api-error.js';
import { unixNow, type FileObject } from '../objects.js';
import type { Route } from '../routing.js';
import { paginate } from '../store.js';

/**
 * The files endpoints.
 *
 * @example
 * const table = [...fileRoutes];
 */
export const fileRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: '/files',
    body: 'multipart',
    handle: ({ state, form }) => {
      const file = form?.files['file'];
      if (!file) throw missingParameter('file');
      const purpose = form.fields['purpose'];
      if (!purpose) throw missingParameter('purpose');
      const object: FileObject = {
        id: state.store.files.newId(),
        object: 'file',
        bytes: file.data.length,
        created_at: unixNow(),
        filename: file.filename,
        purpose,
        status: 'processed',
        status_details: null,
        expires_at: null,
      };
      state.counters.filesUploaded++;
      return state.store.files.add(object);
    },
  },
  {
    method: 'GET',
    path: '/files',
    handle: ({ state, query }) => {
      const purpose = query.get('purpose');
      return paginate(state.store.files.values((file) => purpose === null || file.purpose === purpose), query);
    },
  },
  {
    method: 'GET',
    path: '/files/:file_id',
    handle: ({ state, params }) => state.store.files.get(params['file_id']!),
  },
  {
    method: 'DELETE',
    path: '/files/:file_id',
    handle: ({ state, params }) => {
      const { id } = state.store.files.get(params['file_id']!);
      state.store.files.delete(id);
      return { id, object: 'file', deleted: true };
    },
  },
];
