import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  assistantEventDataSchemas,
  ErrorObjectSchema,
  MessageDeltaEventSchema,
  MessageSchema,
  RunSchema,
  RunStatusSchema,
  RunStepDeltaEventSchema,
  RunStepSchema,
  ThreadSchema,
  type AssistantEventDataName,
} from '../../src/schema/assistants/index.js';
import { ASSISTANT_STREAM_EVENT_NAMES } from '../../src/assistants/event-names.js';

const fixturesDir = join(__dirname, '..', 'fixtures', 'assistants');

interface SseBlock {
  /** 1-based index of the block in its file. */
  index: number;
  event: string | undefined;
  data: string;
  /** Lines that are neither a field we read nor a comment (an SSE parser ignores them). */
  stray: string[];
}

/** A tiny SSE splitter: blocks are separated by blank lines; `data:` lines join with `\n`. */
function splitSse(text: string): SseBlock[] {
  const blocks: SseBlock[] = [];
  for (const raw of text.replace(/\r\n?/g, '\n').split(/\n{2,}/)) {
    if (raw.trim() === '') continue;
    let event: string | undefined;
    const data: string[] = [];
    const stray: string[] = [];
    for (const line of raw.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else stray.push(line);
    }
    blocks.push({ index: blocks.length + 1, event, data: data.join('\n'), stray });
  }
  return blocks;
}

const files = readdirSync(fixturesDir)
  .filter((name) => name.endsWith('.sse'))
  .sort();
const blocksByFile = files.map((file) => [file, splitSse(readFileSync(join(fixturesDir, file), 'utf8'))] as const);

function isKnownEvent(name: string | undefined): name is AssistantEventDataName {
  return name !== undefined && Object.hasOwn(assistantEventDataSchemas, name);
}

/**
 * The published examples these fixtures come from carry two typos, which no schema can accept:
 * - run objects end with one `}` too many (`..."parallel_tool_calls":true}}`), which makes the data invalid JSON;
 * - one `thread.run.completed` block lost the `data:` prefix of its JSON line, so its data is empty and the JSON
 *   is a stray line an SSE parser ignores.
 * The files are used as they are: `decode` recognises these two typos (they are counted below, so that no new
 * kind of breakage slips through) and returns the object the block meant to carry, which is then validated.
 */
type Repair = 'extraClosingBrace' | 'strayDataLine';

function decode(file: string, block: SseBlock): { value: unknown; repair?: Repair } {
  try {
    return { value: JSON.parse(block.data) };
  } catch {
    if (block.data.endsWith('}}')) return { value: JSON.parse(block.data.slice(0, -1)), repair: 'extraClosingBrace' };
    if (block.data === '' && block.stray.length === 1) {
      return { value: JSON.parse(block.stray[0]!), repair: 'strayDataLine' };
    }
    throw new Error(`${file} block ${block.index} (${block.event}): data is not JSON: ${block.data.slice(0, 80)}`);
  }
}

const eventBlocks = blocksByFile.flatMap(([file, blocks]) =>
  blocks.filter((block) => block.event !== 'done').map((block) => ({ file, block })),
);

describe('assistant stream fixtures validate against their event schemas', () => {
  it('finds the four published streams', () => {
    expect(files).toEqual([
      'create-run.sse',
      'create-thread-and-run-with-functions.sse',
      'create-thread-and-run.sse',
      'submit-tool-outputs.sse',
    ]);
  });

  describe.each(blocksByFile)('%s', (file, blocks) => {
    it('names only known events and ends with done / [DONE]', () => {
      const names = blocks.map((block) => block.event);
      expect(names.at(-1)).toBe('done');
      expect(blocks.at(-1)?.data).toBe('[DONE]');
      for (const name of names.slice(0, -1)) expect(ASSISTANT_STREAM_EVENT_NAMES).toContain(name);
    });

    const ofFile = blocks.filter((block) => block.event !== 'done');
    it.each(ofFile.map((block) => [`#${block.index} ${block.event}`, block] as const))('%s', (_, block) => {
      expect(isKnownEvent(block.event)).toBe(true);
      if (!isKnownEvent(block.event)) return;
      const result = assistantEventDataSchemas[block.event].safeParse(decode(file, block).value);
      if (!result.success) throw new Error(`${file} block ${block.index}: ${result.error.message}`);
      expect(result.success).toBe(true);
    });
  });

  it('repairs exactly the known typos of the published examples, and nothing else', () => {
    const repaired = eventBlocks.map(({ file, block }) => decode(file, block)).filter((decoded) => decoded.repair);
    expect(repaired.filter((decoded) => decoded.repair === 'extraClosingBrace')).toHaveLength(11);
    expect(repaired.filter((decoded) => decoded.repair === 'strayDataLine')).toHaveLength(1);
    expect(repaired).toHaveLength(12);
    // Only run objects are affected.
    expect(new Set(repaired.map((decoded) => (decoded.value as { object?: unknown }).object))).toEqual(
      new Set(['thread.run']),
    );
  });

  it('covers every kind of data object', () => {
    const objects = new Set(eventBlocks.map(({ file, block }) => (decode(file, block).value as { object?: unknown }).object));
    expect([...objects].sort()).toEqual([
      'thread',
      'thread.message',
      'thread.message.delta',
      'thread.run',
      'thread.run.step',
      'thread.run.step.delta',
    ]);
  });
});

