import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { lastValueFrom, toArray } from 'rxjs';
import { assistantEvents, chatCompletionChunks, responseEvents } from '../../src/index';
import { ChatCompletionChunkSchema, MessageDeltaEventSchema, ResponseTextDeltaEventSchema } from '../../src/schemas';
import { isCommonMessageDeltaEvent } from '../../src/schema/assistants/message-delta-check';
import { messageDeltaShape } from '../../src/schema/assistants/message-delta-template';
import { isCommonChatCompletionChunk } from '../../src/schema/chat/chunk-check';
import { contentChunkShape } from '../../src/schema/chat/chunk-template';
import { responseTextDeltaShape } from '../../src/schema/responses/text-delta-template';
import { jsonTemplate, type TemplateShape } from '../../src/sources/json-template';
import { binaryUnit } from '../helpers/binary-unit';
import { chunksOf, encode, FIXTURES, streamOf } from '../helpers/bytes';
import { propertyRuns } from '../helpers/property-runs';

// The template reads an event's text without JSON.parse when the text repeats the last learned one around its
// varying values. Everything here checks the one promise that makes this safe: whatever it reads is exactly
// what JSON.parse returns for the same text (same keys in the same order, same values), and anything else it
// leaves to JSON.parse.

type AnyShape = TemplateShape<unknown, unknown>;

interface Case {
  name: string;
  shape: AnyShape;
  /** The event's text with `slots` in place. */
  text: (slots: readonly (string | number)[]) => string;
  /** Generates slot values. */
  slots: fc.Arbitrary<(string | number)[]>;
  /** What must accept every event the template builds. */
  accepts: (value: unknown) => boolean;
}

const str = (value: string) => JSON.stringify(value);
const anyString = fc.string({ unit: binaryUnit, maxLength: 12 });
// Up to 15 digits: longer integers are left to JSON.parse.
const sequence = fc.integer({ min: 0, max: 10 ** 15 - 1 });

const cases: Case[] = [
  {
    name: 'thread.message.delta',
    shape: messageDeltaShape as AnyShape,
    text: ([value]) =>
      `{"id":"msg_abc123","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"text","text":{"value":${str(value as string)}}}]}}`,
    slots: fc.tuple(anyString),
    accepts: (value) => isCommonMessageDeltaEvent(value) && MessageDeltaEventSchema.safeParse(value).success,
  },
  {
    name: 'thread.message.delta with annotations',
    shape: messageDeltaShape as AnyShape,
    text: ([value]) =>
      `{"id":"msg_abc123","object":"thread.message.delta","delta":{"content":[{"index":2,"type":"text","text":{"value":${str(value as string)},"annotations":[]}}]}}`,
    slots: fc.tuple(anyString),
    accepts: (value) => isCommonMessageDeltaEvent(value) && MessageDeltaEventSchema.safeParse(value).success,
  },
  {
    name: 'chat.completion.chunk',
    shape: contentChunkShape as AnyShape,
    text: ([content]) =>
      `{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1727346168,"model":"gpt-4o","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{"content":${str(content as string)}},"logprobs":null,"finish_reason":null}]}`,
    slots: fc.tuple(anyString),
    accepts: (value) => isCommonChatCompletionChunk(value) && ChatCompletionChunkSchema.safeParse(value).success,
  },
  {
    name: 'chat.completion.chunk with obfuscation and usage: null',
    shape: contentChunkShape as AnyShape,
    text: ([content, obfuscation]) =>
      `{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","service_tier":"default","choices":[{"index":0,"delta":{"content":${str(content as string)}},"finish_reason":null}],"usage":null,"obfuscation":${str(obfuscation as string)}}`,
    slots: fc.tuple(anyString, anyString),
    accepts: (value) => isCommonChatCompletionChunk(value) && ChatCompletionChunkSchema.safeParse(value).success,
  },
  {
    name: 'response.output_text.delta (sequence number first, logprobs, obfuscation)',
    shape: responseTextDeltaShape as AnyShape,
    text: ([delta, sequenceNumber, obfuscation]) =>
      `{"type":"response.output_text.delta","sequence_number":${sequenceNumber},"item_id":"msg_1","output_index":0,"content_index":0,"delta":${str(delta as string)},"logprobs":[],"obfuscation":${str(obfuscation as string)}}`,
    slots: fc.tuple(anyString, sequence, anyString),
    accepts: (value) => ResponseTextDeltaEventSchema.safeParse(value).success,
  },
  {
    name: 'response.output_text.delta (published form)',
    shape: responseTextDeltaShape as AnyShape,
    text: ([delta]) =>
      `{"type":"response.output_text.delta","item_id":"msg_1","output_index":0,"content_index":0,"delta":${str(delta as string)}}`,
    slots: fc.tuple(anyString),
    accepts: (value) => ResponseTextDeltaEventSchema.safeParse(value).success,
  },
];

