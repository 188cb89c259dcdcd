/** The options of {@link startEmulator} and their defaults. */

/**
 * Delays between the events of a stream, in milliseconds.
 *
 * @example
 * await startEmulator({ pacing: { eventMs: 5, deltaMs: 10 } });
 */
export interface Pacing {
  /** Before each lifecycle event (`thread.run.queued`, `thread.message.created`, ...). */
  readonly eventMs: number;
  /** Before each `*.delta` event (one token-sized fragment). */
  readonly deltaMs: number;
}

/**
 * Options of {@link startEmulator}. Every field is optional.
 *
 * @example
 * // Fast tests: no pacing, short status steps, short poll hints.
 * const emulator = await startEmulator({ pacing: 0, statusStepMs: 5, pollAfterMs: 5 });
 */
export interface EmulatorOptions {
  /**
   * Delays between streamed events: `0` for none, or per kind (missing kinds keep their default).
   * Default `{ eventMs: 20, deltaMs: 25 }`.
   */
  readonly pacing?: 0 | Partial<Pacing> | undefined;
  /**
   * How long each status of work nobody streams lasts: a non-streamed run is `queued`, then `in_progress`, then
   * reaches `completed` / `requires_action`, one step of this length apart; a vector store file or batch is
   * `in_progress` for this long. Default `250`.
   */
  readonly statusStepMs?: number | undefined;
  /** The `openai-poll-after-ms` header on every GET response; `null` leaves it out. Default `100`. */
  readonly pollAfterMs?: number | null | undefined;
  /**
   * The only API key accepted (`401` for any other); an empty one is refused by `startEmulator()`. Default: any
   * non-empty key.
   */
  readonly apiKey?: string | undefined;
  /** The port to listen on (127.0.0.1). Default `0`: an ephemeral port. */
  readonly port?: number | undefined;
  /**
   * How long (ms) after a background response settles (`completed`, `incomplete`, `failed`, `cancelled`) its events can
   * still be streamed again with `GET /responses/{id}?stream=true&starting_after=N`. Past it the emulator answers
   * 400 with code `response_stream_expired` (param `starting_after`). `0`: as soon as it settles. Default 600 000.
   */
  readonly resumeWindowMs?: number | undefined;
  /**
   * Whether `POST /responses` and `POST /chat/completions` refuse, with the API's 400
   * (`{ error: { message, type: 'invalid_request_error', param, code } }`), what the live API refuses before any
   * model runs: a strict schema (`json_schema` with `strict: true`, a strict function tool) that breaks the rules
   * of strict mode, `json_object` mode without the word "json" in the messages, a top-level parameter the
   * endpoint does not know, and one the model does not take (a reasoning model's `temperature`, Chat's
   * `max_tokens` for a reasoning model, a reasoning effort for `gpt-4o`). The Assistants API's `POST /assistants`
   * and run creations refuse broken strict schemas too. `false` turns every check off (the emulator's old
   * leniency); an object turns single checks off (the missing ones stay on). Default `true`.
   *
   * @example
   * await startEmulator({ strictRequests: false }); // accepts what the API would refuse
   * await startEmulator({ strictRequests: { parameters: false } }); // a parameter newer than the emulator's list
   */
  readonly strictRequests?: boolean | Partial<StrictRequestChecks> | undefined;
}

/**
 * The strict request checks of the emulator, one by one (option {@link EmulatorOptions.strictRequests}).
 *
 * @example
 * const checks: StrictRequestChecks = { schemas: true, jsonObject: true, parameters: false };
 * await startEmulator({ strictRequests: checks });
 */
export interface StrictRequestChecks {
  /**
   * Strict schemas follow the rules of strict mode: every object lists all its properties in `required` and sets
   * `additionalProperties: false`, no unsupported keyword (`allOf`, `oneOf`, `not`, `patternProperties`, ...), the
   * root is an object. Checked for `json_schema` formats with `strict: true` (Chat and Assistants
   * `response_format`, Responses `text.format`), Chat and Assistants function tools with `function.strict: true`
   * and Responses function tools (strict unless `strict: false`).
   */
  readonly schemas: boolean;
  /**
   * `json_object` mode needs the word "json" (any case) in the messages (Responses: the input, `instructions`, or the
   * earlier turns of `previous_response_id` or the conversation).
   */
  readonly jsonObject: boolean;
  /**
   * Every top-level parameter is one the endpoint knows (those of the `openai` SDK's request types), and one the
   * request's model takes: a reasoning model (o-series, `gpt-5`) samples at its defaults only and takes
   * `max_completion_tokens`, not Chat's `max_tokens`; `gpt-4o`, `gpt-4.1` and the like take no reasoning effort.
   */
  readonly parameters: boolean;
}

/**
 * {@link EmulatorOptions} with every default filled in.
 *
 * @example
 * const options: ResolvedOptions = resolveOptions({ pacing: 0 });
 */
