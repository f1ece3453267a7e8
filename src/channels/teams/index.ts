// The Microsoft Teams channel (issue 6): `POST /api/messages` takes Bot Framework activities.
// Thin: read the raw body, verify the sender, read the activity, claim its id durably, answer
// 200 at once; then, in the background, show "typing", ask the core and post the rendered answer
// as a proactive message into the conversation (Teams allows 15 s per turn; the core may take
// longer, and a redelivered or resumed event must be answerable without the original request).
//
// Why not `CloudAdapter.process(req, res, logic)`: it runs the whole turn inside the request and
// answers only when the logic has finished; it console.error()s every refused token; and it
// answers 500, not 401, to a token signed with a wrong key under a known key id (jsonwebtoken's
// error is not an AuthenticationError). So the route calls the same verification that
// CloudAdapter runs first in every turn, `BotFrameworkAuthentication.authenticateRequest` on the
// adapter's own authentication object, maps its failures to 401 (or 503 when the signing keys
// cannot be loaded), and answers through the CloudAdapter later (`continueConversationAsync`).
import { createHash } from 'node:crypto';
import express, { type Express, type Request, type Response } from 'express';
import type { Activity } from 'botbuilder';
import type { Config } from '../../config.ts';
import type { Reply } from '../../domain/conversation.ts';
import { sendError } from '../../server/errors.ts';
import type { ChannelAdapter, ChannelDeps } from '../common/channel.ts';
import type { RetryOptions } from '../common/retry.ts';
import { authVerdict, createTeamsAuth } from './auth.ts';
import { addressAfterInbound, jobOf, TeamsActivity, teamsUserId, type TeamsAddress, type TeamsJob, type TeamsRef } from './inbound.ts';
import { renderTurn, type Choice } from './render.ts';
import { TeamsSender } from './send.ts';
import { teamsText } from './teams.ja.ts';

export const TEAMS_PATH = '/api/messages';
/** Activities are a few kilobytes (pictures come as links); anything near this is not from Teams. */
export const TEAMS_BODY_LIMIT = '1mb';
const CHANNEL = 'teams';

export type TeamsChannelOptions = {
  /** Backoff for the connector's 429, 412 and 5xx answers (tests pass a `sleep` that does not wait). */
  retry?: RetryOptions;
};

const sessionKeyOf = (userId: string) => `${CHANNEL}:${userId}`;

