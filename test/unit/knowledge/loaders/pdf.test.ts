import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KNOWLEDGE_DIR } from '../../../../src/config.ts';
import { TsunaguError } from '../../../../src/domain/errors.ts';
import { extractPdfText, loadPdfDoc, parseSidecar, pdfTextToMarkdown } from '../../../../src/knowledge/loaders/pdf.ts';
import { japanesePdfWithoutEmbeddedFont } from '../../../helpers/raw-pdf.ts';

const bytes = (b: Buffer) => new Uint8Array(b);

describe('PDF loader', () => {
  it('extracts Japanese from a PDF whose font is not embedded (predefined CMap)', async () => {
    const pdf = japanesePdfWithoutEmbeddedFont(['事業継続力強化計画の認定', '標準処理期間は45日です。'], '試験用PDF');
    const text = await extractPdfText('t.pdf', bytes(pdf));
    expect(text.title).toBe('試験用PDF');
    expect(text.pages[0]).toContain('標準処理期間は45日です。');
  });

  it('takes the title from the sidecar, then metadata, then the first line', async () => {
    const pdf = japanesePdfWithoutEmbeddedFont(['最初の行', '本文です。']);
    const doc = await loadPdfDoc({ id: 'pdf/t', path: 't.pdf', data: bytes(pdf), hash: 'h' });
    expect(doc).toMatchObject({ title: '最初の行', kind: 'guide' });
    const sidecar = parseSidecar('t.pdf.yaml', 'title: 題名\nkind: bcp\nsource_url: https://example.go.jp/\nas_of: 2026-09-01\n');
    expect(await loadPdfDoc({ id: 'pdf/t', path: 't.pdf', data: bytes(pdf), sidecar, hash: 'h' })).toMatchObject({ title: '題名', kind: 'bcp', asOf: '2026-09-01' });
  });

  it('names the file of an empty PDF', async () => {
    await expect(extractPdfText('empty.pdf', new Uint8Array())).rejects.toThrow('empty.pdf: the file is empty');
  });

  it('names the file of a corrupt PDF', async () => {
    const err = await extractPdfText('broken.pdf', bytes(Buffer.from('%PDF-1.4\nthis is not a pdf'))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TsunaguError);
    expect((err as TsunaguError).message).toMatch(/^broken\.pdf: not a readable PDF/);
  });

  it('reports a bad sidecar field', () => {
    expect(() => parseSidecar('t.pdf.yaml', 'kind: poster\n')).toThrow(/t\.pdf\.yaml: kind:/);
  });

  it('turns heading-like lines into sections', () => {
    expect(pdfTextToMarkdown(['■ 補助率\n中小企業は1/2です。'])).toContain('## 補助率');
  });

  it('reads the overview PDF shipped in knowledge/pdf', async () => {
    const file = path.join(DEFAULT_KNOWLEDGE_DIR, 'pdf', 'subsidy-overview.pdf');
    const text = await extractPdfText(file, new Uint8Array(readFileSync(file)));
    expect(text.pages.join('\n')).toContain('ものづくり補助金');
  });
});
