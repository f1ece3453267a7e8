// A fake chat-platform API for channel tests (Slack Web API, LINE Messaging API, Bot Framework
// connector …): an HTTP server on 127.0.0.1 that records every request (method, path, headers,
// raw body) and answers with responses programmed per method and path, e.g. "429 with
// Retry-After once, then 200". Generic on purpose: it knows nothing about any platform.
//
//   const fake = await startFakePlatform();
//   fake.on('POST', '/api/chat.postMessage', { status: 429, headers: { 'retry-after': '1' } }, { body: { ok: true } });
//   … point the SDK client at fake.url …
//   const [call] = await fake.waitFor('/api/chat.postMessage');
//   call.form().get('channel'); call.json(); call.text();
//   await fake.close();
import { EventEmitter } from 'node:events';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RecordedRequest = {
  method: string;
  /** The path without the query string, not decoded (e.g. `/v3/conversations/a%3Aconv1/activities`). */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text(): string;
  /** The body parsed as JSON (throws when it is not JSON). */
  json<T = any>(): T;
  /** The body parsed as application/x-www-form-urlencoded. */
  form(): URLSearchParams;
};

export type FakeResponse = {
  /** Default 200. */
  status?: number;
  headers?: Record<string, string>;
  /** An object or array is sent as JSON; a string or Buffer as is; nothing sends an empty body. */
  body?: unknown;
  /** Holds the answer back this long (a slow platform). */
  delayMs?: number;
};

/** A fixed answer, or one computed from the request (echo an id, refuse a given token …). */
export type Responder = FakeResponse | ((req: RecordedRequest) => FakeResponse);

/** Matches a request path exactly (string) or by pattern (RegExp). */
export type PathMatcher = string | RegExp;

export type FakePlatform = {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  /** Every request received, oldest first. */
  requests: RecordedRequest[];
  /**
   * Programs the answers for a method and path: the responders are used one per request in
   * order, and the last one is repeated for every further request. A later `on` for the same
   * method and path replaces the earlier one.
   */
  on(method: string, path: PathMatcher, ...responders: Responder[]): FakePlatform;
  /** The answer for requests nothing was programmed for (default: 404 JSON). */
  otherwise(responder: Responder): FakePlatform;
  /** Recorded requests to a path (any method unless given). */
  calls(path: PathMatcher, method?: string): RecordedRequest[];
  /**
   * Resolves once at least `count` requests to the path were recorded (default 1), with those
   * requests; rejects after `timeoutMs` (default 5000) naming what was received instead.
   */
  waitFor(path: PathMatcher, count?: number, timeoutMs?: number): Promise<RecordedRequest[]>;
  /** Forgets the recorded requests and the programmed answers (`on` and `otherwise`). */
  reset(): void;
  close(): Promise<void>;
};

type Route = { method: string; path: PathMatcher; responders: Responder[]; used: number };

const matches = (matcher: PathMatcher, path: string) => (typeof matcher === 'string' ? matcher === path : matcher.test(path));

export async function startFakePlatform(): Promise<FakePlatform> {
  let routes: Route[] = [];
  const notProgrammed: Responder = { status: 404, body: { error: 'not programmed in the fake platform' } };
  let fallback: Responder = notProgrammed;
  const requests: RecordedRequest[] = [];
  const recorded = new EventEmitter();

  const answerFor = (req: RecordedRequest): FakeResponse => {
    const route = routes.find((r) => r.method === req.method && matches(r.path, req.path));
    const responder = route ? route.responders[Math.min(route.used++, route.responders.length - 1)]! : fallback;
    return typeof responder === 'function' ? responder(req) : responder;
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://fake.invalid');
      const body = Buffer.concat(chunks);
      const recordedReq: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
        text: () => body.toString('utf8'),
        json: () => JSON.parse(body.toString('utf8')),
        form: () => new URLSearchParams(body.toString('utf8')),
      };
      const answer = answerFor(recordedReq);
      requests.push(recordedReq);
      recorded.emit('request');
      if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
      const isJson = answer.body !== undefined && typeof answer.body !== 'string' && !Buffer.isBuffer(answer.body);
      const payload = answer.body === undefined ? '' : isJson ? JSON.stringify(answer.body) : (answer.body as string | Buffer);
      res.writeHead(answer.status ?? 200, { ...(isJson ? { 'content-type': 'application/json' } : {}), ...answer.headers });
      res.end(payload);
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const fake: FakePlatform = {
    url,
    requests,
    on(method, path, ...responders) {
      if (!responders.length) throw new Error('give at least one responder');
      const upper = method.toUpperCase();
      routes = routes.filter((r) => !(r.method === upper && String(r.path) === String(path)));
      routes.push({ method: upper, path, responders, used: 0 });
      return fake;
    },
    otherwise(responder) {
      fallback = responder;
      return fake;
    },
    calls: (path, method) => requests.filter((r) => matches(path, r.path) && (!method || r.method === method.toUpperCase())),
    waitFor(path, count = 1, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hits = fake.calls(path);
          if (hits.length < count) return false;
          clearTimeout(timer);
          recorded.off('request', check);
          resolve(hits);
          return true;
        };
        const timer = setTimeout(() => {
          recorded.off('request', check);
          const seen = requests.map((r) => `${r.method} ${r.path}`).join(', ') || 'nothing';
          reject(new Error(`fake platform: expected ${count} request(s) to ${String(path)} within ${timeoutMs} ms; received ${seen}`));
        }, timeoutMs);
        if (!check()) recorded.on('request', check);
      });
    },
    reset() {
      requests.length = 0;
      routes = [];
      fallback = notProgrammed;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
  return fake;
}
