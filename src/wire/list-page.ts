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
  /** Whether more pages follow: always there from the API; left out by some compatible servers, for no more pages. */
  has_more?: boolean | undefined;
}
