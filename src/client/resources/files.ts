import type { Observable } from 'rxjs';
import { fileCheck } from '../body-checks.js';
import type { FileObject } from '../../wire/resources.js';
import type { RequestOptions } from '../options.js';
import type { FileCreateParams, Uploadable } from '../params.js';
import { readJSON } from '../readers.js';
import { enc, type Transport } from '../transport.js';

/**
 * `client.files`: upload and retrieve files.
 *
 * @example
 * client.files.create({ file: { name: 'notes.txt', content: 'hello' }, purpose: 'assistants' }).subscribe((f) => console.log(f.id));
 */
export interface FilesResource {
  /** `POST /files` (multipart). @example client.files.create({ file: { name: 'a.txt', content: 'hi' }, purpose: 'assistants' }); */
  create(body: FileCreateParams, options?: RequestOptions): Observable<FileObject>;
  /** `GET /files/{id}`. @example client.files.retrieve('file-1'); */
  retrieve(fileId: string, options?: RequestOptions): Observable<FileObject>;
}

/**
 * Builds `client.files` on a transport.
 *
 * @internal
 * @example
 * const files = filesResource(createTransport(resolveClientOptions({ apiKey: 'sk-...' })));
 * files.retrieve('file-1').subscribe((file) => console.log(file.filename));
 */
export function filesResource(transport: Transport): FilesResource {
  return {
    create: (body, options) => {
      const form = new FormData();
      form.append('purpose', body.purpose);
      const { blob, name } = toBlob(body.file);
      form.append('file', blob, name);
      return transport.request({ method: 'POST', path: '/files', body: form }, options, readJSON(fileCheck));
    },
    retrieve: (id, options) => transport.request({ method: 'GET', path: `/files/${enc(id)}` }, options, readJSON(fileCheck)),
  };
}

function toBlob(file: Uploadable): { blob: Blob; name: string } {
  if (file instanceof Blob) return { blob: file, name: (file as File).name ?? 'upload' };
  const content = typeof file.content === 'string' ? file.content : file.content.slice();
  return { blob: new Blob([content], { type: file.type ?? 'application/octet-stream' }), name: file.name };
}
