import { Observable, type OperatorFunction } from 'rxjs';
import type { TokenUsage } from '../protocols/protocol.js';
import { protocolOf } from '../protocols/registry.js';
import type { StreamKind, StreamValue } from './stream-value.js';
import { subscribeChained } from './subscribe-chained.js';

/** Options of {@link streamMetrics}. @example streamMetrics({ live: true, now: () => Date.now() }) */
export interface StreamMetricsOptions {
  /** Also emit a summary after every delta (`final: false`), for a live display. Default `false`. */
  live?: boolean | undefined;
  /**
   * The clock, in milliseconds. Default `performance.now`. Inject one for tests, e.g. `() => scheduler.now()`
   * with a `TestScheduler`.
   */
  now?: (() => number) | undefined;
}

/**
 * A summary of a stream's latency and completeness, as {@link streamMetrics} reports it. Times are in
 * milliseconds of the clock, measured from the subscription (when a source is the request itself, that is when
 * the request started).
 *
 * @example
 * if (!m.completed) alert(`cut after ${m.deltaCount} deltas: ${String(m.error)}`);
 */
export interface StreamMetrics {
  /** Which API the stream's values come from (`undefined` before the first value). */
  readonly kind: StreamKind | undefined;
  /** `true` for the summary emitted when the stream ended; `false` for live summaries. */
  readonly final: boolean;
  /** `true` when the stream completed; `false` while it runs and when it failed (cut, error, timeout). */
  readonly completed: boolean;
  /** The error the stream failed with (final summary of a failed stream only). */
  readonly error?: unknown;
  /** Time from the subscription to the first delta, when there was one. */
  readonly timeToFirstToken: number | undefined;
  /** Time from the subscription to this summary (to the end, for the final one). */
  readonly duration: number;
  /**
   * How many deltas arrived: `*.delta` events (Assistants and Responses), chunks carrying content, refusal or
   * tool call fragments (Chat Completions). A delta is usually one token.
   */
  readonly deltaCount: number;
  /**
   * Deltas per second while the model was generating: the deltas after the first, divided by the time from the
   * first delta to the last. `undefined` with fewer than two deltas (or no time between them).
   */
  readonly deltasPerSecond: number | undefined;
  /** How many values the stream carried (events or chunks, deltas included). */
  readonly eventCount: number;
  /**
   * How generation ended, as far as the stream said: the last `finish_reason` of any choice (Chat Completions),
   * the last run status (Assistants: `completed`, `requires_action`, ...) or response status (Responses:
   * `completed`, `incomplete`, ...) seen.
   */
  readonly finishReason: string | undefined;
  /**
   * The token counts the stream reported last: a chat chunk's `usage` (with `stream_options: { include_usage:
   * true }`; from Groq, without it, its last chunk's `x_groq.usage`), the usage of a response or run once it ended
   * (a failed response's too); `undefined` when it reported none.
   */
  readonly usage: TokenUsage | undefined;
}

/**
 * Measures a stream of any kind (Assistants events, Chat Completions chunks, Responses events) and reports a
 * summary: time to first token, deltas per second, duration, delta count, finish reason (or final status), token
 * usage, and whether the stream completed. It emits summaries only, never the source's values: put it on a shared stream,
 * next to the operators that consume the content.
 *
 * The final summary is emitted when the source ends. When the source fails, the final summary
 * (`completed: false`, with `error`) is emitted first and the same error is then rethrown, so failures are
 * measured and never swallowed (add `catchError` after it to keep only the summary). With `{ live: true }` a
 * summary (`final: false`) is also emitted after every delta.
 *
 * @example
 * import { share } from 'rxjs';
 * import { chatCompletionChunks, streamMetrics, textDeltas } from 'rx-openai-stream';
 *
 * const chunks$ = chatCompletionChunks(response).pipe(share());
 * chunks$.pipe(streamMetrics()).subscribe({
 *   next: (m) => log({ ttft: m.timeToFirstToken, rate: m.deltasPerSecond, finish: m.finishReason, ok: m.completed }),
 *   error: () => undefined, // the summary already carries the error
 * });
 * chunks$.pipe(textDeltas()).subscribe((text) => process.stdout.write(text));
 */
export function streamMetrics(options: StreamMetricsOptions = {}): OperatorFunction<StreamValue, StreamMetrics> {
  const now = options.now ?? (() => performance.now());
  const live = options.live ?? false;
  return (source) =>
    new Observable<StreamMetrics>((out) => {
      const startedAt = now();
      let kind: StreamKind | undefined;
      let eventCount = 0;
      let deltaCount = 0;
      let firstDeltaAt: number | undefined;
      let lastDeltaAt: number | undefined;
      let finishReason: string | undefined;
      let usage: TokenUsage | undefined;
      let protocol: ReturnType<typeof protocolOf>;

      const summary = (final: boolean, completed: boolean, error?: { error: unknown }): StreamMetrics => {
        const rate =
          deltaCount > 1 && lastDeltaAt! > firstDeltaAt!
            ? ((deltaCount - 1) * 1000) / (lastDeltaAt! - firstDeltaAt!)
            : undefined;
        return {
          kind,
          final,
          completed,
          ...error,
          timeToFirstToken: firstDeltaAt === undefined ? undefined : firstDeltaAt - startedAt,
          duration: now() - startedAt,
          deltaCount,
          deltasPerSecond: rate,
          eventCount,
          finishReason,
          usage,
        };
      };

      const read = (value: StreamValue) => {
        const reason = protocol!.finishReason(value);
        if (reason !== undefined) finishReason = reason;
        const reported = protocol!.usage(value);
        if (reported !== undefined) usage = reported;
      };

      return subscribeChained(source, out, {
        next(value) {
          eventCount++;
          // One recognition step; the matched description tells deltas, finish reasons and usage.
          const known = protocolOf(value);
          if (known === undefined) return;
          protocol = known;
          kind = known.kind;
          read(value);
          if (!known.isDelta(value)) return;
          deltaCount++;
          const at = now();
          firstDeltaAt ??= at;
          lastDeltaAt = at;
          if (live) out.next(summary(false, false));
        },
        error(error: unknown) {
          // A failure that ended the stream in place of its last value (a failed response) still tells its status.
          const carried = protocol?.failure?.(error);
          if (carried !== undefined) read(carried);
          out.next(summary(true, false, { error }));
          out.error(error);
        },
        complete() {
          out.next(summary(true, true));
          out.complete();
        },
      });
    });
}
