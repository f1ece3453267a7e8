import { beforeAll, describe, expect, it } from 'vitest';
import { ConceptLexicon } from '../../../src/knowledge/embeddings.ts';
import { CONCEPT_PREFIX, loadAnalyzer, type JapaneseAnalyzer } from '../../../src/knowledge/tokenize.ts';

let analyzer: JapaneseAnalyzer;
beforeAll(async () => {
  analyzer = await loadAnalyzer(new ConceptLexicon([{ id: 'deadline', terms: ['締切', '締め切り', 'しめきり'] }]));
});

describe('JapaneseAnalyzer', () => {
  it('keeps content words as base forms and drops particles', () => {
    const { words } = analyzer.analyze('射出成形とめっきができる会社を探しています');
    expect(words).toEqual(expect.arrayContaining(['射出', '成形', 'メッキ', '会社', '探ス']));
    expect(words).not.toContain('ト');
    expect(words).not.toContain('ヲ');
  });

  it('adds noun compounds', () => {
    expect(analyzer.analyze('事業継続力強化計画の認定').words).toContain('事業継続力強化計画');
  });

  it('lets a kana spelling meet the kanji spelling through readings', () => {
    const kanji = new Set(analyzer.analyze('持続化補助金').grams);
    const kana = analyzer.analyze('じぞくかほじょきん').grams;
    const shared = kana.filter((g) => kanji.has(g));
    expect(shared.length / kana.length).toBeGreaterThan(0.7);
  });

  it('emits concept tokens, so different spellings share one', () => {
    expect(analyzer.analyze('申請の締め切りはいつ？').words).toContain(`${CONCEPT_PREFIX}deadline`);
    expect(analyzer.analyze('しめきりを教えて').words).toContain(`${CONCEPT_PREFIX}deadline`);
  });
});
