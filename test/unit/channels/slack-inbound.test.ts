// What the Slack adapter does with a request before the core sees it: the v0 signature and its
// five-minute window, the envelope (URL check, events, button presses, malformed bodies), and
// the owner's words and address taken from an event or a button press.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MalformedBodyError, readEnvelope } from '../../../src/channels/slack/envelope.ts';
import { BARE_MENTION_POSTBACK, inboundFromAction, inboundFromEvent, plainText } from '../../../src/channels/slack/inbound.ts';
import { verifySlackSignature } from '../../../src/channels/slack/verify.ts';

const SECRET = 'test-signing-secret';
const NOW = new Date('2026-11-21T01:00:00Z');
const sign = (body: string, ts: number, secret = SECRET) => 'v0=' + createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex');

describe('verifySlackSignature', () => {
  const body = '{"type":"event_callback"}';
  const ts = NOW.getTime() / 1000;
  const check = (headers: { signature?: string; timestamp?: string }, raw = body) => verifySlackSignature(Buffer.from(raw), headers, SECRET, NOW);

  it('accepts a request signed with the secret within five minutes either way', () => {
    expect(check({ signature: sign(body, ts), timestamp: String(ts) })).toEqual({ ok: true });
    expect(check({ signature: sign(body, ts - 299), timestamp: String(ts - 299) })).toEqual({ ok: true });
    expect(check({ signature: sign(body, ts + 299), timestamp: String(ts + 299) })).toEqual({ ok: true });
  });

  it('refuses another secret, a changed body, stale and far-future timestamps, and missing headers', () => {
    expect(check({ signature: sign(body, ts, 'other-secret'), timestamp: String(ts) })).toEqual({ ok: false, reason: 'bad signature' });
    expect(check({ signature: sign(body, ts), timestamp: String(ts) }, body.replace('event', 'evil'))).toEqual({ ok: false, reason: 'bad signature' });
    expect(check({ signature: sign(body, ts - 301), timestamp: String(ts - 301) })).toEqual({ ok: false, reason: 'stale or future timestamp' });
    expect(check({ signature: sign(body, ts + 301), timestamp: String(ts + 301) })).toEqual({ ok: false, reason: 'stale or future timestamp' });
    expect(check({ signature: sign(body, ts), timestamp: `${ts}.5` })).toEqual({ ok: false, reason: 'bad timestamp' });
    expect(check({ timestamp: String(ts) })).toEqual({ ok: false, reason: 'missing headers' });
    expect(check({ signature: 'v1=abc', timestamp: String(ts) })).toEqual({ ok: false, reason: 'bad signature' });
  });
});

describe('readEnvelope', () => {
  const json = (body: unknown) => readEnvelope(Buffer.from(JSON.stringify(body)), 'application/json');
  const form = (payload: unknown) => readEnvelope(Buffer.from(new URLSearchParams({ payload: JSON.stringify(payload) }).toString()), 'application/x-www-form-urlencoded');

  it('answers the URL check and takes in messages and mentions by event_id', () => {
    expect(json({ type: 'url_verification', challenge: 'c-123' })).toEqual({ kind: 'url_verification', challenge: 'c-123' });
    const body = { type: 'event_callback', event_id: 'Ev1', event: { type: 'app_mention' } };
    expect(json(body)).toEqual({ kind: 'inbound', id: 'Ev1', body });
    expect(json({ type: 'event_callback', event_id: 'Ev2', event: { type: 'reaction_added' } })).toMatchObject({ kind: 'ignored' });
  });

  it('takes in a press of a postback button by its trigger_id, and ignores link buttons', () => {
    const press = { type: 'block_actions', trigger_id: '123.456.abc', actions: [{ action_id: 'tsunagu:choice:2', value: 'diag:x:y' }] };
    expect(form(press)).toEqual({ kind: 'inbound', id: 'action:123.456.abc', body: press });
    expect(form({ ...press, actions: [{ action_id: 'tsunagu:file:0' }] })).toMatchObject({ kind: 'ignored' });
  });

  it('throws on bodies Slack would not send', () => {
    expect(() => readEnvelope(Buffer.from('{"type":'), 'application/json')).toThrow(MalformedBodyError);
    expect(() => readEnvelope(Buffer.from('[1,2]'), 'application/json')).toThrow(MalformedBodyError);
    expect(() => readEnvelope(Buffer.from('payload=%7Bnope'), 'application/x-www-form-urlencoded')).toThrow(MalformedBodyError);
  });
});

