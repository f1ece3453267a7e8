// The pieces every chat-platform adapter shares: retries with backoff, text splitting, background
// work, and the durable record of webhook events and owner addresses.
import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { BackgroundWork } from '../../../src/channels/common/background.ts';
import { classifyHttpError, retryAfterMs, withRetry } from '../../../src/channels/common/retry.ts';
import { splitText } from '../../../src/channels/common/split.ts';
import { openStore } from '../../../src/store/index.ts';
import { tempDir } from '../../helpers/fixtures.ts';

const httpError = (status: number, headers: Record<string, string> = {}) => Object.assign(new Error(`HTTP ${status}`), { status, headers });

describe('withRetry', () => {
  it('retries 429 and 5xx with growing, jittered waits that honour Retry-After, then succeeds', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls++;
        if (calls === 1) throw httpError(429, { 'retry-after': '2' });
        if (calls === 2) throw httpError(503);
        return 'sent';
      },
      { sleep: async (ms) => void waits.push(ms), random: () => 0.5, baseMs: 100 },
    );
    expect(result).toBe('sent');
    expect(calls).toBe(3);
    expect(waits).toEqual([2000, 100]); // Retry-After wins over the 50 ms jittered wait; then half of 200 ms
  });

  it('fails at once on a client error, and after the last retry on a server error', async () => {
    let calls = 0;
    await expect(withRetry(async () => { calls++; throw httpError(400); }, { sleep: async () => {} })).rejects.toThrow('HTTP 400');
    expect(calls).toBe(1);
    calls = 0;
    await expect(withRetry(async () => { calls++; throw httpError(500); }, { sleep: async () => {}, retries: 2 })).rejects.toThrow('HTTP 500');
    expect(calls).toBe(3);
  });

  it('reads the error shapes of the SDKs', () => {
    expect(classifyHttpError({ retryAfter: 3 })).toEqual({ retry: true, afterMs: 3000 }); // Slack WebAPIRateLimitedError
    expect(classifyHttpError({ statusCode: 412 })).toEqual({ retry: true }); // botbuilder RestError
    expect(classifyHttpError({ status: 404 })).toEqual({ retry: false });
    expect(classifyHttpError(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }))).toEqual({ retry: true });
    expect(classifyHttpError(new Error('a bug'))).toEqual({ retry: false });
    expect(retryAfterMs('Wed, 21 Oct 2026 07:28:10 GMT', Date.parse('Wed, 21 Oct 2026 07:28:00 GMT'))).toBe(10_000);
  });
});

describe('splitText', () => {
  it('cuts at paragraph, line and sentence breaks and keeps every character', () => {
    const text = ['一段落目です。', '', '二段落目の一行目です。', '二行目です。三文目です。'].join('\n');
    const pieces = splitText(text, 16);
    expect(pieces.every((p) => [...p].length <= 16)).toBe(true);
    expect(pieces.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    expect(pieces[0]).toBe('一段落目です。');
    expect(splitText('あ'.repeat(25), 10)).toEqual(['あ'.repeat(10), 'あ'.repeat(10), 'あ'.repeat(5)]);
    expect(splitText('短い', 10)).toEqual(['短い']);
  });
});

describe('BackgroundWork', () => {
  it('runs jobs after the caller returns, logs a failure instead of throwing, and drains', async () => {
    const work = new BackgroundWork(pino({ level: 'silent' }));
    const done: string[] = [];
    work.run('a', async () => {
      await new Promise((r) => setTimeout(r, 5));
      done.push('a');
    });
    work.run('b', async () => {
      throw new Error('boom');
    });
    expect(done).toEqual([]);
    await work.drain();
    expect(done).toEqual(['a']);
    expect(work.size).toBe(0);
  });
});

describe('channel events and refs (SQLite)', () => {
  it('claims an event id once per channel, keeps its payload until done, and survives a reopen', () => {
    const tmp = tempDir();
    const at = new Date('2026-11-21T01:00:00Z');
    let store = openStore(tmp.dir);
    expect(store.channelEvents.claim('line', 'ev-1', at, '{"text":"a"}')).toBe(true);
    expect(store.channelEvents.claim('line', 'ev-1', at, '{"text":"a"}')).toBe(false);
    expect(store.channelEvents.claim('slack', 'ev-1', at)).toBe(true); // another channel's id space
    store.channelRefs.save('line:U1', { userId: 'U1' }, at);
    store.close();

    store = openStore(tmp.dir); // a restart
    expect(store.channelEvents.claim('line', 'ev-1', at)).toBe(false);
    expect(store.channelEvents.pending('line')).toEqual([{ eventId: 'ev-1', payload: '{"text":"a"}', receivedAt: at.toISOString() }]);
    store.channelEvents.done('line', 'ev-1', at);
    expect(store.channelEvents.pending('line')).toEqual([]);
    expect(store.channelRefs.get('line:U1')).toEqual({ userId: 'U1' });
    expect(store.channelRefs.get('line:U2')).toBeUndefined();
    store.close();
    tmp.cleanup();
  });
});
