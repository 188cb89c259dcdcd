import { concatMap, defer, EMPTY, expand, map, type Observable } from 'rxjs';
import { ListPaginationError } from '../../errors/page-errors.js';
import type { ListPage } from '../../wire/list-page.js';

/**
 * Emits every item of a list endpoint from the caller's cursor (`first`, the query's `after`) on, asking for the
 * next page after the page's `last_id` (or, when a server leaves that out, its last item's `id`) while `has_more`.
 * A page that ends at an item already asked to start after (the server did not follow the cursor) fails with
 * {@link ListPaginationError}, its items not emitted again, instead of walking in a circle.
 *
 * @internal
 * @example
 * paginate(path, query?.after, (after) => get(path, Page, options, { ...query, after })).pipe(toArray());
 */
export function paginate<T>(
  path: string,
  first: string | undefined,
  page: (after: string | undefined) => Observable<ListPage<T>>,
): Observable<T> {
  return defer(() => {
    // The cursors asked with so far (this subscription's). A page that ends at one of them repeats items already
    // emitted (the page after an item cannot end at that item): the server did not follow the cursor.
    const asked = new Set<string>();
    const from = (after: string | undefined) => {
      if (after !== undefined) asked.add(after);
      return page(after).pipe(
        map((current) => {
          const end = cursorAfter(current);
          if (end !== undefined && asked.has(end)) throw new ListPaginationError(path, after ?? end);
          return current;
        }),
      );
    };
    return from(first).pipe(
      expand((current) => {
        const next = cursorAfter(current);
        return current.has_more && next !== undefined ? from(next) : EMPTY;
      }),
      concatMap((current) => current.data),
    );
  });
}

/** Where the next page starts: the page's `last_id`, else its last item's `id`. */
function cursorAfter(page: ListPage<unknown>): string | undefined {
  if (typeof page.last_id === 'string' && page.last_id !== '') return page.last_id;
  const id = (page.data[page.data.length - 1] as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}
