// Reads a verified Bot Framework activity into the work it asks for (pure: no I/O). A message
// becomes the owner's text (mentions removed) or, for an Adaptive Card button, its postback; a
// suggested action comes back as its label and is mapped to the choice's id. The bot being added
// to a chat asks for the welcome. Also decides which conversation to keep as the owner's address.
import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import { z } from 'zod';
import type { Choice } from './render.ts';

/** Where an owner is reached: a conversation reference (no activity id, so sends are new messages, not replies). */
export type TeamsRef = Partial<ConversationReference>;

/** One claimed event's work, as kept until done (JSON): enough to answer after a restart. */
export type TeamsJob = {
  userId: string;
  ref: TeamsRef;
  /** Neither text nor postback: something the assistant cannot read (a picture, only a mention). */
  text?: string;
  postback?: string;
};

/** What refs keeps per session: the address for push(), and the suggested actions last offered there. */
export type TeamsAddress = { ref: TeamsRef; suggested?: { conversationId: string; choices: Choice[] } };

export const WELCOME_POSTBACK = 'menu:welcome';
/** The Bot Framework Emulator sends no tenant. */
export const NO_TENANT = 'no-tenant';
const MAX_POSTBACK_CHARS = 300;

const Account = z.looseObject({ id: z.string().min(1), aadObjectId: z.string().min(1).optional() });

/** The fields read here; the rest of the activity is kept as sent. */
export const TeamsActivity = z.looseObject({
  type: z.string().min(1),
  id: z.string().min(1).max(512).optional(),
  channelId: z.string().min(1),
  serviceUrl: z.url({ protocol: /^https?$/ }),
  text: z.string().optional(),
  value: z.unknown().optional(),
  from: Account,
  recipient: Account,
  conversation: z.looseObject({
    id: z.string().min(1),
    conversationType: z.string().optional(),
    isGroup: z.boolean().optional(),
    tenantId: z.string().min(1).optional(),
  }),
  channelData: z.looseObject({ tenant: z.looseObject({ id: z.string().min(1) }).optional() }).optional(),
  membersAdded: z.array(Account).optional(),
});
export type TeamsActivity = z.infer<typeof TeamsActivity>;

/** The owner's id on this channel: one person in one organisation (the AAD object id is stable across chats). */
export function teamsUserId(activity: TeamsActivity): string {
  const tenant = activity.channelData?.tenant?.id ?? activity.conversation.tenantId ?? NO_TENANT;
  return `${tenant}:${activity.from.aadObjectId ?? activity.from.id}`;
}

/** The conversation to answer in, without the activity id (an answer is a new message, not a reply to a stale one). */
export function refOf(activity: TeamsActivity): TeamsRef {
  const { activityId: _replyTo, ...ref } = TurnContext.getConversationReference(activity as unknown as Partial<Activity>);
  return ref;
}

/**
 * The work an activity asks for, or undefined when there is nothing to answer (typing, reactions,
 * members leaving, invokes). `address` is what refs holds for the sender: its suggested actions
 * turn a pressed label back into the choice's id.
 */
export function jobOf(activity: TeamsActivity, address?: TeamsAddress): TeamsJob | undefined {
  const base = { userId: teamsUserId(activity), ref: refOf(activity) };
  if (activity.type === 'conversationUpdate') {
    const botAdded = activity.membersAdded?.some((m) => m.id === activity.recipient.id);
    return botAdded ? { ...base, postback: WELCOME_POSTBACK } : undefined;
  }
  if (activity.type !== 'message') return undefined;
  const postback = postbackOf(activity.value);
  if (postback) return { ...base, postback };
  const text = withoutMentions(activity.text ?? '');
  if (!text) return base;
  const offered = address?.suggested?.conversationId === activity.conversation.id ? address.suggested.choices : [];
  const pressed = offered.find((c) => c.label === text);
  return pressed ? { ...base, postback: pressed.id } : { ...base, text };
}

/** The postback an Action.Submit button sends in `value` (an object, or JSON text from older clients). */
export function postbackOf(value: unknown): string | undefined {
  let data = value;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      return undefined;
    }
  }
  const postback = data && typeof data === 'object' ? (data as Record<string, unknown>).postback : undefined;
  return typeof postback === 'string' && postback.length > 0 && postback.length <= MAX_POSTBACK_CHARS ? postback : undefined;
}

/** Text without `<at>…</at>` mentions (Teams puts the bot's name in channel messages). */
export const withoutMentions = (text: string): string => text.replace(/<at\b[^>]*>[\s\S]*?<\/at>/gi, ' ').replace(/[ \t\u3000]+/g, ' ').trim();

const isPersonal = (ref: TeamsRef) => (ref.conversation?.conversationType ? ref.conversation.conversationType === 'personal' : !ref.conversation?.isGroup);

/**
 * The address to keep after an inbound event: the newest conversation, except that a 1:1 chat is
 * not replaced by a group chat or channel, so a staff answer pushed later is not posted where
 * others read it. Suggested actions are gone once the owner writes, so they are forgotten.
 */
export function addressAfterInbound(previous: TeamsAddress | undefined, ref: TeamsRef): TeamsAddress {
  if (previous && isPersonal(previous.ref) && !isPersonal(ref)) return { ref: previous.ref };
  return { ref };
}
