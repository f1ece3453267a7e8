// Which LINE events are taken in (age window, redelivery, mode, kind) and what each asks of
// the assistant: the owner's session, where to answer, text or postback.
import { describe, expect, it } from 'vitest';
import { EVENT_MAX_AGE_MS, REDELIVERY_MAX_AGE_MS, addressOf, admit, sessionKeyOf, taskOf, LineEventSchema } from '../../../src/channels/line/inbound.ts';

const NOW = new Date('2026-11-21T01:00:00Z');
const minutes = (n: number) => n * 60 * 1000;

function event(fields: Record<string, unknown> = {}) {
  return {
    type: 'message',
    mode: 'active',
    timestamp: NOW.getTime(),
    webhookEventId: '01JTESTEVENT',
    deliveryContext: { isRedelivery: false },
    replyToken: 'tok',
    source: { type: 'user', userId: 'U1' },
    message: { id: '1', type: 'text', text: 'こんにちは', quoteToken: 'q' },
    ...fields,
  };
}

describe('admit', () => {
  it('takes in a fresh text message as a turn of its sender', () => {
    const a = admit(event(), NOW);
    expect(a).toMatchObject({ ok: true, task: { kind: 'turn', owner: { userId: 'U1' }, text: 'こんにちは' } });
  });

  it('refuses an event older than the window as a likely replay', () => {
    const justIn = admit(event({ timestamp: NOW.getTime() - EVENT_MAX_AGE_MS + 1000 }), NOW);
    expect(justIn.ok).toBe(true);
    expect(admit(event({ timestamp: NOW.getTime() - EVENT_MAX_AGE_MS - 1000 }), NOW)).toEqual({ ok: false, reason: 'stale event', suspicious: true });
  });

  it('takes in an older redelivery, up to a day', () => {
    const redelivery = (age: number) => event({ timestamp: NOW.getTime() - age, deliveryContext: { isRedelivery: true } });
    expect(admit(redelivery(minutes(90)), NOW).ok).toBe(true);
    expect(admit(redelivery(REDELIVERY_MAX_AGE_MS + minutes(1)), NOW)).toMatchObject({ ok: false, reason: 'stale event' });
  });

  it('refuses an event stamped well in the future', () => {
    expect(admit(event({ timestamp: NOW.getTime() + minutes(30) }), NOW)).toMatchObject({ ok: false, reason: 'timestamp in the future', suspicious: true });
  });

  it('refuses an event without an id or a timestamp as malformed', () => {
    expect(admit(event({ webhookEventId: undefined }), NOW)).toMatchObject({ ok: false, reason: 'malformed event', suspicious: true });
    expect(admit(event({ timestamp: 'yesterday' }), NOW)).toMatchObject({ ok: false, reason: 'malformed event' });
    expect(admit('not an event', NOW)).toMatchObject({ ok: false, reason: 'malformed event' });
  });

  it('passes over events that are not ours to answer, without suspicion', () => {
    for (const fields of [{ mode: 'standby' }, { type: 'join', source: { type: 'group', groupId: 'C1' } }, { type: 'unfollow' }, { source: { type: 'user' } }]) {
      expect(admit(event(fields), NOW)).toMatchObject({ ok: false, suspicious: false });
    }
  });
});

describe('taskOf', () => {
  const task = (fields: Record<string, unknown>) => taskOf(LineEventSchema.parse(event(fields)));

  it('turns a button press into a postback and a new friend into the welcome', () => {
    expect(task({ type: 'postback', postback: { data: 'diag:employees:21-50' } })).toEqual({ kind: 'turn', owner: { userId: 'U1' }, postback: 'diag:employees:21-50' });
    expect(task({ type: 'follow', follow: { isUnblocked: false } })).toEqual({ kind: 'turn', owner: { userId: 'U1' }, postback: 'menu:welcome' });
  });

  it('answers a sticker with a notice in a 1:1 chat but not in a group', () => {
    const sticker = { type: 'sticker', id: '2', packageId: '1', stickerId: '1', quoteToken: 'q' };
    expect(task({ message: sticker })).toEqual({ kind: 'textOnly', owner: { userId: 'U1' } });
    expect(task({ message: sticker, source: { type: 'group', groupId: 'C1', userId: 'U1' } })).toMatchObject({ kind: 'ignore' });
  });

  it('keys a group or room message by its user and answers where it was said', () => {
    const inGroup = task({ source: { type: 'group', groupId: 'C1', userId: 'U7' } });
    expect(inGroup).toMatchObject({ kind: 'turn', owner: { userId: 'U7', groupId: 'C1' } });
    const owner = (inGroup as { owner: { userId: string; groupId?: string } }).owner;
    expect(sessionKeyOf(owner)).toBe('line:U7');
    expect(addressOf(owner)).toBe('C1');
    expect(addressOf({ userId: 'U8', roomId: 'R1' })).toBe('R1');
    expect(addressOf({ userId: 'U9' })).toBe('U9');
  });
});
