// The Slack channel end to end: signed Events API and interactive requests into the real server
// (real assistant, fixture knowledge, temporary SQLite data dir), answers observed on a fake
// Slack Web API on 127.0.0.1 through the official client. Covers verification, the fast ack,
// de-duplication, malformed and oversize bodies, rate limits, buttons continuing the diagnosis,
// push to a saved conversation and the resume of an event taken in before a restart.
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BackgroundWork } from '../../../src/channels/common/background.ts';
import type { ChannelAdapter, ChannelDeps } from '../../../src/channels/common/channel.ts';
import { createSlackChannel, SLACK_EVENTS_PATH } from '../../../src/channels/slack/index.ts';
import { renderReplies, type SlackMessage } from '../../../src/channels/slack/render.ts';
import { slackText } from '../../../src/channels/slack/slack.ja.ts';
import type { AssistantTurn, InboundMessage } from '../../../src/domain/conversation.ts';
import { createHttpApp } from '../../../src/server/app.ts';
import { FIXED_NOW, startTestApp } from '../../helpers/app.ts';
import { startFakePlatform, type FakePlatform, type RecordedRequest } from '../../helpers/channels.ts';
import { tempDir } from '../../helpers/fixtures.ts';

const SECRET = 'slack-signing-secret-for-tests';
const NOW_S = Math.floor(FIXED_NOW.getTime() / 1000);
const POST_MESSAGE = '/api/chat.postMessage';

type LogLine = { level: number; msg: string; [k: string]: unknown };