export function createTeamsChannel(config: Config['teams'], deps: ChannelDeps, options: TeamsChannelOptions = {}): ChannelAdapter {
  const auth = createTeamsAuth(config);
  const log = deps.log.child({ channel: CHANNEL });
  const sender = new TeamsSender(auth.adapter, auth.botAppId, log, options.retry);
  if (auth.mode === 'emulator') log.warn('teams: emulator mode, requests are NOT authenticated; use it only on a private machine');
  else log.info({ tenant: config.tenantId ? 'single' : 'multi', customKeys: !!config.openIdMetadataUrl }, 'teams: tokens are verified');

  // answers for one owner go out in the order the messages came in
  const chains = new Map<string, Promise<void>>();
  function inOrder<T>(key: string, job: () => Promise<T>): Promise<T> {
    const run = (chains.get(key) ?? Promise.resolve()).then(job);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    chains.set(key, settled);
    void settled.then(() => {
      if (chains.get(key) === settled) chains.delete(key);
    });
    return run;
  }

  function rememberSuggested(sessionKey: string, ref: TeamsRef, choices: Choice[]): void {
    const address = deps.refs.get<TeamsAddress>(sessionKey) ?? { ref };
    const suggested = choices.length ? { suggested: { conversationId: ref.conversation!.id!, choices } } : {};
    deps.refs.save(sessionKey, { ref: address.ref, ...suggested }, deps.clock());
  }

  /** One claimed event answered; marked done even when it could not be (the failure is logged), so it is not retried forever. */
  async function answer(eventId: string, job: TeamsJob, receivedAt: Date): Promise<void> {
    const sessionKey = sessionKeyOf(job.userId);
    try {
      await sender.converse(job.ref, async (post) => {
        await post([{ type: 'typing' }]).catch((err) => log.warn({ err: String(err), eventId }, 'teams: typing indicator not sent'));
        const replies: Reply[] =
          job.text || job.postback
            ? (await deps.assistant.handle({ channel: CHANNEL, userId: job.userId, text: job.text, postback: job.postback, receivedAt })).messages
            : [{ text: teamsText.onlyText }];
        const rendered = renderTurn(replies, { publicUrl: deps.publicUrl });
        await post(rendered.messages);
        rememberSuggested(sessionKey, job.ref, rendered.suggested);
      });
    } finally {
      deps.events.done(CHANNEL, eventId, deps.clock());
    }
  }

  function schedule(eventId: string, job: TeamsJob, receivedAt: Date): void {
    deps.work.run(`teams:${eventId}`, () => inOrder(sessionKeyOf(job.userId), () => answer(eventId, job, receivedAt)));
  }

  async function receive(req: Request, res: Response): Promise<void> {
    const authorization = req.headers.authorization ?? '';
    if (auth.mode === 'production' && !/^Bearer \S/.test(authorization)) {
      log.warn({ ip: req.ip }, 'teams: request without a bearer token refused');
      return sendError(res, 401, 'unauthorized', { message: 'a Bot Framework token is required' });
    }
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return sendError(res, 400, 'invalid_json', { message: 'request body is not valid JSON' });
    }
    if (!body || typeof body !== 'object' || typeof (body as { type?: unknown }).type !== 'string') {
      return sendError(res, 400, 'invalid_request', { message: 'expected a Bot Framework activity' });
    }

    try {
      // checks the token against the activity's own serviceUrl and channelId, so it needs the parsed body
      await auth.authentication.authenticateRequest(body as Activity, authorization);
    } catch (err) {
      const verdict = authVerdict(err);
      if (verdict.status === 401) {
        log.warn({ ip: req.ip, reason: verdict.reason }, 'teams: token refused');
        return sendError(res, 401, 'unauthorized', { message: 'the Bot Framework token was refused' });
      }
      log.error({ reason: verdict.reason }, 'teams: tokens cannot be verified now');
      return sendError(res, 503, 'unavailable', { message: 'tokens cannot be verified now' });
    }

    const parsed = TeamsActivity.safeParse(body);
    if (!parsed.success) return sendError(res, 400, 'invalid_request', parsed.error.issues[0]!);
    const activity = parsed.data;
    const sessionKey = sessionKeyOf(teamsUserId(activity));
    const previous = deps.refs.get<TeamsAddress>(sessionKey);
    const job = jobOf(activity, previous);
    if (!job) {
      res.status(200).end();
      return;
    }
    const now = deps.clock();
    const eventId = activity.id ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`;
    if (!deps.events.claim(CHANNEL, eventId, now, JSON.stringify(job))) {
      log.info({ eventId }, 'teams: repeated activity acknowledged, not processed again');
      res.status(200).end();
      return;
    }
    deps.refs.save(sessionKey, addressAfterInbound(previous, job.ref), now);
    schedule(eventId, job, now);
    res.status(200).end();
  }

  return {
    channel: CHANNEL,

    mount(app: Express) {
      app.post(TEAMS_PATH, express.raw({ type: () => true, limit: TEAMS_BODY_LIMIT }), receive);
    },

    async push(sessionKey: string, replies: Reply[]) {
      const address = deps.refs.get<TeamsAddress>(sessionKey);
      if (!address?.ref.conversation?.id) throw new Error(`teams: no conversation is known for ${sessionKey}`);
      const rendered = renderTurn(replies, { publicUrl: deps.publicUrl });
      await inOrder(sessionKey, () => sender.converse(address.ref, (post) => post(rendered.messages)));
      rememberSuggested(sessionKey, address.ref, rendered.suggested);
    },

    resume() {
      for (const pending of deps.events.pending(CHANNEL)) {
        const job = readJob(pending.payload);
        if (!job) {
          log.warn({ eventId: pending.eventId }, 'teams: a pending event cannot be read; dropped');
          deps.events.done(CHANNEL, pending.eventId, deps.clock());
          continue;
        }
        log.info({ eventId: pending.eventId }, 'teams: answering an event taken in before the last stop');
        schedule(pending.eventId, job, new Date(pending.receivedAt));
      }
    },
  };
}

/** A job as stored at claim time, checked before it is trusted again. */
function readJob(payload: string): TeamsJob | undefined {
  try {
    const job = JSON.parse(payload) as Partial<TeamsJob>;
    const ok = typeof job.userId === 'string' && typeof job.ref?.conversation?.id === 'string' && typeof job.ref.serviceUrl === 'string';
    return ok ? (job as TeamsJob) : undefined;
  } catch {
    return undefined;
  }
}
