/**
 * An OpenAI-compatible test server: a real HTTP server on 127.0.0.1 that answers
 * `POST /v1/chat/completions` in the real wire format (JSON, or SSE chunks ending in
 * `data: [DONE]`; tool calls or JSON content for structured output), and misbehaves on
 * request: HTTP errors, rate limits, slow or missing first tokens, a stream cut halfway,
 * garbage. The tests of the LLM engines run against it, never against the internet and
 * never with the SDK mocked. It records every request, so a test can read the prompt.
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
// A slow LLM's latency (first token, pace of the stream): the behaviour the timeouts are tested against.
import { setTimeout as latency } from 'node:timers/promises';

/** What the server does with the next request. */
export type Behaviour =
  /** A text reply, streamed in `chunks` (default: a few characters each) when the request streams. */
  | { kind: 'text'; text: string; chunks?: string[]; firstTokenDelayMs?: number; chunkDelayMs?: number }
  /**
   * Structured output, answered the way the request asked: a tool call when it sent `tools`,
   * else JSON in the message content. `raw` sends those exact characters instead of `value`.
   */
  | { kind: 'structured'; value?: unknown; raw?: string; via?: 'tool' | 'content' }
  | { kind: 'http-error'; status: number; message?: string; retryAfterSeconds?: number }
  /** Streams `afterChunks` chunks of `text`, then closes the socket. */
  | { kind: 'drop'; text: string; afterChunks: number }
  /** Streams `afterChunks` chunks of `text`, then goes silent with the connection open. */
  | { kind: 'stall'; text: string; afterChunks: number }
  /** Accepts the request and never answers. */
  | { kind: 'hang' }
  /** A valid first chunk, then a `data:` line that is not JSON. */
  | { kind: 'bad-chunk'; text?: string }
  /** HTTP 200 with a body that is not what was asked for (HTML for a streaming request…). */
  | { kind: 'not-sse'; body: string; contentType?: string };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (`model`, `messages`, `stream`, `tools`, `response_format`…). */
  body: any;
}

export type Handler = (request: RecordedRequest) => Behaviour;

export interface OpenAiTestServer {
  /** The base URL to give the SDK: `http://127.0.0.1:<port>/v1`. */
  url: string;
  requests: RecordedRequest[];
  /** Behaviours for the next requests, in order; after them, the handler answers. */
  enqueue(...behaviours: Behaviour[]): void;
  /** Answers every request not covered by the queue. Default: a short text reply. */
  handle(handler: Handler): void;
  /** Forgets the queue, the handler and the recorded requests. */
  reset(): void;
  /**
   * An outage: stops listening and drops every open connection, so the next request is
   * refused at the TCP level (ECONNREFUSED), as with an endpoint that is not running.
   */
  down(): Promise<void>;
  /** Listens again on the same port after `down`. */
  up(): Promise<void>;
  close(): Promise<void>;
}

const DEFAULT_HANDLER: Handler = () => ({ kind: 'text', text: '好。' });


/** A few characters per chunk, never splitting a surrogate pair, like a tokenizer would. */
export function splitIntoChunks(text: string, size = 3): string[] {
  const chars = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}

let completionCounter = 0;

function chunkEnvelope(model: string, id: string, choice: Record<string, unknown> | null, extra: Record<string, unknown> = {}): string {
  const body = {
    id,
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model,
    system_fingerprint: null,
    choices: choice ? [{ index: 0, logprobs: null, finish_reason: null, ...choice }] : [],
    ...extra,
  };
  return `data: ${JSON.stringify(body)}\n\n`;
}

const USAGE = { prompt_tokens: 42, completion_tokens: 7, total_tokens: 49 };