/** The real app with the Slack adapter mounted, its background work and logs exposed. */
async function startSlackServer(fake: FakePlatform, dataDir: string) {
  const t = await startTestApp({
    dataDir,
    listen: false,
    env: { SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_API_URL: `${fake.url}/api/` },
  });
  const logs: LogLine[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const work = new BackgroundWork(log);
  // lets a test hold the assistant back, to see the acknowledgement come first or to "crash" mid-work
  let gate: Promise<void> = Promise.resolve();
  const assistant = {
    handle: async (msg: InboundMessage): Promise<AssistantTurn> => {
      await gate;
      return t.app.assistant.handle(msg);
    },
  };
  const deps: ChannelDeps = { assistant, events: t.app.store.channelEvents, refs: t.app.store.channelRefs, work, log, clock: () => FIXED_NOW };
  const waits: number[] = [];
  const slack = createSlackChannel(t.app.config.slack, deps, { retry: { sleep: async (ms) => void waits.push(ms), baseMs: 5 } });
  const http = createHttpApp({ core: t.app.assistant, files: t.app.store.files, health: () => ({ ok: true }), log, channels: [slack] });
  const server: Server = http.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return {
    t,
    slack: slack as ChannelAdapter,
    work,
    logs,
    waits,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${SLACK_EVENTS_PATH}`,
    hold() {
      let release!: () => void;
      gate = new Promise((r) => (release = r));
      return release;
    },
    close: async () => {
      await new Promise((r) => server.close(r));
      t.app.close();
    },
  };
}
type SlackServer = Awaited<ReturnType<typeof startSlackServer>>;

const sign = (body: string, ts: number, secret = SECRET) => 'v0=' + createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex');

async function postSigned(url: string, body: string, opts: { ts?: number; secret?: string; form?: boolean; headers?: Record<string, string> } = {}) {
  const ts = opts.ts ?? NOW_S;
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': opts.form ? 'application/x-www-form-urlencoded' : 'application/json',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': sign(body, ts, opts.secret),
      ...opts.headers,
    },
    body,
  });
}

let seq = 0;
const envelope = (event: Record<string, unknown>, eventId = `Ev${++seq}`) =>
  JSON.stringify({
    token: 'unused',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: eventId,
    event_time: NOW_S,
    authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
    event: { team: 'T1', event_ts: event.ts, ...event },
  });
const mention = (user: string, text: string, ts: string, eventId?: string) =>
  envelope({ type: 'app_mention', user, text: `<@UBOT> ${text}`, ts, channel: 'C1' }, eventId);
const dm = (user: string, text: string, ts: string, eventId?: string) =>
  envelope({ type: 'message', channel_type: 'im', channel: `D-${user}`, user, text, ts }, eventId);

/** A press of the button `value` in a message the app posted, as Slack sends it (form-encoded `payload=`). */
function press(user: string, posted: RecordedRequest, value: string): string {
  const form = posted.form();
  const blocks = JSON.parse(form.get('blocks')!) as { type: string; elements?: { action_id: string; value?: string; text: unknown }[] }[];
  const button = blocks.flatMap((b) => b.elements ?? []).find((e) => e.value === value);
  if (!button) throw new Error(`no button ${value} in the posted message`);
  const channel = form.get('channel')!;
  const messageTs = postedTs.get(posted)!;
  const threadTs = form.get('thread_ts') ?? undefined;
  const payload = {
    type: 'block_actions',
    trigger_id: `trig-${++seq}`,
    team: { id: 'T1', domain: 'test' },
    user: { id: user, username: user, team_id: 'T1' },
    api_app_id: 'A1',
    container: { type: 'message', message_ts: messageTs, channel_id: channel, is_ephemeral: false, ...(threadTs ? { thread_ts: threadTs } : {}) },
    channel: { id: channel, name: 'x' },
    message: { type: 'message', ts: messageTs, ...(threadTs ? { thread_ts: threadTs } : {}), text: form.get('text'), blocks },
    response_url: 'https://hooks.slack.invalid/actions/1',
    actions: [{ type: 'button', block_id: 'b1', action_id: button.action_id, value: button.value, text: button.text, action_ts: `${NOW_S}.1` }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** The ts the fake gave each posted message. */
const postedTs = new WeakMap<RecordedRequest, string>();
let tsCounter = 0;
function answerPostMessage(req: RecordedRequest) {
  const ts = `${NOW_S}.${String(++tsCounter).padStart(6, '0')}`;
  postedTs.set(req, ts);
  return { body: { ok: true, channel: req.form().get('channel'), ts } };
}

const postedFor = (fake: FakePlatform, channel: string) => fake.calls(POST_MESSAGE).filter((c) => c.form().get('channel') === channel);
const blocksOf = (req: RecordedRequest) => JSON.parse(req.form().get('blocks')!);
/** What the same core says for the same input in a fresh session: the Slack answer must be exactly its rendering. */
async function coreAnswer(s: SlackServer, input: { text?: string; postback?: string }[]): Promise<SlackMessage[]> {
  const userId = `reference-${++seq}`;
  let turn: AssistantTurn | undefined;
  for (const step of input) turn = await s.t.app.assistant.handle({ channel: 'web', userId, ...step, receivedAt: FIXED_NOW });
  return renderReplies(turn!.messages);
}

describe('Slack channel (POST /slack/events)', () => {
  let fake: FakePlatform;
  let s: SlackServer;
  const data = tempDir();

  beforeAll(async () => {
    fake = await startFakePlatform();
    s = await startSlackServer(fake, data.dir);
  });
  afterAll(async () => {
    await s.close();
    await fake.close();
    data.cleanup();
  });
  beforeEach(() => {
    fake.reset();
    fake.on('POST', POST_MESSAGE, answerPostMessage);
    s.waits.length = 0;
    s.logs.length = 0;
  });

  it("answers Slack's URL verification", async () => {
    const res = await postSigned(s.url, JSON.stringify({ type: 'url_verification', token: 'x', challenge: 'challenge-abc' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'challenge-abc' });
  });

  it('acknowledges a signed mention before working on it, then answers in its thread with the rendered core answer', async () => {
    const question = '機械導入補助金の補助率は？';
    const release = s.hold();
    const res = await postSigned(s.url, mention('U100', question, '1763686800.000100'));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(fake.calls(POST_MESSAGE)).toHaveLength(0); // acknowledged while the assistant has not even started
    expect(s.work.size).toBe(1);
    release();
    await s.work.drain();

    const expected = await coreAnswer(s, [{ text: question }]);
    const posted = postedFor(fake, 'C1');
    expect(posted).toHaveLength(expected.length);
    posted.forEach((call, i) => {
      const form = call.form();
      expect(call.headers.authorization).toBe('Bearer xoxb-test-token');
      expect(form.get('thread_ts')).toBe('1763686800.000100');
      expect(form.get('text')).toBe(expected[i]!.text);
      expect(blocksOf(call)).toEqual(expected[i]!.blocks);
    });
    expect(JSON.stringify(blocksOf(posted[0]!))).toMatch(/機械導入応援補助金[\s\S]*補助率/);
  });

  it('refuses forged, stale and far-future requests with 401, processes nothing and logs no error', async () => {
    const body = mention('U101', 'こんにちは', '1763686800.000200');
    const forged = await postSigned(s.url, body, { secret: 'not-the-secret' });
    const stale = await postSigned(s.url, body, { ts: NOW_S - 6 * 60 });
    const future = await postSigned(s.url, body, { ts: NOW_S + 6 * 60 });
    const unsigned = await fetch(s.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const tampered = await fetch(s.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(NOW_S), 'x-slack-signature': sign(body, NOW_S) },
      body: body.replace('こんにちは', '全部消して'),
    });
    for (const res of [forged, stale, future, unsigned, tampered]) expect(res.status).toBe(401);
    expect(((await forged.json()) as any).error.code).toBe('unauthorized');
    await s.work.drain();
    expect(s.work.size).toBe(0);
    expect(fake.requests).toHaveLength(0);
    expect(s.t.app.store.channelEvents.pending('slack')).toEqual([]);
    expect(s.t.app.store.channelRefs.get('slack:T1:U101')).toBeUndefined();
    expect(s.logs.filter((l) => l.level >= 50)).toEqual([]);
    expect(s.logs.filter((l) => l.msg === 'slack request refused')).toHaveLength(5);
  });

  it('answers a retried delivery (same event_id, X-Slack-Retry-Num) and a replayed request only once', async () => {
    const body = dm('U102', 'ジギョケイって何？', '1763686800.000300', 'EvRetry1');
    const first = await postSigned(s.url, body);
    const replay = await postSigned(s.url, body); // the very same signed request again
    const retry = await postSigned(s.url, body, { ts: NOW_S + 3, headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect([first.status, replay.status, retry.status]).toEqual([200, 200, 200]);
    await s.work.drain();
    const expected = await coreAnswer(s, [{ text: 'ジギョケイって何？' }]);
    const posted = postedFor(fake, 'D-U102');
    expect(posted).toHaveLength(expected.length);
    expect(posted[0]!.form().get('thread_ts')).toBeNull(); // a DM is answered in the DM itself
    expect(s.t.app.assistant.history('slack:T1:U102', 100).filter((e) => e.role === 'owner')).toHaveLength(1);
    expect(s.logs.filter((l) => l.msg === 'slack duplicate delivery acknowledged').map((l) => l.retryNum)).toEqual([undefined, '1']);
  });

  it('answers 400 to a signed body that is not JSON, and 413 to an oversize one, processing neither', async () => {
    const bad = await postSigned(s.url, '{"type":"event_callback","event_id":');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.code).toBe('invalid_json');
    const badForm = await postSigned(s.url, 'payload=%7Bnot-json', { form: true });
    expect(badForm.status).toBe(400);
    const huge = mention('U103', 'あ'.repeat(400_000), '1763686800.000400'); // about 1.2 MB of UTF-8
    const big = await postSigned(s.url, huge);
    expect(big.status).toBe(413);
    await s.work.drain();
    expect(fake.requests).toHaveLength(0);
    expect(s.t.app.store.channelEvents.pending('slack')).toEqual([]);
  });

  it('waits as long as a 429 Retry-After asks, then sends the answer exactly once', async () => {
    fake.on('POST', POST_MESSAGE, { status: 429, headers: { 'retry-after': '2' }, body: { ok: false, error: 'ratelimited' } }, answerPostMessage);
    await postSigned(s.url, dm('U104', '機械導入補助金の締め切りは？', '1763686800.000500'));
    await s.work.drain();
    const expected = await coreAnswer(s, [{ text: '機械導入補助金の締め切りは？' }]);
    const calls = postedFor(fake, 'D-U104');
    expect(calls).toHaveLength(expected.length + 1); // the refused attempt, then each message once
    expect(calls[0]!.text()).toBe(calls[1]!.text()); // the refused message was retried, not skipped
    expect(calls.slice(1).map((c) => c.form().get('text'))).toEqual(expected.map((m) => m.text));
    expect(s.waits).toHaveLength(1);
    expect(s.waits[0]).toBeGreaterThanOrEqual(2000);
    expect(s.logs.some((l) => l.msg === 'slack chat.postMessage failed, retrying')).toBe(true);
  });

  it('retries a 5xx and gives up on a refusal without retrying, logging it', async () => {
    fake.on('POST', POST_MESSAGE, { status: 503, body: 'unavailable' }, answerPostMessage);
    await postSigned(s.url, dm('U105', 'こんにちは', '1763686800.000600'));
    await s.work.drain();
    expect(postedFor(fake, 'D-U105').length).toBeGreaterThanOrEqual(2);
    expect(s.t.app.store.channelEvents.pending('slack')).toEqual([]);

    fake.on('POST', POST_MESSAGE, { body: { ok: false, error: 'channel_not_found' } });
    await postSigned(s.url, dm('U106', 'こんにちは', '1763686800.000700'));
    await s.work.drain();
    expect(postedFor(fake, 'D-U106')).toHaveLength(1);
    expect(s.logs.find((l) => l.msg === 'slack event could not be answered')).toMatchObject({ level: 50 });
    expect(s.t.app.store.channelEvents.pending('slack')).toEqual([]); // given up, not retried at every start
  });

  it('continues the diagnosis through button presses (menu:diagnosis, then a diag: choice) in the same thread', async () => {
    await postSigned(s.url, mention('U107', '', '1763686800.000800')); // a bare mention opens the welcome menu
    await s.work.drain();
    const menu = postedFor(fake, 'C1').find((c) => c.form().get('blocks')!.includes('"menu:diagnosis"'))!;
    expect(menu.form().get('thread_ts')).toBe('1763686800.000800');

    const before = fake.calls(POST_MESSAGE).length;
    const ack = await postSigned(s.url, press('U107', menu, 'menu:diagnosis'), { form: true });
    expect(ack.status).toBe(200);
    await s.work.drain();
    const firstQuestion = fake.calls(POST_MESSAGE).slice(before);
    const expected1 = await coreAnswer(s, [{ postback: 'menu:welcome' }, { postback: 'menu:diagnosis' }]);
    expect(firstQuestion.map(blocksOf)).toEqual(expected1.map((m) => m.blocks));
    expect(firstQuestion.every((c) => c.form().get('thread_ts') === '1763686800.000800')).toBe(true);

    const lastOfFirst = firstQuestion.at(-1)!;
    const choice = (blocksOf(lastOfFirst) as { elements?: { value?: string }[] }[])
      .flatMap((b) => b.elements ?? [])
      .map((e) => e.value)
      .find((v) => v && /^diag:[^:]+:[^:]+$/.test(v) && !v.includes('skip'))!;
    expect(choice).toBeDefined();
    const mark = fake.calls(POST_MESSAGE).length;
    await postSigned(s.url, press('U107', lastOfFirst, choice), { form: true });
    await s.work.drain();
    const secondQuestion = fake.calls(POST_MESSAGE).slice(mark);
    const expected2 = await coreAnswer(s, [{ postback: 'menu:welcome' }, { postback: 'menu:diagnosis' }, { postback: choice }]);
    expect(secondQuestion.map(blocksOf)).toEqual(expected2.map((m) => m.blocks));
    expect(secondQuestion.at(-1)!.form().get('text')).not.toBe(lastOfFirst.form().get('text'));
  });

  it('tells an owner who sends only a file that it reads text, without asking the core', async () => {
    const body = envelope({ type: 'message', subtype: 'file_share', channel_type: 'im', channel: 'D-U108', user: 'U108', text: '', files: [{ id: 'F1' }], ts: '1763686800.000900' });
    await postSigned(s.url, body);
    await s.work.drain();
    const [posted] = postedFor(fake, 'D-U108');
    expect(posted!.form().get('text')).toBe(slackText.onlyText);
    expect(s.t.app.assistant.history('slack:T1:U108', 10)).toEqual([]);
  });

  it('ignores bot messages, edits and other events without answering', async () => {
    await postSigned(s.url, envelope({ type: 'message', channel_type: 'im', channel: 'D-U109', bot_id: 'B1', user: 'UBOT', text: 'bot', ts: '1.1' }, 'EvBot'));
    await postSigned(s.url, envelope({ type: 'message', subtype: 'message_changed', channel_type: 'im', channel: 'D-U109', ts: '1.2' }, 'EvEdit'));
    await postSigned(s.url, envelope({ type: 'reaction_added', user: 'U109', reaction: 'thumbsup' }, 'EvReaction'));
    await s.work.drain();
    expect(fake.requests).toHaveLength(0);
    // a reaction was not even taken in (its id is still new); bot messages and edits were taken in, then dropped by the listeners
    expect(s.t.app.store.channelEvents.claim('slack', 'EvReaction', FIXED_NOW)).toBe(true);
    expect(s.t.app.store.channelEvents.pending('slack')).toEqual([]);
  });

  it('pushes a staff answer to the conversation saved for the session', async () => {
    await postSigned(s.url, mention('U110', '担当者に相談したい', '1763686800.001000'));
    await s.work.drain();
    fake.reset();
    fake.on('POST', POST_MESSAGE, answerPostMessage);
    await s.slack.push('slack:T1:U110', [{ text: '担当の山田です。明日お電話します。', choices: [{ id: 'menu:subsidy', label: '補助金を探す' }] }]);
    const [pushed] = fake.calls(POST_MESSAGE);
    expect(pushed!.form().get('channel')).toBe('C1');
    expect(pushed!.form().get('thread_ts')).toBe('1763686800.001000');
    expect(pushed!.form().get('text')).toBe('担当の山田です。明日お電話します。');
    await expect(s.slack.push('slack:T1:UNKNOWN', [{ text: 'x' }])).rejects.toThrow(/no Slack conversation/);
  });
});

describe('Slack channel: restart', () => {
  it('answers after a restart an event that was acknowledged but not answered before the stop', async () => {
    const fake = await startFakePlatform();
    fake.on('POST', POST_MESSAGE, answerPostMessage);
    const data = tempDir();
    try {
      const before = await startSlackServer(fake, data.dir);
      before.hold(); // the assistant never gets to answer: the process "dies" with the event acknowledged
      const res = await postSigned(before.url, mention('U200', '機械導入補助金の補助率は？', '1763686800.002000', 'EvCrash1'));
      expect(res.status).toBe(200);
      expect(before.t.app.store.channelEvents.pending('slack').map((e) => e.eventId)).toEqual(['EvCrash1']);
      await before.close();

      const after = await startSlackServer(fake, data.dir);
      try {
        await after.t.app.work.drain(); // the app answers, as it starts, what was taken in before the stop
        const expected = await coreAnswer(after, [{ text: '機械導入補助金の補助率は？' }]);
        const posted = postedFor(fake, 'C1');
        expect(posted.map(blocksOf)).toEqual(expected.map((m) => m.blocks));
        expect(posted[0]!.form().get('thread_ts')).toBe('1763686800.002000');
        expect(after.t.app.store.channelEvents.pending('slack')).toEqual([]);
        // a late retry of the same event after the restart is still recognised
        await postSigned(after.url, mention('U200', '機械導入補助金の補助率は？', '1763686800.002000', 'EvCrash1'), { headers: { 'x-slack-retry-num': '2' } });
        await after.work.drain();
        expect(postedFor(fake, 'C1')).toHaveLength(posted.length);
      } finally {
        await after.close();
      }
    } finally {
      await fake.close();
      data.cleanup();
    }
  });
});