// ---- mutations -------------------------------------------------------------------------------------------

/** The first block of `event` in `file`, freshly parsed (so a test may mutate it). */
function sample(file: string, event: string): Record<string, any> {
  const blocks = blocksByFile.find(([name]) => name === file)?.[1] ?? [];
  const block = blocks.find((candidate) => candidate.event === event);
  if (!block) throw new Error(`no ${event} in ${file}`);
  return decode(file, block).value as Record<string, any>;
}

describe('mutated payloads fail with an issue naming the path', () => {
  it('a wrong enum value: run status', () => {
    const run = sample('create-run.sse', 'thread.run.in_progress');
    run.status = 'running';
    const result = RunSchema.safeParse(run);
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([expect.objectContaining({ code: 'invalid_value', path: ['status'] })]);
    expect(result.error?.message).toContain('status');
  });

  it('a missing required field: run thread_id', () => {
    const run = sample('create-run.sse', 'thread.run.created');
    delete run.thread_id;
    const result = assistantEventDataSchemas['thread.run.created'].safeParse(run);
    expect(result.error?.issues).toEqual([expect.objectContaining({ code: 'invalid_type', path: ['thread_id'] })]);
  });

  it('a wrong type deep in a message delta: text value', () => {
    const delta = sample('create-run.sse', 'thread.message.delta');
    delta.delta.content[0].text.value = 42;
    const result = MessageDeltaEventSchema.safeParse(delta);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ code: 'invalid_type', path: ['delta', 'content', 0, 'text', 'value'] }),
    ]);
  });

  it('a wrong type in a tool call delta: function arguments', () => {
    const delta = sample('create-thread-and-run-with-functions.sse', 'thread.run.step.delta');
    delta.delta.step_details.tool_calls[0].function.arguments = { location: 'Paris' };
    const result = RunStepDeltaEventSchema.safeParse(delta);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        code: 'invalid_type',
        path: ['delta', 'step_details', 'tool_calls', 0, 'function', 'arguments'],
      }),
    ]);
  });

  it('an unknown discriminator: step details type', () => {
    const step = sample('create-run.sse', 'thread.run.step.created');
    step.step_details.type = 'web_browsing';
    const result = RunStepSchema.safeParse(step);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ code: 'invalid_union', path: ['step_details', 'type'] }),
    ]);
  });

  it('a null where the yaml does not allow it: message content', () => {
    const message = sample('create-run.sse', 'thread.message.completed');
    message.content = null;
    const result = MessageSchema.safeParse(message);
    expect(result.error?.issues).toEqual([expect.objectContaining({ code: 'invalid_type', path: ['content'] })]);
  });

  it('a wrong literal: thread object', () => {
    const thread = sample('create-thread-and-run.sse', 'thread.created');
    thread.object = 'thread.run';
    const result = ThreadSchema.safeParse(thread);
    expect(result.error?.issues).toEqual([expect.objectContaining({ code: 'invalid_value', path: ['object'] })]);
  });

  it('an error event without its message', () => {
    const result = assistantEventDataSchemas.error.safeParse({ code: 'server_error', param: null, type: 'server_error' });
    expect(result.error?.issues).toEqual([expect.objectContaining({ code: 'invalid_type', path: ['message'] })]);
    expect(ErrorObjectSchema.safeParse({ code: null, message: 'boom', param: null, type: 'server_error' }).success).toBe(
      true,
    );
  });
});

describe('what the schemas tolerate', () => {
  it('unknown fields pass, and validation does not touch the input', () => {
    const step = sample('create-run.sse', 'thread.run.step.created');
    step.brand_new_field = { nested: true };
    const frozen = JSON.stringify(step);
    expect(RunStepSchema.safeParse(step).success).toBe(true);
    expect(JSON.stringify(step)).toBe(frozen);
  });

  it('run steps with or without expired_at / metadata (the yaml requires both, published streams omit them)', () => {
    const step = sample('create-run.sse', 'thread.run.step.completed');
    expect(RunStepSchema.safeParse(step).success).toBe(true);
    expect(RunStepSchema.safeParse({ ...step, expired_at: null, metadata: {} }).success).toBe(true);
    expect(RunStepSchema.safeParse({ ...step, metadata: { key: 1 } }).success).toBe(false);
  });

  it('every run status and every tool shape of the yaml', () => {
    const run = sample('create-thread-and-run-with-functions.sse', 'thread.run.requires_action');
    // The schema is declared by its output type; the enum's values are on the zod object itself.
    for (const status of (RunStatusSchema as unknown as { options: string[] }).options) {
      expect(RunSchema.safeParse({ ...run, status }).success).toBe(true);
    }
    const tools = [
      { type: 'code_interpreter' },
      { type: 'file_search', file_search: { max_num_results: 5, ranking_options: { score_threshold: 0.5 } } },
      { type: 'function', function: { name: 'f', strict: null } },
    ];
    const formats = ['auto', { type: 'text' }, { type: 'json_object' }, { type: 'json_schema', json_schema: { name: 'x' } }];
    const choices = ['none', 'auto', 'required', { type: 'file_search' }, { type: 'function', function: { name: 'f' } }];
    for (const response_format of formats) {
      for (const tool_choice of choices) {
        expect(RunSchema.safeParse({ ...run, tools, response_format, tool_choice }).success).toBe(true);
      }
    }
  });
});
