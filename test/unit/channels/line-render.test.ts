// LINE rendering of channel-neutral replies: text pieces within the limits, choices as quick
// replies on the last message, cards as Flex carousels, images and files as LINE allows.
import { describe, expect, it } from 'vitest';
import type { messagingApi } from '@line/bot-sdk';
import type { Reply } from '../../../src/domain/conversation.ts';
import { LINE_LIMITS, TEXT_PIECE_CHARS, absoluteUrl, renderReplies, shorten } from '../../../src/channels/line/render.ts';
import { lineText } from '../../../src/channels/line/line.ja.ts';

type Message = messagingApi.Message;
const texts = (msgs: Message[]) => msgs.filter((m): m is messagingApi.TextMessage => m.type === 'text').map((m) => m.text);
const flexes = (msgs: Message[]) => msgs.filter((m): m is messagingApi.FlexMessage => m.type === 'flex');
const chars = (s: string) => [...s].length;
const quickItems = (m: Message | undefined) => (m?.quickReply?.items ?? []).map((i) => i.action as messagingApi.PostbackAction);

/** Every text inside a Flex container, in document order. */
function flexTexts(node: unknown): string[] {
  if (!node || typeof node !== 'object') return [];
  const n = node as Record<string, unknown>;
  const own = n.type === 'text' && typeof n.text === 'string' ? [n.text] : [];
  return [...own, ...Object.values(n).flatMap((v) => (Array.isArray(v) ? v.flatMap(flexTexts) : typeof v === 'object' ? flexTexts(v) : []))];
}
/** Every action of the buttons inside a Flex container. */
function flexActions(node: unknown): messagingApi.Action[] {
  if (!node || typeof node !== 'object') return [];
  const n = node as Record<string, unknown>;
  const own = n.type === 'button' ? [n.action as messagingApi.Action] : [];
  return [...own, ...Object.values(n).flatMap((v) => (Array.isArray(v) ? v.flatMap(flexActions) : typeof v === 'object' ? flexActions(v) : []))];
}

describe('texts', () => {
  it('sends a short reply as one text message', () => {
    expect(renderReplies([{ text: '補助率は1/2です。' }])).toEqual([{ type: 'text', text: '補助率は1/2です。' }]);
  });

  it('splits a long text at paragraph breaks into pieces far below the 5000-character limit, losing nothing', () => {
    const paragraph = (i: number) => `第${i}段落。` + 'ものづくりの現場では、設備の更新と人の育成を同時に進める必要があります。'.repeat(12);
    const text = Array.from({ length: 20 }, (_, i) => paragraph(i + 1)).join('\n\n');
    expect(chars(text)).toBeGreaterThan(LINE_LIMITS.textChars);
    const pieces = texts(renderReplies([{ text }]));
    expect(pieces.length).toBeGreaterThan(2);
    for (const p of pieces) expect(chars(p)).toBeLessThanOrEqual(TEXT_PIECE_CHARS);
    // cut between paragraphs: each piece starts a paragraph, and together they hold every paragraph
    for (const p of pieces) expect(p).toMatch(/^第\d+段落。/);
    expect(pieces.join('\n\n')).toBe(text);
  });

  it('keeps the messages of several replies in order', () => {
    const out = renderReplies([{ text: '一つ目' }, { text: '二つ目' }]);
    expect(texts(out)).toEqual(['一つ目', '二つ目']);
  });
});

describe('choices', () => {
  const menu = [
    { id: 'menu:diagnosis', label: '会社の自己診断' },
    { id: 'menu:subsidy', label: '使える補助金を探す' },
  ];

  it('become postback quick replies on the last message only, the full label shown as the owner’s line', () => {
    const out = renderReplies([{ text: '回答です。' }, { text: 'どうしますか？', choices: menu }]);
    expect(out[0]!.quickReply).toBeUndefined();
    expect(out.at(-1)!.quickReply!.items!.map((i) => i.type)).toEqual(['action', 'action']);
    expect(quickItems(out.at(-1))).toEqual([
      { type: 'postback', label: '会社の自己診断', data: 'menu:diagnosis', displayText: '会社の自己診断' },
      { type: 'postback', label: '使える補助金を探す', data: 'menu:subsidy', displayText: '使える補助金を探す' },
    ]);
  });

  it('gathers the choices of every reply of the turn on the last message, each id once', () => {
    const out = renderReplies([
      { text: '答え', choices: [menu[0]!] },
      { text: '（自己診断は途中です）', choices: [{ id: 'menu:diagnosis', label: '診断の続きをする' }, menu[1]!] },
    ]);
    expect(out[0]!.quickReply).toBeUndefined();
    expect(quickItems(out.at(-1)).map((a) => [a.data, a.label])).toEqual([
      ['menu:diagnosis', '会社の自己診断'],
      ['menu:subsidy', '使える補助金を探す'],
    ]);
  });

  it('keeps at most 13 and shortens labels over 20 characters with an ellipsis, keeping the id and the full label', () => {
    const many = Array.from({ length: 16 }, (_, i) => ({ id: `diag:q:${i}`, label: `選択肢${i}` }));
    const long = { id: 'starter:plan:kyodo-kounyu', label: '近くの会社と消耗品をまとめて買う共同購入を始めてみる' };
    const out = renderReplies([{ text: '選んでください', choices: [long, ...many] }]);
    const items = quickItems(out.at(-1));
    expect(items).toHaveLength(LINE_LIMITS.quickReplyItems);
    expect(items.map((a) => a.data)).toEqual([long.id, ...many.slice(0, 12).map((c) => c.id)]);
    expect(chars(items[0]!.label!)).toBe(20);
    expect(items[0]!.label).toBe([...long.label].slice(0, 19).join('') + '…');
    expect(items[0]!.displayText).toBe(long.label);
  });

  it('counts characters, not UTF-16 units, when shortening', () => {
    expect(shorten('🏭'.repeat(20), 20)).toBe('🏭'.repeat(20));
    expect(shorten('🏭'.repeat(21), 20)).toBe('🏭'.repeat(19) + '…');
  });
});

