import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A node:http server on 127.0.0.1 for a test: where it listens, and how to stop it. */
export interface LocalServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly url: string;
  /** Ends every open connection and stops listening. */
  close(): Promise<void>;
}

/**
 * Serves `handler` on a free port of 127.0.0.1, for tests that need a real HTTP peer (connection close, held
 * bodies) rather than the emulator.
 *
 * @example
 * const server = await listen((_req, res) => res.end('data: x\n\n'));
 * await fetch(server.url);
 * await server.close();
 */
export async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<LocalServer> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A {@link LocalServer} that also keeps the body of every request it was sent, in order. */
export interface AnsweringServer extends LocalServer {
  readonly bodies: readonly string[];
}

/**
 * Answers the n-th request with the n-th event stream of `answers` (the last one to every request after), and
 * keeps each request's body: a compatible server's turns of a tool loop.
 *
 * @example
 * const server = await serveAnswers([firstTurn, secondTurn]);
 * createClient({ apiKey: 'k', baseURL: server.url });
 */
export async function serveAnswers(answers: readonly Uint8Array[]): Promise<AnsweringServer> {
  const bodies: string[] = [];
  const server = await listen((req, res) => {
    let body = '';
    req.on('data', (part: Buffer) => (body += part.toString()));
    req.on('end', () => {
      bodies.push(body);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(answers[Math.min(bodies.length, answers.length) - 1]);
    });
  });
  return { url: server.url, close: () => server.close(), bodies };
}
