/**
 * The last event of a body that ends without its closing blank line, or even without its final line end, is
 * delivered (as the official SDK dispatches it) by every typed source: Responses, Chat Completions, Assistants.
 */
import { lastValueFrom, toArray } from 'rxjs';
import { assistantEvents, chatCompletionChunks, IncompleteStreamError, responseEvents } from '../../src/index';
import { chunksAtEdges, chunksOf, fixtureBytes, streamOf } from '../helpers/bytes';
import { expectSameAnswers, ours, sdk } from '../responses/sdk-parity';

const text = (folder: string, name: string) => new TextDecoder().decode(fixtureBytes(folder, name));
/** The body without the line ends after its last event. */
const bare = (body: string) => body.replace(/[\r\n]+$/, '');
const TAILS = ['\n', '\r', '\r\n', ''];
const encode = (body: string) => new TextEncoder().encode(body);

describe('the last event of a body cut after it', () => {
  it.each(TAILS.map((tail) => [JSON.stringify(tail), tail]))(
    "Responses (%s): the stream completes with response.completed, as the SDK's does",
    async (_, tail) => {
      for (const name of ['azure-text.sse', 'web-search-annotations.sse']) {
        const bytes = encode(bare(text('responses-recorded', name)) + tail);
        // Seven bytes at a time where the body ends (and where it starts), the middle of a long one in large pieces.
        const mine = await ours(chunksAtEdges(bytes, 7));
        expect(mine.events.at(-1)?.type).toBe('response.completed');
        expectSameAnswers(mine, await sdk(chunksAtEdges(bytes, 7)));
      }
    },
  );

  it.each(TAILS.map((tail) => [JSON.stringify(tail), tail]))('Chat Completions (%s): every chunk arrives', async (_, tail) => {
    // Chat streams end at `data: [DONE]`: that is the event whose line ends are cut.
    const whole = text('chat-completions', 'parallel-tool-calls.sse');
    const expected = await lastValueFrom(chatCompletionChunks(streamOf([encode(whole)])).pipe(toArray()));
    const cut = await lastValueFrom(
      chatCompletionChunks(streamOf(chunksOf(encode(`${whole.replace(/[\r\n]+$/, '')}${tail}`), 5))).pipe(toArray()),
    );
    expect(cut).toEqual(expected);
    expect(cut.at(-1)?.usage).toBeTruthy();
  });

  it.each(TAILS.map((tail) => [JSON.stringify(tail), tail]))('Assistants (%s): every event arrives', async (_, tail) => {
    // This published run stream ends at `event: done` + `data: [DONE]`, without which it would be cut.
    const whole = text('assistants', 'create-thread-and-run.sse');
    const expected = await lastValueFrom(assistantEvents(streamOf([encode(whole)])).pipe(toArray()));
    const cut = await lastValueFrom(
      assistantEvents(streamOf(chunksOf(encode(`${whole.replace(/[\r\n]+$/, '')}${tail}`), 5))).pipe(toArray()),
    );
    expect(cut).toEqual(expected);
    expect(cut.length).toBeGreaterThan(5);
  });

  it('Responses: a payload cut at the end is a cut stream (IncompleteStreamError, the half event named in its cause), after every whole event', async () => {
    const body = bare(text('responses-recorded', 'azure-text.sse'));
    const cut = body.slice(0, body.lastIndexOf('"usage"'));
    const values: unknown[] = [];
    const error = await new Promise((resolve) =>
      responseEvents(streamOf([encode(cut)])).subscribe({ next: (v) => values.push(v), error: resolve }),
    );
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect(error).toMatchObject({ receivedEvents: 8, lastResponseStatus: 'in_progress' });
    expect(((error as Error).cause as Error).message).toMatch(/^The body ended in the middle of an event "response\.completed": \{/);
    expect(values).toHaveLength(8);
  });
});
