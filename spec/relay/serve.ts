import { listen } from '../helpers/local-server';

/**
 * A fetch-style handler served over node:http, as the fetch-style frameworks' node adapters do it: the request
 * as a `Request` whose signal aborts when the connection closes, the `Response` body written as it is read,
 * and cancelled when the connection closes first.
 */
export function serveFetch(handler: (request: Request) => Response | Promise<Response>) {
  return listen((req, res) => {
    void (async () => {
      const abort = new AbortController();
      res.once('close', () => abort.abort());
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
      const request = new Request(`http://127.0.0.1${req.url ?? '/'}`, { method: req.method, headers, signal: abort.signal });
      const response = await handler(request);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.flushHeaders();
      if (!response.body) return void res.end();
      const reader = response.body.getReader();
      res.once('close', () => void reader.cancel().catch(() => undefined));
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        res.write(value);
      }
      res.end();
    })();
  });
}
