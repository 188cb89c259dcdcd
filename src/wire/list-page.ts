/**
 * A page of a list endpoint (`GET /threads/{id}/messages`, `GET /vector_stores`, ...).
 *
 * @example
 * if (page.has_more) next(page.last_id);
 */
export interface ListPage<T> {
  object: 'list';
  data: T[];
  first_id: string | null;
  last_id: string | null;
  /** As the API sends it; a compatible server may leave it out, which `listAll()` reads as no more pages. */
  has_more: boolean;
}
