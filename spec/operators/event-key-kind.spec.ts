/**
 * A compatible server may add an `event` key to its Responses events' JSON (the SSE event name, repeated): the
 * operators of every stream still read them as Responses events, by their `type`.
 */
import { lastValueFrom, toArray } from 'rxjs';
import { accumulateResponse, fromOpenAIStream, responseEvents, streamKindOf, streamMetrics, textDeltas, toolCallDeltas } from '../../src/index';
import { fixtureBytes } from '../helpers/bytes';

const withEventKey = (file: string) => () =>
  new Response(new TextDecoder().decode(fixtureBytes('responses-recorded', file)).replace(/^data: \{/gm, 'data: {"event":"message",'));

describe('Responses events that carry an `event` key', () => {
  it('textDeltas() gives their text, as accumulateResponse() reads it', async () => {
    const source = withEventKey('azure-text.sse');
    const final = await lastValueFrom(responseEvents(source).pipe(accumulateResponse()));
    const text = (await lastValueFrom(responseEvents(source).pipe(textDeltas(), toArray()))).join('');
    expect(text).toBe(final.output_text);
    expect(text.length).toBeGreaterThan(0);
  });

  it('toolCallDeltas(), streamMetrics() and streamKindOf() read them as Responses events', async () => {
    const source = withEventKey('swiftagent-function-call.sse');
    const events = await lastValueFrom(responseEvents(source).pipe(toArray()));
    const metrics = await lastValueFrom(responseEvents(source).pipe(streamMetrics({ now: () => 0 })));
    const calls = await lastValueFrom(responseEvents(source).pipe(toolCallDeltas(), toArray()));
    expect({ kind: streamKindOf(events[0]), calls: calls.length > 0, metrics: [metrics.kind, metrics.deltaCount > 0, metrics.finishReason] }).toEqual({
      kind: 'responses',
      calls: true,
      metrics: ['responses', true, 'completed'],
    });
  });

  it('fromOpenAIStream() completes a whole stream of them (not a cut)', async () => {
    const events = await lastValueFrom(responseEvents(withEventKey('azure-text.sse')).pipe(toArray()));
    async function* sdkStream() {
      yield* events;
    }
    expect(await lastValueFrom(fromOpenAIStream(sdkStream()).pipe(toArray()))).toHaveLength(events.length);
  });
});
