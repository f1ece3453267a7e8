// Drafts delivered in the chat are fetched from the server's /files/<token> route: the link
// works for its owner, an expired link and a made-up or malformed token give 404, and tokens
// are long random strings, different for every file.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/assistant/catalog.ts';
import { deliverDraft, DraftingFlow } from '../../src/assistant/flows/drafting.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../../src/config.ts';
import type { Draft } from '../../src/drafting/draft.ts';
import { FILE_TTL_MS } from '../../src/store/files.ts';
import { FIXED_NOW, startTestApp } from '../helpers/app.ts';

let t: Awaited<ReturnType<typeof startTestApp>>;
let draft: Draft;

beforeAll(async () => {
  t = await startTestApp();
  const catalog = await loadCatalog([DEFAULT_KNOWLEDGE_DIR]);
  const flow = DraftingFlow.load([DEFAULT_KNOWLEDGE_DIR], { sources: catalog.docs, clock: () => FIXED_NOW });
  const step = flow.start('jigyokei', { companyName: '山田精工株式会社', employees: 25 });
  const done = flow.handle(step.state, { postback: 'draft:finish' }, { companyName: '山田精工株式会社', employees: 25 });
  if (done.kind !== 'done') throw new Error('expected the draft');
  draft = done.draft;
});
afterAll(() => t.close());

describe('draft files over /files/:token', () => {
  it('serves the stored .docx and .md to whoever has the link', async () => {
    const result = await deliverDraft(draft, { files: t.app.store.files, ownerKey: 'web:owner-draft', now: new Date() });
    const [docx, md] = result.messages[0]!.files!;
    const docxRes = await fetch(`${t.baseUrl}${docx!.url}`);
    expect(docxRes.status).toBe(200);
    expect(docxRes.headers.get('content-type')).toBe(docx!.mime);
    expect(docxRes.headers.get('content-disposition')).toContain('jigyokei.docx');
    expect(Buffer.from(await docxRes.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    const mdRes = await fetch(`${t.baseUrl}${md!.url}`);
    expect(mdRes.status).toBe(200);
    expect(await mdRes.text()).toContain('山田精工株式会社');
  });

  it('gives 404 once the link has expired', async () => {
    const longAgo = new Date(Date.now() - FILE_TTL_MS - 60_000);
    const result = await deliverDraft(draft, { files: t.app.store.files, ownerKey: 'web:owner-draft', now: longAgo });
    for (const file of result.messages[0]!.files!) {
      const res = await fetch(`${t.baseUrl}${file.url}`);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
  });

  it('gives 404 for a made-up or malformed token', async () => {
    for (const token of [randomBytes(32).toString('base64url'), 'jigyokei.docx', 'A'.repeat(43), '..%2F..%2Fetc%2Fpasswd']) {
      expect((await fetch(`${t.baseUrl}/files/${token}`)).status).toBe(404);
    }
  });

  it('links each file by its own long random token', async () => {
    const a = await deliverDraft(draft, { files: t.app.store.files, ownerKey: 'web:owner-a', now: new Date() });
    const b = await deliverDraft(draft, { files: t.app.store.files, ownerKey: 'web:owner-a', now: new Date() });
    const tokens = [...a.messages[0]!.files!, ...b.messages[0]!.files!].map((f) => f.url.replace('/files/', ''));
    expect(new Set(tokens).size).toBe(4);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes
  });
});
