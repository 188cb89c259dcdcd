/**
 * `/models`: the models the emulator names (it answers with any model a request names, so a model it does not
 * list is retrieved too). For apps that list the models or check one at start-up (`client.models.list()`).
 */
import type { Route } from '../routing.js';

/** The listed models, with the `created` and `owned_by` the API gives them. */
const MODELS: ReadonlyArray<readonly [id: string, created: number, ownedBy: string]> = [
  ['gpt-4o', 1715367049, 'system'],
  ['gpt-4o-mini', 1721172741, 'system'],
  ['gpt-4.1', 1744316542, 'system'],
  ['gpt-4.1-mini', 1744318173, 'system'],
  ['o4-mini', 1744225351, 'system'],
  ['gpt-5', 1754425777, 'system'],
];

/** The model object of `id`. */
function model(id: string): { id: string; object: 'model'; created: number; owned_by: string } {
  const known = MODELS.find(([name]) => name === id);
  return { id, object: 'model', created: known?.[1] ?? 1715367049, owned_by: known?.[2] ?? 'system' };
}

/**
 * The models endpoints.
 *
 * @example
 * const table = [...modelRoutes];
 */
export const modelRoutes: readonly Route[] = [
  { method: 'GET', path: '/models', handle: () => ({ object: 'list', data: MODELS.map(([id]) => model(id)) }) },
  { method: 'GET', path: '/models/:model', handle: ({ params }) => model(params['model']!) },
];
