// Renders the channel-neutral `Reply` as Teams messages (pure: no I/O). Text goes as Markdown
// (Teams reads message text as Markdown: plain text is escaped and its line breaks kept), split
// at about 4,000 characters for readability; a message with its cards stays under Teams' limit
// of about 28 KB. Choices become suggested actions (at most 3, Teams shows no more) on the last
// message of a turn when it has no cards; otherwise Adaptive Card buttons (Action.Submit with
// `{ postback }`, echoed in the chat as the button's label). Cards become Adaptive Cards (title,
// subtitle, FactSet, buttons); an image an Image element; files Action.OpenUrl buttons. Links
// need absolute URLs: without a public address the owner gets a line of text instead.
import { MessageFactory, type Activity, type Attachment, type CardAction } from 'botbuilder';
import type { Reply } from '../../domain/conversation.ts';
import { splitText } from '../common/split.ts';
import { teamsText } from './teams.ja.ts';

/** Long answers are split here: Teams would take more, but a phone screen reads better in parts. */
export const TEXT_CHUNK_CHARS = 4000;
/** Teams refuses a message over about 28 KB (text and cards); this leaves room for the envelope. */
export const MAX_MESSAGE_BYTES = 24_000;
/** Teams shows at most three suggested actions. */
export const MAX_SUGGESTED_ACTIONS = 3;
/** Teams shows at most six buttons in one row of a card; more go into further rows. */
export const BUTTONS_PER_ROW = 6;
/** The newest Adaptive Card version Teams renders everywhere. */
export const ADAPTIVE_CARD_VERSION = '1.5';
const ADAPTIVE_CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

export type Choice = { id: string; label: string };
export type TeamsMessage = Partial<Activity>;
/** The messages of one turn, and the choices offered as suggested actions (their labels come back as text). */
export type RenderedTurn = { messages: TeamsMessage[]; suggested: Choice[] };
export type RenderOptions = { publicUrl?: string };

type CardElement = Record<string, unknown>;

/** One assistant turn (or a staff push) as Teams messages, in order. */
export function renderTurn(replies: Reply[], opts: RenderOptions = {}): RenderedTurn {
  const messages: TeamsMessage[] = [];
  let suggested: Choice[] = [];
  replies.forEach((reply, i) => {
    // suggested actions vanish with the next message, so only the turn's last message may carry them
    const suggest = i === replies.length - 1 && canSuggest(reply);
    const rendered = renderReply(reply, opts, suggest);
    messages.push(...rendered);
    if (suggest) suggested = reply.choices!.map(({ id, label }) => ({ id, label }));
  });
  return { messages, suggested };
}

/** Suggested actions need a text to sit under, and are for a few plain choices only. */
const canSuggest = (reply: Reply): boolean =>
  !!reply.text.trim() && !!reply.choices?.length && reply.choices.length <= MAX_SUGGESTED_ACTIONS && !reply.cards?.length;

function renderReply(reply: Reply, opts: RenderOptions, suggest: boolean): TeamsMessage[] {
  const notes: string[] = [];
  const attachments: Attachment[] = (reply.cards ?? []).map(cardAttachment);
  if (reply.choices?.length && !suggest) attachments.push(adaptiveCard(buttonRows(reply.choices.map(submitAction))));

  if (reply.image) {
    const url = absoluteUrl(reply.image.url, opts.publicUrl);
    if (url) attachments.push(adaptiveCard([{ type: 'Image', url, altText: reply.image.alt, size: 'Stretch' }]));
    else notes.push(teamsText.imageNoLink(reply.image.alt));
  }
  const files = (reply.files ?? []).map((f) => ({ ...f, absolute: absoluteUrl(f.url, opts.publicUrl) }));
  const linked = files.filter((f) => f.absolute);
  for (const f of files) if (!f.absolute) notes.push(teamsText.fileNoLink(f.name));
  if (linked.length) attachments.push(filesCard(linked.map((f) => ({ name: f.name, url: f.absolute! }))));

  const text = [reply.text.trim(), ...notes].filter(Boolean).join('\n\n');
  const chunks = text ? splitText(text, TEXT_CHUNK_CHARS) : [];
  const messages = chunks.slice(0, -1).map((chunk) => textMessage(chunk));
  messages.push(...pack(chunks.at(-1), attachments));
  if (suggest) {
    const actions: CardAction[] = reply.choices!.map((c) => ({ type: 'imBack', title: c.label, value: c.label }));
    messages.at(-1)!.suggestedActions = MessageFactory.suggestedActions(actions).suggestedActions;
  }
  return messages;
}

