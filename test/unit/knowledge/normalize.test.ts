import { describe, expect, it } from 'vitest';
import { charBigrams, foldKana, normalizeText, toKatakana } from '../../../src/knowledge/normalize.ts';

describe('normalizeText', () => {
  it('unifies full and half width (NFKC)', () => {
    expect(normalizeText('ＧビズＩＤ　１２３')).toBe('gビズid 123');
    expect(normalizeText('ｶﾀﾛｸﾞ注文型')).toBe('カタログ注文型');
  });

  it('turns dashes after kana into long-vowel marks', () => {
    expect(normalizeText('サ－バ－')).toBe('サーバー');
    expect(normalizeText('ｻｰﾊﾞｰ')).toBe('サーバー');
    expect(normalizeText('コ‐ス')).toBe('コース');
  });

  it('keeps a minus between digits and unifies tilde variants', () => {
    expect(normalizeText('5～20人')).toBe('5〜20人');
    expect(normalizeText('5~20人')).toBe('5〜20人');
    expect(normalizeText('2026-05-08')).toBe('2026-05-08');
  });
});

describe('kana folding', () => {
  it('maps hiragana to katakana and folds confusable kana', () => {
    expect(toKatakana('じぞくか')).toBe('ジゾクカ');
    expect(foldKana('ものづくり')).toBe(foldKana('モノずくり'));
    expect(foldKana('ヴァイオリン')).toBe('ブアイオリン');
  });
});

describe('charBigrams', () => {
  it('makes bigrams within runs and breaks at punctuation', () => {
    expect(charBigrams('補助金、上限')).toEqual(['補助', '助金', '上限']);
    expect(charBigrams('a')).toEqual(['a']);
  });
});
