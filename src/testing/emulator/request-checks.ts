/**
 * The emulator's strict request checks (option `strictRequests`, on by default): what the live API refuses with a
 * 400 before any model runs, and a lenient emulator would answer, so that a test passes and production fails.
 *
 * - a strict schema that breaks the rules of strict mode: a `json_schema` format with `strict: true` (Chat and
 *   Assistants `response_format`, Responses `text.format`), a Chat or Assistants function tool with
 *   `function.strict: true`, a Responses function tool (strict unless `strict: false`). The rules are
 *   `strict-schema-rules.ts`'s, which `toStrictJsonSchema()` builds by;
 * - `json_object` mode without the word "json" in the messages (Responses: the input or the instructions);
 * - a top-level parameter the endpoint does not know (`max_tokens` on Responses);
 * - a parameter the model does not take: a reasoning model's sampling parameters and Chat's `max_tokens`, a
 *   reasoning effort for a model that does not reason (`checkModelParameters()`).
 *
 * The messages follow the API's wording as closely as known; they are approximations (the API's exact wording
 * changes over time), the status, `type`, `param` and `code` are the API's.
 */
import { strictSchemaViolation, type StrictSchemaViolation } from '../../structured/strict-schema-rules.js';
import { badRequest, type ApiErrorReply } from './api-error.js';
import type { JsonObject } from './body.js';
import { contentText } from './completion-plan.js';
import type { StrictRequestChecks } from './options.js';
import { is } from './validate.js';

/**
 * The top-level parameters of `POST /chat/completions`: the keys of the official SDK's
 * `ChatCompletionCreateParams` (`openai` 7.59; `spec/testing/request-parameters.types.ts` holds the list to them).
 *
 * @example
 * CHAT_PARAMETERS.includes('max_completion_tokens'); // true
 */
export const CHAT_PARAMETERS = [
  'audio',
  'frequency_penalty',
  'function_call',
  'functions',
  'logit_bias',
  'logprobs',
  'max_completion_tokens',
  'max_tokens',
  'messages',
  'metadata',
  'modalities',
  'model',
  'moderation',
  'n',
  'parallel_tool_calls',
  'prediction',
  'presence_penalty',
  'prompt_cache_key',
  'prompt_cache_options',
  'prompt_cache_retention',
  'reasoning_effort',
  'response_format',
  'safety_identifier',
  'seed',
  'service_tier',
  'stop',
  'store',
  'stream',
  'stream_options',
  'temperature',
  'tool_choice',
  'tools',
  'top_logprobs',
  'top_p',
  'user',
  'verbosity',
  'web_search_options',
] as const;

/**
 * The top-level parameters of `POST /responses`: the keys of the official SDK's `ResponseCreateParams` and of its
 * beta form's body (`multi_agent`) (`openai` 7.59; `spec/testing/request-parameters.types.ts` holds the list to them).
 *
 * @example
 * RESPONSES_PARAMETERS.includes('max_output_tokens'); // true
 */
export const RESPONSES_PARAMETERS = [
  'access_programs',
  'background',
  'background_options',
  'context_management',
  'conversation',
  'image',
  'include',
  'input',
  'instructions',
  'max_output_tokens',
  'max_tool_calls',
  'metadata',
  'model',
  'moderation',
  'multi_agent',
  'parallel_tool_calls',
  'previous_response_id',
  'prompt',
  'prompt_cache_key',
  'prompt_cache_options',
  'prompt_cache_retention',
  'reasoning',
  'safety_identifier',
  'service_tier',
  'store',
  'stream',
  'stream_options',
  'temperature',
  'text',
  'tool_choice',
  'tools',
  'top_logprobs',
  'top_p',
  'truncation',
  'user',
] as const;

const CHAT_KNOWN: ReadonlySet<string> = new Set(CHAT_PARAMETERS);
const RESPONSES_KNOWN: ReadonlySet<string> = new Set(RESPONSES_PARAMETERS);

// Chat Completions parameters sent to Responses, where they have another name.
const MOVED_TO_RESPONSES: Readonly<Record<string, string>> = {
  max_tokens: 'max_output_tokens',
  max_completion_tokens: 'max_output_tokens',
  response_format: 'text.format',
};

/** `('properties', 'address', 'items')`, as the API writes a context (a Python tuple). */
function contextText(context: ReadonlyArray<string | number>): string {
  const parts = context.map((part) => (typeof part === 'number' ? String(part) : `'${part}'`));
  return `(${parts.join(', ')}${parts.length === 1 ? ',' : ''})`;
}

function schemaError(subject: string, violation: StrictSchemaViolation, param: string, code: string | null): ApiErrorReply {
  const where = violation.root ? '' : `In context=${contextText(violation.context)}, `;
  return badRequest(`Invalid schema for ${subject}: ${where}${violation.message}`, param, code);
}

const mentionsJson = (texts: readonly string[]): boolean => texts.some((text) => /json/i.test(text));

