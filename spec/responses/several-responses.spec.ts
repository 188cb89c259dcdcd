/**
 * Streams that are not one response from its start: the events of several responses in one stream (a tool loop's
 * turns: one snapshot per response, the last one final), and a background response picked up with
 * `stream({ response_id, starting_after })`, whose events before `starting_after` never arrive: `finalResponse()`
 * gives the whole response of its terminal event (as the official SDK's `finalResponse()` does after a resume, on
 * the same emulator), `accumulateResponse()` fails with `MissingStreamStartError`, which says why and what to do.
 */
import OpenAI from 'openai';
import { firstValueFrom, from, lastValueFrom, takeLast, toArray } from 'rxjs';
import {
  accumulateResponse,
  finalResponse,
  MissingResponseError,
  MissingStreamStartError,
  responseReducer,
  type ResponseSnapshot,
  type ResponseStreamEvent,
  SnapshotError,
} from '../../src/index';
import { useEmulator } from '../helpers/emulator';
import { withoutParsed } from '../helpers/sdk';
import { sdk } from './sdk-parity';
import { response, sse } from './stream';

const text = (value: string) => ({ type: 'output_text', text: value, annotations: [], logprobs: [] });

/** A turn that calls a function (response `resp_1`), as the emulator streams one. */
function callTurn(): ResponseStreamEvent[] {
  const call = { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'get_weather', arguments: '', status: 'in_progress' };
  const done = { ...call, arguments: '{"city":"Oslo"}', status: 'completed' };
  const r = (status: 'in_progress' | 'completed', output: unknown[] = []) => response(status, output as never, { id: 'resp_1' });
  return [
    { type: 'response.created', sequence_number: 0, response: r('in_progress') },
    { type: 'response.in_progress', sequence_number: 1, response: r('in_progress') },
    { type: 'response.output_item.added', sequence_number: 2, output_index: 0, item: call },
    { type: 'response.function_call_arguments.delta', sequence_number: 3, output_index: 0, item_id: 'fc_1', delta: '{"city":"Oslo"}' },
    { type: 'response.function_call_arguments.done', sequence_number: 4, output_index: 0, item_id: 'fc_1', arguments: '{"city":"Oslo"}' },
    { type: 'response.output_item.done', sequence_number: 5, output_index: 0, item: done },
    { type: 'response.completed', sequence_number: 6, response: r('completed', [done]) },
  ] as unknown as ResponseStreamEvent[];
}

/** The answer (response `resp_2`): one message, given as `lifecycle` (created, or in_progress only). */
function answerTurn(first: 'response.created' | 'response.in_progress' = 'response.created'): ResponseStreamEvent[] {
  const message = { type: 'message', id: 'msg_2', status: 'in_progress', role: 'assistant', content: [] as unknown[] };
  const whole = { ...message, status: 'completed', content: [text('Sunny.')] };
  const r = (status: 'in_progress' | 'completed', output: unknown[] = []) =>
    response(status, output as never, { id: 'resp_2', previous_response_id: 'resp_1' });
  return [
    { type: first, sequence_number: 0, response: r('in_progress') },
    { type: 'response.output_item.added', sequence_number: 1, output_index: 0, item: message },
    { type: 'response.content_part.added', sequence_number: 2, output_index: 0, item_id: 'msg_2', content_index: 0, part: text('') },
    { type: 'response.output_text.delta', sequence_number: 3, output_index: 0, item_id: 'msg_2', content_index: 0, delta: 'Sun', logprobs: [] },
    { type: 'response.output_text.delta', sequence_number: 4, output_index: 0, item_id: 'msg_2', content_index: 0, delta: 'ny.', logprobs: [] },
    { type: 'response.output_text.done', sequence_number: 5, output_index: 0, item_id: 'msg_2', content_index: 0, text: 'Sunny.', logprobs: [] },
    { type: 'response.content_part.done', sequence_number: 6, output_index: 0, item_id: 'msg_2', content_index: 0, part: text('Sunny.') },
    { type: 'response.output_item.done', sequence_number: 7, output_index: 0, item: whole },
    { type: 'response.completed', sequence_number: 8, response: r('completed', [whole]) },
  ] as unknown as ResponseStreamEvent[];
}

const snapshotsOf = (events: readonly ResponseStreamEvent[]) => lastValueFrom(from(events).pipe(accumulateResponse(), toArray()));
const finalOf = (events: readonly ResponseStreamEvent[]) => lastValueFrom(from(events).pipe(finalResponse()));

