import { describe, expect, it } from 'vitest';
import { CHUNK_MAX_CHARS, chunkMarkdown, flattenTable, indexText, splitSentences } from '../../../src/knowledge/chunk.ts';

const doc = (body: string) => ({ id: 'subsidies/x', kind: 'subsidy' as const, title: 'X補助金', body, meta: { aliases: ['エックス'] } });

describe('chunkMarkdown', () => {
  it('starts a chunk at every heading and records the heading path', () => {
    const chunks = chunkMarkdown(doc('# X\n## 上限\n上限は500万円です。\n### 特例\n特例は700万円です。\n## 注意\n変わります。'));
    expect(chunks.map((c) => c.section)).toEqual(['上限', '上限 > 特例', '注意']);
    expect(chunks.map((c) => c.id)).toEqual(['subsidies/x#0', 'subsidies/x#1', 'subsidies/x#2']);
  });

  it('keeps each table row with its column names', () => {
    const [chunk] = chunkMarkdown(doc('## 上限\n| 枠 | 上限 |\n|---|---|\n| 通常枠 | 50万円 |\n| 特例 | 200万円 |'));
    expect(chunk!.text).toBe('枠: 通常枠／上限: 50万円\n枠: 特例／上限: 200万円');
  });

  it('cuts long paragraphs at sentence ends only', () => {
    const sentence = 'これは補助金についての長い説明の一文です。';
    const chunks = chunkMarkdown(doc(`## 説明\n${sentence.repeat(80)}`));
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      expect(c.text.length).toBeLessThanOrEqual(CHUNK_MAX_CHARS);
      expect(c.text.endsWith('。')).toBe(true);
    }
  });

  it('indexes title, aliases and section with the passage', () => {
    const [chunk] = chunkMarkdown(doc('## 上限\n上限は500万円です。'));
    expect(indexText(chunk!)).toBe('X補助金\nエックス\n上限\n上限は500万円です。');
  });
});

describe('helpers', () => {
  it('splits sentences on Japanese punctuation', () => {
    expect(splitSentences('一つ目です。二つ目？三つ目！\n四つ目')).toEqual(['一つ目です。', '二つ目？', '三つ目！', '四つ目']);
  });
  it('flattens a table without data rows to its header', () => {
    expect(flattenTable(['| a | b |', '|---|---|'])).toEqual(['a／b']);
  });
});