/** A template that has learned `text`, the way a source teaches it (parsed and validated first). */
/** The engine's `gc()` (exposed at run time: jest does not start node with `--expose-gc`). */
function exposedGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function heapAfterGc(gc: () => void): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

function learned(shape: AnyShape, text: string) {
  const template = jsonTemplate(shape);
  template.learn(text, JSON.parse(text));
  return template;
}

/** `read` agrees with JSON.parse: the same value with the same key order, or `undefined`. */
function agreesWithJsonParse(read: unknown, text: string): void {
  if (read === undefined) return;
  const parsed: unknown = JSON.parse(text); // throws (failing the property) when `read` accepted invalid JSON
  // jest's matchers only when Node's strict comparison differs (they are slow, and this runs for every case).
  if (!isDeepStrictEqual(read, parsed)) expect(read).toStrictEqual(parsed);
  if (JSON.stringify(read) !== JSON.stringify(parsed)) expect(JSON.stringify(read)).toBe(JSON.stringify(parsed));
}

// Characters that matter to JSON and to the template's scanning.
const tricky = fc.constantFrom('"', '\\', '\\"', '\\\\', '\\u0041', '\\/', '\\n', '\n', '\u0000', '\u001f', 'é', '😀', '\ud800', '0', '9', '-', '.', 'e', '+', ',', '}', ']', ' ', 'x');
/** `text` with one edit: a tricky string inserted, a character dropped or replaced. */
const edited = (text: string) =>
  fc.tuple(fc.nat({ max: text.length }), fc.nat({ max: 3 }), fc.constantFrom('insert', 'delete', 'replace'), fc.array(tricky, { minLength: 1, maxLength: 3 })).map(
    ([at, span, how, inserted]) => {
      const piece = inserted.join('');
      if (how === 'insert') return text.slice(0, at) + piece + text.slice(at);
      if (how === 'delete') return text.slice(0, at) + text.slice(at + span + 1);
      return text.slice(0, at) + piece + text.slice(at + span + 1);
    },
  );