describe('cards', () => {
  const card = (i: number): NonNullable<Reply['cards']>[number] => ({
    title: `制度${i}`,
    subtitle: '要確認',
    fields: [
      ['上限額', '500万円'],
      ['補助率', ''],
    ],
    actions: [{ id: `subsidy:detail:subsidies/p${i}`, label: '詳細と対象の条件' }],
  });

  it('become a Flex carousel: title, subtitle, fields as rows and postback buttons, with the titles as alt text', () => {
    const out = renderReplies([{ text: '候補です。', cards: [card(1), card(2)] }]);
    expect(out[0]).toEqual({ type: 'text', text: '候補です。' });
    const [flex] = flexes(out);
    expect(flex!.altText).toBe(lineText.cardsAlt(['制度1', '制度2']));
    expect(flex!.contents.type).toBe('carousel');
    const bubbles = (flex!.contents as messagingApi.FlexCarousel).contents;
    expect(bubbles).toHaveLength(2);
    // an empty field value is shown as a dash: LINE refuses empty texts
    expect(flexTexts(bubbles[0])).toEqual(['制度1', '要確認', '上限額', '500万円', '補助率', lineText.emptyValue]);
    expect(flexActions(bubbles[1])).toEqual([{ type: 'postback', label: '詳細と対象の条件', data: 'subsidy:detail:subsidies/p2', displayText: '詳細と対象の条件' }]);
  });

  it('puts at most 12 bubbles in a carousel and sends the rest in another', () => {
    const out = renderReplies([{ text: '候補です。', cards: Array.from({ length: 14 }, (_, i) => card(i + 1)) }]);
    const carousels = flexes(out).map((f) => (f.contents as messagingApi.FlexCarousel).contents.length);
    expect(carousels).toEqual([12, 2]);
  });

  it('carries the turn’s quick replies when a carousel is the last message', () => {
    const out = renderReplies([{ text: '候補です。', cards: [card(1)], choices: [{ id: 'menu:subsidy', label: '使える補助金を探す' }] }]);
    expect(out.at(-1)!.type).toBe('flex');
    expect(quickItems(out.at(-1)).map((a) => a.data)).toEqual(['menu:subsidy']);
  });
});

describe('images', () => {
  const chart = { url: '/files/abc', alt: '自己診断の結果' };

  it('sends an image message when the server has a public https address', () => {
    const out = renderReplies([{ text: '結果です。', image: chart }], { publicUrl: 'https://tsunagu.example.jp' });
    expect(out[1]).toEqual({ type: 'image', originalContentUrl: 'https://tsunagu.example.jp/files/abc', previewImageUrl: 'https://tsunagu.example.jp/files/abc' });
  });

  it('sends an absolute https URL as is', () => {
    const out = renderReplies([{ text: '結果です。', image: { url: 'https://cdn.example.jp/c.png', alt: '図' } }]);
    expect(out[1]).toMatchObject({ type: 'image', originalContentUrl: 'https://cdn.example.jp/c.png' });
  });

  it('falls back to a text line when LINE could not fetch the image (plain http, or no public address)', () => {
    const http = renderReplies([{ text: '結果です。', image: chart }], { publicUrl: 'http://localhost:3000' });
    expect(http[1]).toEqual({ type: 'text', text: lineText.imageLink('自己診断の結果', 'http://localhost:3000/files/abc') });
    const none = renderReplies([{ text: '結果です。', image: chart }]);
    expect(none[1]).toEqual({ type: 'text', text: lineText.imageUnavailable('自己診断の結果') });
  });
});

describe('files', () => {
  const files = [
    { name: 'jigyokei.docx', url: '/files/t1', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
    { name: 'jigyokei.md', url: '/files/t2', mime: 'text/markdown' },
  ];

  it('become a Flex bubble with a link button per file', () => {
    const out = renderReplies([{ text: '下書きができました。', files }], { publicUrl: 'https://tsunagu.example.jp/' });
    const [flex] = flexes(out);
    expect(flex!.altText).toBe(lineText.filesAlt(['jigyokei.docx', 'jigyokei.md']));
    expect(flexActions(flex!.contents)).toEqual([
      { type: 'uri', label: 'jigyokei.docx', uri: 'https://tsunagu.example.jp/files/t1' },
      { type: 'uri', label: 'jigyokei.md', uri: 'https://tsunagu.example.jp/files/t2' },
    ]);
  });

  it('are named in a text, without a link, when the server has no public address', () => {
    const out = renderReplies([{ text: '下書きができました。', files }]);
    expect(flexes(out)).toEqual([]);
    expect(texts(out)[1]).toBe([lineText.fileUnavailable('jigyokei.docx'), lineText.fileUnavailable('jigyokei.md')].join('\n\n'));
  });
});

describe('absoluteUrl', () => {
  it('keeps absolute URLs, prefixes paths with the public origin, and gives up otherwise', () => {
    expect(absoluteUrl('https://a.example/x')).toBe('https://a.example/x');
    expect(absoluteUrl('/files/x', 'https://b.example//')).toBe('https://b.example/files/x');
    expect(absoluteUrl('/files/x')).toBeUndefined();
    expect(absoluteUrl('files/x', 'https://b.example')).toBeUndefined();
  });
});
