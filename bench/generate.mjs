// Synthetic but realistic OpenAI streams as SSE bytes, for the benchmarks in this folder.
//
// The shapes copy the recorded streams of spec/fixtures/ (field order and all): an Assistants run stream with a
// function tool call streamed in fragments and one long text message, and a Chat Completions chunk stream.
// Everything is deterministic (a seeded PRNG), so every run of the benchmark reads the same bytes.

const encoder = new TextEncoder();

/** Mulberry32: a small seeded PRNG, so the token sequence is the same on every run. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Token-sized fragments as a model emits them: words with their leading space, punctuation, line breaks,
// characters JSON must escape, and a few non-ASCII ones (so 1 KiB chunks cut UTF-8 sequences now and then).
const VOCABULARY = [
  ' the', ' a', ' of', ' to', ' and', ' in', ' is', ' that', ' for', ' it', ' with', ' as', ' on', ' be',
  ' stream', ' model', ' token', ' run', ' assistant', ' message', ' delta', ' snapshot', ' observable',
  ' weather', ' San', ' Francisco', ' temperature', ' degrees', ' today', ' however', ' because', ' which',
  'ing', 'ed', 's', 'ly', ',', '.', ':', ';', '!', '?', '\n', '\n\n', ' -', ' "', '"', "'s", ' (', ')',
  ' 42', ' 3', '.14', ' café', ' naïve', ' —', ' €', ' 東京', ' 🙂', '\\', '\t', ' `code`',
];

/** `count` tokens from the vocabulary, deterministic for a given seed. */
export function tokens(count, seed = 1) {
  const random = prng(seed);
  const out = new Array(count);
  for (let i = 0; i < count; i++) out[i] = VOCABULARY[Math.floor(random() * VOCABULARY.length)];
  return out;
}

const T0 = 1710351818;
const FUNCTION_TOOL = {
  type: 'function',
  function: {
    name: 'get_current_weather',
    description: 'Get the current weather in a given location',
    parameters: {
      type: 'object',
      properties: {
        location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
      },
      required: ['location'],
    },
  },
};

function run(status, extra = {}) {
  return {
    id: 'run_123',
    object: 'thread.run',
    created_at: T0,
    assistant_id: 'asst_123',
    thread_id: 'thread_123',
    status,
    started_at: status === 'queued' ? null : T0,
    expires_at: status === 'completed' ? null : T0 + 600,
    cancelled_at: null,
    failed_at: null,
    completed_at: status === 'completed' ? T0 + 60 : null,
    required_action: null,
    last_error: null,
    model: 'gpt-4o',
    instructions: null,
    tools: [FUNCTION_TOOL],
    metadata: {},
    temperature: 1.0,
    top_p: 1.0,
    max_completion_tokens: null,
    max_prompt_tokens: null,
    truncation_strategy: { type: 'auto', last_messages: null },
    incomplete_details: null,
    usage: null,
    response_format: 'auto',
    tool_choice: 'auto',
    parallel_tool_calls: true,
    ...extra,
  };
}

function step(id, type, status, details, extra = {}) {
  return {
    id,
    object: 'thread.run.step',
    created_at: T0 + 1,
    run_id: 'run_123',
    assistant_id: 'asst_123',
    thread_id: 'thread_123',
    type,
    status,
    cancelled_at: null,
    completed_at: status === 'completed' ? T0 + 2 : null,
    expires_at: T0 + 600,
    failed_at: null,
    last_error: null,
    step_details: details,
    usage: status === 'completed' ? { prompt_tokens: 20, completion_tokens: 11, total_tokens: 31 } : null,
    ...extra,
  };
}

function message(status, content) {
  return {
    id: 'msg_001',
    object: 'thread.message',
    created_at: T0 + 3,
    assistant_id: 'asst_123',
    thread_id: 'thread_123',
    run_id: 'run_123',
    status,
    incomplete_details: null,
    incomplete_at: null,
    completed_at: status === 'completed' ? T0 + 59 : null,
    role: 'assistant',
    content,
    metadata: {},
  };
}

/** The arguments of the benchmark's tool call, cut into `count` fragments. */
function argumentFragments(count) {
  const args = JSON.stringify({ location: 'San Francisco, CA', unit: 'fahrenheit', note: 'x'.repeat(count * 3) });
  const size = Math.ceil(args.length / count);
  const fragments = [];
  for (let i = 0; i < count; i++) fragments.push(args.slice(i * size, (i + 1) * size));
  return { args, fragments };
}

