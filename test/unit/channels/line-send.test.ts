// The LINE sender's rules, against a scripted API (no HTTP): reply while the token works, push
// otherwise, five messages per call, one retry key per push kept on its retries, 409 counted
// as delivered, and no second copy after an uncertain reply failure.
import { describe, expect, it, vi } from 'vitest';
import pino from 'pino';
import { HTTPFetchError, type messagingApi } from '@line/bot-sdk';
import { LineSender, retryKeyFor, type LineApi } from '../../../src/channels/line/send.ts';

type Call = { kind: 'reply' | 'push' | 'loading'; texts: string[]; to?: string; retryKey?: string };
const fail = (status: number, body = '{"message":"error"}', headers: Record<string, string> = {}) =>
  new HTTPFetchError(`HTTP ${status}`, { status, statusText: 'x', headers: new Headers(headers), body });

/** An API whose answers are scripted per call kind; unscripted calls succeed. */
function scriptedApi(script: { reply?: (Error | 'ok')[]; push?: (Error | 'ok')[]; loading?: Error | 'hang' }) {
  const calls: Call[] = [];
  const next = (list: (Error | 'ok')[] | undefined) => {
    const step = list?.shift();
    if (step instanceof Error) throw step;
  };
  const texts = (messages: messagingApi.Message[]) => messages.map((m) => (m.type === 'text' ? m.text : m.type));
  const api: LineApi = {
    async replyMessage(req) {
      calls.push({ kind: 'reply', texts: texts(req.messages) });
      next(script.reply);
      return { sentMessages: [] };
    },
    async pushMessage(req, retryKey) {
      calls.push({ kind: 'push', texts: texts(req.messages), to: req.to, retryKey });
      next(script.push);
      return { sentMessages: [] };
    },
    async showLoadingAnimation() {
      calls.push({ kind: 'loading', texts: [] });
      if (script.loading === 'hang') return new Promise(() => {});
      if (script.loading) throw script.loading;
      return {};
    },
  };
  return { api, calls };
}

const log = pino({ level: 'silent' });
const waits: number[] = [];
const retry = { sleep: async (ms: number) => void waits.push(ms), random: () => 0 };
const msgs = (n: number): messagingApi.Message[] => Array.from({ length: n }, (_, i) => ({ type: 'text', text: `m${i + 1}` }));
const keyOf = (batch: number) => `key-${batch}`;

