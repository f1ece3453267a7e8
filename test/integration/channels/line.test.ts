// The LINE channel end to end: signed webhooks into the real server and the real assistant
// (fixture knowledge, temporary data dir), answers out through the official SDK client to a
// local fake of the LINE API on 127.0.0.1. Covers verification, replays, duplicates, body
// errors, reply/push fallbacks with retry keys, rate limits, buttons, groups, push and resume.
import { createHmac } from 'node:crypto';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { messagingApi } from '@line/bot-sdk';
import { RateLimiter } from '../../../src/assistant/rate-limit.ts';
import { BackgroundWork } from '../../../src/channels/common/background.ts';
import type { ChannelAdapter } from '../../../src/channels/common/channel.ts';
import { createLineChannel, LINE_WEBHOOK_PATH } from '../../../src/channels/line/index.ts';
import { lineText } from '../../../src/channels/line/line.ja.ts';
import type { App } from '../../../src/app.ts';
import { createHttpApp } from '../../../src/server/app.ts';
import { FIXED_NOW, startTestApp } from '../../helpers/app.ts';
import { tempDir } from '../../helpers/fixtures.ts';

const SECRET = 'line-channel-secret-for-tests';
const TOKEN = 'line-access-token-for-tests';
const PUBLIC_URL = 'https://tsunagu.example.jp';
const REPLY = '/v2/bot/message/reply';
const PUSH = '/v2/bot/message/push';
const LOADING = '/v2/bot/chat/loading/start';

// ── a fake LINE Messaging API ──────────────────────────────────────────────────

type Recorded = { path: string; headers: IncomingHttpHeaders; body: any; status: number };
type Scripted = { status: number; headers?: Record<string, string>; body?: unknown; accept?: boolean };

/** Records every call and answers like LINE: reply tokens can be refused, retry keys are accepted once (then 409). */
class FakeLineApi {
  calls: Recorded[] = [];
  url = '';
  private server?: http.Server;
  private scripted = new Map<string, Scripted[]>();
  private refusedTokens = new Set<string>();
  private acceptedKeys = new Set<string>();