// A string body as it may appear on the wire: plain characters and escapes JSON.stringify never writes.
const plainPart = fc.string({ unit: 'grapheme', maxLength: 3 }).map((text) => text.replace(/["\\\u0000-\u001f]/g, ''));
const escapePart = fc.constantFrom('\\u0041', '\\/', '\\ud83d\\ude00', '\\t', '\\"', '\\\\', '\\u00e9', '\\b');
const wireBody = fc.array(fc.oneof(plainPart, escapePart), { maxLength: 6 }).map((parts) => parts.join(''));
const PLACE = '@@slot@@';

describe('jsonTemplate: reads what JSON.parse reads, or leaves the text to it', () => {
  describe.each(cases)('$name', ({ shape, text, slots, accepts }) => {
    it('learns from the canonical text and reads it back, for any values of the slots', () => {
      fc.assert(
        fc.property(slots, slots, (first, next) => {
          const template = learned(shape, text(first));
          const read = template.read(text(next));
          expect(read).toBeDefined();
          agreesWithJsonParse(read, text(next));
          expect(accepts(read)).toBe(true);
        }),
        { numRuns: propertyRuns(2_000) },
      );
    });

    it('reads escapes and characters JSON.stringify does not write, as JSON.parse does', () => {
      const model = fc.sample(slots, { numRuns: 1, seed: 7 })[0]!;
      const template = learned(shape, text(model));
      fc.assert(
        fc.property(wireBody, (body) => {
          const wire = text([PLACE, ...model.slice(1)]).replace(str(PLACE), `"${body}"`);
          agreesWithJsonParse(template.read(wire), wire);
        }),
        { numRuns: propertyRuns(2_000) },
      );
    });

    it('never reads an edited text differently from JSON.parse (and never reads invalid JSON)', () => {
      const model = text(fc.sample(slots, { numRuns: 1, seed: 3 })[0]!);
      const template = learned(shape, model);
      fc.assert(
        fc.property(edited(model), (wire) => {
          let valid = true;
          try {
            JSON.parse(wire);
          } catch {
            valid = false;
          }
          const read = template.read(wire);
          if (!valid) expect(read).toBeUndefined();
          else agreesWithJsonParse(read, wire);
        }),
        { numRuns: propertyRuns(5_000) },
      );
    });

    it('builds a new object every time: events share nothing a consumer could change', () => {
      const [a, b] = fc.sample(slots, { numRuns: 2, seed: 11 });
      const template = learned(shape, text(a!));
      const first = template.read(text(b!)) as Record<string, unknown>;
      const second = template.read(text(b!)) as Record<string, unknown>;
      expect(second).toStrictEqual(first);
      const objects = (value: unknown, found: object[] = []): object[] => {
        if (typeof value === 'object' && value !== null) {
          found.push(value);
          for (const child of Object.values(value)) objects(child, found);
        }
        return found;
      };
      const shared = objects(first).filter((object) => objects(second).includes(object));
      expect(shared).toEqual([]);
    });
  });

  it('does not learn from text that is not compact JSON in the order it builds', () => {
    const canonical = cases[0]!.text(['Hi']);
    const spaced = canonical.replace('"object":', '"object": ');
    const reordered = '{"object":"thread.message.delta","id":"msg_abc123","delta":{"content":[{"index":0,"type":"text","text":{"value":"Hi"}}]}}';
    const extraKey = canonical.replace('"type":"text",', '"type":"text","extra":1,');
    for (const text of [spaced, reordered, extraKey]) {
      const template = learned(messageDeltaShape as AnyShape, text);
      expect(template.read(text)).toBeUndefined();
      expect(template.read(canonical)).toBeUndefined();
    }
  });

  it('reads integers only as JSON.stringify writes them', () => {
    const text = (n: string) =>
      `{"type":"response.output_text.delta","sequence_number":${n},"item_id":"m","output_index":0,"content_index":0,"delta":"a"}`;
    const template = learned(responseTextDeltaShape as AnyShape, text('1'));
    expect(template.read(text('123456789012345'))).toMatchObject({ sequence_number: 123456789012345 });
    for (const odd of ['01', '-1', '1.5', '1e3', '1E3', '', '1234567890123456', ' 1', '0x1']) {
      expect(template.read(text(odd))).toBeUndefined();
    }
  });

  it('stops trying to learn when the events never repeat around their slots', () => {
    let splits = 0;
    const counting: AnyShape = {
      split: (json) => (splits++, messageDeltaShape.split(json)),
      build: (fields, slots) => messageDeltaShape.build(fields as never, slots),
    };
    const template = jsonTemplate(counting);
    for (let i = 0; i < 1_000; i++) {
      // A message id that changes every event: no template learned from one fits the next.
      const text = cases[0]!.text(['x']).replace('msg_abc123', `msg_${i}`);
      expect(template.read(text)).toBeUndefined();
      template.learn(text, JSON.parse(text));
    }
    expect(splits).toBeLessThanOrEqual(10);
  });

  it('learns from the text, whatever a consumer did to the emitted event', () => {
    // Sources learn after emitting: what a consumer did to the event must not reach later events.
    const text = cases[2]!.text(['a']).replace('"created":1727346168', '"created":0');
    const next = cases[2]!.text(['b']).replace('"created":1727346168', '"created":0');
    const changed = JSON.parse(text);
    changed.created = -0; // written as 0: the text alone cannot tell
    changed.model = 'another';
    const template = jsonTemplate(contentChunkShape as AnyShape);
    template.learn(text, changed);
    expect(template.read(next)).toBeDefined();
    agreesWithJsonParse(template.read(next), next);
    const trap = JSON.parse(text);
    Object.defineProperty(trap, 'model', { get: () => { throw new Error('trap'); }, enumerable: true });
    const trapped = jsonTemplate(contentChunkShape as AnyShape);
    expect(() => trapped.learn(text, trap)).not.toThrow();
    agreesWithJsonParse(trapped.read(next), next);
  });

  it('reads nothing twice through a getter: later events are what JSON.parse makes of their text', () => {
    // A getter that answers a string when checked and an object (written as the same string) when kept: read
    // twice, it would give every later event the same object instead of a string, which no schema ever saw.
    const text = cases[0]!.text(['first']);
    const next = cases[0]!.text(['second']);
    const planted = { toJSON: () => 'msg_abc123' };
    let reads = 0;
    const hostile = JSON.parse(text);
    Object.defineProperty(hostile, 'id', { get: () => (reads++ === 0 ? 'msg_abc123' : planted), enumerable: true });
    const template = jsonTemplate(messageDeltaShape as AnyShape);
    template.learn(text, hostile);
    const read = template.read(next) as { id: unknown } | undefined;
    expect(read).toStrictEqual(JSON.parse(next));
    expect(read!.id).toBe('msg_abc123');
    expect(MessageDeltaEventSchema.safeParse(read).success).toBe(true);
    expect(reads).toBe(0); // the emitted object is not read at all
  });

  it('hands out slot strings that do not keep the event texts alive', () => {
    // The SSE parser cuts each event's text out of a decoded chunk; a slot value cut out of that text would be a
    // view keeping the whole chunk alive. 400 events, each cut from its own 100,000-character chunk: 40 MB if
    // the values kept them (80 with two-byte text), a few kB if they are strings of their own.
    const gc = exposedGc();
    const value = 'a fragment of text, long enough to be a view';
    const template = learned(messageDeltaShape as AnyShape, cases[0]!.text([value]));
    const kept: unknown[] = [];
    const before = heapAfterGc(gc);
    for (let i = 0; i < 400; i++) {
      const chunk = `${'x'.repeat(100_000)}${i}\n${cases[0]!.text([`${value} ${i}`])}\n`;
      const data = chunk.slice(chunk.indexOf('\n') + 1, -1);
      const event = template.read(data) as { delta: { content: [{ text: { value: string } }] } };
      expect(event.delta.content[0].text.value).toBe(`${value} ${i}`);
      kept.push(event.delta.content[0].text.value);
    }
    const retained = heapAfterGc(gc) - before;
    expect(kept).toHaveLength(400);
    expect(retained).toBeLessThan(4_000_000);
  });

  it('learns nothing from events of another shape', () => {
    const template = jsonTemplate(messageDeltaShape as AnyShape);
    const image = '{"id":"msg_1","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"image_file","image_file":{"file_id":"f"}}]}}';
    const two = '{"id":"msg_1","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"text","text":{"value":"a"}},{"index":1,"type":"text","text":{"value":"b"}}]}}';
    for (const text of [image, two]) {
      template.learn(text, JSON.parse(text));
      expect(template.read(text)).toBeUndefined();
    }
  });
});

describe('jsonTemplate on the recorded streams', () => {
  const dataLines = (folder: string, name: string, type: string) =>
    readFileSync(join(FIXTURES, folder, name), 'utf8')
      .split('\n\n')
      .filter((block) => block.includes(type))
      .map((block) => block.split('\n').find((line) => line.startsWith('data: '))!.slice('data: '.length));

  it.each([
    ['assistants', 'create-run.sse', 'thread.message.delta', messageDeltaShape],
    ['chat-completions', 'plain-text.sse', '"content":', contentChunkShape],
    ['chat-completions', 'json-object-response-format.sse', '"content":', contentChunkShape],
  ])('%s/%s: reads the token events without JSON.parse, exactly as JSON.parse does', (folder, name, type, shape) => {
    const lines = dataLines(folder, name, type);
    const template = jsonTemplate(shape as AnyShape);
    let hits = 0;
    for (const line of lines) {
      const read = template.read(line);
      if (read === undefined) template.learn(line, JSON.parse(line));
      else {
        hits++;
        agreesWithJsonParse(read, line);
      }
    }
    // All but the first of a kind (and the first token, which alone carries `annotations` / `role`).
    expect(lines.length).toBeGreaterThan(1);
    expect(hits).toBeGreaterThanOrEqual(lines.length - 3);
  });
});

describe('the sources with their templates', () => {
  // Streams of token events whose texts change shape now and then (another message, an image block, an escape,
  // an extra field, a changed order), cut into small chunks: every event emitted must be what JSON.parse
  // makes of its data line.
  const value = fc.oneof({ weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) }, { weight: 1, arbitrary: anyString });
  const chunkSize = fc.integer({ min: 1, max: 300 });

  async function emitted<T>(source: (body: ReadableStream<Uint8Array>) => import('rxjs').Observable<T>, text: string, size: number) {
    return lastValueFrom(source(streamOf(chunksOf(encode(text), size))).pipe(toArray()));
  }

  it('assistantEvents(): every thread.message.delta equals JSON.parse of its data', async () => {
    const delta = fc.tuple(fc.constantFrom('msg_1', 'msg_2'), value, fc.nat({ max: 9 })).map(([id, text, variant]) => {
      const block =
        variant === 0
          ? '{"index":0,"type":"image_file","image_file":{"file_id":"file_1"}}'
          : variant === 1
            ? `{"index":0,"type":"text","text":{"value":${str(text)},"annotations":[]}}`
            : variant === 2
              ? `{"type":"text","index":1,"text":{"value":${str(text)}}}`
              : `{"index":0,"type":"text","text":{"value":${str(text)}}}`;
      return `{"id":"${id}","object":"thread.message.delta","delta":{"content":[${block}]}}`;
    });
    await fc.assert(
      fc.asyncProperty(fc.array(delta, { maxLength: 40 }), chunkSize, async (datas, size) => {
        const text = datas.map((data) => `event: thread.message.delta\ndata: ${data}\n\n`).join('') + 'event: done\ndata: [DONE]\n\n';
        const events = await emitted((body) => assistantEvents(body), text, size);
        expect(events).toHaveLength(datas.length);
        events.forEach((event, i) => agreesWithJsonParse(event.data, datas[i]!));
      }),
      { numRuns: propertyRuns(300, 100) },
    );
  });

  it('chatCompletionChunks(): every chunk equals JSON.parse of its data', async () => {
    const chunk = fc.tuple(value, fc.nat({ max: 9 }), anyString).map(([content, variant, noise]) => {
      const head = '{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o"';
      const choice = `{"index":0,"delta":{"content":${str(content)}},"logprobs":null,"finish_reason":null}`;
      if (variant === 0) return `${head},"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}`;
      if (variant === 1) return `${head},"choices":[${choice}],"obfuscation":${str(noise)}}`;
      if (variant === 2) return `${head},"system_fingerprint":"fp_2","choices":[${choice}]}`;
      return `${head},"choices":[${choice}]}`;
    });
    await fc.assert(
      fc.asyncProperty(fc.array(chunk, { maxLength: 40 }), chunkSize, async (datas, size) => {
        const text = datas.map((data) => `data: ${data}\n\n`).join('') + 'data: [DONE]\n\n';
        const chunks = await emitted((body) => chatCompletionChunks(body), text, size);
        expect(chunks).toHaveLength(datas.length);
        chunks.forEach((received, i) => agreesWithJsonParse(received, datas[i]!));
      }),
      { numRuns: propertyRuns(300, 100) },
    );
  });

  it('responseEvents(): every output_text.delta equals JSON.parse of its data, with or without event names', async () => {
    const delta = fc.tuple(value, fc.nat({ max: 9 }), fc.nat({ max: 99 }), fc.boolean()).map(([text, variant, n, named]) => {
      const data =
        variant === 0
          ? `{"type":"response.output_text.delta","item_id":"msg_2","output_index":0,"content_index":0,"delta":${str(text)}}`
          : variant === 1
            ? `{"type":"response.output_text.delta","sequence_number":${n},"item_id":"msg_1","output_index":0,"content_index":0,"delta":${str(text)},"logprobs":[]}`
            : `{"type":"response.output_text.delta","sequence_number":${n},"item_id":"msg_1","output_index":0,"content_index":0,"delta":${str(text)}}`;
      return { data, named };
    });
    await fc.assert(
      fc.asyncProperty(fc.array(delta, { maxLength: 40 }), chunkSize, async (deltas, size) => {
        const text =
          deltas.map(({ data, named }) => `${named ? 'event: response.output_text.delta\n' : ''}data: ${data}\n\n`).join('') +
          `data: ${JSON.stringify({ type: 'response.completed', sequence_number: 1_000, response: { id: 'resp_1', object: 'response', status: 'completed', output: [] } })}\n\n`;
        const events = (await emitted((body) => responseEvents(body), text, size)).slice(0, -1);
        expect(events).toHaveLength(deltas.length);
        events.forEach((event, i) => agreesWithJsonParse(event, deltas[i]!.data));
      }),
      { numRuns: propertyRuns(300, 100) },
    );
  });
});
