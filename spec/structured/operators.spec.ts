import { firstValueFrom, from, lastValueFrom, Observable, of, take, tap, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { z } from 'zod';
import { chatCompletionChunks, type ChatCompletionChunk, responseEvents, type ResponseStreamEvent, StructuredOutputError, StructuredOutputIncompleteError, StructuredOutputParseError, StructuredOutputRefusalError, StructuredOutputToolCallsError, StructuredOutputUnknownToolError, StructuredOutputValidationError } from '../../src/index';
import { finalParsed, parsedToolCalls, parseStructuredOutput, partialParsed, structuredOutput, type StructuredOutputStreamValue } from '../../src/structured';
import { zodFunction as sdkZodFunction } from 'openai/helpers/zod';
import { streamOf } from '../helpers/bytes';
import { sdkClientOver } from '../helpers/sdk';
import { response, sse } from '../responses/stream';
import {
  chatContentChunks,
  chatSse,
  chunk,
  pieces,
  responseFunctionCallEvents,
  responseIncomplete,
  responseRefusalEvents,
  responseTextEvents,
} from './streams';

const Recipe = z.object({
  title: z.string(),
  servings: z.number(),
  steps: z.array(z.object({ text: z.string(), minutes: z.number().nullable() })),
  vegan: z.boolean(),
});
const recipe = {
  title: 'Crêpes "au sucre" 😀',
  servings: 4,
  steps: [
    { text: 'Mix flour\nand eggs', minutes: 5 },
    { text: 'Cook', minutes: null },
  ],
  vegan: false,
};
const recipeText = JSON.stringify(recipe, null, 1);

async function errorOf(observable: Observable<unknown>): Promise<unknown> {
  try {
    await lastValueFrom(observable);
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

/** A synchronous source that counts how many values it produced before being stopped. */
function counted<T>(values: readonly T[]): { source: Observable<T>; produced: () => number; finalized: () => boolean } {
  let produced = 0;
  let finalized = false;
  const source = new Observable<T>((subscriber) => {
    for (const value of values) {
      if (subscriber.closed) break;
      produced++;
      subscriber.next(value);
    }
    subscriber.complete();
    return () => {
      finalized = true;
    };
  });
  return { source, produced: () => produced, finalized: () => finalized };
}

const streams: Record<string, (deltas: string[]) => StructuredOutputStreamValue[]> = {
  Responses: (deltas) => responseTextEvents(deltas),
  'Chat Completions': (deltas) => chatContentChunks(deltas),
};

describe.each(Object.entries(streams))('structured outputs of a %s stream', (_, build) => {
  const values = build(pieces(recipeText, 5));

  it('partialParsed emits growing deep partials, each a new value, the last equal to the output', async () => {
    const partials = await lastValueFrom(from(values).pipe(partialParsed(Recipe), toArray()));
    expect(partials.length).toBeGreaterThan(10);
    expect(partials[partials.length - 1]).toEqual(recipe);
    for (let i = 1; i < partials.length; i++) expect(partials[i]).not.toBe(partials[i - 1]);
    // A finished step keeps its identity while the next one streams.
    const withTwoSteps = partials.filter((p) => (p.steps?.length ?? 0) === 2);
    expect(withTwoSteps.length).toBeGreaterThan(1);
    for (const p of withTwoSteps) expect(p.steps![0]).toBe(withTwoSteps[0]!.steps![0]);
    // Strings grow as they arrive.
    expect(partials.some((p) => p.title !== undefined && p.title !== recipe.title && recipe.title.startsWith(p.title))).toBe(true);
  });

  it('structuredOutput emits { done: false, partial } then { done: true, parsed }', async () => {
    const snapshots = await lastValueFrom(from(values).pipe(structuredOutput(Recipe), toArray()));
    const last = snapshots[snapshots.length - 1]!;
    expect(last.done).toBe(true);
    expect(last.done && last.parsed).toEqual(recipe);
    expect(snapshots.slice(0, -1).every((s) => !s.done)).toBe(true);
    expect(snapshots[snapshots.length - 2]!.partial).toEqual(recipe);
  });

  it('finalParsed emits the validated output once, with zod transforms applied', async () => {
    expect(await lastValueFrom(from(values).pipe(finalParsed(Recipe), toArray()))).toEqual([recipe]);
    const Shouting = Recipe.transform((r) => r.title.toUpperCase());
    expect(await lastValueFrom(from(values).pipe(finalParsed(Shouting)))).toBe(recipe.title.toUpperCase());
  });

  it('a mismatch with the schema is a StructuredOutputValidationError with the issues and the value', async () => {
    const Strict = Recipe.extend({ servings: z.string() });
    for (const op of [finalParsed(Strict), structuredOutput(Strict), partialParsed(Strict)]) {
      const error = await errorOf(from(values).pipe(op as never));
      expect(error).toBeInstanceOf(StructuredOutputValidationError);
      expect(error).toBeInstanceOf(StructuredOutputError);
      const e = error as StructuredOutputValidationError;
      expect(e.reason).toBe('validation');
      expect(e.issues[0]!.path).toEqual(['servings']);
      expect(e.value).toEqual(recipe);
    }
  });

  it('invalid JSON is a StructuredOutputParseError; partials before it were emitted', async () => {
    const bad = build(['{"title": "x", ', '"servings": 4,, ', '"vegan": true}']);
    const seen: unknown[] = [];
    const error = await errorOf(from(bad).pipe(partialParsed(Recipe)).pipe((o) => new Observable((s) => o.subscribe({ next: (v) => { seen.push(v); s.next(v); }, error: (e) => s.error(e), complete: () => s.complete() }))));
    expect(error).toBeInstanceOf(StructuredOutputParseError);
    expect((error as StructuredOutputParseError).offset).toBe(29);
    expect(seen).toEqual([{ title: 'x' }]);
    expect(error).toMatchObject({ text: undefined, toolName: undefined, problem: expect.any(String) });
    // Read whole, the error keeps the whole text: nothing received is lost.
    const whole = await errorOf(from(bad).pipe(finalParsed(Recipe)));
    expect(whole).toBeInstanceOf(StructuredOutputParseError);
    expect(whole).toMatchObject({ offset: 29, problem: (error as StructuredOutputParseError).problem, text: '{"title": "x", "servings": 4,, "vegan": true}' });
    expect((whole as Error).message).toBe((error as Error).message);
  });

  it("a check that throws, or is asynchronous, is a StructuredOutputValidationError with zod's error as its cause", async () => {
    const Async = Recipe.refine(async () => true);
    const Throwing = Recipe.refine(() => {
      throw new RangeError('no recipes today');
    });
    for (const [schema, said] of [[Async, /Promise/], [Throwing, /no recipes today/]] as const) {
      for (const op of [finalParsed(schema), structuredOutput(schema), partialParsed(schema)]) {
        const error = await errorOf(from(values).pipe(op as never));
        expect(error).toBeInstanceOf(StructuredOutputValidationError);
        expect(error).toMatchObject({ value: recipe, issues: [{ path: [], message: expect.stringMatching(said) }] });
        expect((error as Error).cause).toBeInstanceOf(Error);
      }
    }
  });

  it('take(1) stops the synchronous source at once, and teardown runs', () => {
    // The first visible partial ({}) comes with the first text delta: nothing after it may be produced.
    const firstText = values.findIndex((v) => {
      const c = v as ChatCompletionChunk;
      return c.object === 'chat.completion.chunk'
        ? Boolean(c.choices[0]?.delta?.content)
        : (v as ResponseStreamEvent).type === 'response.output_text.delta';
    });
    for (const op of [partialParsed(Recipe), structuredOutput(Recipe)]) {
      const { source, produced, finalized } = counted(values);
      const got: unknown[] = [];
      source.pipe(op as never, take(1)).subscribe((v) => got.push(v));
      expect(got).toHaveLength(1);
      expect(produced()).toBe(firstText + 1);
      expect(finalized()).toBe(true);
    }
    const { source, finalized } = counted(values);
    const got: unknown[] = [];
    source.pipe(finalParsed(Recipe), take(1)).subscribe((v) => got.push(v));
    expect(got).toEqual([recipe]);
    expect(finalized()).toBe(true);
  });
});

describe('structured outputs: the end of the stream', () => {
  it('marbles: partials as deltas arrive, the parsed value at completion; one subscription, torn down', () => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a-b-c-d|', {
        a: chunk([{ delta: { role: 'assistant', content: '' } }]),
        b: chunk([{ delta: { content: '{"n": 1' } }]),
        c: chunk([{ delta: { content: '2, "s": "x' } }]),
        d: chunk([{ delta: { content: '"}' }, finish_reason: 'stop' }]),
      });
      const Schema = z.object({ n: z.number(), s: z.string() });
      expectObservable(source.pipe(partialParsed(Schema))).toBe('--x-y--|', { x: {}, y: { n: 12, s: 'x' } });
      expectObservable(source.pipe(finalParsed(Schema))).toBe('-------(p|)', { p: { n: 12, s: 'x' } });
      expectSubscriptions(source.subscriptions).toBe(['^------!', '^------!']);
      const early = cold('a-b-c-d|', {
        a: chunk([{ delta: { content: '{"n": 1' } }]),
        b: chunk([{ delta: { content: '2, "s": "x' } }]),
        c: chunk([{ delta: { content: 'y' } }]),
        d: chunk([{ delta: { content: '"}' } }]),
      });
      expectObservable(early.pipe(partialParsed(Schema), take(2))).toBe('a-(b|)', { a: {}, b: { n: 12, s: 'x' } });
      expectSubscriptions(early.subscriptions).toBe('^-!');
    });
  });

  it('a top-level value that only ends with the text is emitted at completion', async () => {
    const Count = z.number();
    expect(await lastValueFrom(from(chatContentChunks(['4', '2'])).pipe(partialParsed(Count), toArray()))).toEqual([42]);
  });

  it('a stream without output text fails with StructuredOutputParseError (no JSON value)', async () => {
    const error = await errorOf(from(chatContentChunks([])).pipe(finalParsed(Recipe)));
    expect(error).toBeInstanceOf(StructuredOutputParseError);
    expect((error as Error).message).toContain('no JSON value');
  });

  it('text cut short at the end is a StructuredOutputParseError', async () => {
    const error = await errorOf(from(responseTextEvents(['{"title": "x'])).pipe(structuredOutput(Recipe)));
    expect(error).toBeInstanceOf(StructuredOutputParseError);
  });

  it.each(['length', 'content_filter'] as const)('a chat finish_reason %s is a StructuredOutputIncompleteError', async (reason) => {
    const partials: unknown[] = [];
    let error: unknown;
    from(chatContentChunks(['{"title": "Cr', 'êpes'], reason))
      .pipe(partialParsed(Recipe))
      .subscribe({ next: (p) => partials.push(p), error: (e) => (error = e) });
    expect(partials).toEqual([{ title: 'Cr' }, { title: 'Crêpes' }]);
    expect(error).toBeInstanceOf(StructuredOutputIncompleteError);
    expect((error as StructuredOutputIncompleteError).reason).toBe('incomplete');
    expect((error as StructuredOutputIncompleteError).finishReason).toBe(reason);
    expect((error as StructuredOutputIncompleteError).text).toBe('{"title": "Crêpes');
  });

  it.each(['max_output_tokens', 'content_filter'] as const)('response.incomplete (%s) is a StructuredOutputIncompleteError', async (reason) => {
    const events = responseTextEvents(['{"title": ', '"x"'], { end: responseIncomplete(reason) });
    const error = await errorOf(from(events).pipe(finalParsed(Recipe)));
    expect(error).toBeInstanceOf(StructuredOutputIncompleteError);
    expect((error as StructuredOutputIncompleteError).finishReason).toBe(reason);
  });

  it('response.failed is a StructuredOutputIncompleteError too, whole JSON or not (as parseStructuredOutput of the failed response)', async () => {
    const failed = {
      type: 'response.failed',
      sequence_number: 99,
      response: response('failed', [], { error: { code: 'server_error', message: 'The model failed' } }),
    } as ResponseStreamEvent;
    for (const deltas of [['{"title": "x"}'], ['{"title": ', '"x']]) {
      for (const op of [finalParsed(Recipe), structuredOutput(Recipe), partialParsed(Recipe)]) {
        const error = await errorOf(from(responseTextEvents(deltas, { end: failed })).pipe(op as never));
        expect(error).toBeInstanceOf(StructuredOutputIncompleteError);
        expect(error).toMatchObject({ finishReason: 'failed', text: deltas.join('') });
        expect((error as Error).message).toContain('server_error: The model failed');
      }
    }
  });

  it('a Responses refusal is a StructuredOutputRefusalError with the whole refusal', async () => {
    for (const op of [finalParsed(Recipe), structuredOutput(Recipe), partialParsed(Recipe)]) {
      const error = await errorOf(from(responseRefusalEvents(["I can't ", 'help with that.'])).pipe(op as never));
      expect(error).toBeInstanceOf(StructuredOutputRefusalError);
      expect((error as StructuredOutputRefusalError).reason).toBe('refusal');
      expect((error as StructuredOutputRefusalError).refusal).toBe("I can't help with that.");
    }
  });

  describe("Responses: the completed response's answer is the output, as the SDK's output_parsed", () => {
    const City = z.object({ city: z.string() });
    const seq = (events: object[]) => events.map((event, n) => ({ ...event, sequence_number: n })) as ResponseStreamEvent[];
    const message = (id: string, content: object[], phase?: string) => ({ type: 'message', id, status: 'completed', role: 'assistant', content, ...(phase ? { phase } : {}) });
    const text = (value: string) => ({ type: 'output_text', text: value, annotations: [] });
    const ops = () => [finalParsed(City), structuredOutput(City), partialParsed(City)];
    // The last value (structuredOutput()'s parsed value), or the error.
    const lastOf = async (events: ResponseStreamEvent[], op: unknown) =>
      lastValueFrom<{ done?: boolean; parsed?: unknown }>(from(events).pipe(op as never)).then(
        (last) => (last.done === true ? last.parsed : last),
        (e: unknown) => e,
      );

    it('text that came only in its done events (no delta) is parsed', async () => {
      const events = responseTextEvents(['{"city": "Paris"}']).filter((e) => e.type !== 'response.output_text.delta');
      for (const op of ops()) expect(await lastOf(events, op)).toEqual({ city: 'Paris' });
    });

    it('a message whose commentary phase shows only at its end is not the answer; the final answer after it is', async () => {
      const commentary = message('msg_0', [text('Let me look that up.')], 'commentary');
      const answer = message('msg_1', [text('{"city": "Paris"}')], 'final_answer');
      const events = seq([
        { type: 'response.created', response: response('in_progress') },
        { type: 'response.output_item.added', output_index: 0, item: { ...commentary, phase: undefined, status: 'in_progress', content: [] } },
        { type: 'response.output_text.delta', item_id: 'msg_0', output_index: 0, content_index: 0, delta: 'Let me look that up.' },
        { type: 'response.output_item.done', output_index: 0, item: commentary },
        { type: 'response.output_item.added', output_index: 1, item: { ...answer, status: 'in_progress', content: [] } },
        { type: 'response.output_text.delta', item_id: 'msg_1', output_index: 1, content_index: 0, delta: '{"city": "Paris"}' },
        { type: 'response.output_item.done', output_index: 1, item: answer },
        { type: 'response.completed', response: response('completed', [commentary, answer] as never[]) },
      ]);
      // (The operators that parse as the text comes cannot wait for the end: they fail at the commentary's text.)
      expect(await lastOf(events, finalParsed(City))).toEqual({ city: 'Paris' });
    });

    it('a refusal only in its content parts (no refusal events, as the polling fallback makes them) is a StructuredOutputRefusalError', async () => {
      const refusal = { type: 'refusal', refusal: "I can't help with that." };
      const refused = message('msg_0', [refusal]);
      const events = seq([
        { type: 'response.created', response: response('in_progress') },
        { type: 'response.output_item.added', output_index: 0, item: { ...refused, status: 'in_progress', content: [] } },
        { type: 'response.content_part.added', item_id: 'msg_0', output_index: 0, content_index: 0, part: refusal },
        { type: 'response.content_part.done', item_id: 'msg_0', output_index: 0, content_index: 0, part: refusal },
        { type: 'response.output_item.done', output_index: 0, item: refused },
        { type: 'response.completed', response: response('completed', [refused] as never[]) },
      ]);
      for (const op of ops()) {
        const error = await lastOf(events, op);
        expect(error).toBeInstanceOf(StructuredOutputRefusalError);
        expect(error).toMatchObject({ refusal: "I can't help with that." });
      }
    });

    it('a completed response that only called a tool (its deltas gave text) is StructuredOutputToolCallsError, as the response parsed whole', async () => {
      const call = { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'get_weather', arguments: '{}', status: 'completed' };
      const events = responseTextEvents(['{"city": "Paris"}'], { end: { type: 'response.completed', sequence_number: 99, response: response('completed', [call] as never[]) } as ResponseStreamEvent });
      for (const op of ops()) expect(await lastOf(events, op)).toBeInstanceOf(StructuredOutputToolCallsError);
    });

    it('blank deltas and a completed response that only called a tool: StructuredOutputToolCallsError too', async () => {
      const call = { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'get_weather', arguments: '{}', status: 'completed' };
      for (const blank of ['\n\n', ' ']) {
        const events = responseTextEvents([blank], { end: { type: 'response.completed', sequence_number: 99, response: response('completed', [call] as never[]) } as ResponseStreamEvent });
        expect(await lastOf(events, finalParsed(City))).toBeInstanceOf(StructuredOutputToolCallsError);
      }
    });

    it('text that differs from the deltas only around it is not parsed again', async () => {
      const item = message('msg_1', [text('{"city": "Paris"}\n')]);
      const events = responseTextEvents(['{"city": "Paris"}'], { end: { type: 'response.completed', sequence_number: 99, response: response('completed', [item] as never[]) } as ResponseStreamEvent });
      expect(await lastValueFrom(from(events).pipe(partialParsed(City), toArray()))).toEqual([{ city: 'Paris' }]);
    });

    it('a completed response without its output (a compatible server) leaves the text of the deltas', async () => {
      const events = responseTextEvents(['{"city": ', '"Paris"}'], { end: { type: 'response.completed', sequence_number: 99, response: response('completed') } as ResponseStreamEvent });
      for (const op of ops()) expect(await lastOf(events, op)).toEqual({ city: 'Paris' });
    });
  });

  it('a chat refusal is a StructuredOutputRefusalError at the finish', async () => {
    const chunks = [
      chunk([{ delta: { role: 'assistant', content: null, refusal: '' } }]),
      chunk([{ delta: { refusal: 'I cannot ' } }]),
      chunk([{ delta: { refusal: 'do that.' } }]),
      chunk([{ delta: {}, finish_reason: 'stop' }]),
    ];
    const error = await errorOf(from(chunks).pipe(finalParsed(Recipe)));
    expect(error).toBeInstanceOf(StructuredOutputRefusalError);
    expect((error as StructuredOutputRefusalError).refusal).toBe('I cannot do that.');
  });

  it('reads the chosen chat choice only', async () => {
    const chunks = [
      chunk([{ index: 0, delta: { content: '{"a": 1}' } }, { index: 1, delta: { content: '{"a": 2}' } }]),
      chunk([{ index: 0, delta: {}, finish_reason: 'stop' }, { index: 1, delta: {}, finish_reason: 'stop' }]),
    ];
    const A = z.object({ a: z.number() });
    expect(await lastValueFrom(from(chunks).pipe(finalParsed(A)))).toEqual({ a: 1 });
    expect(await lastValueFrom(from(chunks).pipe(finalParsed(A, { choice: 1 })))).toEqual({ a: 2 });
  });

  it('Responses: skips a commentary message, parses the final answer', async () => {
    const commentary = responseTextEvents(['not json'], { phase: 'commentary', end: null }).slice(1);
    const answer = responseTextEvents(['{"a":', ' 1}']).map((e) =>
      'output_index' in e ? ({ ...e, output_index: 1 } as ResponseStreamEvent) : e,
    );
    const events = [answer[0]!, ...commentary, ...answer.slice(1)];
    expect(await lastValueFrom(from(events).pipe(finalParsed(z.object({ a: z.number() }))))).toEqual({ a: 1 });
  });

  it('source errors pass through untouched', async () => {
    const boom = new Error('boom');
    const source = new Observable<StructuredOutputStreamValue>((s) => {
      s.next(chatContentChunks(['{"a"'])[1]!);
      s.error(boom);
    });
    expect(await errorOf(source.pipe(partialParsed()))).toBe(boom);
    expect(await errorOf(source.pipe(finalParsed(z.object({}))))).toBe(boom);
  });

  it('works on streams decoded from the wire (responseEvents, chatCompletionChunks)', async () => {
    const events$ = responseEvents(streamOf([sse(responseTextEvents(pieces(recipeText, 4)))]));
    expect(await lastValueFrom(events$.pipe(finalParsed(Recipe)))).toEqual(recipe);
    const chunks$ = chatCompletionChunks(streamOf([chatSse(chatContentChunks(pieces(recipeText, 4)))]));
    expect(await lastValueFrom(chunks$.pipe(structuredOutput(Recipe)))).toMatchObject({ done: true, parsed: recipe });
  });
});

