// Teams rendering of the channel-neutral Reply: Markdown text, splitting, suggested actions vs
// Adaptive Card buttons, cards, images, files and the message size bound.
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/domain/conversation.ts';
import {
  ADAPTIVE_CARD_VERSION,
  BUTTONS_PER_ROW,
  MAX_MESSAGE_BYTES,
  TEXT_CHUNK_CHARS,
  absoluteUrl,
  renderTurn,
  toTeamsMarkdown,
  type TeamsMessage,
} from '../../../src/channels/teams/render.ts';
import { teamsText } from '../../../src/channels/teams/teams.ja.ts';

type Element = { type: string; [k: string]: any };
const cardsOf = (m: TeamsMessage) => (m.attachments ?? []).map((a) => {
  expect(a.contentType).toBe('application/vnd.microsoft.card.adaptive');
  const card = a.content as { type: string; version: string; body: Element[] };
  expect(card).toMatchObject({ type: 'AdaptiveCard', version: ADAPTIVE_CARD_VERSION });
  return card;
});
const actionsOf = (body: Element[]) => body.filter((e) => e.type === 'ActionSet').flatMap((e) => e.actions as Element[]);
const choices = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `diag:q:${i}`, label: `選択肢${i}` }));

describe('renderTurn: text', () => {
  it('sends plain text as Markdown that shows the same: specials escaped, URLs whole, line breaks kept', () => {
    const { messages } = renderTurn([{ text: '補助率は *最大* 1/2 です。\n詳しくは https://example.jp/a_b*c を。\n\n次の段落 <注意>' }]);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ type: 'message', textFormat: 'markdown' });
    expect(messages[0]!.text).toBe('補助率は \\*最大\\* 1/2 です。  \n詳しくは https://example.jp/a_b*c を。\n\n次の段落 \\<注意\\>');
    expect(messages[0]!.attachments).toBeUndefined();
    expect(messages[0]!.suggestedActions).toBeUndefined();
  });

  it('splits a long answer into readable parts and loses nothing', () => {
    const paragraph = 'あ'.repeat(1500) + '。';
    const text = Array.from({ length: 6 }, () => paragraph).join('\n\n');
    const { messages } = renderTurn([{ text }]);
    expect(messages.length).toBeGreaterThanOrEqual(3);
    for (const m of messages) expect([...m.text!].length).toBeLessThanOrEqual(TEXT_CHUNK_CHARS);
    expect(messages.map((m) => m.text).join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
  });

  it('escapes only outside URLs', () => {
    expect(toTeamsMarkdown('a_b https://x.jp/p_q?r=[1] c_d')).toBe('a\\_b https://x.jp/p_q?r=[1] c\\_d');
    expect(toTeamsMarkdown('一行目\r\n二行目')).toBe('一行目  \n二行目');
  });
});

describe('renderTurn: choices', () => {
  it('offers up to three choices as suggested actions on the last message, returned for mapping the label back', () => {
    const offered = choices(3);
    const { messages, suggested } = renderTurn([{ text: '前置き' }, { text: 'どれにしますか？', choices: offered }]);
    expect(messages).toHaveLength(2);
    expect(messages[0]!.suggestedActions).toBeUndefined();
    expect(messages[1]!.suggestedActions!.actions).toEqual(offered.map((c) => ({ type: 'imBack', title: c.label, value: c.label })));
    expect(messages[1]!.attachments).toBeUndefined();
    expect(suggested).toEqual(offered);
  });

  it('uses Adaptive Card buttons for more than three choices, in rows of at most six', () => {
    const offered = choices(10);
    const { messages, suggested } = renderTurn([{ text: '業種はどれですか？', choices: offered }]);
    expect(suggested).toEqual([]);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.text).toBe('業種はどれですか？');
    const [card] = cardsOf(messages[0]!);
    const rows = card!.body.filter((e) => e.type === 'ActionSet');
    expect(rows.map((r) => r.actions.length)).toEqual([BUTTONS_PER_ROW, 10 - BUTTONS_PER_ROW]);
    const buttons = actionsOf(card!.body);
    expect(buttons).toHaveLength(10);
    expect(buttons[3]).toEqual({
      type: 'Action.Submit',
      title: '選択肢3',
      data: { postback: 'diag:q:3', msteams: { type: 'messageBack', displayText: '選択肢3', value: { postback: 'diag:q:3' } } },
    });
  });

  it('keeps buttons on a card when the choices are not on the last message, or come with cards', () => {
    const early = renderTurn([{ text: '一つ目', choices: choices(2) }, { text: '二つ目' }]);
    expect(early.suggested).toEqual([]);
    expect(actionsOf(cardsOf(early.messages[0]!)[0]!.body).map((a) => a.data.postback)).toEqual(['diag:q:0', 'diag:q:1']);

    const withCards = renderTurn([{ text: '候補です', cards: [{ title: 'A社' }], choices: choices(1) }]);
    expect(withCards.suggested).toEqual([]);
    const cards = cardsOf(withCards.messages[0]!);
    expect(cards).toHaveLength(2);
    expect(actionsOf(cards[1]!.body).map((a) => a.data.postback)).toEqual(['diag:q:0']);
  });
});

