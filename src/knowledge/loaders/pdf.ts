// PDF → KnowledgeDoc through pdf-parse 2, with pdf.js CMaps so that Japanese PDFs whose
// fonts are not embedded (UniJIS-UCS2-H and friends) still yield their text.
import { createRequire } from 'node:module';
import path from 'node:path';
import { PDFParse } from 'pdf-parse';
import { z } from 'zod';
import { DocKind, IsoDate, type KnowledgeDoc } from '../../domain/knowledge.ts';
import { ErrorCode, TsunaguError } from '../../domain/errors.ts';
import { parseYamlWith } from './yaml.ts';

const require = createRequire(import.meta.url);
const PDFJS_DIR = path.dirname(require.resolve('pdfjs-dist/package.json'));
const CMAP_URL = path.join(PDFJS_DIR, 'cmaps') + path.sep;
const STANDARD_FONTS_URL = path.join(PDFJS_DIR, 'standard_fonts') + path.sep;

/** Optional `name.pdf.yaml` beside a PDF. */
export const PdfSidecar = z
  .object({
    title: z.string().min(1).optional(),
    kind: DocKind.exclude(['partner']).default('guide'),
    source_url: z.url().optional(),
    as_of: IsoDate.optional(),
    tags: z.array(z.string()).default([]),
    aliases: z.array(z.string()).default([]),
    summary: z.string().optional(),
  })
  .strict();
export type PdfSidecar = z.infer<typeof PdfSidecar>;

export function parseSidecar(file: string, source: string): PdfSidecar {
  return parseYamlWith(file, source, PdfSidecar);
}

export type PdfText = { title?: string; pages: string[] };

export async function extractPdfText(file: string, data: Uint8Array): Promise<PdfText> {
  if (data.byteLength === 0) throw new TsunaguError(ErrorCode.PdfUnreadable, 'the file is empty', { file });
  const parser = new PDFParse({ data, cMapUrl: CMAP_URL, cMapPacked: true, standardFontDataUrl: STANDARD_FONTS_URL, verbosity: 0 });
  try {
    const info = await parser.getInfo();
    const text = await parser.getText({ pageJoiner: '' });
    const title = (info.info as { Title?: unknown } | undefined)?.Title;
    return { title: typeof title === 'string' && title.trim() ? title.trim() : undefined, pages: text.pages.map((p) => p.text) };
  } catch (e) {
    if (e instanceof TsunaguError) throw e;
    const reason = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    throw new TsunaguError(ErrorCode.PdfUnreadable, `not a readable PDF (${reason})`, { file }, { cause: e });
  } finally {
    await parser.destroy();
  }
}

const LOOKS_LIKE_HEADING = /^(?:[■□◆◇●○▶【]|第[0-9一二三四五六七八九十]+[章節条]|[0-9０-９]+[.．、)）]|[（(][0-9０-９一二三四五六七八九十]+[)）])/;

/** Turns extracted PDF lines into light Markdown: short heading-like lines become ## headings. */
export function pdfTextToMarkdown(pages: string[]): string {
  const out: string[] = [];
  for (const page of pages) {
    for (const raw of page.split(/\r?\n/)) {
      const line = raw.trim();
      if (!line) {
        out.push('');
        continue;
      }
      const heading = line.length <= 40 && !/[。、，,]$/.test(line) && LOOKS_LIKE_HEADING.test(line);
      out.push(heading ? `\n## ${line.replace(/^[■□◆◇●○▶]\s*/, '')}\n` : line);
    }
    out.push('');
  }
  return out.join('\n');
}

export async function loadPdfDoc(args: { id: string; path: string; data: Uint8Array; sidecar?: PdfSidecar; hash: string }): Promise<KnowledgeDoc> {
  const { id, path: file, data, sidecar, hash } = args;
  const { title: metaTitle, pages } = await extractPdfText(file, data);
  const body = pdfTextToMarkdown(pages);
  if (!body.replace(/\s+/g, '')) {
    throw new TsunaguError(ErrorCode.PdfUnreadable, 'no text could be extracted (a scanned image? OCR is not supported)', { file });
  }
  const firstLine = pages.join('\n').split(/\r?\n/).map((l) => l.trim()).find(Boolean);
  const title = sidecar?.title ?? metaTitle ?? firstLine ?? path.basename(file);
  return {
    id,
    kind: sidecar?.kind ?? 'guide',
    title,
    sourceUrl: sidecar?.source_url,
    asOf: sidecar?.as_of,
    path: file,
    body,
    meta: { ...(sidecar ?? {}), title },
    hash,
  };
}