/**
 * Refuses the top-level parameters an endpoint does not know (run before the body is read, as the API checks the
 * body's shape first): `Unknown parameter: 'temprature'.`; on Responses, a Chat Completions parameter that has
 * another name there: `Unsupported parameter: 'max_tokens'. In the Responses API, this parameter has moved to
 * 'max_output_tokens'. ...`.
 *
 * @example
 * checkParameters('responses', ctx.body, ctx.state.options.strictRequests); // throws the API's 400, or returns
 */
export function checkParameters(api: 'chat' | 'responses', body: JsonObject, checks: StrictRequestChecks): void {
  if (!checks.parameters) return;
  const known = api === 'chat' ? CHAT_KNOWN : RESPONSES_KNOWN;
  const unknown = Object.keys(body).find((key) => !known.has(key));
  if (unknown === undefined) return;
  const moved = api === 'responses' ? MOVED_TO_RESPONSES[unknown] : undefined;
  if (moved === undefined) throw badRequest(`Unknown parameter: '${unknown}'.`, unknown, 'unknown_parameter');
  throw badRequest(
    `Unsupported parameter: '${unknown}'. In the Responses API, this parameter has moved to '${moved}'. Try again with the new parameter.`,
    unknown,
    'unsupported_parameter',
  );
}

/**
 * Refuses a body whose strict schemas in Chat Completions' shapes break the rules, as far as `checks` asks: a
 * `response_format` of type `json_schema` with `strict: true`, and function tools (`tools[].function`) with
 * `strict: true`. Chat Completions and the Assistants API (assistants, runs) write them alike.
 *
 * @example
 * checkStrictSchemas(ctx.body, ctx.state.options.strictRequests); // throws the API's 400, or returns
 */
export function checkStrictSchemas(body: JsonObject, checks: StrictRequestChecks): void {
  if (!checks.schemas) return;
  const format = body['response_format'];
  const spec = is.object(format) && format['type'] === 'json_schema' ? format['json_schema'] : undefined;
  if (is.object(spec) && spec['strict'] === true) {
    const violation = strictSchemaViolation(spec['schema']);
    if (violation) throw schemaError(`response_format '${String(spec['name'])}'`, violation, 'response_format', null);
  }
  const tools = is.array(body['tools']) ? body['tools'] : [];
  tools.forEach((tool, index) => {
    const fn = is.object(tool) && tool['type'] === 'function' ? tool['function'] : undefined;
    if (!is.object(fn) || fn['strict'] !== true || fn['parameters'] === undefined || fn['parameters'] === null) return;
    const violation = strictSchemaViolation(fn['parameters']);
    if (violation) {
      throw schemaError(`function '${String(fn['name'])}'`, violation, `tools[${index}].function.parameters`, 'invalid_function_parameters');
    }
  });
}

/**
 * Refuses a `POST /chat/completions` body whose strict schemas break the rules (`checkStrictSchemas()`), or that
 * asks for `json_object` without the word "json" in its messages, as far as `checks` asks (after the body was read).
 *
 * @example
 * checkChatRequest(ctx.body, ctx.state.options.strictRequests); // throws the API's 400, or returns
 */
export function checkChatRequest(body: JsonObject, checks: StrictRequestChecks): void {
  checkStrictSchemas(body, checks);
  const format = body['response_format'];
  if (checks.jsonObject && is.object(format) && format['type'] === 'json_object') {
    const messages = is.array(body['messages']) ? body['messages'] : [];
    const texts = messages.map((message) => (is.object(message) ? contentText(message['content']) : ''));
    if (!mentionsJson(texts)) {
      throw badRequest("'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.", 'messages');
    }
  }
}

/**
 * Refuses a `POST /responses` body whose strict schemas break the rules, or that asks for `json_object` without
 * the word "json" in `texts` (its input, the `previous_response_id` chain's, and its instructions).
 *
 * @example
 * checkResponsesRequest(ctx.body, request.texts, ctx.state.options.strictRequests);
 */
export function checkResponsesRequest(body: JsonObject, texts: readonly string[], checks: StrictRequestChecks): void {
  const text = body['text'];
  const format = is.object(text) ? text['format'] : undefined;
  if (checks.schemas) {
    if (is.object(format) && format['type'] === 'json_schema' && format['strict'] === true) {
      const violation = strictSchemaViolation(format['schema']);
      if (violation) throw schemaError(`response_format '${String(format['name'])}'`, violation, 'text.format.schema', 'invalid_json_schema');
    }
    const tools = is.array(body['tools']) ? body['tools'] : [];
    tools.forEach((tool, index) => {
      // Only a tool that asks for strict mode is refused for a schema it does not take: without `strict`, the API
      // falls back to non-strict validation for such a schema.
      if (!is.object(tool) || tool['type'] !== 'function' || tool['strict'] !== true) return;
      if (tool['parameters'] === undefined || tool['parameters'] === null) return;
      const violation = strictSchemaViolation(tool['parameters']);
      if (violation) {
        throw schemaError(`function '${String(tool['name'])}'`, violation, `tools[${index}].parameters`, 'invalid_function_parameters');
      }
    });
  }
  if (checks.jsonObject && is.object(format) && format['type'] === 'json_object' && !mentionsJson(texts)) {
    throw badRequest(
      "Response input messages must contain the word 'json' in some form to use 'text.format' of type 'json_object'.",
      'input',
    );
  }
}

