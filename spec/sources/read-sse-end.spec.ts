import { get, type IncomingMessage, type ServerResponse } from 'node:http';
import { lastValueFrom, toArray } from 'rxjs';
import { assistantEvents, type ByteSource } from '../../src/index';
import { listen, type LocalServer } from '../helpers/local-server';

// A run stream that ends by its protocol (`event: done`) over fetch reads the body's end rather than cancelling the
// body (no abort per stream; see readSSE), but a body the server holds open, or goes on sending, after the end is
// still released: whether the bytes come as a fetch `Response`, from a factory of one, or from a factory of a Node
// response (an async iterable, which a pending read would hold open).

const sources: Record<string, (url: string) => Promise<ByteSource>> = {
  'a fetch Response': (url) => fetch(url),
  'a factory of a fetch Response': async (url) => (signal: AbortSignal) => fetch(url, { signal }),
  'a factory of a Node response': async (url) => () => new Promise<IncomingMessage>((resolve) => get(url, resolve)),
};

const DONE = 'event: done\ndata: [DONE]\n\n';
const RUN = `event: thread.run.completed\ndata: ${JSON.stringify({ id: 'run_1', object: 'thread.run', thread_id: 'thread_1', status: 'completed' })}\n\n`;

describe.each(Object.entries(sources))('readSSE after the protocol end (%s)', (_kind, source) => {
  let server: LocalServer;
  let url: string;
  let respond: (res: ServerResponse) => void;
  let outcome: Promise<'complete' | 'aborted'>;

  beforeEach(async () => {
    let settle: (value: 'complete' | 'aborted') => void;
    outcome = new Promise((resolve) => (settle = resolve));
    server = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      // `close` before `finish`: the client went away before the whole response was sent.
      res.on('finish', () => settle('complete'));
      res.on('close', () => settle(res.writableFinished ? 'complete' : 'aborted'));
      respond(res);
    });
    url = `${server.url}/`;
  });

  afterEach(() => server.close());

  it('still releases a body the server holds open after `done`', async () => {
    let socketClosed!: Promise<void>;
    respond = (res) => {
      socketClosed = new Promise((resolve) => res.socket!.once('close', () => resolve()));
      res.write(RUN);
      res.write(DONE); // and never ends
    };
    const events = await lastValueFrom(assistantEvents(await source(url)).pipe(toArray()));
    expect(events.map((event) => event.event)).toEqual(['thread.run.completed']);
    // Resolves only when the client closes the connection; jest's timeout fails the test otherwise.
    await socketClosed;
    await expect(outcome).resolves.toBe('aborted');
  });

  it('cancels a body that sends more after `done` (what follows is not read as events)', async () => {
    respond = (res) => {
      res.write(RUN + DONE);
      const timer = setInterval(() => res.write(RUN), 5);
      res.on('close', () => clearInterval(timer));
    };
    const events = await lastValueFrom(assistantEvents(await source(url)).pipe(toArray()));
    expect(events.map((event) => event.event)).toEqual(['thread.run.completed']);
    await expect(outcome).resolves.toBe('aborted');
  });
});
