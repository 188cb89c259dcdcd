/** `/threads/{thread_id}/runs/{run_id}/steps`: list and retrieve. */
import { notFound } from '../api-error.js';
import type { Route } from '../routing.js';
import { paginate } from '../store.js';
import { threadRun } from './runs.js';

/**
 * The run steps endpoints.
 *
 * @example
 * const table = [...stepRoutes];
 */
export const stepRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/threads/:thread_id/runs/:run_id/steps',
    beta: true,
    handle: (ctx) => {
      const run = threadRun(ctx.state, ctx.params);
      return paginate(ctx.state.store.steps.values((step) => step.run_id === run.id), ctx.query);
    },
  },
  {
    method: 'GET',
    path: '/threads/:thread_id/runs/:run_id/steps/:step_id',
    beta: true,
    handle: (ctx) => {
      const run = threadRun(ctx.state, ctx.params);
      const step = ctx.state.store.steps.get(ctx.params['step_id']!);
      if (step.run_id !== run.id) throw notFound('step', step.id);
      return step;
    },
  },
];
