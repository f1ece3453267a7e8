import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../../src/assistant/messages.ja.ts';
import { AnswerSkill, upcomingDateBonus } from '../../../src/assistant/skills/answer.ts';
import { openFixtureKnowledge } from '../../helpers/knowledge.ts';
import { tempDir } from '../../helpers/fixtures.ts';

let k: Awaited<ReturnType<typeof openFixtureKnowledge>>;
let skill: AnswerSkill;
beforeAll(async () => {
  k = await openFixtureKnowledge();
  skill = new AnswerSkill(k.retriever, k.lexicon, () => new Date('2026-11-21T03:00:00Z'));
});
afterAll(() => k.cleanup());

describe('AnswerSkill', () => {
  it('answers from the passages, with numbered sources and the as-of date', async () => {
    const a = await skill.answer('機械導入応援補助金の補助率は？');
    expect(a.refusal).toBe(false);
    expect(a.reply.text).toContain('1/2');
    expect(a.reply.text).toContain('［1］');
    expect(a.reply.text).toContain('【出典】');
    expect(a.reply.text).toContain('https://example.go.jp/kikai-donyu/');
    expect(a.reply.text).toContain('2026-09-01時点の情報');
    expect(a.citations[0]).toMatchObject({ docId: expect.stringMatching(/^subsidies\/kikai-donyu#\d+$/), title: expect.stringContaining('機械導入応援補助金') });
  });

  it('adds the standing caveat when a subsidy is cited', async () => {
    expect((await skill.answer('機械導入応援補助金の上限はいくら？')).reply.text).toContain(messages.figuresChange);
    expect((await skill.answer('地震のあとの安否確認')).reply.text).not.toContain(messages.figuresChange);
  });

  it('every number in the answer text appears in a cited passage', async () => {
    const a = await skill.answer('機械導入応援補助金の上限はいくら？');
    const body = a.reply.text.split('【出典】')[0]!.replace(/［\d+］/g, '');
    const cited = a.citations.map((c) => c.quote).join('\n');
    for (const n of body.match(/\d[\d,]*/g) ?? []) expect(cited).toContain(n);
  });

  it('prefers a deadline still ahead of today', async () => {
    const a = await skill.answer('機械導入応援補助金の締め切りはいつ？');
    expect(a.reply.text.split('【出典】')[0]).toContain('2026年12月18日');
  });

  it.each(['東京タワーの高さは？', 'おすすめのラーメン屋を教えて', '明日の天気'])('says plainly that it does not know: %s', async (q) => {
    const a = await skill.answer(q);
    expect(a.refusal).toBe(true);
    expect(a.citations).toEqual([]);
    expect(a.reply.text).toBe(messages.notFound);
  });
});

describe('upcomingDateBonus', () => {
  it('ranks a date ahead up and a past one down', () => {
    expect(upcomingDateBonus('締切は2026年12月18日です', '2026-11-21')).toBeGreaterThan(0);
    expect(upcomingDateBonus('締切は2026年5月29日でした', '2026-11-21')).toBeLessThan(0);
    expect(upcomingDateBonus('締切は未定です', '2026-11-21')).toBe(0);
  });
});

describe('AnswerSkill on figure questions', () => {
  // a plan guide that speaks of the plan period without giving its length, and of drills with a figure
  const root = tempDir();
  let own: Awaited<ReturnType<typeof openFixtureKnowledge>>;
  let planSkill: AnswerSkill;
  beforeAll(async () => {
    mkdirSync(path.join(root.dir, 'bcp'));
    writeFileSync(
      path.join(root.dir, 'bcp', 'bousai-keikaku.md'),
      ['---', 'title: 防災計画の書き方（テスト用）', 'kind: bcp', 'source_url: https://example.go.jp/bousai/', 'as_of: 2026-09-01', '---', '# 防災計画の書き方', '', '## 計画に書くこと',
        '今ある資源でできることと、計画期間中に行うことに分けて書きます。', '', '訓練と教育は年1回以上行い、計画の見直しも年1回以上行います。', ''].join('\n'),
    );
    own = await openFixtureKnowledge([root.dir]);
    planSkill = new AnswerSkill(own.retriever, own.lexicon, () => new Date('2026-11-21T03:00:00Z'));
  });
  afterAll(() => {
    own.cleanup();
    root.cleanup();
  });

  it('declines when no line gives a figure about what was asked, and shows the nearest lines', async () => {
    const a = await planSkill.answer('防災計画の計画期間は何年にすればいいですか？');
    expect(a).toMatchObject({ refusal: true, partial: true });
    expect(a.reply.text).toContain(messages.figureNotInSources);
  });

  it('answers when a line gives the figure about it', async () => {
    const a = await planSkill.answer('防災計画の訓練は年に何回やらなあかんの？');
    expect(a.refusal).toBe(false);
    expect(a.reply.text).toContain('年1回以上');
  });
});
