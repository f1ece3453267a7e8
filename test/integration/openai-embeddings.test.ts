// The optional OpenAI-compatible embedder, against a fake server on 127.0.0.1: the index is
// built with its vectors, and an unchanged document is never sent again.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { openKnowledge } from '../../src/knowledge/open.ts';
import { FIXTURE_KNOWLEDGE, tempDir } from '../helpers/fixtures.ts';

const DIM = 8;
/** A deterministic toy embedding: character codes folded into DIM buckets. */
function toyEmbedding(text: string): number[] {
  const v = new Array<number>(DIM).fill(0);
  for (const ch of text) v[ch.codePointAt(0)! % DIM]! += 1;
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

let server: Server;
let baseUrl: string;
const received: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/embeddings') {
        res.writeHead(404).end();
        return;
      }
      const { input } = JSON.parse(body) as { input: string | string[] };
      const inputs = Array.isArray(input) ? input : [input];
      received.push(...inputs);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', model: 'fake', data: inputs.map((t, index) => ({ object: 'embedding', index, embedding: toyEmbedding(t) })), usage: { prompt_tokens: 0, total_tokens: 0 } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('OpenAI-compatible embeddings', () => {
  it('embeds through the configured endpoint and re-embeds only changed documents', async () => {
    const root = tempDir();
    const data = tempDir();
    try {
      cpSync(FIXTURE_KNOWLEDGE, root.dir, { recursive: true });
      const config = loadConfig({ TSUNAGU_DATA_DIR: data.dir, TSUNAGU_KNOWLEDGE_DIRS: root.dir, OPENAI_BASE_URL: baseUrl });

      const first = await openKnowledge(config);
      expect(first.index.manifest).toMatchObject({ dimensions: DIM, embedder: `openai:text-embedding-3-small:${baseUrl}` });
      expect(received.length).toBe(first.index.chunks.length);
      const hits = await first.retriever.search('工具の共同購入', { mode: 'dense', k: 3 });
      expect(hits.length).toBeGreaterThan(0);

      received.length = 0;
      const file = path.join(root.dir, 'bcp', 'bousai-kihon.md');
      writeFileSync(file, `${readFileSync(file, 'utf8')}\n## 備蓄\n水と非常食を3日分そなえます。\n`);
      await openKnowledge(config);
      const changedQuery = received.filter((t) => t.includes('非常食'));
      expect(changedQuery.length).toBeGreaterThan(0);
      // documents: only the changed one; the query embedding above is not part of this build
      expect(received.every((t) => t.includes('工場の防災の基本'))).toBe(true);
    } finally {
      root.cleanup();
      data.cleanup();
    }
  });
});
