/**
 * The emulator's strict request checks (option `strictRequests`, on by default): what the live API refuses with a
 * 400 before any model runs, and a lenient emulator would answer, so that a test passes and production fails.
 *
 * - a strict schema that breaks the rules of strict mode: a `json_schema` format with `strict: true` (Chat and
 *   Assistants `response_format`, Responses `text.format`), a Chat or Assistants function tool with
 *   `function.strict: true`, a Responses function tool (strict unless `strict: false`). The rules are
 *   `strict-schema-rules.ts`'s, which `toStrictJsonSchema()` builds by;
 * - `json_object` mode without the word "json" in the messages (Responses: the input or the instructions);
 * - a top-level parameter the endpoint does not know (`max_tokens` on Responses).
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
