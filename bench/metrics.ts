// Retrieval metrics over document ids (a chunk counts for its document; registry rows for
// `docId#companyId`), and the eval/retrieval case loader.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Chunk } from '../src/domain/knowledge.ts';

export const RetrievalCase = z.object({ id: z.string(), query: z.string().min(1), relevant: z.array(z.string()).min(1), tags: z.array(z.string()).default([]) });
export type RetrievalCase = z.infer<typeof RetrievalCase>;

export function loadRetrievalCases(dir: string): RetrievalCase[] {
  const cases: RetrievalCase[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    readFileSync(path.join(dir, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (!line.trim()) return;
        const r = RetrievalCase.safeParse(JSON.parse(line));
        if (!r.success) throw new Error(`${file}:${i + 1}: ${r.error.issues[0]?.message}`);
        cases.push(r.data);
      });
  }
  return cases;
}

/** The id a chunk is judged by: registry rows by company, others by document. */
export const judgedId = (c: Chunk) => (c.kind === 'partner' ? c.id : c.docId);

export function scoreRanking(chunks: Chunk[], relevant: string[]) {
  const ranking = [...new Set(chunks.map(judgedId))];
  const rel = new Set(relevant);
  const top5 = ranking.slice(0, 5).filter((d) => rel.has(d)).length;
  const first = ranking.findIndex((d) => rel.has(d));
  const dcg = ranking.slice(0, 10).reduce((s, d, i) => s + (rel.has(d) ? 1 / Math.log2(i + 2) : 0), 0);
  const ideal = Array.from({ length: Math.min(rel.size, 10) }, (_, i) => 1 / Math.log2(i + 2)).reduce((a, b) => a + b, 0);
  return {
    recallAt5: top5 / Math.min(rel.size, 5),
    mrr: first >= 0 && first < 10 ? 1 / (first + 1) : 0,
    ndcgAt10: ideal ? dcg / ideal : 0,
  };
}
