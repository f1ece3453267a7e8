import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reciprocalRankFusion } from '../../../src/knowledge/retriever.ts';
import { openFixtureKnowledge } from '../../helpers/knowledge.ts';

let k: Awaited<ReturnType<typeof openFixtureKnowledge>>;
beforeAll(async () => {
  k = await openFixtureKnowledge();
});
afterAll(() => k.cleanup());

const topDoc = async (q: string, mode?: 'bm25' | 'dense' | 'hybrid') => (await k.retriever.search(q, { k: 3, mode }))[0]?.chunk.docId;

describe('hybrid retrieval on the fixture corpus', () => {
  it('indexes markdown documents and registry rows', () => {
    const kinds = new Set(k.index.chunks.map((c) => c.kind));
    expect([...kinds].sort()).toEqual(['bcp', 'partner', 'starter', 'subsidy']);
    expect(k.index.chunks.filter((c) => c.kind === 'partner').map((c) => c.id)).toEqual(['partners/registry#T001', 'partners/registry#T002']);
  });

  it.each([
    ['機械導入応援補助金の補助率は？', 'subsidies/kikai-donyu'],
    ['きかいどうにゅうの締め切りはいつ', 'subsidies/kikai-donyu'], // kana for kanji
    ['機械導人補助金の上限', 'subsidies/kikai-donyu'], // typo: 人 for 入
    ['地震のあと従業員の安否確認はどうする？', 'bcp/bousai-kihon'],
    ['近所の工場と工具をまとめ買いしたい', 'starters/kyodo-kounyu'],
    ['めっきができる会社を探している', 'partners/registry'],
  ])('%s → %s', async (query, docId) => {
    expect(await topDoc(query)).toBe(docId);
  });

  it('finds a kana query with each method on its own', async () => {
    expect(await topDoc('きかいどうにゅう', 'bm25')).toBe('subsidies/kikai-donyu');
    expect(await topDoc('きかいどうにゅう', 'dense')).toBe('subsidies/kikai-donyu');
  });

  it('filters by kind', async () => {
    const hits = await k.retriever.search('めっき 補助金 工具', { k: 10, kinds: ['partner'] });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.chunk.kind === 'partner')).toBe(true);
  });

  it('reports the rank of each method in a fused hit', async () => {
    const [hit] = await k.retriever.search('機械導入応援補助金の補助率');
    expect(hit!.bm25?.rank).toBeGreaterThan(0);
    expect(hit!.dense?.rank).toBeGreaterThan(0);
  });
});

describe('reciprocalRankFusion', () => {
  it('rewards agreement between lists', () => {
    const fused = reciprocalRankFusion([
      [{ id: 1, score: 9 }, { id: 2, score: 5 }],
      [{ id: 2, score: 0.9 }, { id: 3, score: 0.5 }],
    ]);
    expect([...fused].sort((a, b) => b[1] - a[1])[0]![0]).toBe(2);
  });
});