function completionJson(model: string, message: Record<string, unknown>, finishReason: string): string {
  return JSON.stringify({
    id: `chatcmpl-test-${++completionCounter}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    system_fingerprint: null,
    choices: [{ index: 0, message: { role: 'assistant', refusal: null, ...message }, logprobs: null, finish_reason: finishReason }],
    usage: USAGE,
  });
}

function startSse(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.flushHeaders();
}

/** Streams text chunks as the SDKs expect: a role chunk, the content, a finish chunk, usage, [DONE]. */
async function streamText(res: ServerResponse, body: any, chunks: string[], opts: { firstDelay?: number; delay?: number; stopAfter?: number }): Promise<void> {
  const model = String(body.model ?? 'test-model');
  const id = `chatcmpl-test-${++completionCounter}`;
  startSse(res);
  res.write(chunkEnvelope(model, id, { delta: { role: 'assistant', content: '' } }));
  if (opts.firstDelay) await latency(opts.firstDelay);
  for (const [i, piece] of chunks.entries()) {
    if (opts.stopAfter !== undefined && i >= opts.stopAfter) return;
    if (i > 0 && opts.delay) await latency(opts.delay);
    if (res.destroyed) return;
    res.write(chunkEnvelope(model, id, { delta: { content: piece } }));
  }
  if (opts.stopAfter !== undefined) return;
  res.write(chunkEnvelope(model, id, { delta: {}, finish_reason: 'stop' }));
  if (body.stream_options?.include_usage) res.write(chunkEnvelope(model, id, null, { usage: USAGE }));
  res.end('data: [DONE]\n\n');
}

/** The tool the request forces (`tool_choice`), or its first tool. */
function requestedToolName(body: any): string {
  return body.tool_choice?.function?.name ?? body.tools?.[0]?.function?.name ?? 'extract';
}

async function answerStructured(res: ServerResponse, body: any, b: Extract<Behaviour, { kind: 'structured' }>): Promise<void> {
  const model = String(body.model ?? 'test-model');
  const text = b.raw ?? JSON.stringify(b.value);
  const viaTool = (b.via ?? (Array.isArray(body.tools) && body.tools.length > 0 ? 'tool' : 'content')) === 'tool';
  const callId = `call_test_${completionCounter + 1}`;
  if (!body.stream) {
    res.writeHead(200, { 'content-type': 'application/json' });
    const message = viaTool
      ? { content: null, tool_calls: [{ id: callId, type: 'function', function: { name: requestedToolName(body), arguments: text } }] }
      : { content: text };
    res.end(completionJson(model, message, viaTool ? 'tool_calls' : 'stop'));
    return;
  }
  const id = `chatcmpl-test-${++completionCounter}`;
  startSse(res);
  if (viaTool) {
    res.write(
      chunkEnvelope(model, id, {
        delta: { role: 'assistant', content: null, tool_calls: [{ index: 0, id: callId, type: 'function', function: { name: requestedToolName(body), arguments: '' } }] },
      }),
    );
    for (const piece of splitIntoChunks(text, 8)) {
      res.write(chunkEnvelope(model, id, { delta: { tool_calls: [{ index: 0, function: { arguments: piece } }] } }));
    }
    res.write(chunkEnvelope(model, id, { delta: {}, finish_reason: 'tool_calls' }));
  } else {
    res.write(chunkEnvelope(model, id, { delta: { role: 'assistant', content: '' } }));
    for (const piece of splitIntoChunks(text, 8)) res.write(chunkEnvelope(model, id, { delta: { content: piece } }));
    res.write(chunkEnvelope(model, id, { delta: {}, finish_reason: 'stop' }));
  }
  if (body.stream_options?.include_usage) res.write(chunkEnvelope(model, id, null, { usage: USAGE }));
  res.end('data: [DONE]\n\n');
}

async function answer(res: ServerResponse, body: any, b: Behaviour): Promise<void> {
  switch (b.kind) {
    case 'text': {
      if (!body.stream) {
        if (b.firstTokenDelayMs) await latency(b.firstTokenDelayMs);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(completionJson(String(body.model ?? 'test-model'), { content: b.text }, 'stop'));
        return;
      }
      await streamText(res, body, b.chunks ?? splitIntoChunks(b.text), { firstDelay: b.firstTokenDelayMs, delay: b.chunkDelayMs });
      return;
    }
    case 'structured':
      return answerStructured(res, body, b);
    case 'http-error': {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (b.retryAfterSeconds !== undefined) headers['retry-after'] = String(b.retryAfterSeconds);
      const type = b.status === 429 ? 'rate_limit_exceeded' : b.status >= 500 ? 'server_error' : 'invalid_request_error';
      res.writeHead(b.status, headers);
      res.end(JSON.stringify({ error: { message: b.message ?? `test server error ${b.status}`, type, param: null, code: type } }));
      return;
    }
    case 'drop':
      await streamText(res, body, splitIntoChunks(b.text), { stopAfter: b.afterChunks, delay: 5 });
      // Once the written chunks have left, cut the connection as a crashed server would.
      await new Promise<void>((resolve) => (res.socket ? res.socket.write('', () => resolve()) : resolve()));
      res.socket?.destroy();
      return;
    case 'stall':
      await streamText(res, body, splitIntoChunks(b.text), { stopAfter: b.afterChunks });
      return; // the connection stays open until the client gives up or the server closes
    case 'hang':
      return;
    case 'bad-chunk': {
      const model = String(body.model ?? 'test-model');
      const id = `chatcmpl-test-${++completionCounter}`;
      startSse(res);
      res.write(chunkEnvelope(model, id, { delta: { role: 'assistant', content: b.text ?? '' } }));
      res.end('data: {"id":"broken","choices":[{"delta":{"content":"半\n\n');
      return;
    }
    case 'not-sse':
      res.writeHead(200, { 'content-type': b.contentType ?? 'text/html; charset=utf-8' });
      res.end(b.body);
      return;
  }
}

export async function startOpenAiTestServer(): Promise<OpenAiTestServer> {
  const requests: RecordedRequest[] = [];
  let queue: Behaviour[] = [];
  let handler: Handler = DEFAULT_HANDLER;

  const server: Server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]!;
      let body: any = null;
      try {
        body = JSON.parse(Buffer.concat(parts).toString('utf8') || 'null');
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'body is not JSON', type: 'invalid_request_error' } }));
        return;
      }
      const recorded: RecordedRequest = { method: req.method ?? 'GET', path, headers: req.headers, body };
      requests.push(recorded);
      if (req.method !== 'POST' || path !== '/v1/chat/completions') {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `no route ${req.method} ${path}`, type: 'invalid_request_error' } }));
        return;
      }
      const behaviour = queue.shift() ?? handler(recorded);
      answer(res, body, behaviour).catch((err: unknown) => {
        // A client that hung up mid-answer is expected in these tests; anything else is a bug here.
        if (!res.destroyed) res.destroy(err instanceof Error ? err : new Error(String(err)));
      });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...behaviours) => void queue.push(...behaviours),
    handle: (h) => void (handler = h),
    reset: () => {
      queue = [];
      handler = DEFAULT_HANDLER;
      requests.length = 0;
    },
    down: () =>
      new Promise<void>((resolve, reject) => {
        // Kept-alive connections too: the SDK would otherwise send the next request down one.
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
    up: () =>
      new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Hanging and stalled answers keep their sockets open: end them, or close() waits forever.
        server.closeAllConnections();
        // After `down` nothing listens, and there is nothing more to close.
        if (!server.listening) return resolve();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