describe('renderTurn: cards, images, files', () => {
  const card: NonNullable<Reply['cards']>[number] = {
    title: '株式会社テスト精工',
    subtitle: '愛知県 豊田市',
    fields: [
      ['得意技術', '金型'],
      ['従業員', '25人'],
    ],
    actions: [{ id: 'partner:T001', label: '詳しく見る' }],
  };

  it('renders a card as an Adaptive Card: title, subtitle, facts and submit buttons', () => {
    const { messages } = renderTurn([{ text: '連携先の候補です。', cards: [card] }]);
    expect(messages[0]).toMatchObject({ text: '連携先の候補です。', attachmentLayout: 'list' });
    const [adaptive] = cardsOf(messages[0]!);
    expect(adaptive!.body[0]).toMatchObject({ type: 'TextBlock', text: '株式会社テスト精工', weight: 'Bolder', wrap: true });
    expect(adaptive!.body[1]).toMatchObject({ type: 'TextBlock', text: '愛知県 豊田市', isSubtle: true });
    expect(adaptive!.body[2]).toEqual({ type: 'FactSet', facts: [{ title: '得意技術', value: '金型' }, { title: '従業員', value: '25人' }] });
    expect(actionsOf(adaptive!.body)).toMatchObject([{ type: 'Action.Submit', title: '詳しく見る', data: { postback: 'partner:T001' } }]);
  });

  it('shows images and file links only with absolute URLs, and says so in the text otherwise', () => {
    const reply: Reply = {
      text: 'レーダーチャートと下書きです。',
      image: { url: '/files/chart-token', alt: '自己診断の結果' },
      files: [{ name: '下書き.docx', url: '/files/doc-token', mime: 'application/octet-stream' }],
    };
    const linked = renderTurn([reply], { publicUrl: 'https://tsunagu.example.jp/' }).messages[0]!;
    const [imageCard, filesCard] = cardsOf(linked);
    expect(imageCard!.body).toEqual([{ type: 'Image', url: 'https://tsunagu.example.jp/files/chart-token', altText: '自己診断の結果', size: 'Stretch' }]);
    expect(actionsOf(filesCard!.body)).toEqual([{ type: 'Action.OpenUrl', title: teamsText.fileButton('下書き.docx'), url: 'https://tsunagu.example.jp/files/doc-token' }]);
    expect(linked.text).toBe('レーダーチャートと下書きです。');

    const unlinked = renderTurn([reply]).messages;
    expect(unlinked).toHaveLength(1);
    expect(unlinked[0]!.attachments).toBeUndefined();
    expect(unlinked[0]!.text).toBe(toTeamsMarkdown(['レーダーチャートと下書きです。', teamsText.imageNoLink('自己診断の結果'), teamsText.fileNoLink('下書き.docx')].join('\n\n')));
  });

  it('spreads many large cards over several messages, each within the size bound', () => {
    const big = { ...card, fields: Array.from({ length: 12 }, (_, i) => [`項目${i}`, '説明'.repeat(60)] as [string, string]) };
    const { messages } = renderTurn([{ text: '候補が多数あります。', cards: Array.from({ length: 12 }, () => big) }]);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(Buffer.byteLength(JSON.stringify(m))).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    expect(messages.flatMap((m) => m.attachments ?? [])).toHaveLength(12);
    expect(messages[0]!.text).toBe('候補が多数あります。');
  });

  it('makes server paths absolute only with a public address', () => {
    expect(absoluteUrl('/files/x', 'https://a.jp')).toBe('https://a.jp/files/x');
    expect(absoluteUrl('https://b.jp/y')).toBe('https://b.jp/y');
    expect(absoluteUrl('/files/x')).toBeUndefined();
  });
});
