// The LINE channel (POST /webhooks/line). The request is verified on its raw body, each event
// is taken in once (by webhookEventId, persisted) and acknowledged at once; then, in the
// background, the loading animation is shown, the assistant answers, and the answer goes out by
// reply while the token is fresh, else by push. Events acknowledged before a stop are answered
// by `resume`. Thin: no business logic here, only verify, normalise, acknowledge, render, send.
import { randomUUID } from 'node:crypto';
import { messagingApi } from '@line/bot-sdk';
import type { Express, Request, Response } from 'express';
import type { Config } from '../../config.ts';
import type { Reply } from '../../domain/conversation.ts';
import { ErrorCode, TsunaguError } from '../../domain/errors.ts';
import { sendError } from '../../server/errors.ts';
import type { ChannelAdapter, ChannelDeps } from '../common/channel.ts';
import {
  CallbackSchema,
  LineEventSchema,
  LineOwnerSchema,
  addressOf,
  admit,
  isOneToOne,
  isRedelivery,
  sessionKeyOf,
  taskOf,
  type LineEvent,
} from './inbound.ts';
import { lineText } from './line.ja.ts';
import { renderReplies } from './render.ts';
import { LineSender, retryKeyFor, type SendRetry } from './send.ts';
import { verificationErrors, verifiedBody } from './verify.ts';

export const LINE_WEBHOOK_PATH = '/webhooks/line';
/** LINE asks for a reply token to be used within a minute of the webhook; older ones are not tried. */
export const REPLY_TOKEN_FRESH_MS = 50_000;
const CHANNEL = 'line';

export type LineChannelOptions = {
  /** Backoff for LINE's 429 and 5xx answers (tests pass a `sleep` that does not wait). */
  retry?: SendRetry;
};

/** Both the channel secret and the access token are set. */
export const isLineConfigured = (line: Config['line']) => Boolean(line.channelSecret && line.accessToken);

export function createLineChannel(config: Config['line'], deps: ChannelDeps, options: LineChannelOptions = {}): ChannelAdapter {
  const { channelSecret, accessToken } = config;
  if (!channelSecret || !accessToken) {
    const field = channelSecret ? 'LINE_CHANNEL_ACCESS_TOKEN' : 'LINE_CHANNEL_SECRET';
    throw new TsunaguError(ErrorCode.ConfigInvalid, `${field}: the LINE channel needs LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN`, { field });
  }
  const api = new messagingApi.MessagingApiClient({ channelAccessToken: accessToken, baseURL: config.apiBaseUrl });
  const sender = new LineSender(api, deps.log, options.retry);
  const render = (replies: Reply[]) => renderReplies(replies, { publicUrl: deps.publicUrl });
  if (!deps.publicUrl) deps.log.warn('LINE: TSUNAGU_PUBLIC_URL is not set, so charts and draft files cannot be linked in LINE');

  /** Takes in the verified events and answers 200 before any of them is processed. */
  function acknowledge(req: Request, res: Response) {
    const body = CallbackSchema.safeParse(req.body);
    if (!body.success) return sendError(res, 400, 'invalid_request', body.error.issues[0]!);
    const now = deps.clock();
    const taken: LineEvent[] = [];
    for (const raw of body.data.events) {
      const admission = admit(raw, now);
      if (!admission.ok) {
        deps.log[admission.suspicious ? 'warn' : 'debug']({ reason: admission.reason }, 'LINE event not taken in');
        continue;
      }
      const { event } = admission;
      if (!deps.events.claim(CHANNEL, event.webhookEventId, now, JSON.stringify(event))) {
        deps.log.info({ eventId: event.webhookEventId }, 'LINE event already taken in; not processed again');
        continue;
      }
      taken.push(event);
    }
    res.sendStatus(200);
    for (const event of taken) deps.work.run(`line:${event.webhookEventId}`, () => answer(event, now));
  }

  /** Answers one event, then marks it done (answered or given up on: a turn is never run twice on purpose). */
  async function answer(event: LineEvent, receivedAt: Date): Promise<void> {
    const task = taskOf(event);
    try {
      if (task.kind === 'ignore') return;
      const { owner } = task;
      deps.refs.save(sessionKeyOf(owner), owner, deps.clock());
      let messages: messagingApi.Message[];
      if (task.kind === 'turn') {
        const loading = isOneToOne(owner) ? sender.showLoading(owner.userId) : undefined;
        // asked before any await, so one owner's turns keep the order their events arrived in
        const turn = deps.assistant.handle({ channel: CHANNEL, userId: owner.userId, text: task.text, postback: task.postback, receivedAt });
        messages = render((await turn).messages);
        await loading;
      } else messages = [{ type: 'text', text: lineText.textOnly }];
      const fresh = !isRedelivery(event) && deps.clock().getTime() - receivedAt.getTime() < REPLY_TOKEN_FRESH_MS;
      const sent = await sender.deliver({
        to: addressOf(owner),
        replyToken: fresh ? event.replyToken : undefined,
        messages,
        retryKey: (batch) => retryKeyFor(`${event.webhookEventId}:${batch}`),
      });
      deps.log.debug({ eventId: event.webhookEventId, ...sent }, 'LINE event answered');
    } catch (err) {
      deps.log.error({ err, eventId: event.webhookEventId }, 'LINE event could not be answered');
    } finally {
      deps.events.done(CHANNEL, event.webhookEventId, deps.clock());
    }
  }

  return {
    channel: CHANNEL,

    mount(app: Express) {
      app.post(LINE_WEBHOOK_PATH, ...verifiedBody(channelSecret), acknowledge, verificationErrors(deps.log));
    },

    async push(sessionKey: string, replies: Reply[]) {
      const owner = sessionKey.startsWith(`${CHANNEL}:`) ? LineOwnerSchema.safeParse(deps.refs.get(sessionKey)) : undefined;
      if (!owner?.success) throw new Error(`no LINE address is saved for session ${sessionKey}`);
      // to the owner alone, even when they last wrote in a group: a staff answer is about their own company
      await sender.deliver({ to: owner.data.userId, messages: render(replies), retryKey: () => randomUUID() });
    },

    resume() {
      const pending = deps.events.pending(CHANNEL);
      if (pending.length) deps.log.info({ count: pending.length }, 'LINE: answering events taken in before the last stop');
      for (const p of pending) {
        const event = LineEventSchema.safeParse(parseJson(p.payload));
        if (!event.success) {
          deps.log.warn({ eventId: p.eventId }, 'LINE: a pending event is unreadable; dropped');
          deps.events.done(CHANNEL, p.eventId, deps.clock());
          continue;
        }
        deps.work.run(`line:${p.eventId}`, () => answer(event.data, new Date(p.receivedAt)));
      }
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
