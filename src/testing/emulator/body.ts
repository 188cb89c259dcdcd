/**
 * Request bodies: reading the bytes, parsing JSON objects and `multipart/form-data` (as the official SDK sends
 * file uploads), with the API's 400 replies for what cannot be parsed.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { badRequest } from './api-error.js';

/**
 * A parsed JSON request body: always an object (`{}` when the body is empty).
 *
 * @example
 * const body: JsonObject = parseJsonObject(bytes);
 */
export type JsonObject = Record<string, unknown>;

/**
 * One file of a multipart form.
 *
 * @example
 * const file: UploadedFile | undefined = form.files['file']; // { filename: 'a.txt', contentType: 'text/plain', data }
 */
export interface UploadedFile {
  readonly filename: string;
  readonly contentType: string;
  readonly data: Buffer;
}

/**
 * A parsed `multipart/form-data` body: text fields and files, by field name.
 *
 * @example
 * const { fields, files }: MultipartForm = parseMultipart(bytes, req.headers['content-type']);
 */
export interface MultipartForm {
  readonly fields: Readonly<Record<string, string>>;
  readonly files: Readonly<Record<string, UploadedFile>>;
}

const MAX_BODY_BYTES = 64 * 1024 * 1024;

/**
 * Reads the whole request body.
 *
 * @example
 * const bytes = await readBody(req);
 */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw badRequest(`The request body is larger than ${MAX_BODY_BYTES} bytes.`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Parses a JSON body that must be an object; an empty body is `{}`.
 *
 * @example
 * parseJsonObject(Buffer.from('{"model":"gpt-4o"}')); // { model: 'gpt-4o' }
 */
export function parseJsonObject(bytes: Buffer): JsonObject {
  const text = bytes.toString('utf8');
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest(
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP " +
        'library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)',
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest('The JSON body of your request must be an object.');
  }
  return value as JsonObject;
}

/**
 * Parses a `multipart/form-data` body given its `content-type` header (which carries the boundary).
 *
 * @example
 * const form = parseMultipart(bytes, req.headers['content-type']);
 * form.fields.purpose; // 'assistants'
 * form.files.file?.filename; // 'notes.txt'
 */
export function parseMultipart(bytes: Buffer, contentType: string | undefined): MultipartForm {
  const boundary = /^multipart\/form-data\b.*?;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  if (!boundary) {
    throw badRequest(`Invalid Content-Type header (${contentType ?? 'none'}), expected multipart/form-data.`);
  }
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const fields: Record<string, string> = {};
  const files: Record<string, UploadedFile> = {};
  let start = bytes.indexOf(delimiter);
  while (start !== -1) {
    let partStart = start + delimiter.length;
    if (bytes.subarray(partStart, partStart + 2).toString() === '--') break; // the closing delimiter
    partStart += 2; // CRLF after the delimiter
    const next = bytes.indexOf(delimiter, partStart);
    if (next === -1) break;
    const part = bytes.subarray(partStart, next - 2); // without the CRLF before the next delimiter
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const data = part.subarray(headerEnd + 4);
      const name = /\bname="([^"]*)"/i.exec(headers)?.[1];
      const filename = /\bfilename="([^"]*)"/i.exec(headers)?.[1];
      const type = /^content-type:\s*(.+)$/im.exec(headers)?.[1]?.trim() ?? 'application/octet-stream';
      if (name !== undefined) {
        if (filename !== undefined) files[name] = { filename, contentType: type, data: Buffer.from(data) };
        else fields[name] = data.toString('utf8');
      }
    }
    start = next;
  }
  return { fields, files };
}

/**
 * What a multipart form says, whatever its boundary (which changes from one attempt to the next): a SHA-256 digest
 * of its fields and files (name, file name, content type and bytes), in the order of their names. Two uploads of the
 * same parts have the same digest.
 *
 * @example
 * formDigest(parseMultipart(first, firstType)) === formDigest(parseMultipart(retry, retryType)); // true: same parts
 */
export function formDigest(form: MultipartForm): string {
  const byName = <T>(entries: Array<[string, T]>) => entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const fields = byName(Object.entries(form.fields));
  const files = byName(Object.entries(form.files)).map(([name, file]) => [
    name,
    file.filename,
    file.contentType,
    createHash('sha256').update(file.data).digest('hex'),
  ]);
  return createHash('sha256').update(JSON.stringify({ fields, files })).digest('hex');
}