describe('inbound from Slack', () => {
  const envelope = (event: Record<string, unknown>) => ({ team_id: 'T1', event: { ts: '100.1', channel: 'C1', ...event } as any });

  it('a mention in a channel: the words without the mention, the team-scoped user, answered in a new thread under it', () => {
    const inbound = inboundFromEvent(envelope({ type: 'app_mention', user: 'U9', text: '<@UBOT> ものづくり補助金の補助率は？' }));
    expect(inbound).toEqual({ kind: 'text', userId: 'T1:U9', text: 'ものづくり補助金の補助率は？', ref: { team: 'T1', channel: 'C1', threadTs: '100.1' } });
    const inThread = inboundFromEvent(envelope({ type: 'app_mention', user: 'U9', text: '<@UBOT> 続き', thread_ts: '90.0' }));
    expect(inThread!.ref.threadTs).toBe('90.0');
    expect(inboundFromEvent(envelope({ type: 'app_mention', user: 'U9', text: '<@UBOT>' }))).toMatchObject({ kind: 'postback', postback: BARE_MENTION_POSTBACK });
  });

  it('a direct message is answered in the DM itself, in a thread only when written in one', () => {
    const dm = inboundFromEvent(envelope({ type: 'message', channel_type: 'im', channel: 'D1', user: 'U9', text: '締め切りは？' }));
    expect(dm).toEqual({ kind: 'text', userId: 'T1:U9', text: '締め切りは？', ref: { team: 'T1', channel: 'D1' } });
    const inThread = inboundFromEvent(envelope({ type: 'message', channel_type: 'im', channel: 'D1', user: 'U9', text: 'はい', thread_ts: '99.9' }));
    expect(inThread!.ref).toEqual({ team: 'T1', channel: 'D1', threadTs: '99.9' });
  });

  it('ignores bots, edits, and channel messages that do not mention the app; a picture without words is "unsupported"', () => {
    expect(inboundFromEvent(envelope({ type: 'message', channel_type: 'im', bot_id: 'B1', user: 'UBOT', text: 'hi' }))).toBeUndefined();
    expect(inboundFromEvent(envelope({ type: 'message', channel_type: 'im', subtype: 'message_changed', text: 'hi' }))).toBeUndefined();
    expect(inboundFromEvent(envelope({ type: 'message', channel_type: 'channel', user: 'U9', text: 'hi' }))).toBeUndefined();
    expect(inboundFromEvent(envelope({ type: 'message', channel_type: 'im', channel: 'D1', subtype: 'file_share', user: 'U9', text: '', files: [{}] }))).toMatchObject({
      kind: 'unsupported',
      userId: 'T1:U9',
    });
  });

  it('a button press: the postback id, answered in the thread of the pressed message (or the DM itself)', () => {
    const body = { team: { id: 'T1' }, user: { id: 'U9', team_id: 'T1' }, channel: { id: 'C1' }, message: { ts: '200.2', thread_ts: '100.1' } };
    expect(inboundFromAction(body, 'diag:employees:21-50')).toEqual({
      kind: 'postback',
      userId: 'T1:U9',
      postback: 'diag:employees:21-50',
      ref: { team: 'T1', channel: 'C1', threadTs: '100.1' },
    });
    expect(inboundFromAction({ ...body, channel: { id: 'D1' }, message: { ts: '200.2' } }, 'menu:subsidy')!.ref).toEqual({ team: 'T1', channel: 'D1' });
    expect(inboundFromAction(body, undefined)).toBeUndefined();
  });

  it('reads Slack markup back as the words typed', () => {
    expect(plainText('<@U1|taro> &lt;補助率&gt; &amp; <#C1|general> <https://example.jp|公募要領> <https://a.jp> <!here>')).toBe(
      '<補助率> & #general 公募要領 https://a.jp',
    );
  });
});
