// Renders knowledge/pdf/subsidy-overview.pdf: a two-page Japanese overview of the subsidy
// programs, built from the structured front matter of knowledge/subsidies/*.md, so the PDF
// can never disagree with the documents. Run: npm run fixtures:pdf
// Needs pdfkit and a Japanese font, kept out of the default install:
//   npm install --no-save pdfkit@0.20.2 @expo-google-fonts/noto-sans-jp@0.4.3
import { createRequire } from 'node:module';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_KNOWLEDGE_DIR } from '../src/config.ts';
import { formatJaDate, formatYen } from '../src/domain/format.ts';
import type { SubsidyFrontMatter } from '../src/domain/knowledge.ts';
import { parseMarkdownDoc } from '../src/knowledge/loaders/markdown.ts';

/** The part of pdfkit's document this script uses (pdfkit is not installed by default). */
interface PdfKitDocument {
  on(event: 'data', cb: (chunk: Buffer) => void): void;
  on(event: 'end', cb: () => void): void;
  registerFont(name: string, file: string): void;
  font(name: string): PdfKitDocument;
  fontSize(size: number): PdfKitDocument;
  text(text: string): PdfKitDocument;
  moveDown(lines?: number): PdfKitDocument;
  end(): void;
}

const require = createRequire(import.meta.url);
let PDFDocument: new (options: object) => PdfKitDocument;
let fontRegular: string;
let fontBold: string;
try {
  PDFDocument = require('pdfkit');
  fontRegular = require.resolve('@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf');
  fontBold = require.resolve('@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf');
} catch {
  console.error('pdfkit and a Japanese font are needed:\n  npm install --no-save pdfkit@0.20.2 @expo-google-fonts/noto-sans-jp@0.4.3');
  process.exit(1);
}

const AS_OF = '2026-09-20';
const dir = path.join(DEFAULT_KNOWLEDGE_DIR, 'subsidies');
const programs = readdirSync(dir)
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => parseMarkdownDoc({ id: f, path: path.join(dir, f), source: readFileSync(path.join(dir, f), 'utf8'), hash: '' }))
  .filter((d) => d.kind === 'subsidy')
  .map((d) => d.meta as SubsidyFrontMatter);

const out = path.join(DEFAULT_KNOWLEDGE_DIR, 'pdf', 'subsidy-overview.pdf');
const doc = new PDFDocument({
  size: 'A4',
  margin: 48,
  info: { Title: '中小製造業向け 主な補助金の早見表', Author: 'tsunagu', CreationDate: new Date(`${AS_OF}T00:00:00Z`) },
});
const chunks: Buffer[] = [];
doc.on('data', (c: Buffer) => chunks.push(c));
doc.registerFont('jp', fontRegular);
doc.registerFont('jp-bold', fontBold);

doc.font('jp-bold').fontSize(16).text('中小製造業向け 主な補助金の早見表');
doc.moveDown(0.3);
doc.font('jp').fontSize(9).text(
  `この資料は tsunagu の知識ベース（${AS_OF} 時点で確認した情報）から作った要約です。金額・補助率・日程は公募回ごとに変わります。申請の前に、必ず最新の公募要領で確認してください。`,
);
doc.moveDown(0.6);

for (const p of programs) {
  const caps = p.max_amount_jpy;
  const top = caps.reduce((m, c) => Math.max(m, c.amount), 0);
  const topSpecial = caps.reduce((m, c) => Math.max(m, c.special_amount ?? 0), 0);
  const rounds = [...p.rounds].filter((r) => r.closes).sort((a, b) => (a.closes! < b.closes! ? -1 : 1));
  const last = rounds.at(-1);
  doc.font('jp-bold').fontSize(11).text(`■ ${p.title}`);
  doc.font('jp').fontSize(9);
  if (p.summary) doc.text(p.summary);
  if (top) doc.text(`補助上限額: 枠・従業員数によって異なり、最大${formatYen(top)}${topSpecial > top ? `（特例適用時は最大${formatYen(topSpecial)}）` : ''}。`);
  if (p.rate.length) doc.text(`補助率: ${p.rate.map((r) => `${r.applies_to} ${r.rate}`).join('、')}。`);
  if (last) doc.text(`資料にある直近の公募回: ${last.name}（締切 ${formatJaDate(last.closes!)}）${last.uncertain ? '※未確認' : ''}。`);
  if (p.status === 'rolling') doc.text('受付: 随時（公募回制ではありません）。');
  if (p.apply_via.length) doc.text(`申請: ${p.apply_via.join('、')}。`);
  doc.text(`公式サイト: ${p.source_url}`);
  doc.moveDown(0.6);
}
doc.end();
await new Promise<void>((resolve) => doc.on('end', () => resolve()));
writeFileSync(out, Buffer.concat(chunks));
console.log(`wrote ${path.relative(process.cwd(), out)} (${programs.length} programs, ${Buffer.concat(chunks).length} bytes)`);
