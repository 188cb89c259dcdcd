// The contenders of the benchmark, each a function `(chunks, expected, onChunk?) => Promise<result>` that reads one
// stream from a fresh ReadableStream over the same bytes and checks what it got.

import { createParser } from 'eventsource-parser';
import OpenAI from 'openai';
import { last, map, share } from 'rxjs';
// The built package; RX_OPENAI_STREAM_DIST points at another build of it (e.g. to compare two builds).
const lib = await import(process.env.RX_OPENAI_STREAM_DIST ?? '../dist/esm/index.js');
import { chunkStream, sseResponse } from './generate.mjs';

export { lib };

/**
 * What a consumer of text deltas keeps: the fragments in an array, joined once at the end for the check. (A `+=`
 * per fragment would build a rope of one object per fragment, which the GC then copies; a real consumer writes
 * fragments out and keeps nothing, so the benchmark keeps as little as it can.)
 */
class TextSink {
  parts = [];
  push = (text) => void this.parts.push(text);
  get text() {
    return this.parts.join('');
  }
}

function check(what, actual, expected) {
  if (actual !== expected) {
    const at = [...expected].findIndex((c, i) => actual[i] !== c);
    throw new Error(`${what}: wrong text (length ${actual?.length} vs ${expected.length}, first difference at ${at})`);
  }
}

/** The floor: eventsource-parser and JSON.parse over the same ReadableStream, nothing else. */
export async function floor(chunks, _expected, onChunk) {
  let parsed = 0;
  const parser = createParser({
    onEvent(event) {
      if (event.data === '[DONE]') return;
      JSON.parse(event.data);
      parsed++;
    },
  });
  const reader = chunkStream(chunks, onChunk).getReader();
  const decoder = new TextDecoder();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parser.feed(decoder.decode(value, { stream: true }));
  }
  parser.feed(decoder.decode());
  return { parsed };
}

/**
 * This library on an Assistants run: `assistantEvents()` shared by `textDeltas()` and one `accumulateSnapshots()`
 * (only the last state kept), whose last state gives the final messages (the pattern of `docs/observables.md`:
 * one reduction for all the snapshot results; `bench/shared-reducers.mjs` measures a reduction per operator).
 */
export function libraryAssistants(chunks, expected, onChunk) {
  return consumeRun(lib.assistantEvents(sseResponse(chunks, onChunk)).pipe(share()), expected);
}

/**
 * `textDeltas()` and `accumulateSnapshots()` (last state kept) on a shared run stream, the final messages read from
 * the last state (`last()`, `map()`, as `finalMessages()` would emit them), checked.
 */
function consumeRun(events$, expected) {
  return new Promise((resolve, reject) => {
    const sink = new TextSink();
    let state;
    let messages;
    let pending = 3;
    const complete = () => {
      if (--pending > 0) return;
      try {
        check('library textDeltas()', sink.text, expected.text);
        check('library finalMessages()', messages[0].content[0].text.value, expected.text);
        check('library accumulateSnapshots()', state.messages[0].content[0].text.value, expected.text);
        resolve({ state, messages });
      } catch (error) {
        reject(error);
      }
    };
    events$.pipe(lib.textDeltas()).subscribe({ next: sink.push, error: reject, complete });
    const states$ = events$.pipe(lib.accumulateSnapshots(), share());
    states$.subscribe({ next: (s) => (state = s), error: reject, complete });
    states$.pipe(last(), map((s) => s.messages)).subscribe({ next: (m) => (messages = m), error: reject, complete });
  });
}

/**
 * This library through its own client, as an application calls it: `createAssistantsClient({ fetch })` whose `fetch`
 * returns the same bytes, `client.threads.runs.stream()` (timeouts, recovery tracking, retry rules included),
 * then the same three operators. The SDK contender goes through its client the same way.
 */
export function libraryClientAssistants(chunks, expected, onChunk) {
  // A build from before the Assistants API left `createClient()` has it there.
  const client = (lib.createAssistantsClient ?? lib.createClient)({
    apiKey: 'x',
    baseURL: 'http://127.0.0.1:9/v1',
    maxRetries: 0,
    fetch: async () => sseResponse(chunks, onChunk),
  });
  return consumeRun(client.threads.runs.stream('thread_123', { assistant_id: 'asst_123' }).pipe(share()), expected);
}

function sdkClient(chunks, onChunk) {
  return new OpenAI({
    apiKey: 'x',
    baseURL: 'http://127.0.0.1:9/v1',
    maxRetries: 0,
    fetch: async () => sseResponse(chunks, onChunk),
  });
}

/** The official SDK: `runs.stream()` (an `AssistantStream`) with a `textDelta` listener and `finalMessages()`. */
export async function sdkAssistants(chunks, expected, onChunk) {
  const client = sdkClient(chunks, onChunk);
  const sink = new TextSink();
  const stream = client.beta.threads.runs
    .stream('thread_123', { assistant_id: 'asst_123' })
    .on('textDelta', (delta) => sink.push(delta.value ?? ''));
  const messages = await stream.finalMessages();
  check('SDK textDelta', sink.text, expected.text);
  const block = messages[0].content[0];
  check('SDK finalMessages()', block.type === 'text' ? block.text.value : '', expected.text);
  return { stream, messages };
}

