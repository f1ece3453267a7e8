// The Teams channel end to end: the real app (fixture knowledge, temp data dir) behind
// `POST /api/messages`, answering through botbuilder's CloudAdapter into a fake Bot Framework
// connector on 127.0.0.1. Emulator mode (no app id) covers the whole reply path; production mode
// verifies RS256 tokens against our own OpenID metadata and JWKS. Its reply path cannot be faked
// (the SDK fetches outbound tokens with MSAL from login.microsoftonline.com), so production tests
// stop at "acknowledged and claimed" or "refused and not claimed".
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp, type App } from '../../../src/app.ts';
import { BackgroundWork } from '../../../src/channels/common/background.ts';
import type { ChannelAdapter, ChannelDeps } from '../../../src/channels/common/channel.ts';
import { createTeamsChannel, TEAMS_PATH } from '../../../src/channels/teams/index.ts';
import type { TeamsAddress } from '../../../src/channels/teams/inbound.ts';
import { toTeamsMarkdown } from '../../../src/channels/teams/render.ts';
import { teamsText } from '../../../src/channels/teams/teams.ja.ts';
import { loadConfig, type Config } from '../../../src/config.ts';
import { createHttpApp } from '../../../src/server/app.ts';
import { FIXED_NOW } from '../../helpers/app.ts';
import { startFakePlatform, type FakePlatform, type RecordedRequest } from '../../helpers/channels.ts';
import { FIXTURE_KNOWLEDGE, tempDir } from '../../helpers/fixtures.ts';

const TENANT = 'tenant-1';
const APP_ID = 'tsunagu-teams-test-app';

/** A BackgroundWork that takes jobs in and never runs them: the process "stops" right after the ack. */
class StoppedWork extends BackgroundWork {
  readonly taken: string[] = [];
  override run(label: string): void {
    this.taken.push(label);
  }
}

type Instance = {
  app: App;
  adapter: ChannelAdapter;
  work: BackgroundWork;
  url: string;
  logs: { level: number; msg: string }[];
  sleeps: number[];
  close: () => Promise<void>;
};

async function startInstance(opts: { dataDir: string; teams: Partial<Config['teams']>; work?: BackgroundWork; app?: App }): Promise<Instance> {
  const logs: Instance['logs'] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const config = loadConfig({ TSUNAGU_DATA_DIR: opts.dataDir, TSUNAGU_KNOWLEDGE_DIRS: FIXTURE_KNOWLEDGE });
  const app = opts.app ?? (await createApp(config, { clock: () => FIXED_NOW, log }));
  const work = opts.work ?? new BackgroundWork(log);
  const sleeps: number[] = [];
  const deps: ChannelDeps = { assistant: app.assistant, events: app.store.channelEvents, refs: app.store.channelRefs, work, log, clock: () => FIXED_NOW };
  const adapter = createTeamsChannel({ ...config.teams, ...opts.teams }, deps, { retry: { sleep: async (ms) => void sleeps.push(ms), random: () => 0 } });
  const server = createHttpApp({ core: app.assistant, files: app.store.files, health: () => ({ ok: true }), log, channels: [adapter] }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    app,
    adapter,
    work,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    logs,
    sleeps,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      if (!opts.app) app.close();
    },
  };
}

const ERROR_LEVEL = 50;
let seq = 0;

