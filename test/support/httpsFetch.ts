/**
 * `fetch` over node:https with an agent of the test's choosing (Node's own fetch takes no
 * agent): the test's CA trusted for these requests only, TLS still verified. Answers are
 * whole `Response`s, so helpers written for `fetch` take it as they are.
 */
import { request, type Agent } from 'node:https';

export type Fetch = (url: string, init?: { method?: string; headers?: Record<string, string>; body?: string }) => Promise<Response>;

export function httpsFetch(agent: Agent): Fetch {
  return (url, init = {}) =>
    new Promise((done, fail) => {
      const req = request(url, { agent, method: init.method ?? 'GET', headers: init.headers ?? {} }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('end', () => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            for (const v of [value ?? []].flat()) headers.append(name, v);
          }
          // A Response may not carry a body with these statuses.
          const body = [204, 304].includes(res.statusCode!) ? null : Buffer.concat(chunks);
          done(new Response(body, { status: res.statusCode!, headers }));
        });
      });
      req.on('error', fail);
      req.end(init.body);
    });
}