/** The official SDK's `ChatCompletionStream` with a `content` listener and `finalChatCompletion()`. */
export async function sdkChat(chunks, expected, onChunk) {
  const client = sdkClient(chunks, onChunk);
  const sink = new TextSink();
  const stream = client.chat.completions
    .stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] })
    .on('content', sink.push);
  const completion = await stream.finalChatCompletion();
  check('SDK content', sink.text, expected.text);
  check('SDK finalChatCompletion()', completion.choices[0].message.content, expected.text);
  return { stream, completion };
}

// The final-accumulation operator of the Chat Completions source, by the names it may carry.
const CHAT_FINAL_NAMES = ['finalChatCompletion', 'accumulateChatCompletion', 'chatCompletionSnapshots', 'finalCompletion'];

/**
 * This library on a Chat Completions stream (`chatCompletionChunks` + `textDeltas` + the final accumulation), or
 * the reason it cannot run yet.
 */
export function libraryChat() {
  if (typeof lib.chatCompletionChunks !== 'function') {
    return { missing: 'chatCompletionChunks is not exported by dist/esm/index.js (src/chat/ not built yet)' };
  }
  const finalName = CHAT_FINAL_NAMES.find((name) => typeof lib[name] === 'function');
  if (!finalName) {
    return { missing: `no final accumulation operator exported (looked for ${CHAT_FINAL_NAMES.join(', ')})` };
  }
  const final = lib[finalName];
  const run = (chunks, expected, onChunk) => {
    const chunks$ = lib.chatCompletionChunks(sseResponse(chunks, onChunk)).pipe(share());
    return new Promise((resolve, reject) => {
      const sink = new TextSink();
      let last;
      let pending = 2;
      const complete = () => {
        if (--pending > 0) return;
        try {
          check('library chat textDeltas()', sink.text, expected.text);
          const content = last?.choices?.[0]?.message?.content ?? last?.choices?.[0]?.content;
          if (typeof content === 'string') check(`library chat ${finalName}()`, content, expected.text);
          resolve({ last });
        } catch (error) {
          reject(error);
        }
      };
      chunks$.pipe(lib.textDeltas()).subscribe({ next: sink.push, error: reject, complete });
      chunks$.pipe(final()).subscribe({ next: (c) => (last = c), error: reject, complete });
    });
  };
  return { run, finalName };
}

/**
 * This library on a Responses stream: `responseEvents()` shared by `textDeltas()`, `accumulateResponse()` (only
 * the last snapshot kept) and `finalResponse()`, checked (the text, the final `output_text`).
 */
export function libraryResponses(chunks, expected, onChunk) {
  return consumeResponse(lib.responseEvents(sseResponse(chunks, onChunk)).pipe(share()), expected);
}

/** The same through the library's client: `createClient({ fetch })` and `client.responses.stream()`. */
export function libraryClientResponses(chunks, expected, onChunk) {
  const client = lib.createClient({
    apiKey: 'x',
    baseURL: 'http://127.0.0.1:9/v1',
    maxRetries: 0,
    fetch: async () => sseResponse(chunks, onChunk),
  });
  return consumeResponse(client.responses.stream({ model: 'gpt-4.1-mini', input: 'hi' }).pipe(share()), expected);
}

function consumeResponse(events$, expected) {
  return new Promise((resolve, reject) => {
    const sink = new TextSink();
    let snapshot;
    let response;
    let pending = 3;
    const complete = () => {
      if (--pending > 0) return;
      try {
        check('library textDeltas()', sink.text, expected.text);
        check('library accumulateResponse()', snapshot.output_text, expected.text);
        check('library finalResponse()', response.output_text, expected.text);
        resolve({ snapshot, response });
      } catch (error) {
        reject(error);
      }
    };
    events$.pipe(lib.textDeltas()).subscribe({ next: sink.push, error: reject, complete });
    events$.pipe(lib.accumulateResponse()).subscribe({ next: (s) => (snapshot = s), error: reject, complete });
    events$.pipe(lib.finalResponse()).subscribe({ next: (r) => (response = r), error: reject, complete });
  });
}

/** The official SDK: `responses.stream()` (a `ResponseStream`) with an `output_text.delta` listener and `finalResponse()`. */
export async function sdkResponses(chunks, expected, onChunk) {
  const client = sdkClient(chunks, onChunk);
  const sink = new TextSink();
  const stream = client.responses
    .stream({ model: 'gpt-4.1-mini', input: 'hi' })
    .on('response.output_text.delta', (event) => sink.push(event.delta));
  const response = await stream.finalResponse();
  check('SDK response.output_text.delta', sink.text, expected.text);
  check('SDK finalResponse()', response.output_text, expected.text);
  return { stream, response };
}