/**
 * An Assistants run stream with a 200-fragment function call and one message of `n` text deltas (`words`: the
 * tokens, `n` of them, instead of the vocabulary's).
 * Returns the SSE text, the expected message text and the number of SSE events (the final `done` included).
 */
export function assistantRunStream(n, { toolCallDeltas = 200, seed = 1, spaced = false, words: given } = {}) {
  const parts = [];
  let events = 0;
  const emit = (event, data) => {
    parts.push(`event: ${event}\ndata: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
    events++;
  };
  emit('thread.run.created', run('queued'));
  emit('thread.run.queued', run('queued'));
  emit('thread.run.in_progress', run('in_progress'));

  const { args, fragments } = argumentFragments(toolCallDeltas);
  const callId = 'call_XXNp8YGaFrjrSjgqxtC8JJ1B';
  emit('thread.run.step.created', step('step_001', 'tool_calls', 'in_progress', { type: 'tool_calls', tool_calls: [] }));
  emit('thread.run.step.in_progress', step('step_001', 'tool_calls', 'in_progress', { type: 'tool_calls', tool_calls: [] }));
  fragments.forEach((fragment, i) => {
    const call =
      i === 0
        ? { index: 0, id: callId, type: 'function', function: { name: 'get_current_weather', arguments: fragment, output: null } }
        : { index: 0, type: 'function', function: { arguments: fragment } };
    emit('thread.run.step.delta', {
      id: 'step_001',
      object: 'thread.run.step.delta',
      delta: { step_details: { type: 'tool_calls', tool_calls: [call] } },
    });
  });
  emit(
    'thread.run.step.completed',
    step('step_001', 'tool_calls', 'completed', {
      type: 'tool_calls',
      tool_calls: [{ id: callId, type: 'function', function: { name: 'get_current_weather', arguments: args, output: null } }],
    }),
  );

  const creation = { type: 'message_creation', message_creation: { message_id: 'msg_001' } };
  emit('thread.run.step.created', step('step_002', 'message_creation', 'in_progress', creation));
  emit('thread.run.step.in_progress', step('step_002', 'message_creation', 'in_progress', creation));
  emit('thread.message.created', message('in_progress', []));
  emit('thread.message.in_progress', message('in_progress', []));
  const words = given ?? tokens(n, seed);
  for (let i = 0; i < n; i++) {
    const text = i === 0 ? { value: words[i], annotations: [] } : { value: words[i] };
    emit(
      'thread.message.delta',
      spaced
        ? `{"id": "msg_001", "object": "thread.message.delta", "delta": {"content": [{"index": 0, "type": "text", "text": ${JSON.stringify(text).replace(/^\{"value":/, '{"value": ')}}]}}`
        : `{"id":"msg_001","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"text","text":${JSON.stringify(text)}}]}}`,
    );
  }
  const expectedText = words.join('');
  emit('thread.message.completed', message('completed', [{ type: 'text', text: { value: expectedText, annotations: [] } }]));
  emit('thread.run.step.completed', step('step_002', 'message_creation', 'completed', creation));
  emit('thread.run.completed', run('completed', { usage: { prompt_tokens: 20, completion_tokens: n, total_tokens: n + 20 } }));
  emit('done', '[DONE]');
  return { text: parts.join(''), expectedText, events, arguments: args };
}

/**
 * A Chat Completions chunk stream (data-only lines, then `[DONE]`) with `n` content chunks. Returns the SSE text,
 * the expected content and the number of SSE events (`[DONE]` included).
 */
export function chatCompletionStream(n, { seed = 2 } = {}) {
  const parts = [];
  let events = 0;
  const head = '{"id":"chatcmpl-ABfw031mOJeYCSHe4yI2ZjOA6kMJL","object":"chat.completion.chunk","created":1727346168,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_5050236cbd","choices":[';
  const emit = (data) => {
    parts.push(`data: ${data}\n\n`);
    events++;
  };
  emit(`${head}{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}]}`);
  const words = tokens(n, seed);
  for (const word of words) {
    emit(`${head}{"index":0,"delta":{"content":${JSON.stringify(word)}},"logprobs":null,"finish_reason":null}]}`);
  }
  emit(`${head}{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]}`);
  emit(`${head}],"usage":{"prompt_tokens":20,"completion_tokens":${n},"total_tokens":${n + 20}}}`);
  emit('[DONE]');
  return { text: parts.join(''), expectedText: words.join(''), events };
}

/** The UTF-8 bytes of `text` cut into chunks of `size` bytes (UTF-8 sequences may be cut, as on the wire). */
export function toChunks(text, size = 1024) {
  const bytes = encoder.encode(text);
  const chunks = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.slice(i, i + size));
  return chunks;
}

/**
 * A fresh pull-based `ReadableStream` over `chunks` (one chunk per `read()`), as a fetch body delivers them.
 * `onChunk`, when given, is called before each chunk is handed out (used to sample the heap).
 */
export function chunkStream(chunks, onChunk) {
  let i = 0;
  return new ReadableStream(
    {
      pull(controller) {
        if (i < chunks.length) {
          onChunk?.();
          controller.enqueue(chunks[i++]);
        } else controller.close();
      },
    },
    { highWaterMark: 0 },
  );
}

/** A `Response` as the API sends a stream, over a fresh {@link chunkStream}. */
export function sseResponse(chunks, onChunk) {
  return new Response(chunkStream(chunks, onChunk), {
    status: 200,
    headers: { 'content-type': 'text/event-stream', 'x-request-id': 'req_bench' },
  });
}

/**
 * A Responses stream (`event:` + `data:` blocks, as the API sends them, fields as in the recordings of
 * /work/shared/fixtures/responses-recorded) with one message of `n` `response.output_text.delta` events, then the
 * `.done` events and `response.completed` carrying the whole response. Returns the SSE text, the expected text and
 * the number of SSE events.
 */
export function responsesStream(n, { seed = 3 } = {}) {
  const parts = [];
  let events = 0;
  const id = 'resp_02ce8deeb6197db200698c5196e9588197a572bbea62d38cd1';
  const itemId = 'msg_02ce8deeb6197db200698c5198ca0c81979bedbe6c98a8ab93';
  const emit = (type, fields) => {
    parts.push(`event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: events, ...fields })}\n\n`);
    events++;
  };
  const response = (status, output, usage) => ({
    id, object: 'response', created_at: 1770803606, status, background: false,
    completed_at: status === 'completed' ? 1770803610 : null, error: null, incomplete_details: null,
    instructions: null, max_output_tokens: null, max_tool_calls: null, model: 'gpt-4.1-mini', output,
    parallel_tool_calls: true, previous_response_id: null, prompt_cache_key: null,
    reasoning: { effort: null, summary: null }, safety_identifier: null, service_tier: 'default', store: true,
    temperature: 1, text: { format: { type: 'text' }, verbosity: 'medium' }, tool_choice: 'auto', tools: [],
    top_logprobs: 0, top_p: 1, truncation: 'disabled', usage, user: null, metadata: {},
  });
  const words = tokens(n, seed);
  const text = words.join('');
  const at = { item_id: itemId, output_index: 0, content_index: 0 };
  const part = (t) => ({ type: 'output_text', annotations: [], logprobs: [], text: t });
  const item = (status, content) => ({ id: itemId, type: 'message', status, content, role: 'assistant' });
  emit('response.created', { response: response('in_progress', [], null) });
  emit('response.in_progress', { response: response('in_progress', [], null) });
  emit('response.output_item.added', { output_index: 0, item: item('in_progress', []) });
  emit('response.content_part.added', { ...at, part: part('') });
  words.forEach((delta, i) => {
    emit('response.output_text.delta', { ...at, delta, logprobs: [], obfuscation: 'VLMdSoETMf5'.slice(0, 11 - (i % 6)) });
  });
  emit('response.output_text.done', { ...at, text, logprobs: [] });
  emit('response.content_part.done', { ...at, part: part(text) });
  emit('response.output_item.done', { output_index: 0, item: item('completed', [part(text)]) });
  const usage = { input_tokens: 11, input_tokens_details: { cached_tokens: 0 }, output_tokens: n, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: n + 11 };
  emit('response.completed', { response: response('completed', [item('completed', [part(text)])], usage) });
  return { text: parts.join(''), expectedText: text, events };
}
