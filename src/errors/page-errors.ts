import { OpenAIStreamError } from './base.js';

/**
 * A list walked page by page (`listAll()`) did not advance: the page asked for after item `after` ended at that
 * same item, or its cursor led back to a page already read, so the server does not honour the `after` cursor (or
 * the query combines cursors it cannot follow, such as `before`). The items of the pages before were emitted;
 * walking on would repeat them forever.
 *
 * @example
 * client.conversations.items.listAll('conv_...').subscribe({
 *   error: (e) => { if (e instanceof ListPaginationError) console.warn(`${e.path} repeats the page after ${e.after}`); },
 * });
 */
export class ListPaginationError extends OpenAIStreamError {
  // Spelled out: minifiers rename classes, and `name` must survive bundling.
  override readonly name: string = 'ListPaginationError';
  /** The list's path (`/threads/thread_1/messages`). */
  declare readonly path: string;
  /** The cursor the repeated page was asked with. */
  declare readonly after: string;

  constructor(path: string, after: string) {
    super(`The list ${path} did not advance past ${after}: the server does not follow the after cursor`);
    this.path = path;
    this.after = after;
  }
}
