// The Slack channel (issue 6): `POST /slack/events` takes Events API callbacks and interactive
// payloads (button presses). Thin: verify the v0 signature on the raw body, read the envelope,
// claim the event id durably, answer 200 at once; then, in the background, Bolt dispatches the
// event to our listeners, which ask the core and post the rendered answer in the thread.
//
// Why our own receiver instead of Bolt's ExpressReceiver: the durable de-duplication must happen
// BEFORE the acknowledgement (claim, then 200), so a crash after the ack leaves a pending event to
// resume; Bolt acks inside processEvent before any middleware could claim. Our receiver also
// refuses far-future timestamps (Bolt refuses only stale ones), sets its own body limit, and
// feeds resumed events through the same `processEvent` path as live ones.
import { App, type ButtonAction, type Receiver } from '@slack/bolt';
import express, { type Express, type Request, type Response } from 'express';
import type { Config } from '../../config.ts';
import type { Reply } from '../../domain/conversation.ts';
import { sendError } from '../../server/errors.ts';
import type { ChannelAdapter, ChannelDeps } from '../common/channel.ts';
import type { RetryOptions } from '../common/retry.ts';
import { MalformedBodyError, readEnvelope } from './envelope.ts';
import { inboundFromAction, inboundFromEvent, type EventEnvelope, type SlackInbound, type SlackRef } from './inbound.ts';
import { POSTBACK_ACTION_ID, renderReplies } from './render.ts';
import { boltLogger, createSlackWebClient, SlackSender } from './send.ts';
import { slackText } from './slack.ja.ts';
import { verifySlackSignature } from './verify.ts';

export const SLACK_EVENTS_PATH = '/slack/events';
/** Slack's payloads are a few kilobytes; anything near this is not from Slack. */
export const SLACK_BODY_LIMIT = '1mb';
const CHANNEL = 'slack';

export type SlackChannelOptions = {
  /** Backoff for outbound calls (tests pass a fast `sleep`). */
  retry?: RetryOptions;
};

/** Bolt listens to nothing itself: our route hands it verified, claimed bodies through `processEvent`. */
const dispatchOnly: Receiver = { init: () => {}, start: async () => undefined, stop: async () => undefined };

export function createSlackChannel(config: Config['slack'], deps: ChannelDeps, options: SlackChannelOptions = {}): ChannelAdapter {
  const { signingSecret, botToken, apiUrl } = config;
  if (!signingSecret || !botToken) throw new Error('the Slack channel needs SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN');
  const log = deps.log.child({ channel: CHANNEL });
  const sender = new SlackSender(createSlackWebClient({ botToken, apiUrl, log }), log, options.retry);

  // `authorize` hands Bolt the one bot token: no auth.test call, at start or ever.
  const bolt = new App({
    receiver: dispatchOnly,
    authorize: async () => ({ botToken }),
    clientOptions: { slackApiUrl: apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true },
    logger: boltLogger(log),
    convoStore: false,
  });
  // listener errors reach our job (which logs them once) instead of Bolt's console logger
  bolt.error(async (err) => {
    throw err;
  });

  const send = (ref: SlackRef, replies: Reply[]) => sender.send(ref, renderReplies(replies, { publicUrl: deps.publicUrl }));

  async function answer(inbound: SlackInbound | undefined, receivedAt: Date): Promise<void> {
    if (!inbound) return;
    deps.refs.save(`${CHANNEL}:${inbound.userId}`, inbound.ref, deps.clock());
    if (inbound.kind === 'unsupported') return send(inbound.ref, [{ text: slackText.onlyText }]);
    const words = inbound.kind === 'text' ? { text: inbound.text } : { postback: inbound.postback };
    const turn = await deps.assistant.handle({ channel: CHANNEL, userId: inbound.userId, ...words, receivedAt });
    await send(inbound.ref, turn.messages);
  }

  const receivedAtOf = (context: Record<string, unknown>) => context.receivedAt as Date;
  bolt.message(async ({ body, context }) => answer(inboundFromEvent(body as EventEnvelope), receivedAtOf(context)));
  bolt.event('app_mention', async ({ body, context }) => answer(inboundFromEvent(body as EventEnvelope), receivedAtOf(context)));
  bolt.action({ type: 'block_actions', action_id: POSTBACK_ACTION_ID }, async ({ ack, body, action, context }) => {
    await ack();
    await answer(inboundFromAction(body, (action as ButtonAction).value), receivedAtOf(context));
  });

  /** One claimed event, answered; marked done even when it could not be (it is logged), so it is not retried forever. */
  async function processClaimed(eventId: string, body: Record<string, unknown>, receivedAt: Date): Promise<void> {
    try {
      await bolt.processEvent({ body, ack: async () => {}, customProperties: { receivedAt } });
    } catch (err) {
      log.error({ err, eventId }, 'slack event could not be answered');
    }
    deps.events.done(CHANNEL, eventId, deps.clock());
  }

  const receive = (req: Request, res: Response) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const now = deps.clock();
    const verdict = verifySlackSignature(raw, { signature: req.get('x-slack-signature'), timestamp: req.get('x-slack-request-timestamp') }, signingSecret, now);
    if (!verdict.ok) {
      log.warn({ reason: verdict.reason, ip: req.ip }, 'slack request refused');
      return sendError(res, 401, 'unauthorized', { message: 'the request is not signed by Slack' });
    }
    let envelope;
    try {
      envelope = readEnvelope(raw, req.get('content-type'));
    } catch (err) {
      if (!(err instanceof MalformedBodyError)) throw err;
      log.warn({ reason: err.message }, 'slack request body is malformed');
      return sendError(res, 400, 'invalid_json', { message: 'request body is not valid JSON' });
    }
    switch (envelope.kind) {
      case 'url_verification':
        return res.json({ challenge: envelope.challenge });
      case 'ssl_check':
        return res.status(200).end();
      case 'ignored':
        log.debug({ why: envelope.why }, 'slack request acknowledged and ignored');
        return res.status(200).end();
      case 'inbound': {
        const { id, body } = envelope;
        const fresh = deps.events.claim(CHANNEL, id, now, JSON.stringify(body));
        res.status(200).end();
        if (fresh) deps.work.run(`slack ${id}`, () => processClaimed(id, body, now));
        else log.info({ eventId: id, retryNum: req.get('x-slack-retry-num'), retryReason: req.get('x-slack-retry-reason') }, 'slack duplicate delivery acknowledged');
      }
    }
  };

  return {
    channel: CHANNEL,
    mount(app: Express) {
      app.post(SLACK_EVENTS_PATH, express.raw({ type: () => true, limit: SLACK_BODY_LIMIT }), receive);
    },
    async push(sessionKey: string, replies: Reply[]) {
      const ref = deps.refs.get<SlackRef>(sessionKey);
      if (!ref) throw new Error(`no Slack conversation is known for ${sessionKey}`);
      await send(ref, replies);
    },
    resume() {
      const pending = deps.events.pending(CHANNEL);
      if (pending.length) log.info({ count: pending.length }, 'resuming slack events taken in before the last stop');
      for (const event of pending) {
        deps.work.run(`slack resume ${event.eventId}`, () => processClaimed(event.eventId, JSON.parse(event.payload), new Date(event.receivedAt)));
      }
    },
  };
}