describe('the events of several responses in one stream', () => {
  it("one snapshot per response: the second turn's snapshots are its own stream's, and the final response is the last one, as the SDK gives it per turn", async () => {
    const [one, two] = [callTurn(), answerTurn()];
    const snapshots = await snapshotsOf([...one, ...two]);
    expect(snapshots).toEqual([...(await snapshotsOf(one)), ...(await snapshotsOf(two))]);
    expect(snapshots.slice(one.length).map((s) => [s.id, s.output.map((item) => item.type)])).toEqual(
      two.map(() => ['resp_2', expect.not.arrayContaining(['function_call'])]),
    );
    const final = await finalOf([...one, ...two]);
    expect(final).toEqual(withoutParsed((await sdk([sse(two)])).final));
    expect(final).toMatchObject({ id: 'resp_2', output_text: 'Sunny.', output: [{ type: 'message' }] });
  });

  it('a response.in_progress of another response starts anew too (a turn without response.created)', async () => {
    const snapshots = await snapshotsOf([...callTurn(), ...answerTurn('response.in_progress')]);
    const at = callTurn().length;
    expect(snapshots[at]).toMatchObject({ id: 'resp_2', output: [], output_text: '' });
    expect(snapshots.at(-1)).toEqual((await snapshotsOf(answerTurn())).at(-1));
  });

  it("a terminal event of another response does not take the output built for the one before", () => {
    const [one] = [callTurn()];
    const before = one.slice(0, 6).reduce<ResponseSnapshot | undefined>(responseReducer, undefined)!;
    // A terminal event without `output` takes the items built so far, of its own response only.
    const other = { type: 'response.completed', sequence_number: 9, response: { ...response('completed', [], { id: 'resp_9' }), output: undefined } };
    const same = { ...other, response: { ...other.response, id: 'resp_1' } };
    expect(responseReducer(before, other as unknown as ResponseStreamEvent)).toMatchObject({ id: 'resp_9', output: [] });
    expect(responseReducer(before, same as unknown as ResponseStreamEvent)!.output).toEqual(before.output);
  });

  it('the reducer stays pure: the snapshot of the response before is left as it was', () => {
    const one = callTurn();
    const last = one.reduce<ResponseSnapshot | undefined>(responseReducer, undefined)!;
    const copy = structuredClone(last);
    const next = responseReducer(last, answerTurn()[0]!)!;
    expect(last).toEqual(copy);
    expect(next.output).not.toBe(last.output);
  });
});

describe('a stream that began after its start (no emulator)', () => {
  const events = answerTurn();
  const resumed = events.slice(4); // after sequence_number 3: the second delta, the done events, response.completed

  it('finalResponse() gives the response of the terminal event; accumulateResponse() fails with MissingStreamStartError (a sequence_number above 0 shows the resume)', async () => {
    expect(await finalOf(resumed)).toEqual(await finalOf(events));
    const error = await lastValueFrom(from(resumed).pipe(accumulateResponse())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingStreamStartError);
    expect(error).toBeInstanceOf(SnapshotError);
    expect(error).toMatchObject({ name: 'MissingStreamStartError', eventName: 'response.output_text.delta', sequenceNumber: 4 });
    expect((error as Error).message).toMatch(/starting_after/);
    expect((error as Error).message).toMatch(/finalResponse\(\)/);
    // An output event first that does not show a resume (sequence_number 0, or none) is the SnapshotError it was.
    for (const sequence_number of [0, undefined]) {
      const first = { ...resumed[0]!, sequence_number } as ResponseStreamEvent;
      for (const operator of [accumulateResponse(), finalResponse()]) {
        const error = await lastValueFrom(from([first, ...resumed.slice(1)]).pipe(operator)).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(SnapshotError);
        expect(error).not.toBeInstanceOf(MissingStreamStartError);
        expect((error as Error).message).toMatch(/before the response was created/);
      }
    }
  });

  it('without a terminal event (or one without its output) finalResponse() fails with MissingStreamStartError, never a partial response', async () => {
    const cut = resumed.slice(0, -1);
    const error = await finalOf(cut).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingStreamStartError);
    expect(error).not.toBeInstanceOf(MissingResponseError);
    expect(error).toMatchObject({ sequenceNumber: 4 });
    expect((error as Error).message).toMatch(/no terminal event/);
    const terminal = resumed.at(-1) as unknown as { response: object };
    const bare = { ...terminal, response: { ...terminal.response, output: undefined } } as unknown as ResponseStreamEvent;
    await expect(finalOf([...cut, bare])).rejects.toBeInstanceOf(MissingStreamStartError);
  });

  it('a next response from its start (a tool loop resumed mid-turn) is whole again', async () => {
    const final = await finalOf([...resumed.slice(0, -1), ...callTurn()]);
    expect(final).toEqual(await finalOf(callTurn()));
  });
});

describe('stream({ response_id, starting_after }) of a background response, against the emulator', () => {
  const ctx = useEmulator();
  const INPUT = 'Write three words please';

  it("finalResponse() equals the SDK's finalResponse() after the same resume; accumulateResponse() says why it cannot", async () => {
    const created = await firstValueFrom(ctx.client.responses.create({ model: 'gpt-4o', input: INPUT, background: true }));
    const all = await lastValueFrom(ctx.client.responses.stream({ response_id: created.id }).pipe(toArray()));
    // After the first text delta: the resumed stream misses part of the text.
    const startingAfter = all.findIndex((e) => e.type === 'response.output_text.delta');
    expect(startingAfter).toBeGreaterThan(0);

    const ours = await lastValueFrom(ctx.client.responses.stream({ response_id: created.id, starting_after: startingAfter }).pipe(finalResponse()));
    expect(ours).toEqual(await lastValueFrom(from(all).pipe(finalResponse())));
    expect(ours).toMatchObject({ status: 'completed', output_text: `You said: ${INPUT}` });

    // The SDK, resuming the same response at the same point (it streams it all and filters locally).
    const sdkClient = new OpenAI({ apiKey: 'test', baseURL: ctx.emulator.url, maxRetries: 0 });
    const sdkStream = sdkClient.responses.stream({ response_id: created.id, starting_after: startingAfter });
    expect(ours).toEqual(withoutParsed(await sdkStream.finalResponse()));

    const error = await lastValueFrom(
      ctx.client.responses.stream({ response_id: created.id, starting_after: startingAfter }).pipe(accumulateResponse(), takeLast(1)),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingStreamStartError);
    expect(error).toMatchObject({ sequenceNumber: startingAfter + 1, eventName: all[startingAfter + 1]!.type });
  });
});