/**
 * What a model takes of the parameters that depend on it, told by its name (the API's families; a dated snapshot
 * and a `-mini` / `-nano` / `-pro` variant are their family's):
 *
 * - `fixed`: the o-series (`o1`, `o3`, `o3-mini`, `o4-mini`, ...) and `gpt-5` / `gpt-5-mini` / `gpt-5-nano`:
 *   reasoning models that sample at their defaults only, whatever the reasoning effort;
 * - `atEffortNone`: `gpt-5.1` and later (`gpt-5.2`, ..., `gpt-6-*`): reasoning models that take the sampling
 *   parameters at reasoning effort `none` only (sent without an effort, they are taken: the default effort of
 *   `gpt-5.1` and `gpt-5.2` is `none`);
 * - `classic`: `gpt-4o`, `gpt-4.1`, `gpt-4`, `gpt-3.5-turbo` and their variants: no reasoning effort;
 * - `unknown`: any other name (a `-chat-latest` model, a fine-tune, a name of the test's): nothing is refused.
 */
type ModelFamily = 'fixed' | 'atEffortNone' | 'classic' | 'unknown';

function modelFamily(model: string): ModelFamily {
  if (/-chat/.test(model)) return 'unknown'; // gpt-5-chat-latest, gpt-5.1-chat-latest: chat models, rules not known
  if (/^o\d/.test(model) || /^gpt-5(-|$)/.test(model)) return 'fixed';
  if (/^gpt-(5\.\d+|6)([.-]|$)/.test(model)) return 'atEffortNone';
  if (/^(gpt-4|gpt-3\.5|chatgpt-4o)/.test(model)) return 'classic';
  return 'unknown';
}

// The sampling parameters a reasoning model refuses, with the default it takes (and `null`), by API.
const SAMPLING: Readonly<Record<'chat' | 'responses', ReadonlyArray<readonly [param: string, fallback: unknown]>>> = {
  chat: [['temperature', 1], ['top_p', 1], ['presence_penalty', 0], ['frequency_penalty', 0], ['logprobs', false]],
  responses: [['temperature', 1], ['top_p', 1]],
};

// The models whose Chat `temperature` is an unsupported parameter, not an unsupported value.
const TEMPERATURE_UNSUPPORTED = /^(o1|o3-mini)(-\d{4}-\d{2}-\d{2})?$/;

const given = (value: unknown): boolean => value !== undefined && value !== null;

const notSupported = (param: string, advice = ''): ApiErrorReply =>
  badRequest(`Unsupported parameter: '${param}' is not supported with this model.${advice}`, param, 'unsupported_parameter');

/**
 * Refuses, as far as `checks.parameters` asks, a parameter the request's model does not take (run after the body
 * was read, so the types are right): a reasoning effort (Chat `reasoning_effort`, Responses `reasoning.effort`)
 * for a model that does not reason; Chat's `max_tokens` for a reasoning model (`Use 'max_completion_tokens'
 * instead.`); a reasoning model's sampling parameters other than their defaults (Chat: `temperature` and `top_p` 1,
 * the penalties 0, `logprobs` false; Responses: `temperature` and `top_p` 1). Chat words a `temperature` as the
 * value it refuses (`Unsupported value: 'temperature' does not support 0.2 with this model. Only the default (1)
 * value is supported.`; `o1` and `o3-mini` say the parameter is not supported), every other one as an unsupported
 * parameter. `null` is the default everywhere. A model {@link modelFamily} does not know takes everything.
 *
 * @example
 * checkModelParameters('chat', { model: 'o3', messages, temperature: 0.2 }, checks); // throws the API's 400
 */
export function checkModelParameters(api: 'chat' | 'responses', body: JsonObject, checks: StrictRequestChecks): void {
  const model = body['model'];
  if (!checks.parameters || !is.string(model)) return;
  const family = modelFamily(model);
  const reasoning = body['reasoning'];
  const effort = api === 'chat' ? body['reasoning_effort'] : is.object(reasoning) ? reasoning['effort'] : undefined;
  if (family === 'classic' && given(effort)) throw notSupported(api === 'chat' ? 'reasoning_effort' : 'reasoning.effort');
  if (family !== 'fixed' && family !== 'atEffortNone') return;
  if (api === 'chat' && given(body['max_tokens'])) throw notSupported('max_tokens', " Use 'max_completion_tokens' instead.");
  if (family === 'atEffortNone' && (!given(effort) || effort === 'none')) return;
  for (const [param, fallback] of SAMPLING[api]) {
    const value = body[param];
    if (!given(value) || value === fallback) continue;
    if (api === 'chat' && param === 'temperature' && !TEMPERATURE_UNSUPPORTED.test(model)) {
      const message = `Unsupported value: 'temperature' does not support ${String(value)} with this model. Only the default (1) value is supported.`;
      throw badRequest(message, param, 'unsupported_value');
    }
    throw notSupported(param);
  }
}
