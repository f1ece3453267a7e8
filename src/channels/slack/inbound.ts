// Turns what Slack sent (a direct message, a mention in a channel, a button press) into what the
// core understands: the owner (team-scoped, `${team}:${user}`), their words or the pressed
// button's postback id, and where to answer. Everything else (bots, edits, joins) is dropped.
//
// Where answers go: in a channel, in the thread of the mention (a new thread under it when it
// was not in one yet), so a channel is not flooded; in a direct message, right in the DM, in
// a thread only when the owner wrote inside one (a phone shows DM threads as a collapsed
// "1 reply", which an owner easily misses).

/** The address of an owner's conversation, kept per session for `push`. */
export type SlackRef = { team: string; channel: string; threadTs?: string };

export type SlackInbound =
  | { kind: 'text'; userId: string; text: string; ref: SlackRef }
  | { kind: 'postback'; userId: string; postback: string; ref: SlackRef }
  /** The owner sent something that is not text (a file or picture without words). */
  | { kind: 'unsupported'; userId: string; ref: SlackRef };

/** A bare mention ("@tsunagu" and nothing else) opens the welcome menu. */
export const BARE_MENTION_POSTBACK = 'menu:welcome';

type MessageLike = {
  type: string;
  subtype?: string;
  bot_id?: string;
  user?: string;
  team?: string;
  text?: string;
  files?: unknown[];
  channel: string;
  channel_type?: string;
  ts: string;
  thread_ts?: string;
};

export type EventEnvelope = { team_id?: string; event: MessageLike };

/** A DM (`message` with channel_type im) or an `app_mention` in a channel; undefined for anything to ignore. */
export function inboundFromEvent(body: EventEnvelope): SlackInbound | undefined {
  const event = body.event;
  // only what a person wrote: no bots (ourselves included), no edits, deletions or joins
  if (event.bot_id || !event.user) return undefined;
  if (event.subtype && event.subtype !== 'file_share') return undefined;
  const team = event.team ?? body.team_id;
  if (!team) return undefined;
  const userId = `${team}:${event.user}`;
  const isDm = event.type === 'message' && event.channel_type === 'im';
  // app_mention never comes from a DM; a message elsewhere is not addressed to us (mentions come as app_mention)
  if (event.type === 'message' && !isDm) return undefined;
  if (event.type !== 'message' && event.type !== 'app_mention') return undefined;

  const ref: SlackRef = { team, channel: event.channel, ...threadOf(isDm, event.ts, event.thread_ts) };
  const text = plainText(event.text ?? '');
  if (text) return { kind: 'text', userId, text, ref };
  if (event.files?.length) return { kind: 'unsupported', userId, ref };
  return event.type === 'app_mention' ? { kind: 'postback', userId, postback: BARE_MENTION_POSTBACK, ref } : undefined;
}

export type ActionBody = {
  team?: { id?: string } | null;
  user: { id: string; team_id?: string };
  channel?: { id: string };
  container?: { channel_id?: string; message_ts?: string; thread_ts?: string };
  message?: { ts: string; thread_ts?: string };
};

/** A press of one of our postback buttons: answered where the button's message is. */
export function inboundFromAction(body: ActionBody, value: string | undefined): SlackInbound | undefined {
  const team = body.user.team_id ?? body.team?.id ?? undefined;
  const channel = body.channel?.id ?? body.container?.channel_id;
  const messageTs = body.message?.ts ?? body.container?.message_ts;
  if (!team || !channel || !messageTs || !value) return undefined;
  const ref: SlackRef = { team, channel, ...threadOf(isDmChannel(channel), messageTs, body.message?.thread_ts ?? body.container?.thread_ts) };
  return { kind: 'postback', userId: `${team}:${body.user.id}`, postback: value, ref };
}

function threadOf(isDm: boolean, ts: string, threadTs: string | undefined): { threadTs?: string } {
  if (threadTs) return { threadTs };
  return isDm ? {} : { threadTs: ts };
}

/** DM channel ids start with D. */
const isDmChannel = (channel: string) => channel.startsWith('D');

/**
 * Slack's message markup as the plain words the owner typed: mentions and broadcasts dropped,
 * `<#C1|general>` as #general, links as their label (or the URL), &amp; &lt; &gt; decoded.
 */
export function plainText(text: string): string {
  return text
    .replace(/<([@#!]?)([^>|]*)(?:\|([^>]*))?>/g, (_m, sigil: string, target: string, label: string | undefined) => {
      if (sigil === '@') return ' ';
      if (sigil === '#') return label ? `#${label}` : ' ';
      if (sigil === '!') return label ?? ' ';
      return label ?? target;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t\u3000]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();
}
