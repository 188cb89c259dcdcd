/**
 * What the default checks let through and what they stop, as properties over valid streams (a synthetic stream
 * with every kind of output, and every real recording): dropping any field the library does not read, replacing
 * any enum value with one it has never seen, or adding unknown keys anywhere leaves the stream complete, with the
 * events and final response the official SDK 7.x gives on the same bytes; breaking a field the library reads
 * (`delta: 5`, `output_index: "x"`, ...) is a StreamParseError naming the event and the path.
 */
import fc from 'fast-check';
import { from, lastValueFrom, toArray } from 'rxjs';
import { accumulateResponse, responseWireChecks, StreamParseError, type ResponseStreamEvent } from '../../src/index';
import { dataValuesOf, fixtureBytes, fixtureNames } from '../helpers/bytes';
import { expectSameAnswers, ours, sdk } from './sdk-parity';
import { richEvents, sse } from './stream';
import { propertyRuns } from '../helpers/property-runs';

const RUNS = propertyRuns(500, 5);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = Array<string | number>;

const eventsOf = (bytes: Uint8Array): Json[] => dataValuesOf<Json>(bytes);

const streams: Array<[string, Json[]]> = [
  ['synthetic', richEvents() as unknown as Json[]],
  ...fixtureNames('responses-recorded').map((name) => [name, eventsOf(fixtureBytes('responses-recorded', name))] as [string, Json[]]),
];

// The fields the library reads (paths with `*` for array positions), and `call_id`, which the SDK needs to tell
// tool calls apart (it fails without it; this library does not read it).
const ITEM = '(item|response\\.output\\.\\*)';
const READ = [
  '^(type|sequence_number|output_index|content_index|summary_index|annotation_index|item_id)$',
  '^(delta|text|arguments|input|code|refusal)$',
  '^part(\\.(type|text|refusal|annotations))?$',
  '^response(\\.(id|status|output|output_text))?$',
  `^${ITEM}(\\.(type|id|call_id|content|summary|arguments|input|code))?$`,
  `^${ITEM}\\.(content|summary)\\.\\*(\\.(type|text|refusal|annotations))?$`,
].map((source) => new RegExp(source));
const pattern = (path: Path) => path.map((key) => (typeof key === 'number' ? '*' : key)).join('.');
const isRead = (path: Path) => READ.some((re) => re.test(pattern(path)));

/** Every path in a JSON value (objects' keys and arrays' positions), parents before children. */
function paths(value: Json, prefix: Path = []): Path[] {
  const found: Path[] = [];
  if (Array.isArray(value)) value.forEach((v, i) => found.push([...prefix, i], ...paths(v, [...prefix, i])));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, v] of Object.entries(value)) found.push([...prefix, key], ...paths(v, [...prefix, key]));
  }
  return found;
}

const get = (value: Json, path: Path): Json => path.reduce<Json>((v, key) => (v as Record<string, Json>)[key]!, value);

/** A deep copy of `value` with `change` applied to the parent of `path`. */
function edit(value: Json, path: Path, change: (parent: Record<string | number, Json>, key: string | number) => void): Json {
  const copy = structuredClone(value);
  change(get(copy, path.slice(0, -1)) as Record<string | number, Json>, path.at(-1)!);
  return copy;
}

/** Object keys the library does not read, nor anything below them. */
function droppable(event: Json): Path[] {
  const all = paths(event);
  return all.filter((path) => {
    if (typeof path.at(-1) !== 'string' || isRead(path)) return false;
    const under = pattern(path);
    return !all.some((other) => other.length > path.length && pattern(other).startsWith(`${under}.`) && isRead(other));
  });
}

// Enums: statuses, roles and the like, and the `type` of what the library does not branch on (annotations,
// actions, tools, formats).
const ENUM_KEYS = new Set(['status', 'role', 'truncation', 'service_tier', 'effort', 'tool_choice', 'verbosity']);
function enums(event: Json): Path[] {
  return paths(event).filter((path) => {
    const key = path.at(-1);
    if (typeof get(event, path) !== 'string') return false;
    if (typeof key === 'string' && ENUM_KEYS.has(key)) return true;
    const parent = pattern(path.slice(0, -1));
    return key === 'type' && /(^|\.)(annotation|annotations\.\*|action|tools\.\*|format)$/.test(parent);
  });
}

/** Objects anywhere in the event (the event itself included). */
function objects(event: Json): Path[] {
  return [[], ...paths(event)].filter((path) => {
    const v = get(event, path);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  });
}

const bytesOf = (events: Json[]) => sse(events as object[]);

/** One mutation of one event: which event, and a choice among its paths. */
const mutation = (events: Json[]) => fc.tuple(fc.nat({ max: events.length - 1 }), fc.nat(), fc.jsonValue());

async function expectSdkParity(events: Json[]): Promise<void> {
  const bytes = bytesOf(events);
  expectSameAnswers(await ours([bytes]), await sdk([bytes]));
}

