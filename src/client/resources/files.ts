import type { Observable } from 'rxjs';
import { excerpt } from '../../errors/excerpt.js';
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
      checkUploadable(body?.file, 'files.create()');
      const form = new FormData();
      form.append('purpose', body.purpose);
      // Nested fields as the SDK writes them in a form: `name[key]`.
      if (body.expires_after) {
        form.append('expires_after[anchor]', String(body.expires_after.anchor));
        form.append('expires_after[seconds]', String(body.expires_after.seconds));
      }
      const { blob, name } = toBlob(body.file);
      form.append('file', blob, name);
      return transport.request({ method: 'POST', path: '/files', body: form }, options, readJSON(fileCheck));
    },
    retrieve: (id, options) => transport.request({ method: 'GET', path: `/files/${enc(id)}` }, options, readJSON(fileCheck)),
  };
}

/**
 * Refuses, when the call is made, what cannot be uploaded, with a `TypeError` that says what was given: a file is a
 * `Blob` / `File`, or `{ name, content }` with text or bytes (a Node stream is read first, or opened as a Blob with
 * `fs.openAsBlob()`).
 *
 * @internal
 * @example
 * checkUploadable(undefined, 'files.create()'); // TypeError: files.create(): not a Blob, File or { name, content }: undefined ...
 */
export function checkUploadable(file: unknown, where: string): asserts file is Uploadable {
  if (file instanceof Blob) return;
  const named = file as { name?: unknown; content?: unknown } | null | undefined;
  if (typeof named?.name === 'string' && (typeof named.content === 'string' || named.content instanceof Uint8Array)) return;
  // What it was: a string quoted, an object by its class (`an object` without one), anything else as it prints.
  const kind =
    typeof file === 'string'
      ? JSON.stringify(excerpt(file))
      : typeof file === 'object' && file !== null
        ? (Object.getPrototypeOf(file)?.constructor?.name ?? 'an object')
        : String(file);
  throw new TypeError(`${where}: not a Blob, File or { name, content }: ${kind} (read a stream first)`);
}

function toBlob(file: Uploadable): { blob: Blob; name: string } {
  if (file instanceof Blob) return { blob: file, name: (file as File).name ?? 'upload' };
  const content = typeof file.content === 'string' ? file.content : file.content.slice();
  return { blob: new Blob([content], { type: file.type ?? 'application/octet-stream' }), name: file.name };
}