/** The last text part with the attachments, split over several messages when one would be too large. */
function pack(text: string | undefined, attachments: Attachment[]): TeamsMessage[] {
  if (text === undefined && !attachments.length) return [];
  const out: TeamsMessage[] = [];
  let current: TeamsMessage = text !== undefined ? textMessage(text) : { type: 'message' };
  for (const attachment of attachments) {
    const grown: TeamsMessage = { ...current, attachmentLayout: 'list', attachments: [...(current.attachments ?? []), attachment] };
    const hasContent = current.text !== undefined || !!current.attachments?.length;
    if (hasContent && byteSize(grown) > MAX_MESSAGE_BYTES) {
      out.push(current);
      current = { type: 'message', attachmentLayout: 'list', attachments: [attachment] };
    } else current = grown;
  }
  out.push(current);
  return out;
}

const byteSize = (message: TeamsMessage) => Buffer.byteLength(JSON.stringify(message), 'utf8');

const textMessage = (text: string): TeamsMessage => ({ type: 'message', text: toTeamsMarkdown(text), textFormat: 'markdown' });

function adaptiveCard(body: CardElement[]): Attachment {
  return {
    contentType: ADAPTIVE_CARD_TYPE,
    content: { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: ADAPTIVE_CARD_VERSION, body },
  };
}

function cardAttachment(card: NonNullable<Reply['cards']>[number]): Attachment {
  const body: CardElement[] = [{ type: 'TextBlock', text: card.title, weight: 'Bolder', size: 'Medium', wrap: true }];
  if (card.subtitle) body.push({ type: 'TextBlock', text: card.subtitle, isSubtle: true, spacing: 'None', wrap: true });
  if (card.fields?.length) body.push({ type: 'FactSet', facts: card.fields.map(([title, value]) => ({ title, value })) });
  if (card.actions?.length) body.push(...buttonRows(card.actions.map(submitAction)));
  return adaptiveCard(body);
}

function filesCard(files: { name: string; url: string }[]): Attachment {
  return adaptiveCard([
    { type: 'TextBlock', text: teamsText.filesTitle, weight: 'Bolder', wrap: true },
    { type: 'TextBlock', text: teamsText.filesHint, isSubtle: true, size: 'Small', spacing: 'None', wrap: true },
    ...buttonRows(files.map((f) => ({ type: 'Action.OpenUrl', title: teamsText.fileButton(f.name), url: f.url }))),
  ]);
}

/**
 * A button that sends `{ postback: id }` back as the activity's `value`. `msteams.messageBack`
 * makes Teams echo the label in the chat (so the owner sees what was pressed) and carries the
 * same value, which Teams merges into the submitted data.
 */
export function submitAction(choice: Choice): CardElement {
  return {
    type: 'Action.Submit',
    title: choice.label,
    data: { postback: choice.id, msteams: { type: 'messageBack', displayText: choice.label, value: { postback: choice.id } } },
  };
}

/** Buttons as ActionSets of at most six (Teams hides the rest of a longer row). */
function buttonRows(actions: CardElement[]): CardElement[] {
  const rows: CardElement[] = [];
  for (let i = 0; i < actions.length; i += BUTTONS_PER_ROW) rows.push({ type: 'ActionSet', actions: actions.slice(i, i + BUTTONS_PER_ROW) });
  return rows;
}

/** An absolute http(s) URL for a link: as given, or a server path made absolute with the public address; else undefined. */
export function absoluteUrl(url: string, publicUrl?: string): string | undefined {
  if (/^https?:\/\//i.test(url)) return url;
  if (publicUrl && url.startsWith('/')) return `${publicUrl.replace(/\/+$/, '')}${url}`;
  return undefined;
}

const URL_PATTERN = /https?:\/\/[^\s<>"'（）「」、。]+/g;
const MARKDOWN_SPECIAL = /[\\`*_~<>[\]]/g;

/**
 * Plain text as Teams Markdown that shows the same: Markdown characters escaped (URLs left
 * whole so they stay links), single line breaks made hard breaks (Teams would join the lines).
 */
export function toTeamsMarkdown(text: string): string {
  let out = '';
  let from = 0;
  for (const m of text.matchAll(URL_PATTERN)) {
    out += text.slice(from, m.index).replace(MARKDOWN_SPECIAL, '\\$&') + m[0];
    from = m.index + m[0].length;
  }
  out += text.slice(from).replace(MARKDOWN_SPECIAL, '\\$&');
  return out.replace(/\r\n?/g, '\n').replace(/([^\n])\n(?=[^\n])/g, '$1  \n');
}