export interface ResolvedOptions {
  readonly pacing: Pacing;
  readonly statusStepMs: number;
  readonly pollAfterMs: number | null;
  readonly apiKey: string | undefined;
  readonly port: number;
  readonly resumeWindowMs: number;
  readonly strictRequests: StrictRequestChecks;
}

/**
 * The default pacing of streams: about what the API does for a small model.
 *
 * @example
 * await startEmulator({ pacing: { ...DEFAULT_PACING, deltaMs: 50 } }); // slower tokens
 */
export const DEFAULT_PACING: Pacing = { eventMs: 20, deltaMs: 25 };

/**
 * Fills in the defaults.
 *
 * @example
 * resolveOptions({ pacing: 0 }).pacing; // { eventMs: 0, deltaMs: 0 }
 */
export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  checkOptions(options);
  const pacing = options.pacing === 0 ? { eventMs: 0, deltaMs: 0 } : { ...DEFAULT_PACING, ...options.pacing };
  return {
    pacing,
    statusStepMs: options.statusStepMs ?? 250,
    pollAfterMs: options.pollAfterMs === undefined ? 100 : options.pollAfterMs,
    apiKey: options.apiKey,
    port: options.port ?? 0,
    resumeWindowMs: options.resumeWindowMs ?? 600_000,
    strictRequests: resolveChecks(options.strictRequests),
  };
}

const CHECKS: readonly string[] = ['schemas', 'jsonObject', 'parameters'];

function resolveChecks(option: EmulatorOptions['strictRequests']): StrictRequestChecks {
  if (option === undefined || typeof option === 'boolean') {
    const on = option !== false;
    return { schemas: on, jsonObject: on, parameters: on };
  }
  const wrong =
    typeof option !== 'object' || option === null
      ? `must be a boolean or an object, not ${JSON.stringify(option)}`
      : Object.entries(option).map(([key, value]) => checkProblem(key, value)).find((problem) => problem !== undefined);
  if (wrong !== undefined) throw new TypeError(`startEmulator(): 'strictRequests' ${wrong}.`);
  return { schemas: option.schemas ?? true, jsonObject: option.jsonObject ?? true, parameters: option.parameters ?? true };
}

function checkProblem(key: string, value: unknown): string | undefined {
  if (!CHECKS.includes(key)) return `has an unknown check '${key}' (known: ${CHECKS.join(', ')})`;
  return value === undefined || typeof value === 'boolean' ? undefined : `'${key}' must be a boolean`;
}

const OPTIONS: readonly string[] = ['pacing', 'statusStepMs', 'pollAfterMs', 'apiKey', 'port', 'resumeWindowMs', 'strictRequests'];

/**
 * Refuses, with a `TypeError` naming the option, what would quietly make another emulator than the one asked for: an
 * unknown option (a misspelt `strictRequest` would leave the checks on), a time that is not a number of
 * milliseconds of 0 or more, an empty key (no request can carry it: every request would be a 401).
 */
function checkOptions(options: EmulatorOptions): void {
  const fail = (what: string): never => {
    throw new TypeError(`startEmulator(): ${what}.`);
  };
  for (const key of Object.keys(options)) {
    if (!OPTIONS.includes(key)) fail(`unknown option '${key}' (known: ${OPTIONS.join(', ')})`);
  }
  const milliseconds = (name: string, value: unknown) => {
    if (value !== undefined && !(typeof value === 'number' && value >= 0 && value !== Infinity)) {
      fail(`'${name}' must be a number of milliseconds, 0 or more (got ${JSON.stringify(value) ?? String(value)})`);
    }
  };
  const { pacing } = options;
  if (pacing !== undefined && pacing !== 0) {
    if (typeof pacing !== 'object' || pacing === null) fail(`'pacing' must be 0 or { eventMs, deltaMs } (got ${JSON.stringify(pacing)})`);
    for (const key of Object.keys(pacing)) {
      if (key !== 'eventMs' && key !== 'deltaMs') fail(`'pacing' has an unknown field '${key}' (known: eventMs, deltaMs)`);
    }
    milliseconds('pacing.eventMs', pacing.eventMs);
    milliseconds('pacing.deltaMs', pacing.deltaMs);
  }
  milliseconds('statusStepMs', options.statusStepMs);
  milliseconds('resumeWindowMs', options.resumeWindowMs);
  if (options.pollAfterMs !== null) milliseconds('pollAfterMs', options.pollAfterMs);
  if (options.apiKey !== undefined && (typeof options.apiKey !== 'string' || options.apiKey.trim() === '')) {
    fail(`'apiKey' must be a non-empty string, or left out to accept any key (got ${JSON.stringify(options.apiKey)})`);
  }
  const { port } = options as { port?: unknown };
  if (port !== undefined && !(typeof port === 'number' && Number.isInteger(port) && port >= 0 && port <= 65535)) {
    fail(`'port' must be a whole number from 0 to 65535, 0 for a free one (got ${JSON.stringify(port) ?? String(port)})`);
  }
}
