// Slack Block Kit rendering of the channel-neutral Reply: escaping, Slack's size limits, buttons
// that come back as postbacks, cards, images, files and the notification text.
import { describe, expect, it } from 'vitest';
import type { types } from '@slack/bolt';
import type { Reply } from '../../../src/domain/conversation.ts';
import { escapeMrkdwn, isPostbackAction, renderReplies, renderReply, SLACK_LIMITS, type SlackMessage } from '../../../src/channels/slack/render.ts';

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const sections = (m: SlackMessage) => m.blocks.filter((b): b is types.SectionBlock => b.type === 'section');
const buttons = (m: SlackMessage) => m.blocks.flatMap((b) => (b.type === 'actions' ? (b.elements as types.Button[]) : []));
const allBlocks = (ms: SlackMessage[]) => ms.flatMap((m) => m.blocks);

describe('Slack render: text', () => {
  it('escapes &, < and > so the owner sees exactly what the core wrote', () => {
    const [message] = renderReply({ text: '補助率 <2/3> & 上限 <@U1> <!channel>' });
    expect(sections(message!)[0]!.text).toEqual({ type: 'mrkdwn', text: '補助率 &lt;2/3&gt; &amp; 上限 &lt;@U1&gt; &lt;!channel&gt;' });
    expect(message!.text).toBe(sections(message!)[0]!.text!.text);
  });

  it('splits a long text into sections of at most 3000 characters, at paragraph breaks, keeping every character', () => {
    const paragraphs = Array.from({ length: 12 }, (_, i) => `第${i + 1}段落。` + 'ものづくり補助金の説明です。'.repeat(40));
    const text = paragraphs.join('\n\n');
    const [message] = renderReply({ text });
    const texts = sections(message!).map((s) => s.text!.text);
    expect(texts.length).toBeGreaterThan(1);
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(texts.every((t) => t.startsWith('第'))).toBe(true); // cut between paragraphs, not inside one
    expect(texts.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
  });

  it('keeps sections within the limit when escaping makes the text longer', () => {
    const text = '&<>'.repeat(1500); // 4500 characters, 13500 once escaped
    const texts = sections(renderReply({ text })[0]!).map((s) => s.text!.text);
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(texts.map(unescape).join('')).toBe(text);
  });
});

describe('Slack render: buttons', () => {
  it('turns choices into postback buttons: 25 per actions block, unique action ids, value = the choice id, labels cut at 75', () => {
    const choices = Array.from({ length: 30 }, (_, i) => ({ id: `diag:employees:${i}`, label: i === 0 ? 'と'.repeat(100) : `選択肢${i}` }));
    const [message] = renderReply({ text: '従業員は何人ですか？', choices });
    const actionBlocks = message!.blocks.filter((b) => b.type === 'actions') as types.ActionsBlock[];
    expect(actionBlocks.map((b) => b.elements.length)).toEqual([25, 5]);
    const all = buttons(message!);
    expect(all.map((b) => b.value)).toEqual(choices.map((c) => c.id));
    expect(new Set(all.map((b) => b.action_id)).size).toBe(30);
    expect(all.every((b) => isPostbackAction(b.action_id!))).toBe(true);
    expect(all[0]!.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonText);
    expect(all[0]!.text.text.endsWith('…')).toBe(true);
    expect(all[1]!.text.text).toBe('選択肢1');
  });

  it('gives a message of buttons only a notification text made of their labels', () => {
    const [message] = renderReply({ text: '', choices: [{ id: 'menu:subsidy', label: '補助金 & 助成金' }] });
    expect(message!.blocks).toHaveLength(1);
    expect(message!.text).toBe(escapeMrkdwn('補助金 & 助成金'));
  });
});

describe('Slack render: cards', () => {
  it('shows a card as a titled section with fields (at most 10 per section) and its actions as postback buttons', () => {
    const fields = Array.from({ length: 12 }, (_, i): [string, string] => [`項目${i}`, `値<${i}>`]);
    const reply: Reply = {
      text: '候補の会社です。',
      cards: [{ title: '株式会社テスト & Co', subtitle: '愛知県 / 金型', fields, actions: [{ id: 'partner:T001', label: '詳しく見る' }] }],
    };
    const [message] = renderReply(reply);
    const [intro, first, second] = sections(message!);
    expect(intro!.text!.text).toBe('候補の会社です。');
    expect(first!.text!.text).toBe('*株式会社テスト &amp; Co*\n愛知県 / 金型');
    expect(first!.fields).toHaveLength(10);
    expect(second!.fields).toHaveLength(2);
    expect(first!.fields![0]).toEqual({ type: 'mrkdwn', text: '*項目0*\n値&lt;0&gt;' });
    const [button] = buttons(message!);
    expect(button).toMatchObject({ value: 'partner:T001', text: { text: '詳しく見る' } });
    expect(isPostbackAction(button!.action_id!)).toBe(true);
  });
});

describe('Slack render: images and files', () => {
  const reply: Reply = {
    text: '診断結果です。',
    image: { url: '/files/abc123', alt: '自己診断のレーダーチャート' },
    files: [{ name: 'jigyokei-draft.docx', url: '/files/def456', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }],
  };

  it('with a public URL: an image block and a link button, both absolute, the link not a postback', () => {
    const [message] = renderReply(reply, { publicUrl: 'https://tsunagu.example.jp/' });
    expect(message!.blocks.find((b) => b.type === 'image')).toEqual({
      type: 'image',
      image_url: 'https://tsunagu.example.jp/files/abc123',
      alt_text: '自己診断のレーダーチャート',
    });
    const [link] = buttons(message!);
    expect(link!.url).toBe('https://tsunagu.example.jp/files/def456');
    expect(link!.text.text).toContain('jigyokei-draft.docx');
    expect(link!.value).toBeUndefined();
    expect(isPostbackAction(link!.action_id!)).toBe(false);
  });

  it('without one: no image block and no link, a note that names the image and the file instead', () => {
    const [message] = renderReply(reply);
    expect(message!.blocks.some((b) => b.type === 'image')).toBe(false);
    expect(buttons(message!)).toHaveLength(0);
    const notes = message!.blocks.filter((b) => b.type === 'context').map((b) => ((b as types.ContextBlock).elements[0] as types.MrkdwnElement).text);
    expect(notes).toHaveLength(2);
    expect(notes[0]).toContain('自己診断のレーダーチャート');
    expect(notes[1]).toContain('jigyokei-draft.docx');
  });

  it('uses an already absolute URL as it is', () => {
    const [message] = renderReply({ text: 'x', image: { url: 'https://cdn.example.jp/chart.png', alt: 'グラフ' } });
    expect(message!.blocks[1]).toMatchObject({ type: 'image', image_url: 'https://cdn.example.jp/chart.png' });
  });
});

describe('Slack render: message size', () => {
  it('spreads more than 50 blocks over several messages, in order, each with a notification text', () => {
    const cards = Array.from({ length: 60 }, (_, i) => ({ title: `会社${i}` }));
    const messages = renderReply({ text: '候補です。', cards });
    expect(messages).toHaveLength(2);
    for (const m of messages) {
      expect(m.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
      expect(m.text.length).toBeGreaterThan(0);
    }
    const titles = allBlocks(messages).slice(1).map((b) => (b as types.SectionBlock).text!.text);
    expect(titles).toEqual(cards.map((c) => `*${c.title}*`));
    expect(messages[1]!.text).toBe('*会社49*');
  });

  it('renders each reply of a turn as its own message(s), and nothing for an empty reply', () => {
    const messages = renderReplies([{ text: '一つ目' }, { text: '' }, { text: '二つ目' }]);
    expect(messages.map((m) => m.text)).toEqual(['一つ目', '二つ目']);
  });
});
