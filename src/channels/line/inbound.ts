// Reads LINE webhook events: the envelope and the fields the adapter uses (checked with zod),
// whether an event is taken in at all (mode, age, kind), and what it asks of the assistant.
// LINE signs no timestamp, so an old event is refused here and a repeated one by its
// webhookEventId (in the adapter); a redelivery may be older and is still taken in.
import { z } from 'zod';

/** A normal delivery arrives within seconds; older ones are treated as replays. */
export const EVENT_MAX_AGE_MS = 10 * 60 * 1000;
/** LINE redelivers failed webhooks for about a day at most. */
export const REDELIVERY_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** Tolerated clock difference for an event stamped in the future. */
export const EVENT_MAX_SKEW_MS = 5 * 60 * 1000;

export const CallbackSchema = z.looseObject({ destination: z.string().optional(), events: z.array(z.unknown()) });

const SourceSchema = z.looseObject({
  type: z.string(),
  userId: z.string().min(1).optional(),
  groupId: z.string().min(1).optional(),
  roomId: z.string().min(1).optional(),
});

export const LineEventSchema = z.looseObject({
  type: z.string(),
  webhookEventId: z.string().min(1).max(128),
  timestamp: z.number(),
  mode: z.string().optional(),
  deliveryContext: z.looseObject({ isRedelivery: z.boolean() }).optional(),
  replyToken: z.string().min(1).optional(),
  source: SourceSchema.optional(),
  message: z.looseObject({ type: z.string(), text: z.string().optional() }).optional(),
  postback: z.looseObject({ data: z.string() }).optional(),
});
export type LineEvent = z.infer<typeof LineEventSchema>;

/** Who spoke and where: the session is the user's; a group or room is where to answer. */
export type LineOwner = { userId: string; groupId?: string; roomId?: string };
export const LineOwnerSchema: z.ZodType<LineOwner> = z.object({ userId: z.string().min(1), groupId: z.string().optional(), roomId: z.string().optional() });

/** What an event asks for: a turn of the assistant, the adapter's own notice, or nothing. */
export type LineTask =
  | { kind: 'turn'; owner: LineOwner; text?: string; postback?: string }
  | { kind: 'textOnly'; owner: LineOwner }
  | { kind: 'ignore'; reason: string };

export type Admission =
  | { ok: true; event: LineEvent; task: Exclude<LineTask, { kind: 'ignore' }> }
  /** `suspicious`: a replay, a clock far off or a changed format, worth a warning; otherwise just not ours to answer. */
  | { ok: false; reason: string; suspicious: boolean };

/** Whether a verified event is taken in: well formed, active, recent (or a redelivery within a day), and of a kind we answer. */
export function admit(raw: unknown, now: Date): Admission {
  const parsed = LineEventSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: 'malformed event', suspicious: true };
  const event = parsed.data;
  const age = now.getTime() - event.timestamp;
  if (age < -EVENT_MAX_SKEW_MS) return { ok: false, reason: 'timestamp in the future', suspicious: true };
  if (age > (isRedelivery(event) ? REDELIVERY_MAX_AGE_MS : EVENT_MAX_AGE_MS)) return { ok: false, reason: 'stale event', suspicious: true };
  const task = taskOf(event);
  if (task.kind === 'ignore') return { ok: false, reason: task.reason, suspicious: false };
  return { ok: true, event, task };
}

export function taskOf(event: LineEvent): LineTask {
  // standby: another channel (a module) is answering this chat
  if (event.mode === 'standby') return { kind: 'ignore', reason: 'standby mode' };
  const owner = ownerOf(event);
  if (!owner) return { kind: 'ignore', reason: 'no user id' };
  switch (event.type) {
    case 'message':
      if (event.message?.type === 'text' && event.message.text?.trim()) return { kind: 'turn', owner, text: event.message.text };
      // stickers and photos are everyday talk in a group: only a 1:1 chat gets the notice
      return isOneToOne(owner) ? { kind: 'textOnly', owner } : { kind: 'ignore', reason: 'non-text message in a group' };
    case 'postback':
      return event.postback?.data ? { kind: 'turn', owner, postback: event.postback.data } : { kind: 'ignore', reason: 'empty postback' };
    case 'follow':
      return { kind: 'turn', owner, postback: WELCOME_POSTBACK };
    default:
      return { kind: 'ignore', reason: `${event.type} event` };
  }
}

/** The core's greeting with its menu, for an owner who just added the account. */
export const WELCOME_POSTBACK = 'menu:welcome';

export const isRedelivery = (event: LineEvent) => event.deliveryContext?.isRedelivery === true;
export const isOneToOne = (owner: LineOwner) => !owner.groupId && !owner.roomId;
/** Where answers go: the group or room the owner spoke in, else the owner. */
export const addressOf = (owner: LineOwner) => owner.groupId ?? owner.roomId ?? owner.userId;
export const sessionKeyOf = (owner: LineOwner) => `line:${owner.userId}`;

function ownerOf(event: LineEvent): LineOwner | undefined {
  const s = event.source;
  if (!s?.userId) return undefined;
  if (s.type === 'group' && s.groupId) return { userId: s.userId, groupId: s.groupId };
  if (s.type === 'room' && s.roomId) return { userId: s.userId, roomId: s.roomId };
  return s.type === 'user' ? { userId: s.userId } : undefined;
}
