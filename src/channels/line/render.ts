// Renders the channel-neutral replies of one turn as LINE message objects (pure): texts split
// into readable pieces, choices as quick-reply postback buttons on the last message, cards as
// Flex carousels with postback buttons, images inline when LINE can fetch them, files as a
// Flex bubble of link buttons. Link texts and notices come from line.ja.ts.
import type { messagingApi } from '@line/bot-sdk';
import type { Reply } from '../../domain/conversation.ts';
import { splitText } from '../common/split.ts';
import { lineText } from './line.ja.ts';

type Message = messagingApi.Message;
type Card = NonNullable<Reply['cards']>[number];
type Choice = { id: string; label: string };

/** The platform's limits (Messaging API reference). */
export const LINE_LIMITS = {
  textChars: 5000,
  quickReplyItems: 13,
  labelChars: 20,
  displayTextChars: 300,
  bubblesPerCarousel: 12,
  altTextChars: 1500,
} as const;
/** A long answer is sent in pieces of at most this many characters: easier to read on a phone than one wall of text. */
export const TEXT_PIECE_CHARS = 2000;

export type RenderOptions = {
  /** Public origin of this server: makes `/files/...` paths absolute. Without it, such links cannot be sent. */
  publicUrl?: string;
};

/** The LINE messages for one turn, in order; the turn's choices ride on the last message as quick replies. */
export function renderReplies(replies: Reply[], opts: RenderOptions = {}): Message[] {
  const out = replies.flatMap((reply) => renderReply(reply, opts));
  const choices = mergedChoices(replies);
  const last = out.at(-1);
  if (last && choices.length) out[out.length - 1] = { ...last, quickReply: quickReplyOf(choices) };
  return out;
}

function renderReply(reply: Reply, opts: RenderOptions): Message[] {
  const out: Message[] = splitText(reply.text, TEXT_PIECE_CHARS).map((text) => ({ type: 'text', text }));
  if (reply.image) out.push(imageMessage(reply.image, opts));
  for (let i = 0; i < (reply.cards?.length ?? 0); i += LINE_LIMITS.bubblesPerCarousel) {
    out.push(cardCarousel(reply.cards!.slice(i, i + LINE_LIMITS.bubblesPerCarousel)));
  }
  if (reply.files?.length) out.push(...fileMessages(reply.files, opts));
  return out;
}

// ── choices ────────────────────────────────────────────────────────────────────

/** Every choice of the turn, first label kept for a repeated id, cut to what a quick reply holds. */
function mergedChoices(replies: Reply[]): Choice[] {
  const byId = new Map<string, Choice>();
  for (const choice of replies.flatMap((r) => r.choices ?? [])) if (!byId.has(choice.id)) byId.set(choice.id, choice);
  return [...byId.values()].slice(0, LINE_LIMITS.quickReplyItems);
}

function quickReplyOf(choices: Choice[]): messagingApi.QuickReply {
  return { items: choices.map((c) => ({ type: 'action', action: postbackAction(c) })) };
}

/** A button whose press comes back as a postback event carrying the choice id; the chat shows the full label as the owner's line. */
function postbackAction(c: Choice): messagingApi.PostbackAction {
  return { type: 'postback', label: shorten(c.label, LINE_LIMITS.labelChars), data: c.id, displayText: shorten(c.label, LINE_LIMITS.displayTextChars) };
}

// ── cards ──────────────────────────────────────────────────────────────────────

function cardCarousel(cards: Card[]): messagingApi.FlexMessage {
  return {
    type: 'flex',
    altText: shorten(lineText.cardsAlt(cards.map((c) => c.title)), LINE_LIMITS.altTextChars),
    contents: { type: 'carousel', contents: cards.map(cardBubble) },
  };
}