describe('parsedToolCalls', () => {
  const GetWeather = z.object({ city: z.string(), days: z.number() });
  const GetTime = z.object({ zone: z.string() });
  const tools = { get_weather: GetWeather, get_time: GetTime };

  it('Chat Completions: a name sent again in every fragment is the name (set, not appended), as the SDK reads it', async () => {
    const chunks = [
      chunk([{ delta: { role: 'assistant', tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '' } }] } }]),
      chunk([{ delta: { tool_calls: [{ index: 0, function: { name: 'get_weather', arguments: '{"city": "Oslo",' } }] } }]),
      chunk([{ delta: { tool_calls: [{ index: 0, function: { name: 'get_weather', arguments: ' "days": 1}' } }] } }]),
      chunk([{ delta: {}, finish_reason: 'tool_calls' }]),
    ];
    const calls = await lastValueFrom(from(chunks).pipe(parsedToolCalls(tools), toArray()));
    expect(calls).toEqual([
      { name: 'get_weather', callId: 'call_1', arguments: '{"city": "Oslo", "days": 1}', parsedArguments: { city: 'Oslo', days: 1 }, index: 0 },
    ]);
  });

  it('Responses: a call without its output_item.done (a compatible server) is read from the completed response, not taken for a cut', async () => {
    const whole = responseFunctionCallEvents([{ name: 'get_weather', callId: 'call_1', deltas: ['{"city": "Oslo", "days": 2}'] }]);
    const item = (whole.find((e) => e.type === 'response.output_item.done') as { item: object }).item;
    const completed = whole.at(-1) as ResponseStreamEvent & { response: { output: unknown[] } };
    const events = [...whole.filter((e) => e.type !== 'response.output_item.done').slice(0, -1), { ...completed, response: { ...completed.response, output: [item] } }];
    const calls = await lastValueFrom(from(events as ResponseStreamEvent[]).pipe(parsedToolCalls(tools), toArray()));
    expect(calls).toEqual([{ name: 'get_weather', callId: 'call_1', arguments: '{"city": "Oslo", "days": 2}', parsedArguments: { city: 'Oslo', days: 2 }, index: 0 }]);
  });

  it('Responses: a done item (or a terminal response\'s item) without its arguments takes those the stream gave', async () => {
    const whole = responseFunctionCallEvents([{ name: 'get_weather', callId: 'call_1', deltas: ['{"city": "Oslo",', ' "days": 2}'] }]);
    const expected = [{ name: 'get_weather', callId: 'call_1', arguments: '{"city": "Oslo", "days": 2}', parsedArguments: { city: 'Oslo', days: 2 }, index: 0 }];
    const bare = ({ arguments: _, ...item }: { arguments?: string }) => item;
    const doneBare = whole.map((e) => (e.type === 'response.output_item.done' ? { ...e, item: bare(e.item as never) } : e));
    expect(await lastValueFrom(from(doneBare as ResponseStreamEvent[]).pipe(parsedToolCalls(tools), toArray()))).toEqual(expected);
    // Without the arguments.done: from the deltas.
    const deltasOnly = doneBare.filter((e) => e.type !== 'response.function_call_arguments.done');
    expect(await lastValueFrom(from(deltasOnly as ResponseStreamEvent[]).pipe(parsedToolCalls(tools), toArray()))).toEqual(expected);
    // No output_item.done, and the completed response's item without arguments.
    const item = bare((whole.find((e) => e.type === 'response.output_item.done') as { item: { arguments?: string } }).item);
    const completed = whole.at(-1) as ResponseStreamEvent & { response: object };
    const terminalBare = [...whole.filter((e) => e.type !== 'response.output_item.done').slice(0, -1), { ...completed, response: { ...completed.response, output: [item] } }];
    expect(await lastValueFrom(from(terminalBare as ResponseStreamEvent[]).pipe(parsedToolCalls(tools), toArray()))).toEqual(expected);
  });

  it('Responses: a call without its output_item.done and not in the completed response is read from its arguments.done, else its deltas; without any it is a cut', async () => {
    const whole = responseFunctionCallEvents([{ name: 'get_weather', callId: 'call_1', deltas: ['{"city": "Oslo",', ' "days": 2}'] }]);
    const expected = [{ name: 'get_weather', callId: 'call_1', arguments: '{"city": "Oslo", "days": 2}', parsedArguments: { city: 'Oslo', days: 2 }, index: 0 }];
    const withoutDone = whole.filter((e) => e.type !== 'response.output_item.done');
    expect(await lastValueFrom(from(withoutDone).pipe(parsedToolCalls(tools), toArray()))).toEqual(expected);
    const deltasOnly = withoutDone.filter((e) => e.type !== 'response.function_call_arguments.done');
    expect(await lastValueFrom(from(deltasOnly).pipe(parsedToolCalls(tools), toArray()))).toEqual(expected);
    const nothing = deltasOnly.filter((e) => e.type !== 'response.function_call_arguments.delta');
    const error = await lastValueFrom(from(nothing).pipe(parsedToolCalls(tools))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StructuredOutputIncompleteError);
  });

  it('Responses: at response.incomplete the finished calls of its response come first (a stream by id after them), then the cut is an error', async () => {
    const whole = responseFunctionCallEvents([
      { name: 'get_weather', callId: 'call_1', deltas: ['{"city": "Oslo", "days": 2}'] },
      { name: 'get_time', callId: 'call_2', deltas: ['{"zone":'] },
    ]);
    const done = (whole.find((e) => e.type === 'response.output_item.done') as { item: object }).item;
    const cutItem = { type: 'function_call', id: 'fc_1', call_id: 'call_2', name: 'get_time', arguments: '{"zone":', status: 'incomplete' };
    // A stream by id that began after the first call was done: the second's events, then response.incomplete.
    const after = whole.filter((e) => (e as { output_index?: number }).output_index === 1 && e.type !== 'response.output_item.done');
    const incomplete = { type: 'response.incomplete', sequence_number: 99, response: response('incomplete', [done, cutItem] as never[], { incomplete_details: { reason: 'max_output_tokens' } }) } as ResponseStreamEvent;
    const seen: unknown[] = [];
    const error = await lastValueFrom(from([...after, incomplete]).pipe(parsedToolCalls(tools), tap((call) => seen.push(call)))).catch((e: unknown) => e);
    expect(seen).toMatchObject([{ name: 'get_weather', callId: 'call_1', parsedArguments: { city: 'Oslo', days: 2 }, index: 0 }]);
    expect(error).toBeInstanceOf(StructuredOutputIncompleteError);
    expect(error).toMatchObject({ finishReason: 'max_output_tokens', text: '{"zone":' });
  });

  it('Responses: with gaps in output_index, each call comes once (the terminal response has it at another place)', async () => {
    // Output indexes 1 and 3 on the wire; the completed response lists the two calls at places 0 and 1. The second
    // call has no output_item.done: it comes at the terminal event, from the response, at the index its events gave.
    const whole = responseFunctionCallEvents([
      { name: 'get_weather', callId: 'call_1', deltas: ['{"city": "Oslo", "days": 2}'] },
      { name: 'get_time', callId: 'call_2', deltas: ['{"zone": "CET"}'] },
    ]);
    const items = whole.filter((e) => e.type === 'response.output_item.done').map((e) => (e as { item: object }).item);
    const gapped = whole
      .filter((e) => !(e.type === 'response.output_item.done' && (e as { output_index: number }).output_index === 1))
      .map((e) => ('output_index' in e ? { ...e, output_index: e.output_index * 2 + 1 } : e)) as ResponseStreamEvent[];
    const completed = gapped.at(-1) as ResponseStreamEvent & { response: object };
    const events = [...gapped.slice(0, -1), { ...completed, response: { ...completed.response, output: items } }] as ResponseStreamEvent[];
    const calls = await lastValueFrom(from(events).pipe(parsedToolCalls(tools), toArray()));
    expect(calls.map((c) => [c.callId, c.index])).toEqual([['call_1', 1], ['call_2', 3]]);
  });

  it('Responses: calls that share a call id, or have no ids, are each emitted once at their own index', async () => {
    const call = (id: string | undefined, callId: string | undefined, zone: string) =>
      ({ type: 'function_call', ...(id ? { id } : {}), ...(callId ? { call_id: callId } : {}), name: 'get_time', arguments: `{"zone": "${zone}"}`, status: 'completed' }) as never;
    const streamed = (index: number, item: { arguments: string }, done = true) => [
      { type: 'response.output_item.added', output_index: index, item: { ...item, arguments: '', status: 'in_progress' } },
      { type: 'response.function_call_arguments.delta', output_index: index, delta: item.arguments },
      ...(done ? [{ type: 'response.output_item.done', output_index: index, item }] : []),
    ];
    const run = async (events: object[]) => {
      const all = [{ type: 'response.created', response: response('in_progress') }, ...events].map((e, n) => ({ ...e, sequence_number: n }));
      return (await lastValueFrom(from(all as ResponseStreamEvent[]).pipe(parsedToolCalls(tools), toArray()))).map((c) => [c.index, c.parsedArguments]);
    };
    const completed = (...output: never[]) => ({ type: 'response.completed', response: response('completed', output) });
    const [a, b] = [call('fc_a', 'call_dup', 'CET'), call('fc_b', 'call_dup', 'UTC')];
    // One streamed and done, the other only in the terminal response.
    expect(await run([...streamed(0, a), completed(a, b)])).toEqual([[0, { zone: 'CET' }], [1, { zone: 'UTC' }]]);
    // Both open (no output_item.done): each takes its own index.
    expect(await run([...streamed(0, a, false), ...streamed(1, b, false), completed(a, b)])).toEqual([[0, { zone: 'CET' }], [1, { zone: 'UTC' }]]);
    // No ids at all, at output index 3: matched by their order.
    const bare = call(undefined, undefined, 'CET');
    expect(await run([...streamed(3, bare), completed(bare)])).toEqual([[3, { zone: 'CET' }]]);
    // The terminal response gives the items other item ids (a compatible server): matched by call id, once each.
    const [s1, s2] = [call('fc_s1', 'call_1', 'CET'), call('fc_s2', 'call_2', 'UTC')];
    const [t1, t2] = [call('fc_t1', 'call_1', 'CET'), call('fc_t2', 'call_2', 'UTC')];
    expect(await run([...streamed(0, s1), ...streamed(1, s2), completed(t1, t2)])).toEqual([[0, { zone: 'CET' }], [1, { zone: 'UTC' }]]);
  });

  it('Responses: at the terminal event, the calls before one whose arguments the schema refuses come out, then its error', async () => {
    const good = { type: 'function_call', id: 'fc_0', call_id: 'call_1', name: 'get_time', arguments: '{"zone": "CET"}', status: 'completed' };
    const bad = { type: 'function_call', id: 'fc_1', call_id: 'call_2', name: 'get_time', arguments: '{"zone": 5}', status: 'completed' };
    // A stream by id that began after both calls were done: only the terminal event tells them.
    const completed = { type: 'response.completed', sequence_number: 9, response: response('completed', [good, bad] as never[]) } as ResponseStreamEvent;
    const seen: unknown[] = [];
    const error = await lastValueFrom(from([completed]).pipe(parsedToolCalls(tools), tap((call) => seen.push(call)))).catch((e: unknown) => e);
    expect(seen).toMatchObject([{ callId: 'call_1', parsedArguments: { zone: 'CET' } }]);
    expect(error).toBeInstanceOf(StructuredOutputValidationError);
  });

  it('Chat: whole calls in one chunk, one the schema refuses: the calls before it come out, then its error (as in the SDK)', async () => {
    const top = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'm' };
    const call = (index: number, id: string, args: string) => ({ index, id, type: 'function', function: { name: 'get_time', arguments: args } });
    const calls = [call(0, 'call_0', '{"zone": "CET"}'), call(1, 'call_1', '{"zone": 5}'), call(2, 'call_2', '{"zone": "UTC"}')];
    const chunk = (finish: string | null, withCalls = true) => ({ ...top, choices: [{ index: 0, delta: withCalls ? { role: 'assistant', tool_calls: calls } : {}, finish_reason: finish }] });
    // The finish in the same chunk, or in the next one; a length finish after a good call and an open one.
    for (const chunks of [[chunk('tool_calls')], [chunk(null), chunk('tool_calls', false)]]) {
      const seen: unknown[] = [];
      const error = await lastValueFrom(from(chunks as never[]).pipe(parsedToolCalls(tools), tap((c) => seen.push(c)))).catch((e: unknown) => e);
      expect(seen).toMatchObject([{ callId: 'call_0', parsedArguments: { zone: 'CET' } }]);
      expect(error).toBeInstanceOf(StructuredOutputValidationError);
    }
    const cut = { ...top, choices: [{ index: 0, delta: { role: 'assistant', tool_calls: [calls[0], call(1, 'call_1', '{"zo')] }, finish_reason: 'length' }] };
    const seen: unknown[] = [];
    const error = await lastValueFrom(from([cut] as never[]).pipe(parsedToolCalls(tools), tap((c) => seen.push(c)))).catch((e: unknown) => e);
    expect(seen).toMatchObject([{ callId: 'call_0' }]);
    expect(error).toBeInstanceOf(StructuredOutputIncompleteError);
  });

  it('Responses: a second response of a stream without its response.created (a stream by id after the first) has its own calls', async () => {
    const first = responseFunctionCallEvents([{ name: 'get_time', callId: 'call_1', deltas: ['{"zone": "CET"}'] }]);
    const second = responseFunctionCallEvents([{ name: 'get_time', callId: 'call_9', deltas: ['{"zone": "UTC"}'] }]);
    const item = (second.find((e) => e.type === 'response.output_item.done') as { item: object }).item;
    const completed = { type: 'response.completed', sequence_number: 9, response: response('completed', [item] as never[], { id: 'resp_2' }) } as ResponseStreamEvent;
    const calls = await lastValueFrom(from([...first, completed]).pipe(parsedToolCalls(tools), toArray()));
    expect(calls.map((c) => c.callId)).toEqual(['call_1', 'call_9']);
  });

  it('Responses: each call with validated arguments, at its output_item.done', async () => {
    const events = responseFunctionCallEvents([
      { name: 'get_weather', callId: 'call_1', deltas: ['{"city": "Par', 'is", "days": 3}'] },
      { name: 'get_time', callId: 'call_2', deltas: ['{"zone":', ' "CET"}'] },
    ]);
    const calls = await lastValueFrom(from(events).pipe(parsedToolCalls(tools), toArray()));
    expect(calls).toEqual([
      { name: 'get_weather', callId: 'call_1', arguments: '{"city": "Paris", "days": 3}', parsedArguments: { city: 'Paris', days: 3 }, index: 0 },
      { name: 'get_time', callId: 'call_2', arguments: '{"zone": "CET"}', parsedArguments: { zone: 'CET' }, index: 1 },
    ]);
    const first = calls[0]!;
    if (first.name === 'get_weather') expect(first.parsedArguments.days).toBe(3); // narrowed by name
  });

  it('Chat Completions: each call when the next starts, the rest at the finish', async () => {
    const chunks = [
      chunk([{ delta: { role: 'assistant', tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '' } }] } }]),
      chunk([{ delta: { tool_calls: [{ index: 0, function: { arguments: '{"city": "Oslo",' } }] } }]),
      chunk([{ delta: { tool_calls: [{ index: 0, function: { arguments: ' "days": 1}' } }] } }]),
      chunk([{ delta: { tool_calls: [{ index: 1, id: 'call_2', type: 'function', function: { name: 'get_time', arguments: '{"zone"' } }] } }]),
      chunk([{ delta: { tool_calls: [{ index: 1, function: { arguments: ': "UTC"}' } }] } }]),
      chunk([{ delta: {}, finish_reason: 'tool_calls' }]),
    ];
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    scheduler.run(({ cold, expectObservable }) => {
      const source = cold('abcdef|', { a: chunks[0], b: chunks[1], c: chunks[2], d: chunks[3], e: chunks[4], f: chunks[5] });
      expectObservable(source.pipe(parsedToolCalls(tools))).toBe('---x-y|', {
        x: { name: 'get_weather', callId: 'call_1', arguments: '{"city": "Oslo", "days": 1}', parsedArguments: { city: 'Oslo', days: 1 }, index: 0 },
        y: { name: 'get_time', callId: 'call_2', arguments: '{"zone": "UTC"}', parsedArguments: { zone: 'UTC' }, index: 1 },
      });
    });
  });

  it('typed errors: unknown tool, bad arguments, invalid JSON, a cut', async () => {
    const unknown = responseFunctionCallEvents([{ name: 'delete_all', callId: 'call_9', deltas: ['{}'] }]);
    const e1 = await errorOf(from(unknown).pipe(parsedToolCalls(tools)));
    expect(e1).toBeInstanceOf(StructuredOutputUnknownToolError);
    expect((e1 as StructuredOutputUnknownToolError).toolName).toBe('delete_all');

    const wrong = responseFunctionCallEvents([{ name: 'get_weather', callId: 'call_1', deltas: ['{"city": 1, "days": 3}'] }]);
    const e2 = await errorOf(from(wrong).pipe(parsedToolCalls(tools)));
    expect(e2).toBeInstanceOf(StructuredOutputValidationError);
    expect((e2 as StructuredOutputValidationError).toolName).toBe('get_weather');
    expect((e2 as StructuredOutputValidationError).callId).toBe('call_1');

    expect((e2 as Error).message).toMatch(/^The arguments of tool call "get_weather" do not match its schema at city/);

    // Invalid JSON names the call too, and keeps the whole arguments.
    const broken = responseFunctionCallEvents([{ name: 'get_time', callId: 'call_1', deltas: ['{"zone": "CET"'] }]);
    const e3 = await errorOf(from(broken).pipe(parsedToolCalls(tools)));
    expect(e3).toBeInstanceOf(StructuredOutputParseError);
    expect(e3).toMatchObject({ toolName: 'get_time', callId: 'call_1', text: '{"zone": "CET"', offset: 14, path: '$.zone' });
    expect((e3 as Error).message).toMatch(/^Invalid JSON in the arguments of tool call "get_time": /);

    const cut = [
      chunk([{ delta: { tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get_time', arguments: '{"zo' } }] } }]),
      chunk([{ delta: {}, finish_reason: 'length' }]),
    ];
    const e4 = await errorOf(from(cut).pipe(parsedToolCalls(tools)));
    expect(e4).toBeInstanceOf(StructuredOutputIncompleteError);
    expect((e4 as StructuredOutputIncompleteError).finishReason).toBe('length');

    const added = responseFunctionCallEvents([{ name: 'get_time', callId: 'call_1', deltas: ['{"zo'] }]).slice(0, 3);
    const e5 = await errorOf(from([...added, responseIncomplete('max_output_tokens')]).pipe(parsedToolCalls(tools)));
    expect(e5).toBeInstanceOf(StructuredOutputIncompleteError);
  });

  describe('custom tool calls pass through unparsed (free-form input, not JSON arguments)', () => {
    // A custom call next to a function call, as the reviewer's c5 sends them (gpt-5 with a `custom` tool).
    const customCall = (input: string, finish: string) => [
      chunk([{ delta: { role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_c', type: 'custom', custom: { name: 'run_sql', input: '' } }] } } as never]),
      chunk([{ delta: { tool_calls: [{ index: 0, custom: { input } }] } } as never]),
      chunk([{ delta: { tool_calls: [{ index: 1, id: 'call_f', type: 'function', function: { name: 'get_time', arguments: '{"zone":"CET"}' } }] } } as never]),
      chunk([{ delta: {}, finish_reason: finish as never }]),
    ];

    it('Chat Completions: the function call is emitted, the custom call is not, and the stream does not fail, as the SDK parses them', async () => {
      const chunks = customCall('SELECT 1', 'tool_calls');
      const calls = await lastValueFrom(from(chunks).pipe(parsedToolCalls(tools), toArray()));
      expect(calls).toEqual([{ name: 'get_time', callId: 'call_f', arguments: '{"zone":"CET"}', parsedArguments: { zone: 'CET' }, index: 1 }]);
      // The SDK over the same bytes: it parses the function call and leaves the custom call's input as it is.
      const sdk = sdkClientOver([chatSse(chunks)]).chat.completions.stream({
        model: 'gpt-5',
        messages: [],
        tools: [{ type: 'custom', custom: { name: 'run_sql' } }, sdkZodFunction({ name: 'get_time', parameters: GetTime })],
      });
      const sdkCalls = (await sdk.finalChatCompletion()).choices[0]!.message.tool_calls!;
      expect(sdkCalls.map((c) => (c.type === 'function' ? c.function.parsed_arguments : c.custom.input))).toEqual([
        'SELECT 1',
        calls[0]!.parsedArguments,
      ]);
      // From the wire, too.
      expect(await lastValueFrom(chatCompletionChunks(streamOf([chatSse(chunks)])).pipe(parsedToolCalls(tools), toArray()))).toEqual(calls);
    });

    it('a cut custom call alone is not a cut function call (no StructuredOutputIncompleteError); Responses custom items are skipped', async () => {
      const cut = customCall('SELECT', 'length').filter((_, i) => i !== 2);
      expect(await lastValueFrom(from(cut).pipe(parsedToolCalls(tools), toArray()))).toEqual([]);

      // Responses: a custom_tool_call item is skipped, the function call beside it emitted.
      const [created, ...rest] = responseFunctionCallEvents([{ name: 'get_time', callId: 'call_f', deltas: ['{"zone":"CET"}'] }]);
      const item = { type: 'custom_tool_call', id: 'ctc_9', call_id: 'call_c', name: 'run_sql', input: 'SELECT' };
      const custom = [
        { type: 'response.output_item.added', output_index: 9, item: { ...item, input: '' } },
        { type: 'response.custom_tool_call_input.delta', item_id: 'ctc_9', output_index: 9, delta: 'SELECT' },
        { type: 'response.output_item.done', output_index: 9, item },
      ] as unknown as ResponseStreamEvent[];
      const calls = await lastValueFrom(from([created!, ...custom, ...rest]).pipe(parsedToolCalls(tools), toArray()));
      expect(calls.map((c) => [c.name, c.callId])).toEqual([['get_time', 'call_f']]);
    });
  });

  it('take(1) stops the synchronous source after the first call', () => {
    const events = responseFunctionCallEvents([
      { name: 'get_time', callId: 'call_1', deltas: ['{"zone": "A"}'] },
      { name: 'get_time', callId: 'call_2', deltas: ['{"zone": "B"}'] },
    ]);
    const { source, produced, finalized } = counted(events);
    const got: unknown[] = [];
    source.pipe(parsedToolCalls(tools), take(1)).subscribe((c) => got.push(c));
    expect(got).toHaveLength(1);
    expect(produced()).toBe(5); // created, added, delta, done, item done
    expect(finalized()).toBe(true);
  });

  it('is cold: each subscription has its own state', async () => {
    const events = responseFunctionCallEvents([{ name: 'get_time', callId: 'call_1', deltas: ['{"zone": "A"}'] }]);
    const calls$ = from(events).pipe(parsedToolCalls(tools));
    expect(await firstValueFrom(calls$)).toEqual(await firstValueFrom(calls$));
    expect(await lastValueFrom(of(...chatContentChunks(['{}'])).pipe(parsedToolCalls(tools), toArray()))).toEqual([]);
  });
});

describe('what is no zod schema', () => {
  it('is a TypeError when the operator is made, naming it and what came (a name, a JSON schema, a parser)', () => {
    const message = (where: string, got: string) => new TypeError(`${where}: expected a zod schema (zod 4, zod/mini or zod 3) (got ${got})`);
    expect(() => finalParsed('Recipe' as never)).toThrow(message('finalParsed', 'string'));
    expect(() => finalParsed({ parse: JSON.parse } as never)).toThrow(message('finalParsed', 'Object'));
    expect(() => partialParsed(null as never)).toThrow(message('partialParsed', 'null'));
    expect(() => partialParsed()).not.toThrow();
    expect(() => structuredOutput({} as never)).toThrow(message('structuredOutput', 'Object'));
    expect(() => structuredOutput(undefined as never)).toThrow(message('structuredOutput', 'undefined'));
    expect(() => parsedToolCalls({ get_weather: { type: 'object' } } as never)).toThrow(message('parsedToolCalls: tool "get_weather"', 'Object'));
    expect(() => parsedToolCalls('get_weather' as never)).toThrow(new TypeError('parsedToolCalls: expected an object of tool names and zod schemas (got string)'));
    const final = { id: 'resp_1', object: 'response', status: 'completed', output: [], output_text: '{}' };
    expect(() => parseStructuredOutput(final as never, { type: 'object' } as never)).toThrow(message('parseStructuredOutput', 'Object'));
  });
});

describe('types (checked by tsc)', () => {
  it('partials are DeepPartial of the schema output; parsed values are the output; calls narrow by name', async () => {
    const values = chatContentChunks(pieces(recipeText));
    const partials = await lastValueFrom(from(values).pipe(partialParsed(Recipe), toArray()));
    const title: string | undefined = partials[0]!.title;
    const minutes: number | null | undefined = partials[0]!.steps?.[0]?.minutes;
    // @ts-expect-error not a property of the schema
    void partials[0]!.calories;
    const parsed = await lastValueFrom(from(values).pipe(finalParsed(Recipe)));
    const servings: number = parsed.servings;
    // @ts-expect-error the parsed output is complete: title is a string, never undefined
    const notOptional: undefined = parsed.title;
    const calls$ = from(values).pipe(parsedToolCalls({ a: z.object({ x: z.number() }), b: z.object({ y: z.string() }) }));
    calls$.subscribe((call) => {
      if (call.name === 'a') void (call.parsedArguments.x satisfies number);
      // @ts-expect-error `y` belongs to tool b only
      else void call.parsedArguments.x;
    });
    expect([title, minutes, servings, notOptional]).toEqual([undefined, undefined, 4, recipe.title]);
  });
});

describe('structured output from compatible servers: chunks whose `object` is not `chat.completion.chunk`', () => {
  it.each([['absent', undefined], ['chat.completion', 'chat.completion'], ['empty', '']])(
    '`object` %s: finalParsed and parsedToolCalls read the chunks as chunks',
    async (_, object) => {
      const relabel = (chunks: ChatCompletionChunk[]) =>
        chunks.map((c) => {
          const { object: _object, ...rest } = c as ChatCompletionChunk & { object?: string };
          return (object === undefined ? rest : { ...rest, object }) as unknown as ChatCompletionChunk;
        });
      const content = relabel(chatContentChunks(pieces(recipeText, 7)));
      expect(await lastValueFrom(from(content).pipe(finalParsed(Recipe)))).toEqual(recipe);
      const call = relabel([
        chunk([{ delta: { tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get_time', arguments: '{"zone": "UTC"}' } }] } }]),
        chunk([{ delta: {}, finish_reason: 'tool_calls' }]),
      ]);
      const calls = await lastValueFrom(from(call).pipe(parsedToolCalls({ get_time: z.object({ zone: z.string() }) }), toArray()));
      expect(calls.map((c) => c.parsedArguments)).toEqual([{ zone: 'UTC' }]);
    },
  );
});

describe('parsedToolCalls() of namespaced Responses function calls', () => {
  /** A response calling `search` in two namespaces. */
  function namespacedCalls(calls: Array<{ namespace: string; name: string; callId: string; args: string }>): ResponseStreamEvent[] {
    let seq = 0;
    const e = (event: object) => ({ ...event, sequence_number: seq++ }) as ResponseStreamEvent;
    const items = calls.map((c, i) => ({ type: 'function_call', id: `fc_${i}`, call_id: c.callId, namespace: c.namespace, name: c.name, arguments: c.args, status: 'completed' }));
    return [
      e({ type: 'response.created', response: response('in_progress') }),
      ...items.flatMap((item, output_index) => [
        e({ type: 'response.output_item.added', output_index, item: { ...item, arguments: '', status: 'in_progress' } }),
        e({ type: 'response.function_call_arguments.done', item_id: item.id, output_index, name: item.name, arguments: item.arguments }),
        e({ type: 'response.output_item.done', output_index, item }),
      ]),
      e({ type: 'response.completed', response: response('completed', items as never) }),
    ];
  }
  const events = namespacedCalls([
    { namespace: 'crm', name: 'search', callId: 'call_1', args: '{"query":"ACME"}' },
    { namespace: 'docs', name: 'search', callId: 'call_2', args: '{"limit":3}' },
  ]);

  it('keep their namespace, so calls of two namespaces are told apart', async () => {
    const calls = await lastValueFrom(from(events).pipe(parsedToolCalls({ search: z.object({}).passthrough() }), toArray()));
    expect(calls.map((call) => [call.name, call.namespace, call.callId])).toEqual([
      ['search', 'crm', 'call_1'],
      ['search', 'docs', 'call_2'],
    ]);
  });

  it("take the schema of their qualified name when there is one (as the SDK picks a tool by namespace and name)", async () => {
    const tools = { 'crm.search': z.object({ query: z.string() }), search: z.object({ limit: z.number() }) };
    const calls = await lastValueFrom(from(events).pipe(parsedToolCalls(tools), toArray()));
    expect(calls.map((call) => [call.name, call.namespace, call.parsedArguments])).toEqual([
      ['crm.search', 'crm', { query: 'ACME' }],
      ['search', 'docs', { limit: 3 }],
    ]);
  });
});