describe.each(streams)('%s', (_name, events) => {
  it('is itself answered as the SDK answers it', async () => {
    await expectSdkParity(events);
  });

  it('dropping fields the library does not read changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation(events), { minLength: 1, maxLength: 4 }), async (drops) => {
        let changed = events;
        for (const [at, pick] of drops) {
          const candidates = droppable(changed[at]!);
          if (candidates.length === 0) continue;
          const path = candidates[pick % candidates.length]!;
          changed = changed.map((e, i) => (i === at ? edit(e, path, (parent, key) => delete parent[key]) : e));
        }
        await expectSdkParity(changed);
      }),
      { numRuns: RUNS },
    );
  });

  it('an enum value never seen before changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation(events), { minLength: 1, maxLength: 4 }), async (changes) => {
        let changed = events;
        for (const [at, pick] of changes) {
          const candidates = enums(changed[at]!);
          if (candidates.length === 0) continue;
          const path = candidates[pick % candidates.length]!;
          changed = changed.map((e, i) => (i === at ? edit(e, path, (parent, key) => (parent[key] = 'x_new_value')) : e));
        }
        await expectSdkParity(changed);
      }),
      { numRuns: RUNS },
    );
  });

  it('unknown keys anywhere change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation(events), { minLength: 1, maxLength: 4 }), async (additions) => {
        let changed = events;
        for (const [at, pick, value] of additions) {
          const candidates = objects(changed[at]!);
          const path = [...candidates[pick % candidates.length]!, `x_unknown_${pick % 7}`];
          changed = changed.map((e, i) => (i === at ? edit(e, path, (parent, key) => (parent[key] = value as Json)) : e));
        }
        await expectSdkParity(changed);
      }),
      { numRuns: RUNS },
    );
  });

  it('a new item type in place of a known one fails neither the stream nor the final response', async () => {
    const itemTypes = (event: Json) =>
      paths(event).filter((path) => /^(item|response\.output\.\*)\.type$/.test(pattern(path)));
    await fc.assert(
      fc.asyncProperty(fc.array(mutation(events), { minLength: 1, maxLength: 3 }), async (changes) => {
        let changed = events;
        for (const [at, pick] of changes) {
          const candidates = itemTypes(changed[at]!);
          if (candidates.length === 0) continue;
          const path = candidates[pick % candidates.length]!;
          changed = changed.map((e, i) => (i === at ? edit(e, path, (parent, key) => (parent[key] = 'x_new_item')) : e));
        }
        const mine = await ours([bytesOf(changed)]);
        expect(mine.error).toBeUndefined();
        expect(mine.events).toEqual(changed);
        const completed = changed.at(-1) as { response: { output: Json[] } };
        expect(mine.final?.output).toEqual(completed.response.output);
      }),
      { numRuns: RUNS },
    );
  });

  // A wrong value for each field the library reads, where the event has it.
  const BROKEN: Array<[Path, Json]> = [
    [['delta'], 5],
    [['text'], null],
    [['arguments'], { a: 1 }],
    [['input'], 1],
    [['refusal'], false],
    [['code'], 2],
    [['output_index'], 'x'],
    [['content_index'], -1],
    [['summary_index'], 1.5],
    [['annotation_index'], '0'],
    [['item_id'], 7],
    [['sequence_number'], 'x'],
    [['part', 'type'], 5],
    [['part', 'text'], null],
    [['item'], 'x'],
    [['item', 'type'], null],
    [['item', 'id'], 5],
    [['item', 'content'], 'x'],
    [['response'], null],
    [['response', 'id'], 5],
    [['response', 'output'], 'x'],
  ];
  // Events that change no snapshot (partial images, audio, MCP tool listing, shell progress) are read for their
  // type and sequence number only; a reasoning summary part for its text only.
  const UNREAD = /^response\.(image_generation_call\.partial_image|audio\.|mcp_list_tools\.|shell_call_)/;
  const breakable = (event: Json) =>
    BROKEN.filter(([path]) => {
      const parent = path.length === 1 ? event : get(event, path.slice(0, -1));
      const type = (event as { type: string }).type;
      if (typeof parent !== 'object' || parent === null || !(path.at(-1)! in parent)) return false;
      if (type === 'response.failed' || type === 'error') return false;
      if (UNREAD.test(type)) return path[0] === 'sequence_number';
      if (type.startsWith('response.reasoning_summary_part.') && path.join('.') === 'part.type') return false;
      return path[0] !== 'code' || type.startsWith('response.code_interpreter_call_code');
    });

  it('a broken field the library reads is a StreamParseError naming the event and the path, after every event before it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: events.length - 1 }), fc.nat(), async (at, pick) => {
        const candidates = breakable(events[at]!);
        fc.pre(candidates.length > 0);
        const [path, value] = candidates[pick % candidates.length]!;
        const changed = events.map((e, i) => (i === at ? edit(e, path, (parent, key) => (parent[key] = value)) : e));
        const { events: received, error } = await ours([bytesOf(changed)]);
        expect(error).toBeInstanceOf(StreamParseError);
        expect(error).toMatchObject({ eventName: (events[at] as { type: string }).type, path: path.join('.') });
        expect(received).toEqual(events.slice(0, at));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('what the default checks read', () => {
  it('knows every event type of the OpenAPI description', async () => {
    const { responseEventDataSchemas } = await import('../../src/schemas.js');
    expect(Object.keys(responseWireChecks).sort()).toEqual(Object.keys(responseEventDataSchemas).sort());
  });

  it('passes new item types, part types and tool types, and answers as the SDK does', async () => {
    const events = richEvents() as unknown as Array<Record<string, Json>>;
    const future = { type: 'future_call', id: 'fut_1', status: 'x_new', payload: { anything: [1, null] } };
    const at = events.findIndex((e) => e['type'] === 'response.output_item.added' && (e['item'] as { type: string }).type === 'message');
    const outputIndex = events[at]!['output_index'] as number;
    const shifted = events.map((e) => {
      if (typeof e['output_index'] === 'number' && e['output_index'] >= outputIndex) return { ...e, output_index: e['output_index'] + 1 };
      return e;
    });
    const completed = shifted.at(-1)!;
    const response = completed['response'] as { output: Json[]; tools: Json[] };
    const output = [...response.output];
    output.splice(outputIndex, 0, future);
    const withNew = [
      ...shifted.slice(0, at),
      { type: 'response.output_item.added', output_index: outputIndex, item: future },
      { type: 'response.output_item.done', output_index: outputIndex, item: future },
      ...shifted.slice(at, -1),
      { ...completed, response: { ...response, output, tools: [{ type: 'x_future_tool', config: {} }] } },
    ] as Json[];
    const mine = await ours([bytesOf(withNew)]);
    expect(mine.final?.output[outputIndex]).toEqual(future);
    expectSameAnswers(mine, await sdk([bytesOf(withNew)]));
  });

  /** The synthetic stream (it has reasoning and annotations) with `null` wherever a field's path matches `where`. */
  const nulledWhere = (where: RegExp) =>
    (richEvents() as unknown as Json[]).map((event) => {
      let changed = event;
      for (const path of paths(event)) if (where.test(pattern(path))) changed = edit(changed, path, (parent, key) => (parent[key] = null));
      return changed;
    });

  it.each([
    ['sequence_number', /^sequence_number$/],
    ['response.id', /^response\.id$/],
  ])('%s: null where it may be absent passes, and answers as the SDK does', async (_name, where) => {
    const nulled = nulledWhere(where);
    expect(JSON.stringify(nulled)).toContain('null');
    expectSameAnswers(await ours([bytesOf(nulled)]), await sdk([bytesOf(nulled)]));
  });

  it.each([
    ["a reasoning item's summary", 'response.output_item.added', /^item\.summary$/, 'response.reasoning_summary_part.added'],
    ["a text part's annotations", 'response.content_part.added', /^part\.annotations$/, 'response.output_text.annotation.added'],
  ])('%s: null where the list starts passes; the first part added starts it (the SDK fails there)', async (_name, starting, where, adding) => {
    const whole = richEvents() as unknown as Json[];
    const nulled = whole.map((event) => {
      if ((event as { type: string }).type !== starting) return event;
      let changed = event;
      for (const path of paths(event)) if (where.test(pattern(path))) changed = edit(changed, path, (parent, key) => (parent[key] = null));
      return changed;
    });
    expect(nulled).not.toEqual(whole);
    const mine = await ours([bytesOf(nulled)]);
    expect(mine.error).toBeUndefined();
    // The SDK adds to the list it was given: it fails on the first part added to `null`.
    expect((await sdk([bytesOf(nulled)])).error).toBeInstanceOf(Error);
    // From the first part added on, every snapshot is the one of the stream without the nulls.
    const snapshots = (events: Json[]) => lastValueFrom(from(events as unknown as ResponseStreamEvent[]).pipe(accumulateResponse(), toArray()));
    const first = whole.findIndex((event) => (event as { type: string }).type === adding);
    expect(first).toBeGreaterThan(0);
    expect((await snapshots(nulled)).slice(first)).toEqual((await snapshots(whole)).slice(first));
  });

  it('reads the default checks without the OpenAPI schemas', () => {
    const ok: ResponseStreamEvent = { type: 'response.refusal.delta', item_id: 'm', output_index: 0, content_index: 0, delta: 'No', sequence_number: 1 };
    expect(responseWireChecks['response.refusal.delta']!(ok)).toBeUndefined();
    expect(responseWireChecks['response.refusal.delta']!({ ...ok, delta: 5 })).toEqual({ path: 'delta', message: 'expected a string, got number' });
  });
});