describe('LineSender.deliver', () => {
  it('replies with a fresh token and pushes what does not fit in five messages', async () => {
    const { api, calls } = scriptedApi({});
    const sent = await new LineSender(api, log, retry).deliver({ to: 'U1', replyToken: 'tok', messages: msgs(12), retryKey: keyOf });
    expect(sent).toEqual({ replied: true, pushes: 2 });
    expect(calls).toEqual([
      { kind: 'reply', texts: ['m1', 'm2', 'm3', 'm4', 'm5'] },
      { kind: 'push', to: 'U1', texts: ['m6', 'm7', 'm8', 'm9', 'm10'], retryKey: 'key-1' },
      { kind: 'push', to: 'U1', texts: ['m11', 'm12'], retryKey: 'key-2' },
    ]);
  });

  it('pushes everything when the reply token is refused (400), with one key per push', async () => {
    const { api, calls } = scriptedApi({ reply: [fail(400, '{"message":"Invalid reply token"}')] });
    const sent = await new LineSender(api, log, retry).deliver({ to: 'C9', replyToken: 'old', messages: msgs(6), retryKey: keyOf });
    expect(sent).toEqual({ replied: false, pushes: 2 });
    expect(calls.map((c) => [c.kind, c.texts.length, c.retryKey])).toEqual([
      ['reply', 5, undefined],
      ['push', 5, 'key-0'],
      ['push', 1, 'key-1'],
    ]);
  });

  it('pushes without trying a reply when there is no token', async () => {
    const { api, calls } = scriptedApi({});
    await new LineSender(api, log, retry).deliver({ to: 'U1', messages: msgs(1), retryKey: keyOf });
    expect(calls.map((c) => c.kind)).toEqual(['push']);
  });

  it('retries a rate-limited reply after Retry-After and sends it once', async () => {
    waits.length = 0;
    const { api, calls } = scriptedApi({ reply: [fail(429, '{}', { 'retry-after': '2' })] });
    const sent = await new LineSender(api, log, retry).deliver({ to: 'U1', replyToken: 'tok', messages: msgs(1), retryKey: keyOf });
    expect(sent).toEqual({ replied: true, pushes: 0 });
    expect(calls.map((c) => c.kind)).toEqual(['reply', 'reply']);
    expect(waits).toEqual([2000]);
  });

  it('does not push a copy when the token is refused after a 5xx: the first reply most likely arrived', async () => {
    const { api, calls } = scriptedApi({ reply: [fail(500), fail(400, '{"message":"Invalid reply token"}')] });
    const sent = await new LineSender(api, log, retry).deliver({ to: 'U1', replyToken: 'tok', messages: msgs(7), retryKey: keyOf });
    expect(sent).toEqual({ replied: true, pushes: 1 });
    expect(calls.map((c) => [c.kind, c.texts[0]])).toEqual([
      ['reply', 'm1'],
      ['reply', 'm1'],
      ['push', 'm6'],
    ]);
  });

  it('pushes when the token is refused after a failure that never reached LINE', async () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    const { api, calls } = scriptedApi({ reply: [refused, fail(400, '{"message":"Invalid reply token"}')] });
    const sent = await new LineSender(api, log, retry).deliver({ to: 'U1', replyToken: 'tok', messages: msgs(1), retryKey: keyOf });
    expect(sent).toEqual({ replied: false, pushes: 1 });
    expect(calls.map((c) => c.kind)).toEqual(['reply', 'reply', 'push']);
  });

  it('keeps the retry key on a push’s retries and takes 409 as already delivered', async () => {
    const { api, calls } = scriptedApi({ push: [fail(503), fail(409, '{"message":"The retry key is already accepted"}')] });
    const sent = await new LineSender(api, log, retry).deliver({ to: 'U1', messages: msgs(2), retryKey: keyOf });
    expect(sent).toEqual({ replied: false, pushes: 1 });
    expect(calls.map((c) => [c.kind, c.retryKey])).toEqual([
      ['push', 'key-0'],
      ['push', 'key-0'],
    ]);
  });

  it('stops at a push LINE refuses for good, and sends nothing after it', async () => {
    const { api, calls } = scriptedApi({ push: [fail(403)] });
    await expect(new LineSender(api, log, retry).deliver({ to: 'U1', messages: msgs(7), retryKey: keyOf })).rejects.toThrow('HTTP 403');
    expect(calls).toHaveLength(1);
  });
});

describe('LineSender.showLoading', () => {
  it('swallows a failure of the animation', async () => {
    const { api, calls } = scriptedApi({ loading: fail(500) });
    await expect(new LineSender(api, log, retry).showLoading('U1')).resolves.toBeUndefined();
    expect(calls.map((c) => c.kind)).toEqual(['loading']);
  });

  it('stops waiting for an animation call that hangs, so the answer is not held back', async () => {
    vi.useFakeTimers();
    try {
      const { api } = scriptedApi({ loading: 'hang' });
      let settled = false;
      const shown = new LineSender(api, log, retry).showLoading('U1').then(() => (settled = true));
      await vi.advanceTimersByTimeAsync(1000);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1000);
      await shown;
      expect(settled).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('retryKeyFor', () => {
  it('gives the same well-formed UUID for the same name and different ones for different names', () => {
    const a = retryKeyFor('01HXYZ:0');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(retryKeyFor('01HXYZ:0')).toBe(a);
    expect(retryKeyFor('01HXYZ:1')).not.toBe(a);
  });
});