  async start() {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
        const answer = this.answer(req.url ?? '', req.headers, body);
        this.calls.push({ path: req.url ?? '', headers: req.headers, body, status: answer.status });
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(JSON.stringify(answer.body ?? {}));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  stop() {
    return new Promise((resolve) => this.server!.close(resolve));
  }

  /** The next calls to `path` get these answers, in order (`accept`: a push that LINE took although it answered an error). */
  answerOnce(path: string, ...answers: Scripted[]) {
    this.scripted.set(path, [...(this.scripted.get(path) ?? []), ...answers]);
  }

  refuseReplyToken(token: string) {
    this.refusedTokens.add(token);
  }

  reset() {
    this.calls = [];
    this.scripted.clear();
  }

  to(path: string) {
    return this.calls.filter((c) => c.path === path);
  }

  private answer(path: string, headers: IncomingHttpHeaders, body: any): Scripted {
    if (headers.authorization !== `Bearer ${TOKEN}`) return { status: 401, body: { message: 'Authentication failed' } };
    const key = headers['x-line-retry-key'] as string | undefined;
    if (path === PUSH && key && this.acceptedKeys.has(key)) return { status: 409, body: { message: 'The retry key is already accepted' } };
    const scripted = this.scripted.get(path)?.shift();
    if (scripted) {
      if (scripted.accept && key) this.acceptedKeys.add(key);
      return scripted;
    }
    if (path === REPLY && this.refusedTokens.has(body.replyToken)) return { status: 400, body: { message: 'Invalid reply token' } };
    if (path === PUSH && key) this.acceptedKeys.add(key);
    if (path === REPLY || path === PUSH) return { status: 200, body: { sentMessages: [{ id: '1', quoteToken: 'q' }] } };
    if (path === LOADING) return { status: 202, body: {} };
    return { status: 404, body: { message: 'Not found' } };
  }
}

// ── the app under test ─────────────────────────────────────────────────────────

type LogLine = { level: number; msg: string };

/** The LINE adapter mounted on the real HTTP server of `app`, with its own background work, clock and captured log. */
async function mountLine(app: App, opts: { clock: () => Date; handle?: App['assistant']['handle'] }) {
  const logs: LogLine[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const work = new BackgroundWork(log);
  const waits: number[] = [];
  const adapter: ChannelAdapter = createLineChannel(
    app.config.line,
    {
      assistant: { handle: opts.handle ?? ((msg) => app.assistant.handle(msg)) },
      events: app.store.channelEvents,
      refs: app.store.channelRefs,
      work,
      log,
      clock: opts.clock,
      publicUrl: app.config.publicUrl,
    },
    { retry: { sleep: async (ms) => void waits.push(ms), random: () => 0 } },
  );
  const server = createHttpApp({ core: app.assistant, files: app.store.files, health: () => ({ ok: true }), log, channels: [adapter] }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { adapter, work, logs, waits, baseUrl, close: () => new Promise((resolve) => server.close(resolve)) };
}

const fake = new FakeLineApi();
let t: Awaited<ReturnType<typeof startTestApp>>;
let line: Awaited<ReturnType<typeof mountLine>>;
let now = FIXED_NOW;

const env = () => ({
  LINE_CHANNEL_SECRET: SECRET,
  LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
  LINE_API_BASE_URL: fake.url,
  TSUNAGU_PUBLIC_URL: PUBLIC_URL,
});
// the clock is fixed, so the rate limit would never refill: this suite is not about it
const generousLimit = () => new RateLimiter({ capacity: 1e6, refillPerSecond: 0 });

beforeAll(async () => {
  await fake.start();
  t = await startTestApp({ listen: false, env: env(), rateLimiter: generousLimit() });
  line = await mountLine(t.app, { clock: () => now });
}, 120_000);

afterAll(async () => {
  await line?.close();
  await t?.close();
  await fake.stop();
});

beforeEach(() => {
  now = FIXED_NOW;
  fake.reset();
  line.logs.length = 0;
  line.waits.length = 0;
});

// ── webhook helpers ────────────────────────────────────────────────────────────

const sign = (raw: string | Buffer) => createHmac('sha256', SECRET).update(raw).digest('base64');

async function post(body: unknown, opts: { signature?: string | null; baseUrl?: string } = {}) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (opts.signature !== null) headers['x-line-signature'] = opts.signature ?? sign(raw);
  const res = await fetch(`${opts.baseUrl ?? line.baseUrl}${LINE_WEBHOOK_PATH}`, { method: 'POST', headers, body: raw });
  return { status: res.status, text: await res.text() };
}

/** Posts signed events and waits until the adapter has answered them. */
async function deliver(...events: object[]) {
  const res = await post({ destination: 'Ubot', events });
  expect(res.status).toBe(200);
  await line.work.drain();
  return res;
}

let seq = 0;
type EventOpts = { redelivery?: boolean; at?: Date; source?: object; id?: string };
function event(userId: string, fields: object, o: EventOpts = {}) {
  seq += 1;
  return {
    mode: 'active',
    timestamp: (o.at ?? now).getTime(),
    webhookEventId: o.id ?? `01LINETEST${String(seq).padStart(6, '0')}`,
    deliveryContext: { isRedelivery: o.redelivery ?? false },
    replyToken: `reply-token-${seq}`,
    source: o.source ?? { type: 'user', userId },
    ...fields,
  };
}
const text = (userId: string, body: string, o?: EventOpts) => event(userId, { type: 'message', message: { id: `m${seq}`, type: 'text', quoteToken: 'q', text: body } }, o);
const postback = (userId: string, data: string, o?: EventOpts) => event(userId, { type: 'postback', postback: { data } }, o);
const follow = (userId: string) => event(userId, { type: 'follow', follow: { isUnblocked: false } });

type Sent = messagingApi.Message;
const textsOf = (messages: Sent[]) => messages.map((m) => (m.type === 'text' ? m.text : '')).join('\n');
const quickActions = (messages: Sent[]) => (messages.at(-1)?.quickReply?.items ?? []).map((i) => i.action as messagingApi.PostbackAction);
const lastReply = () => fake.to(REPLY).at(-1)!.body as messagingApi.ReplyMessageRequest;
const errorsLogged = (logs: LogLine[]) => logs.filter((l) => l.level >= 50);

// ── tests ──────────────────────────────────────────────────────────────────────

describe('a signed message, end to end', () => {
  it('acknowledges, shows the loading animation, and replies with the assistant’s grounded answer', async () => {
    const ev = text('Uhappy', '機械導入応援補助金の補助率は？');
    await deliver(ev);
    expect(fake.to(LOADING).map((c) => c.body)).toEqual([{ chatId: 'Uhappy', loadingSeconds: 20 }]);
    expect(fake.to(REPLY)).toHaveLength(1);
    expect(fake.to(PUSH)).toHaveLength(0);
    const reply = lastReply();
    expect(reply.replyToken).toBe(ev.replyToken);
    const said = textsOf(reply.messages);
    // the rate and the program come from the fixture's front matter, with its source listed
    expect(said).toContain('機械導入応援補助金');
    expect(said).toContain('1/2');
    expect(said).toContain('【出典】');
    expect(fake.calls.every((c) => c.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
    // the owner's address is kept for a later push, and the event is done
    expect(t.app.store.channelRefs.get('line:Uhappy')).toEqual({ userId: 'Uhappy' });
    expect(t.app.store.channelEvents.pending('line')).toEqual([]);
    expect(errorsLogged(line.logs)).toEqual([]);
  });

  it('greets a new friend with the menu as quick replies', async () => {
    await deliver(follow('Unewfriend'));
    const reply = lastReply();
    expect(textsOf(reply.messages)).toContain('つなぐ');
    expect(quickActions(reply.messages).map((a) => a.data)).toContain('menu:diagnosis');
  });

  it('answers a sticker in a 1:1 chat with a note that only text is understood, without asking the assistant', async () => {
    await deliver(event('Usticker', { type: 'message', message: { id: 's1', type: 'sticker', packageId: '1', stickerId: '1', quoteToken: 'q' } }));
    expect(lastReply().messages).toEqual([{ type: 'text', text: lineText.textOnly }]);
    expect(fake.to(LOADING)).toHaveLength(0);
    expect(t.app.assistant.history('line:Usticker')).toEqual([]);
  });

  it('answers even when the loading animation fails', async () => {
    fake.answerOnce(LOADING, { status: 500, body: { message: 'error' } });
    await deliver(text('Uloadfail', 'こんにちは'));
    expect(fake.to(REPLY)).toHaveLength(1);
    expect(errorsLogged(line.logs)).toEqual([]);
  });
});

describe('verification', () => {
  it('refuses a forged signature with 401, processes nothing and logs no error', async () => {
    const body = JSON.stringify({ destination: 'Ubot', events: [text('Uforged', 'こんにちは')] });
    const forged = createHmac('sha256', 'not-the-secret').update(body).digest('base64');
    const res = await post(body, { signature: forged });
    expect(res.status).toBe(401);
    const missing = await post(body, { signature: null });
    expect(missing.status).toBe(401);
    await line.work.drain();
    expect(fake.calls).toEqual([]);
    expect(t.app.store.channelEvents.pending('line')).toEqual([]);
    expect(t.app.store.channelRefs.get('line:Uforged')).toBeUndefined();
    expect(errorsLogged(line.logs)).toEqual([]);
    expect(line.logs.filter((l) => l.level === 40 && /signature/.test(l.msg))).toHaveLength(2);
  });

  it('refuses a body changed after signing', async () => {
    const body = JSON.stringify({ destination: 'Ubot', events: [text('Utamper', '補助率は？')] });
    const res = await post(body.replace('補助率', '上限額'), { signature: sign(body) });
    expect(res.status).toBe(401);
    expect(fake.calls).toEqual([]);
  });

  it('answers 400 to signed malformed JSON and to a signed body without an events list', async () => {
    expect((await post('{"destination":"Ubot","events":[')).status).toBe(400);
    const noEvents = await post({ destination: 'Ubot', events: 'none' });
    expect(noEvents.status).toBe(400);
    expect(JSON.parse(noEvents.text).error.field).toBe('events');
    expect(fake.calls).toEqual([]);
  });

  it('answers 413 to a body over 1 MB before checking anything', async () => {
    const big = JSON.stringify({ destination: 'Ubot', events: [text('Ubig', 'あ'.repeat(400_000))] });
    expect(Buffer.byteLength(big)).toBeGreaterThan(1024 * 1024);
    const res = await post(big);
    expect(res.status).toBe(413);
    await line.work.drain();
    expect(fake.calls).toEqual([]);
  });

  it('refuses a body in an unknown content encoding without logging an error', async () => {
    const raw = JSON.stringify({ destination: 'Ubot', events: [] });
    const res = await fetch(`${line.baseUrl}${LINE_WEBHOOK_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'x-unknown', 'x-line-signature': sign(raw) },
      body: raw,
    });
    expect(res.status).toBe(415);
    expect(errorsLogged(line.logs)).toEqual([]);
  });

  it('acknowledges LINE’s empty verification request', async () => {
    expect((await post({ destination: 'Ubot', events: [] })).status).toBe(200);
  });
});

describe('replays and duplicates', () => {
  it('answers a duplicate delivery once, even when both arrive together', async () => {
    const ev = text('Udup', 'こんにちは');
    const body = { destination: 'Ubot', events: [ev] };
    const [a, b] = await Promise.all([post(body), post(body)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await line.work.drain();
    expect(fake.to(REPLY)).toHaveLength(1);
    // and again later: still not processed
    await deliver(ev);
    expect(fake.to(REPLY)).toHaveLength(1);
    expect(t.app.assistant.history('line:Udup').filter((e) => e.role === 'owner')).toHaveLength(1);
  });

  it('drops a replayed event whose timestamp is far in the past, without a reply token or a push', async () => {
    const old = text('Ureplay', 'こんにちは', { at: new Date(FIXED_NOW.getTime() - 60 * 60 * 1000) });
    await deliver(old);
    expect(fake.calls).toEqual([]);
    expect(t.app.store.channelEvents.pending('line')).toEqual([]);
    expect(t.app.store.channelRefs.get('line:Ureplay')).toBeUndefined();
    expect(line.logs.some((l) => l.level === 40 && l.msg === 'LINE event not taken in')).toBe(true);
  });

  it('answers an older redelivery by push with a retry key, never by its reply token', async () => {
    const redelivered = text('Uredeliver', 'こんにちは', { redelivery: true, at: new Date(FIXED_NOW.getTime() - 30 * 60 * 1000) });
    await deliver(redelivered);
    expect(fake.to(REPLY)).toHaveLength(0);
    const [push] = fake.to(PUSH);
    expect(push!.body.to).toBe('Uredeliver');
    expect(push!.headers['x-line-retry-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(textsOf(push!.body.messages)).toContain('つなぐ');
  });
});

describe('reply token and rate limits', () => {
  it('pushes the answer with a retry key when LINE refuses the reply token', async () => {
    const ev = text('Ubadtoken', 'こんにちは');
    fake.refuseReplyToken(ev.replyToken);
    await deliver(ev);
    expect(fake.to(REPLY).map((c) => c.status)).toEqual([400]);
    const pushes = fake.to(PUSH);
    expect(pushes.map((c) => c.status)).toEqual([200]);
    expect(pushes[0]!.body.to).toBe('Ubadtoken');
    expect(pushes[0]!.body.messages).toEqual(fake.to(REPLY)[0]!.body.messages);
    expect(pushes[0]!.headers['x-line-retry-key']).toBeTruthy();
  });

  it('pushes when the answer took longer than the reply token lives', async () => {
    const slow = await mountLine(t.app, {
      clock: () => now,
      handle: async (msg) => {
        const turn = await t.app.assistant.handle(msg);
        now = new Date(FIXED_NOW.getTime() + 55_000); // the turn took 55 s
        return turn;
      },
    });
    try {
      const res = await post({ destination: 'Ubot', events: [text('Uslow', 'こんにちは')] }, { baseUrl: slow.baseUrl });
      expect(res.status).toBe(200);
      await slow.work.drain();
      expect(fake.to(REPLY)).toHaveLength(0);
      expect(fake.to(PUSH).map((c) => c.body.to)).toEqual(['Uslow']);
    } finally {
      await slow.close();
    }
  });

  it('retries a rate-limited reply after Retry-After and answers exactly once', async () => {
    fake.answerOnce(REPLY, { status: 429, headers: { 'retry-after': '1' }, body: { message: 'The API rate limit has been exceeded.' } });
    await deliver(text('Ubusy', 'こんにちは'));
    expect(fake.to(REPLY).map((c) => c.status)).toEqual([429, 200]);
    expect(fake.to(PUSH)).toHaveLength(0);
    expect(line.waits).toEqual([1000]);
    expect(errorsLogged(line.logs)).toEqual([]);
  });

  it('keeps the retry key across a push’s retries: a 429, then a 500 LINE had accepted, then 409 counts as sent', async () => {
    fake.answerOnce(PUSH, { status: 429, headers: { 'retry-after': '2' }, body: { message: 'rate limit' } }, { status: 500, accept: true, body: { message: 'error' } });
    await deliver(text('Upushretry', 'こんにちは', { redelivery: true }));
    const pushes = fake.to(PUSH);
    expect(pushes.map((c) => c.status)).toEqual([429, 500, 409]);
    expect(new Set(pushes.map((c) => c.headers['x-line-retry-key'])).size).toBe(1);
    expect(line.waits[0]).toBe(2000);
    expect(errorsLogged(line.logs)).toEqual([]);
    expect(t.app.store.channelEvents.pending('line')).toEqual([]);
  });
});

describe('buttons', () => {
  it('continues the diagnosis through the quick-reply postbacks LINE sends back', async () => {
    const user = 'Udiagnosis';
    await deliver(follow(user));
    const start = quickActions(lastReply().messages).find((a) => a.data === 'menu:diagnosis');
    expect(start).toBeDefined();

    await deliver(postback(user, start!.data!));
    const first = lastReply().messages;
    const industry = quickActions(first).find((a) => a.data?.startsWith('diag:industry:'));
    expect(industry).toBeDefined();
    expect(industry!.displayText).toBe(industry!.label); // the owner sees what they pressed

    await deliver(postback(user, industry!.data!));
    const second = lastReply().messages;
    expect(textsOf(second)).not.toBe(textsOf(first));
    const size = quickActions(second).find((a) => /^diag:employees:\d/.test(a.data ?? ''));
    expect(size).toBeDefined();

    await deliver(postback(user, size!.data!));
    const third = quickActions(lastReply().messages).map((a) => a.data);
    expect(third.some((d) => d?.startsWith('diag:'))).toBe(true);
    expect(third.some((d) => d?.startsWith('diag:employees:'))).toBe(false);
    expect(t.app.assistant.history('line:Udiagnosis').filter((e) => e.postback).map((e) => e.postback)).toEqual(['menu:welcome', 'menu:diagnosis', industry!.data, size!.data]);
  });

  it('renders matched programs as a Flex carousel whose buttons are postbacks the core understands', async () => {
    await deliver(postback('Ucards', 'menu:subsidy'));
    const flex = lastReply().messages.find((m): m is messagingApi.FlexMessage => m.type === 'flex');
    expect(flex?.altText).toContain('機械導入応援補助金');
    const json = JSON.stringify(flex!.contents);
    expect(json).toContain('"data":"subsidy:detail:subsidies/kikai-donyu"');
  });
});

describe('groups and push', () => {
  it('answers in the group but keeps the session and the address under the user', async () => {
    const source = { type: 'group', groupId: 'Cgroup1', userId: 'Umember' };
    await deliver(text('Umember', 'こんにちは', { source }));
    expect(fake.to(LOADING)).toHaveLength(0); // the animation exists only in 1:1 chats
    expect(fake.to(REPLY)).toHaveLength(1);
    expect(t.app.assistant.history('line:Umember').length).toBeGreaterThan(0);
    expect(t.app.store.channelRefs.get('line:Umember')).toEqual({ userId: 'Umember', groupId: 'Cgroup1' });

    await line.adapter.push('line:Umember', [{ text: '担当者からのお返事です。' }]);
    const [push] = fake.to(PUSH);
    expect(push!.body).toEqual({ to: 'Umember', messages: [{ type: 'text', text: '担当者からのお返事です。' }] }); // staff answers go 1:1, never to the group
    expect(push!.headers['x-line-retry-key']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('ignores stickers in a group and events without a user', async () => {
    await deliver(event('Umember2', { type: 'message', message: { id: 's2', type: 'sticker', packageId: '1', stickerId: '1', quoteToken: 'q' } }, { source: { type: 'group', groupId: 'Cgroup2', userId: 'Umember2' } }));
    await deliver(event('', { type: 'join' }, { source: { type: 'group', groupId: 'Cgroup2' } }));
    expect(fake.calls).toEqual([]);
  });

  it('pushes a staff answer to a 1:1 owner, in batches of five with one retry key each', async () => {
    await deliver(text('Ustaff', 'こんにちは'));
    fake.reset();
    const replies = Array.from({ length: 7 }, (_, i) => ({ text: `回答${i + 1}` }));
    await line.adapter.push('line:Ustaff', replies);
    const pushes = fake.to(PUSH);
    expect(pushes.map((c) => [c.body.to, c.body.messages.length])).toEqual([
      ['Ustaff', 5],
      ['Ustaff', 2],
    ]);
    expect(new Set(pushes.map((c) => c.headers['x-line-retry-key'])).size).toBe(2);
  });

  it('refuses to push to a session it has no address for', async () => {
    await expect(line.adapter.push('line:Unobody', [{ text: 'x' }])).rejects.toThrow('no LINE address');
    await expect(line.adapter.push('slack:Uhappy', [{ text: 'x' }])).rejects.toThrow('no LINE address');
  });
});

describe('resume after a restart', () => {
  it('answers by push an event acknowledged before the stop, once', async () => {
    const data = tempDir();
    try {
      // first run: the event is acknowledged, then the process stops in the middle of the turn
      const before = await startTestApp({ listen: false, dataDir: data.dir, env: env(), rateLimiter: generousLimit() });
      const crashed = await mountLine(before.app, { clock: () => FIXED_NOW, handle: () => new Promise(() => {}) });
      const ev = text('Uresume', '機械導入応援補助金の補助率は？');
      const body = { destination: 'Ubot', events: [ev] };
      expect((await post(body, { baseUrl: crashed.baseUrl })).status).toBe(200); // acknowledged without waiting for the turn
      await crashed.close();
      before.app.close();
      expect(fake.to(REPLY)).toHaveLength(0);

      // second run on the same data, five minutes later (the reply token is gone): the app answers
      // what was taken in before the stop as it starts
      const later = () => new Date(FIXED_NOW.getTime() + 5 * 60 * 1000);
      const after = await startTestApp({ listen: false, dataDir: data.dir, env: env(), rateLimiter: generousLimit(), clock: later });
      const restarted = await mountLine(after.app, { clock: later });
      try {
        await after.app.work.drain();
        expect(fake.to(REPLY)).toHaveLength(0);
        const [push] = fake.to(PUSH);
        expect(push!.body.to).toBe('Uresume');
        expect(textsOf(push!.body.messages)).toContain('1/2');
        expect(after.app.store.channelEvents.pending('line')).toEqual([]);

        // LINE delivering it again after the restart changes nothing
        expect((await post(body, { baseUrl: restarted.baseUrl })).status).toBe(200);
        await restarted.work.drain();
        expect(fake.to(PUSH)).toHaveLength(1);
        expect(fake.to(REPLY)).toHaveLength(0);
      } finally {
        await restarted.close();
        after.app.close();
      }
    } finally {
      data.cleanup();
    }
  });
});
