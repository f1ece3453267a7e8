// Renders the channel-neutral `Reply` as Slack Block Kit messages (pure, no I/O). Text becomes
// section blocks (mrkdwn, escaped, split within Slack's 3000 characters), choices and card
// actions become buttons whose press comes back as the postback id, cards become sections with
// fields, images an image block when their URL is absolute, files link buttons. A message holds
// at most 50 blocks (more are sent as further messages), and always a plain `text` for
// notifications. Limits: https://docs.slack.dev/reference/block-kit/blocks
import type { types } from '@slack/bolt';
import type { Reply } from '../../domain/conversation.ts';
import { splitText } from '../common/split.ts';
import { slackText } from './slack.ja.ts';

export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  fieldsPerSection: 10,
  fieldText: 2000,
  buttonsPerActions: 25,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  altText: 2000,
  contextText: 3000,
  fallbackText: 3000,
} as const;

export type SlackMessage = { text: string; blocks: types.KnownBlock[] };

/** Buttons whose press is an answer for the assistant (`value` = the postback id). */
export const POSTBACK_ACTION_ID = /^tsunagu:(choice|card):\d+$/;
export const isPostbackAction = (actionId: string) => POSTBACK_ACTION_ID.test(actionId);

export type RenderOptions = { publicUrl?: string };

/** Every reply of a turn, in order; a reply may take several messages. */
export function renderReplies(replies: Reply[], opts: RenderOptions = {}): SlackMessage[] {
  return replies.flatMap((reply) => renderReply(reply, opts));
}

export function renderReply(reply: Reply, opts: RenderOptions = {}): SlackMessage[] {
  const ids = { choice: 0, card: 0, file: 0 };
  const blocks: types.KnownBlock[] = [
    ...textSections(reply.text).map((text) => section(text)),
    ...(reply.image ? [imageBlock(reply.image, opts)] : []),
    ...(reply.cards ?? []).flatMap((card) => cardBlocks(card, () => `tsunagu:card:${ids.card++}`)),
    ...fileBlocks(reply.files ?? [], opts, () => `tsunagu:file:${ids.file++}`),
    ...postbackButtons(reply.choices ?? [], () => `tsunagu:choice:${ids.choice++}`),
  ];
  return chunks(blocks, SLACK_LIMITS.blocksPerMessage).map((part) => ({ text: fallbackText(part), blocks: part }));
}

/** Slack's mrkdwn control characters (& < >) escaped, so text shows as written and cannot form links or mentions. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escaped text of at most `max` characters (UTF-16 units), cut with … and never inside an escape. */
export function escapedWithin(text: string, max: number): string {
  const full = escapeMrkdwn(text);
  if (full.length <= max) return full;
  let out = '';
  for (const ch of text) {
    const piece = escapeMrkdwn(ch);
    if (out.length + piece.length + 1 > max) break;
    out += piece;
  }
  return `${out}…`;
}

/** Plain text of at most `max` characters (UTF-16 units), cut with …. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length + 1 > max) break;
    out += ch;
  }
  return `${out}…`;
}

/** The text as escaped mrkdwn pieces of at most 3000 characters, cut at paragraph, line or sentence breaks. */
export function textSections(text: string): string[] {
  const max = SLACK_LIMITS.sectionText;
  const fit = (piece: string): string[] => {
    const escaped = escapeMrkdwn(piece);
    if (escaped.length <= max) return [escaped];
    // escaping (& → &amp;) or characters outside the BMP made the piece too long: cut it smaller
    const codePoints = [...piece].length;
    return splitText(piece, Math.max(1, Math.floor((codePoints * max) / escaped.length))).flatMap(fit);
  };
  return splitText(text, max).flatMap(fit);
}

/** A link's absolute URL: as given when absolute, else under the public origin; none without one. */
export function absoluteUrl(url: string, publicUrl?: string): string | undefined {
  if (/^https?:\/\//i.test(url)) return url;
  if (!publicUrl) return undefined;
  return `${publicUrl.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
}

const plain = (text: string, max: number): types.PlainTextElement => ({ type: 'plain_text', text: clip(text, max), emoji: true });
const section = (text: string): types.SectionBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string): types.ContextBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text: escapedWithin(text, SLACK_LIMITS.contextText) }] });
const actions = (buttons: types.Button[]): types.ActionsBlock[] =>
  chunks(buttons, SLACK_LIMITS.buttonsPerActions).map((elements) => ({ type: 'actions', elements }));

function postbackButtons(choices: { id: string; label: string }[], nextId: () => string): types.ActionsBlock[] {
  return actions(
    choices
      // an id longer than a button's value could hold would come back cut, as a different postback
      .filter((c) => c.id.length <= SLACK_LIMITS.buttonValue)
      .map((c) => ({ type: 'button', action_id: nextId(), text: plain(c.label, SLACK_LIMITS.buttonText), value: c.id })),
  );
}

function cardBlocks(card: NonNullable<Reply['cards']>[number], nextId: () => string): types.KnownBlock[] {
  const heading = `*${escapedWithin(card.title, 1000)}*` + (card.subtitle ? `\n${escapedWithin(card.subtitle, 1900)}` : '');
  const fields = (card.fields ?? []).map(([key, value]): types.MrkdwnElement => {
    const label = `*${escapedWithin(key, 200)}*\n`;
    return { type: 'mrkdwn', text: label + escapedWithin(value, SLACK_LIMITS.fieldText - label.length) };
  });
  const fieldGroups = chunks(fields, SLACK_LIMITS.fieldsPerSection);
  const sections: types.SectionBlock[] = fieldGroups.length
    ? fieldGroups.map((group, i) => (i === 0 ? { type: 'section', text: { type: 'mrkdwn', text: heading }, fields: group } : { type: 'section', fields: group }))
    : [section(heading)];
  return [...sections, ...postbackButtons(card.actions ?? [], nextId)];
}

function imageBlock(image: NonNullable<Reply['image']>, opts: RenderOptions): types.KnownBlock {
  const url = absoluteUrl(image.url, opts.publicUrl);
  if (!url || url.length > SLACK_LIMITS.url) return context(slackText.imageNoLink(image.alt));
  return { type: 'image', image_url: url, alt_text: clip(image.alt || image.url, SLACK_LIMITS.altText) };
}

function fileBlocks(files: NonNullable<Reply['files']>, opts: RenderOptions, nextId: () => string): types.KnownBlock[] {
  const linked: types.Button[] = [];
  const unlinked: string[] = [];
  for (const file of files) {
    const url = absoluteUrl(file.url, opts.publicUrl);
    if (url && url.length <= SLACK_LIMITS.url) linked.push({ type: 'button', action_id: nextId(), text: plain(slackText.fileButton(file.name), SLACK_LIMITS.buttonText), url });
    else unlinked.push(file.name);
  }
  return [...actions(linked), ...unlinked.map((name) => context(slackText.fileNoLink(name)))];
}

/** What a notification shows: the first text of the message, else its button labels. */
function fallbackText(blocks: types.KnownBlock[]): string {
  for (const block of blocks) {
    // section and context texts are already escaped and within the limit
    if (block.type === 'section' && block.text) return block.text.text;
    if (block.type === 'context') return (block.elements[0] as types.MrkdwnElement).text;
    if (block.type === 'image') return escapedWithin(block.alt_text, SLACK_LIMITS.fallbackText);
  }
  const labels = blocks.flatMap((b) => (b.type === 'actions' ? b.elements.map((e) => (e as types.Button).text.text) : []));
  return escapedWithin(labels.join(' / '), SLACK_LIMITS.fallbackText);
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
