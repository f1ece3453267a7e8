import { beforeAll, describe, expect, it } from 'vitest';
import { ConceptLexicon } from '../../../src/knowledge/embeddings.ts';
import { foldKana, normalizeText } from '../../../src/knowledge/normalize.ts';
import { CONCEPT_PREFIX, loadAnalyzer, type JapaneseAnalyzer } from '../../../src/knowledge/tokenize.ts';

let analyzer: JapaneseAnalyzer;
beforeAll(async () => {
  analyzer = await loadAnalyzer(new ConceptLexicon([{ id: 'deadline', terms: ['締切', '締め切り', 'しめきり'] }]));
});

describe('JapaneseAnalyzer', () => {
  it('keeps content words and drops particles, symbols and verbs of asking', () => {
    const { words } = analyzer.analyze('射出成形とめっきができる会社を探しています？');
    expect(words).toEqual(['射出', '成形', '射出成形', 'メッキ', '会社']);
  });

  it('keeps verbs as base forms', () => {
    expect(analyzer.analyze('設備を貸したい').words).toContain('貸ス');
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

describe('ConceptLexicon', () => {
  const lexicon = new ConceptLexicon([
    { id: 'deadline', terms: ['締切', '締め切り'] },
    { id: 'rolling-intake', terms: ['締切なし', '随時'] },
  ]);

  const fold = (s: string) => foldKana(normalizeText(s));

  it('reads a term inside a longer one as the longer one only', () => {
    expect([...lexicon.conceptsIn(fold('締切なしで出せる'))]).toEqual(['rolling-intake']);
    expect([...lexicon.conceptsIn(fold('締切はいつ、随時なの'))].sort()).toEqual(['deadline', 'rolling-intake']);
    expect(lexicon.termsIn(fold('締切なし'))).toEqual([{ term: fold('締切なし'), id: 'rolling-intake' }]);
  });
});
