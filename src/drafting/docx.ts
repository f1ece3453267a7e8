// The draft as a Word file (docx): A4, Japanese fonts set for East Asian text, the title and
// headings as Word's own Title / Heading 1 / Heading 2 styles (so they show in the navigation
// pane and a table of contents), real tables, guidance notes set apart in grey, and
// "page / pages" in the footer.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Draft, DraftBlock } from './draft.ts';
import { draftOutline, type Outline } from './outline.ts';

const BODY_FONT = 'Yu Mincho';
const HEADING_FONT = 'Yu Gothic';
const font = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name });
const A4 = { width: 11906, height: 16838 }; // twips (210 × 297 mm)
const MARGIN = 1134; // 2 cm
const BULLETS = 'draft-bullets';
const NOTE_COLOR = '555555';
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '888888' };

function paragraphs(b: DraftBlock): (Paragraph | Table)[] {
  switch (b.type) {
    case 'paragraph':
      return [new Paragraph({ children: [new TextRun(b.text)], spacing: { after: 120 } })];
    case 'note':
      return [new Paragraph({ children: [new TextRun({ text: b.text, color: NOTE_COLOR, size: 19 })], indent: { left: 240 }, spacing: { after: 120 } })];
    case 'bullets':
      return b.items.map((text) => new Paragraph({ children: [new TextRun(text)], numbering: { reference: BULLETS, level: 0 } }));
    case 'table': {
      const row = (cells: string[], header = false) =>
        new TableRow({
          tableHeader: header,
          children: cells.map(
            (text) =>
              new TableCell({
                borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER },
                ...(header ? { shading: { fill: 'EEEEEE' } } : {}),
                margins: { top: 60, bottom: 60, left: 100, right: 100 },
                children: [new Paragraph({ children: [new TextRun({ text, bold: header })] })],
              }),
          ),
        });
      const table = new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [row(b.columns, true), ...b.rows.map((r) => row(r))] });
      const caption = b.caption ? [new Paragraph({ children: [new TextRun({ text: b.caption, bold: true })], spacing: { before: 120, after: 60 } })] : [];
      return [...caption, table, new Paragraph({ children: [] })];
    }
  }
}

export function outlineDocument(outline: Outline): Document {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ text: outline.title, heading: HeadingLevel.TITLE }),
    ...outline.preface.map((line) => new Paragraph({ children: [new TextRun({ text: line, size: 19 })] })),
  ];
  for (const s of outline.sections) {
    children.push(new Paragraph({ text: s.heading, heading: s.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2 }));
    for (const b of s.blocks) children.push(...paragraphs(b));
  }
  const headingRun = { font: font(HEADING_FONT), color: '000000' };
  return new Document({
    title: outline.title,
    creator: 'tsunagu',
    styles: {
      default: {
        document: { run: { font: font(BODY_FONT), size: 21, language: { value: 'ja-JP', eastAsia: 'ja-JP' } }, paragraph: { spacing: { line: 300 } } },
        title: { run: { ...headingRun, size: 32, bold: true }, paragraph: { spacing: { after: 240 } } },
        heading1: { run: { ...headingRun, size: 26, bold: true }, paragraph: { spacing: { before: 360, after: 120 } } },
        heading2: { run: { ...headingRun, size: 23, bold: true }, paragraph: { spacing: { before: 240, after: 80 } } },
      },
    },
    numbering: {
      config: [{ reference: BULLETS, levels: [{ level: 0, format: LevelFormat.BULLET, text: '・', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 420, hanging: 300 } } } }] }],
    },
    sections: [
      {
        properties: { page: { size: A4, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } } },
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES] })] })],
          }),
        },
        children,
      },
    ],
  });
}

export async function renderDocx(draft: Draft): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(outlineDocument(draftOutline(draft))));
}