/** A Teams message activity from one owner in their own 1:1 chat (`who` keeps sessions apart). */
function activity(fake: FakePlatform, who: string, over: Record<string, unknown> = {}) {
  return {
    type: 'message',
    id: `f:act-${++seq}`,
    channelId: 'msteams',
    serviceUrl: `${fake.url}/teams/`,
    timestamp: FIXED_NOW.toISOString(),
    from: { id: `29:${who}`, aadObjectId: `aad-${who}`, name: '山田 太郎' },
    recipient: { id: '28:tsunagu-bot', name: 'つなぐ' },
    conversation: { id: `a:conv-${who}`, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    locale: 'ja-JP',
    ...over,
  };
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}${TEAMS_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

const conversationPath = (who: string) => `/teams/v3/conversations/${encodeURIComponent(`a:conv-${who}`)}/activities`;
const sent = (fake: FakePlatform, who: string) => fake.calls(conversationPath(who), 'POST').map((r) => r.json());
const answers = (fake: FakePlatform, who: string) => sent(fake, who).filter((a) => a.type === 'message');
const submitButtons = (message: any) =>
  (message.attachments ?? []).flatMap((a: any) => a.content.body.filter((e: any) => e.type === 'ActionSet').flatMap((e: any) => e.actions));

describe('Teams channel, emulator mode (no app id): the whole reply path', () => {
  let fake: FakePlatform;
  let t: Instance;
  const tmp = tempDir();
  let replies = 0;

  beforeAll(async () => {
    fake = await startFakePlatform();
    fake.otherwise(() => ({ body: { id: `sent-${++replies}` } })); // the connector accepts every message unless a test says otherwise
    t = await startInstance({ dataDir: tmp.dir, teams: { emulator: true } });
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
    tmp.cleanup();
  });

  it('acknowledges at once, then shows typing and posts the core answer as a new message in the conversation', async () => {
    const question = '機械導入補助金の補助率は？';
    const res = await post(t.url, activity(fake, 'happy', { text: `<at>つなぐ</at> ${question}` }));
    expect(res.status).toBe(200);
    await t.work.drain();

    const out = sent(fake, 'happy');
    expect(out[0]).toMatchObject({ type: 'typing' });
    const first = out[1];
    expect(first).toMatchObject({ type: 'message', textFormat: 'markdown', from: { id: '28:tsunagu-bot' }, recipient: { id: '29:happy' }, conversation: { id: 'a:conv-happy' } });
    expect(first.replyToId).toBeUndefined();
    // the same question to the core in a fresh session gives the text Teams received
    const expected = await t.app.assistant.handle({ channel: 'web', userId: 'teams-reference-happy', text: question, receivedAt: FIXED_NOW });
    expect(first.text).toBe(toTeamsMarkdown(expected.messages[0]!.text));
    expect(expected.meta.citations.map((c) => c.docId).join(' ')).toContain('subsidies/kikai-donyu');
    // no auth in emulator mode: nothing to leak
    expect(fake.calls(conversationPath('happy'))[0]!.headers.authorization).toBeUndefined();

    const address = t.app.store.channelRefs.get<TeamsAddress>(`teams:${TENANT}:aad-happy`)!;
    expect(address.ref).toMatchObject({ conversation: { id: 'a:conv-happy' }, serviceUrl: `${fake.url}/teams/`, bot: { id: '28:tsunagu-bot' } });
    expect(t.app.store.channelEvents.pending('teams')).toEqual([]);
    expect(t.logs.filter((l) => l.level >= ERROR_LEVEL)).toEqual([]);
  });

  it('answers a redelivered activity (same id) once', async () => {
    const once = activity(fake, 'dup', { text: 'こんにちは' });
    expect((await post(t.url, once)).status).toBe(200);
    expect((await post(t.url, once)).status).toBe(200);
    await t.work.drain();
    expect(sent(fake, 'dup').filter((a) => a.type === 'typing')).toHaveLength(1);
    expect(answers(fake, 'dup').length).toBeGreaterThan(0);
    const history = t.app.assistant.history(`teams:${TENANT}:aad-dup`);
    expect(history.filter((e) => e.role === 'owner')).toHaveLength(1);
  });

  it('continues the diagnosis with the payload of the Adaptive Card button the owner pressed', async () => {
    await post(t.url, activity(fake, 'diag', { value: { postback: 'menu:diagnosis' } }));
    await t.work.drain();
    const question = answers(fake, 'diag').at(-1);
    expect(question.text).toContain('（1/');
    const metal = submitButtons(question).find((b: any) => b.title === '金属製品');
    expect(metal).toMatchObject({ type: 'Action.Submit', data: { postback: 'diag:industry:metal', msteams: { type: 'messageBack', displayText: '金属製品' } } });

    // Teams sends the button's data back as the activity's value, with no text
    await post(t.url, activity(fake, 'diag', { value: metal.data }));
    await t.work.drain();
    expect(answers(fake, 'diag').at(-1).text).toContain('（2/');
    const owner = t.app.assistant.history(`teams:${TENANT}:aad-diag`).filter((e) => e.role === 'owner');
    expect(owner.map((e) => e.postback)).toEqual(['menu:diagnosis', 'diag:industry:metal']);
  });

  it('turns a pressed suggested action (its label, sent as text) back into the choice', async () => {
    await post(t.url, activity(fake, 'suggest', { value: { postback: 'menu:diagnosis' } }));
    await t.work.drain();
    await post(t.url, activity(fake, 'suggest', { text: '機械導入補助金の締切はいつ？' }));
    await t.work.drain();
    const paused = answers(fake, 'suggest').at(-1);
    expect(paused.suggestedActions.actions).toEqual([{ type: 'imBack', title: '診断の続きをする', value: '診断の続きをする' }]);

    await post(t.url, activity(fake, 'suggest', { text: '診断の続きをする' }));
    await t.work.drain();
    const owner = t.app.assistant.history(`teams:${TENANT}:aad-suggest`).filter((e) => e.role === 'owner');
    expect(owner.at(-1)!.postback).toBe('menu:diagnosis');
    expect(answers(fake, 'suggest').at(-1).text).toContain('（1/');
  });

  it('welcomes the owner when the bot is added to a chat', async () => {
    const added = activity(fake, 'welcome', { type: 'conversationUpdate', membersAdded: [{ id: '28:tsunagu-bot' }] });
    expect((await post(t.url, added)).status).toBe(200);
    await t.work.drain();
    const welcome = answers(fake, 'welcome')[0];
    expect(welcome.text).toContain('つなぐ');
    expect(submitButtons(welcome).map((b: any) => b.data.postback)).toContain('menu:diagnosis');
  });

  it('asks for text when a message has none the core can read', async () => {
    await post(t.url, activity(fake, 'picture', { text: undefined, attachments: [{ contentType: 'image/png', contentUrl: 'https://x/y.png' }] }));
    await t.work.drain();
    expect(answers(fake, 'picture').map((a) => a.text)).toEqual([toTeamsMarkdown(teamsText.onlyText)]);
    expect(t.app.assistant.history(`teams:${TENANT}:aad-picture`)).toEqual([]);
  });

  it('retries a 429 from the connector after its Retry-After and sends the answer exactly once', async () => {
    const path = conversationPath('busy');
    fake.on('POST', path, { body: { id: 'typing-ok' } }, { status: 429, headers: { 'retry-after': '2' }, body: { error: { code: 'TooManyRequests' } } }, { body: { id: 'answer-ok' } });
    await post(t.url, activity(fake, 'busy', { text: 'こんにちは' }));
    await t.work.drain();
    const calls = sent(fake, 'busy');
    expect(calls.map((a) => a.type)).toEqual(['typing', 'message', 'message']);
    expect(calls[2]).toEqual(calls[1]); // the same message again, not a second answer
    // our policy waited (the SDK's own silent retry is removed): the Retry-After of 2 s, not a jittered 0
    expect(t.sleeps).toContain(2000);
    expect(t.logs.some((l) => l.msg === 'teams: sending failed, retrying')).toBe(true);
  });

  it('pushes a staff answer to the saved conversation', async () => {
    await t.adapter.push(`teams:${TENANT}:aad-happy`, [{ text: '担当者からのご連絡です。\n来週お電話します。' }]);
    const last = answers(fake, 'happy').at(-1);
    expect(last.text).toBe('担当者からのご連絡です。  \n来週お電話します。');
    await expect(t.adapter.push('teams:nobody', [{ text: 'x' }])).rejects.toThrow(/no conversation/);
  });

  it('refuses malformed JSON with 400 and an oversize body with 413, processing neither', async () => {
    const before = fake.requests.length;
    const bad = await post(t.url, '{"type": "message", "text": ');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.code).toBe('invalid_json');
    const huge = await post(t.url, activity(fake, 'huge', { text: 'あ'.repeat(400_000) }));
    expect(huge.status).toBe(413);
    const shapeless = await post(t.url, { type: 'message', text: 'no conversation' });
    expect(shapeless.status).toBe(400);
    await t.work.drain();
    expect(fake.requests.length).toBe(before);
  });
});

describe('Teams channel: an activity acknowledged before a stop is answered after the restart', () => {
  it('resumes the pending event on a new app with the same data dir', async () => {
    const fake = await startFakePlatform();
    fake.on('POST', /\/activities$/, { body: { id: 'ok' } });
    const tmp = tempDir();
    const stopped = new StoppedWork(pino({ level: 'silent' }));
    const first = await startInstance({ dataDir: tmp.dir, teams: { emulator: true }, work: stopped });
    const pendingOne = activity(fake, 'restart', { text: 'こんにちは' });
    expect((await post(first.url, pendingOne)).status).toBe(200);
    expect(stopped.taken).toHaveLength(1);
    await first.close();
    expect(fake.requests).toHaveLength(0);

    const second = await startInstance({ dataDir: tmp.dir, teams: { emulator: true } });
    expect(second.app.store.channelEvents.pending('teams').map((p) => p.eventId)).toEqual([pendingOne.id]);
    second.adapter.resume();
    await second.work.drain();
    expect(answers(fake, 'restart').length).toBeGreaterThan(0);
    expect(second.app.store.channelEvents.pending('teams')).toEqual([]);
    // the redelivery that follows a restart is still recognised
    expect((await post(second.url, pendingOne)).status).toBe(200);
    await second.work.drain();
    expect(sent(fake, 'restart').filter((a) => a.type === 'typing')).toHaveLength(1);
    await second.close();
    await fake.close();
    tmp.cleanup();
  });
});

describe('Teams channel, production mode: Bot Framework tokens verified', () => {
  let keys: FakePlatform;
  let fake: FakePlatform;
  let t: Instance;
  let work: StoppedWork;
  const tmp = tempDir();
  const signing = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });

  const token = (act: { serviceUrl: string }, key: KeyObject = signing.privateKey, claims: Record<string, unknown> = {}, kid = 'key-1') =>
    jwt.sign({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: act.serviceUrl, exp: Math.floor(Date.now() / 1000) + 600, ...claims }, key, { algorithm: 'RS256', keyid: kid });
  const claimed = () => t.app.store.channelEvents.pending('teams').map((p) => p.eventId);

  beforeAll(async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {}); // the SDK prints refused tokens itself
    keys = await startFakePlatform();
    fake = await startFakePlatform();
    keys.on('GET', '/openid', () => ({ body: { issuer: 'https://api.botframework.com', jwks_uri: `${keys.url}/keys` } }));
    keys.on('GET', '/keys', { body: { keys: [{ ...signing.publicKey.export({ format: 'jwk' }), kid: 'key-1', use: 'sig', endorsements: ['msteams'] }] } });
    work = new StoppedWork(pino({ level: 'silent' }));
    t = await startInstance({
      dataDir: tmp.dir,
      work,
      teams: { appId: APP_ID, appPassword: 'app-secret', tenantId: TENANT, openIdMetadataUrl: `${keys.url}/openid`, emulator: false },
    });
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await t.close();
    await keys.close();
    await fake.close();
    tmp.cleanup();
  });

  it('accepts a valid RS256 token from the Bot Framework: 200, claimed and queued', async () => {
    const act = activity(fake, 'prod', { text: 'こんにちは' });
    const res = await post(t.url, act, { authorization: `Bearer ${token(act)}` });
    expect(res.status).toBe(200);
    expect(claimed()).toContain(act.id);
    expect(work.taken).toContain(`teams:${act.id}`);
    expect(keys.calls('/keys')).toHaveLength(1);
  });

  it.each([
    ['no token', () => ''],
    ['a token signed with another key under the same key id', (act: { serviceUrl: string }) => `Bearer ${token(act, stranger.privateKey)}`],
    ['a token signed with an unknown key', (act: { serviceUrl: string }) => `Bearer ${token(act, stranger.privateKey, {}, 'key-2')}`],
    ['a token for another bot', (act: { serviceUrl: string }) => `Bearer ${token(act, signing.privateKey, { aud: 'another-app' })}`],
    ['a token for another serviceUrl', (act: { serviceUrl: string }) => `Bearer ${token(act, signing.privateKey, { serviceurl: 'https://attacker.example/' })}`],
    ['an expired token', (act: { serviceUrl: string }) => `Bearer ${token(act, signing.privateKey, { exp: Math.floor(Date.now() / 1000) - 600 })}`],
  ])('refuses %s with 401 and processes nothing', async (_name, header) => {
    const act = activity(fake, 'forger', { text: '補助金を教えて' });
    const before = work.taken.length;
    const res = await post(t.url, act, header(act) ? { authorization: header(act) } : {});
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).error.code).toBe('unauthorized');
    expect(claimed()).not.toContain(act.id);
    expect(work.taken.length).toBe(before);
    expect(t.app.store.channelRefs.get(`teams:${TENANT}:aad-forger`)).toBeUndefined();
    expect(t.logs.filter((l) => l.level >= ERROR_LEVEL)).toEqual([]);
    expect(t.logs.at(-1)).toMatchObject({ level: 40 });
  });

  it('answers malformed JSON under a token with 400', async () => {
    const res = await post(t.url, '{"type":', { authorization: `Bearer ${token({ serviceUrl: `${fake.url}/teams/` })}` });
    expect(res.status).toBe(400);
  });
});
