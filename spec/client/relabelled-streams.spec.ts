/**
 * An event stream under another label (`text/plain`, `application/octet-stream`, none: a proxy that relabelled a
 * live stream) is read event by event as it arrives, over real HTTP: nothing waits for the end of the body, and a
 * cut after some events is a cut (`IncompleteStreamError` after them), not "no event stream at all".
 */
import { createClient, IncompleteStreamError, StreamNotEstablishedError, type ChatCompletionChunk } from '../../src/index';
import { listen } from '../helpers/local-server';

const chunk = (content: string, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: finish }] })}\n\n`;

/**
 * A server whose chat stream, labelled `label` (or not at all), sends its first chunk, then waits until
 * `release()` before its second, and until `release()` again before the end (`[DONE]`, or a reset when `cut`).
 */
async function heldServer(label: string, cut = false) {
  const gates: Array<() => void> = [];
  const opened = [new Promise<void>((resolve) => gates.push(resolve)), new Promise<void>((resolve) => gates.push(resolve))];
  const release = () => gates.shift()?.();
  const server = await listen((_req, res) => {
    res.writeHead(200, label === 'no content type' ? {} : { 'content-type': label });
    res.write(chunk('Hel'));
    void opened[0]!.then(() => {
      res.write(chunk('lo'));
      return opened[1]!.then(() => {
        if (cut) res.socket?.destroy();
        else res.end(chunk('', 'stop') + 'data: [DONE]\n\n');
      });
    });
  });
  return { server, release };
}

/**
 * Streams a chat completion from `heldServer(label, cut)`, letting the server go on after each of the first two
 * chunks came (so each came while the server still held the rest): the chunks, and how the stream ended.
 */
async function streamHeld(label: string, cut = false): Promise<{ values: ChatCompletionChunk[]; end: unknown }> {
  const { server, release } = await heldServer(label, cut);
  try {
    const client = createClient({ apiKey: 'k', baseURL: server.url, maxRetries: 0 });
    const values: ChatCompletionChunk[] = [];
    const end = await new Promise<unknown>((resolve) =>
      client.chat.completions.stream({ model: 'm', messages: [] }).subscribe({
        next: (value) => {
          values.push(value);
          if (values.length <= 2) release();
        },
        error: resolve,
        complete: () => resolve('complete'),
      }),
    );
    return { values, end };
  } finally {
    release();
    release();
    await server.close();
  }
}

describe('a live event stream under another label', () => {
  it.each([['text/plain'], ['application/octet-stream'], ['no content type']])('%s: each event as it arrives, every one, then the end', async (label) => {
    const { values, end } = await streamHeld(label);
    expect(end).toBe('complete');
    expect(values.map((v) => v.choices[0]!.delta?.content)).toEqual(['Hel', 'lo', '']);
  });

  it('cut after two events: IncompleteStreamError after them, not StreamNotEstablishedError', async () => {
    const { values, end } = await streamHeld('text/plain', true);
    expect(values).toHaveLength(2);
    expect(end).toBeInstanceOf(IncompleteStreamError);
    expect(end).toMatchObject({ completionId: 'chatcmpl-1', receivedEvents: 2 });
  });

  it('a body under another label that is no event stream (a JSON answer, a page) is StreamNotEstablishedError showing its start', async () => {
    for (const [label, body] of [['application/json', '{"id":"chatcmpl-1","object":"chat.completion"}'], ['text/html', '<html><body>Gateway</body></html>']] as const) {
      const server = await listen((_req, res) => {
        res.writeHead(200, { 'content-type': label });
        res.end(body);
      });
      try {
        const client = createClient({ apiKey: 'k', baseURL: server.url, maxRetries: 0 });
        const error = await new Promise<unknown>((resolve) =>
          client.chat.completions.stream({ model: 'm', messages: [] }).subscribe({ error: resolve, complete: () => resolve('complete') }),
        );
        expect(error).toBeInstanceOf(StreamNotEstablishedError);
        expect((error as Error).message).toContain(body.slice(0, 20));
      } finally {
        await server.close();
      }
    }
  });
});