function cardBubble(card: Card): messagingApi.FlexBubble {
  const body: messagingApi.FlexComponent[] = [{ type: 'text', text: nonEmpty(card.title), weight: 'bold', size: 'md', wrap: true }];
  if (card.subtitle) body.push({ type: 'text', text: card.subtitle, size: 'sm', color: '#666666', wrap: true });
  if (card.fields?.length) {
    body.push({ type: 'separator', margin: 'md' });
    for (const [key, value] of card.fields) {
      body.push({
        type: 'box',
        layout: 'horizontal',
        spacing: 'sm',
        margin: 'sm',
        contents: [
          { type: 'text', text: nonEmpty(key), size: 'sm', color: '#888888', flex: 2, wrap: true },
          { type: 'text', text: nonEmpty(value), size: 'sm', color: '#333333', flex: 5, wrap: true },
        ],
      });
    }
  }
  const bubble: messagingApi.FlexBubble = { type: 'bubble', body: { type: 'box', layout: 'vertical', spacing: 'sm', contents: body } };
  if (card.actions?.length) {
    bubble.footer = {
      type: 'box',
      layout: 'vertical',
      spacing: 'sm',
      contents: card.actions.map((a): messagingApi.FlexButton => ({ type: 'button', style: 'secondary', height: 'sm', action: postbackAction(a) })),
    };
  }
  return bubble;
}

// ── images and files ───────────────────────────────────────────────────────────

function imageMessage(image: NonNullable<Reply['image']>, opts: RenderOptions): Message {
  const url = absoluteUrl(image.url, opts.publicUrl);
  // LINE fetches images itself and accepts only https
  if (url?.startsWith('https://')) return { type: 'image', originalContentUrl: url, previewImageUrl: url };
  return { type: 'text', text: url ? lineText.imageLink(image.alt, url) : lineText.imageUnavailable(image.alt) };
}

/** LINE cannot carry .docx or .md files: links to open them, as buttons where there is a URL. */
function fileMessages(files: NonNullable<Reply['files']>, opts: RenderOptions): Message[] {
  const linked = files.map((f) => ({ name: f.name, url: absoluteUrl(f.url, opts.publicUrl) }));
  const reachable = linked.filter((f): f is { name: string; url: string } => f.url !== undefined);
  const unreachable = linked.filter((f) => f.url === undefined);
  const out: Message[] = [];
  if (reachable.length) {
    out.push({
      type: 'flex',
      altText: shorten(lineText.filesAlt(reachable.map((f) => f.name)), LINE_LIMITS.altTextChars),
      contents: {
        type: 'bubble',
        body: {
          type: 'box',
          layout: 'vertical',
          spacing: 'sm',
          contents: [
            { type: 'text', text: lineText.filesTitle, weight: 'bold', wrap: true },
            { type: 'text', text: lineText.filesHint, size: 'xs', color: '#888888', wrap: true },
            ...reachable.map((f): messagingApi.FlexText => ({ type: 'text', text: f.name, size: 'sm', wrap: true })),
          ],
        },
        footer: {
          type: 'box',
          layout: 'vertical',
          spacing: 'sm',
          contents: reachable.map((f): messagingApi.FlexButton => ({
            type: 'button',
            style: 'link',
            height: 'sm',
            action: { type: 'uri', label: shorten(f.name, LINE_LIMITS.labelChars), uri: f.url },
          })),
        },
      },
    });
  }
  if (unreachable.length) out.push({ type: 'text', text: unreachable.map((f) => lineText.fileUnavailable(f.name)).join('\n\n') });
  return out;
}

/** An absolute http(s) URL as is; a path made absolute with the public origin; otherwise none. */
export function absoluteUrl(url: string, publicUrl?: string): string | undefined {
  if (/^https?:\/\//i.test(url)) return url;
  if (url.startsWith('/') && publicUrl) return publicUrl.replace(/\/+$/, '') + url;
  return undefined;
}

// ── text helpers ───────────────────────────────────────────────────────────────

/** At most `max` characters (code points), the cut marked with an ellipsis. */
export function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + lineText.ellipsis;
}

/** LINE refuses empty texts in Flex messages. */
const nonEmpty = (text: string) => (text.trim() ? text : lineText.emptyValue);
