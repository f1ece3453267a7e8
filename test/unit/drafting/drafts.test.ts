// Each kind end to end: a profile file with answers (test/fixtures/drafts) → the Draft → .md
// and .docx. The .docx is parsed back (mammoth, jszip) and its headings checked against the
// official order; gaps are marked 【要記入: …】 and no placeholder is left; every amount, rate
// and date in the draft is traced to the owner's input, a cited source, or a check's computed
// value (whose arithmetic checks.test.ts verifies).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, type Catalog } from '../../../src/assistant/catalog.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../../../src/config.ts';
import { mergeFacts, sourceFacts, unsupportedNumbers } from '../../../src/eval/grounding.ts';
import { ProfileFile } from '../../../src/drafting/command.ts';
import type { Draft } from '../../../src/drafting/draft.ts';
import { renderDocx } from '../../../src/drafting/docx.ts';
import { draftText } from '../../../src/drafting/drafting.ja.ts';
import { fillDraft } from '../../../src/drafting/fill.ts';
import { DRAFT_KINDS, type DraftKind } from '../../../src/drafting/kinds.ts';
import { renderMarkdown } from '../../../src/drafting/markdown.ts';
import { draftOutline } from '../../../src/drafting/outline.ts';
import { loadTemplate, type LoadedTemplate } from '../../../src/drafting/templates.ts';
import { coerceAnswer, knownValue, type FieldValue } from '../../../src/drafting/values.ts';
import { FIXTURES } from '../../helpers/fixtures.ts';

const TODAY = '2026-11-21';

/** The parts of each official form, in the order the form has them. */
const OFFICIAL_ORDER: Record<DraftKind, string[]> = {
  jigyokei: ['名称等', '事業活動の概要', '取り組む目的', 'リスクの確認', '対応手順', 'ヒト・モノ・カネ・情報', '設備', '実効性を確保', '実施時期'],
  'jigyokei-renkei': ['参加者', '事業活動の概要', '連携のかたち', 'リスクの確認', '連携して行う取組', '初動対応', '実効性を確保', '実施時期'],
  monozukuri: ['適格性', '経営力', '事業性', '実現可能性', '政策面'],
  jizokuka: ['経営計画書', '企業概要', '顧客ニーズと市場の動向', '強み', '経営方針・目標と今後のプラン', '補助事業計画', '事業名', '取組内容', '効果', '経費'],
};

type Built = { template: LoadedTemplate; answers: Record<string, FieldValue>; file: ReturnType<typeof ProfileFile.parse>; draft: Draft; md: string; docx: Uint8Array };

let catalog: Catalog;
const built = new Map<DraftKind, Built>();

beforeAll(async () => {
  catalog = await loadCatalog([DEFAULT_KNOWLEDGE_DIR]);
  for (const kind of DRAFT_KINDS) {
    const template = loadTemplate([DEFAULT_KNOWLEDGE_DIR], kind, catalog.docs);
    const file = ProfileFile.parse(JSON.parse(readFileSync(path.join(FIXTURES, 'drafts', `${kind}.json`), 'utf8')));
    const { answers: raw = {}, ...profile } = file;
    const answers = Object.fromEntries(Object.entries(raw).map(([id, v]) => [id, coerceAnswer(template.fields.find((f) => f.id === id)!, v)!]));
    const draft = fillDraft(template, { profile, answers }, { today: TODAY, sources: catalog.docs });
    built.set(kind, { template, answers, file, draft, md: renderMarkdown(draft), docx: await renderDocx(draft) });
  }
});

const get = (kind: DraftKind) => built.get(kind)!;
const headingsOf = async (docx: Uint8Array) =>
  [...(await mammoth.convertToHtml({ buffer: Buffer.from(docx) })).value.matchAll(/<h([12])>(.*?)<\/h\1>/g)].map((m) => ({ level: Number(m[1]), text: m[2]!.replace(/&amp;/g, '&') }));
const squash = (s: string) => s.replace(/\s+/g, '');

describe.each(DRAFT_KINDS)('%s draft', (kind) => {
  it('has the sections of the official form in order, as real Word headings', async () => {
    const { template, docx, draft } = get(kind);
    const headings = await headingsOf(docx);
    const outline = draftOutline(draft);
    expect(headings).toEqual(outline.sections.map((s) => ({ level: s.level, text: s.heading })));
    expect(headings.slice(0, template.sections.length).map((h) => h.text)).toEqual(template.sections.map((s) => s.heading));
    // the form's parts, found one after another
    let at = -1;
    for (const part of OFFICIAL_ORDER[kind]) {
      const found = headings.findIndex((h, i) => i > at && h.text.includes(part));
      expect(found, `${part} after ${headings[at]?.text}`).toBeGreaterThan(at);
      at = found;
    }
    for (const appended of [draftText.headings.missing, draftText.headings.preparations, draftText.headings.checks, draftText.headings.sources]) {
      expect(headings.map((h) => h.text)).toContain(appended);
    }
  });

  it('carries the same content in .docx and .md', async () => {
    const { docx, md, draft } = get(kind);
    const text = squash((await mammoth.extractRawText({ buffer: Buffer.from(docx) })).value);
    const mdText = squash(md);
    const outline = draftOutline(draft);
    const pieces = [
      outline.title,
      ...outline.preface,
      ...outline.sections.flatMap((s) =>
        s.blocks.flatMap((b) => (b.type === 'bullets' ? b.items : b.type === 'table' ? [...b.columns, ...b.rows.flat(), ...(b.caption ? [b.caption] : [])] : [b.text])),
      ),
    ];
    for (const piece of pieces) {
      expect(text, piece).toContain(squash(piece));
      expect(mdText, piece).toContain(squash(piece.replace(/\|/g, '｜')));
    }
  });

  it('marks every gap as 【要記入: what and why】 and leaves no placeholder', async () => {
    const { template, answers, file, draft, md, docx } = get(kind);
    const { answers: _raw, ...profile } = file;
    const gaps = template.fields.filter((f) => answers[f.id] === undefined && knownValue(f, { profile }) === undefined);
    expect(gaps.length).toBeGreaterThan(0); // each fixture leaves something out on purpose
    expect(draft.missing.map((m) => m.field)).toEqual(gaps.map((f) => f.id));
    const body = md.slice(0, md.indexOf(`## ${draftText.headings.missing}`));
    for (const f of gaps) {
      expect(body).toContain(`【要記入: ${f.label}。${f.why}】`);
      expect(md).toContain(`- ${f.label}：${f.why}`);
    }
    const raw = (await mammoth.extractRawText({ buffer: Buffer.from(docx) })).value;
    for (const text of [md, raw]) {
      expect(text).not.toMatch(/\{\{|\}\}/);
      expect(text).not.toMatch(/undefined|NaN|\[object/);
    }
  });

  it('states no amount, rate or date that is not an input, in a cited source, or computed by a check', () => {
    const { answers, file, draft, md } = get(kind);
    const inputs = sourceFacts([JSON.stringify(file), ...Object.values(answers).map((v) => (Array.isArray(v) ? v.join('\n') : String(v)))]);
    const computed = sourceFacts(draft.checks.flatMap((c) => c.computed.map((v) => v.text)));
    const cited = [...new Set(draft.citations.map((c) => c.docId))].map((id) => sourceFacts([readFileSync(catalog.docs.get(id)!.path, 'utf8')]));
    expect(unsupportedNumbers(md.split('\n'), mergeFacts([inputs, computed, ...cited]), TODAY)).toEqual([]);
  });
});

describe('the number check', () => {
  it.each(['monozukuri', 'jizokuka'] as const)('%s: finds the cited figures unsupported once their sources are left out', (kind) => {
    const { answers, file, md } = get(kind);
    const inputs = sourceFacts([JSON.stringify(file), ...Object.values(answers).map((v) => (Array.isArray(v) ? v.join('\n') : String(v)))]);
    const texts = unsupportedNumbers(md.split('\n'), inputs, TODAY).map((n) => n.text);
    expect(texts).toEqual(expect.arrayContaining(kind === 'monozukuri' ? ['3.0%', '3.5%', '30円'] : ['2/3', '50円', '2026年12月15日']));
  });
});

describe('figures and checks computed from the owner\'s numbers', () => {
  it('monozukuri: value added grows enough, wages do not, minimum wage margin holds', () => {
    const { draft } = get('monozukuri');
    const status = Object.fromEntries(draft.checks.map((c) => [c.id, c.status]));
    // 8,000万円 → 9,500万円 in 3 years: 1.1875^(1/3) − 1 = 5.89…% ≥ 3.0%; 420万円 → 440万円: 1.56% < 3.5%; 1,100円 − 1,050円 = 50円 ≥ 30円
    expect(status).toEqual({ 'eligible-employees': 'meets', 'value-added-growth': 'meets', 'wage-growth': 'misses', 'minimum-wage': 'meets' });
    expect(draft.checks.find((c) => c.id === 'value-added-growth')!.lines[0]).toContain('年平均 5.89%');
    expect(draft.checks.find((c) => c.id === 'wage-growth')!.lines[0]).toContain('年平均 1.56%（要件：3.5%以上）');
  });

  it('jizokuka: plans the preparations back from the next deadline in the cited document', () => {
    const { draft } = get('jizokuka');
    expect(draft.schedule[0]).toBe('次の締切：第20回 2026年12月15日 17:00');
    const byName = Object.fromEntries(draft.preparations.map((p) => [p.name, p]));
    expect(byName['GビズIDプライム（またはGビズIDメンバー）']).toMatchObject({ startBy: '2026-12-01', late: false }); // 12/15 − 14 days
    expect(byName['様式4（事業支援計画書）']).toMatchObject({ startBy: '2026-12-04', late: false }); // 12/15 − 11 days
    expect(byName['事業継続力強化計画']).toMatchObject({ late: true }); // 45 days: already too late on 11/21
    expect(draft.preparations[0]!.text).toContain('（締切（出典）から逆算）');
    expect(draft.checks.map((c) => c.status)).toEqual(['meets', 'meets', 'meets']);
  });

  it('monozukuri: says the program was replaced instead of inventing a deadline', () => {
    const { draft } = get('monozukuri');
    expect(draft.schedule.join('')).toContain('募集を終えています（最後の回：23次、締切 2026年5月8日 17:00）');
    expect(draft.preparations.every((p) => p.startBy === undefined)).toBe(true);
    expect(draft.citations.map((c) => c.docId)).toContain('subsidies/shinjigyo-monozukuri');
  });

  it('jigyokei-renkei: counts the owner\'s company with the partners', () => {
    const { draft } = get('jigyokei-renkei');
    expect(draft.checks.find((c) => c.id === 'participants')!.lines[0]).toContain('当社を含めて3社（要件：2社以上）→ 満たしています');
  });

  it('cites the program with a quote from its text', () => {
    for (const { draft, template } of built.values()) {
      const program = draft.citations.find((c) => c.docId === template.program)!;
      expect(program.title).toBe(catalog.docs.get(template.program)!.title);
      for (const c of draft.citations) {
        const doc = catalog.docs.get(c.docId)!;
        // a rate is quoted as a compact rendering of its front-matter field: 「補助率 通常枠 2/3」
        const rate = /^補助率 (.+) (\S+)$/.exec(c.quote);
        if (rate) expect(doc.meta.rate).toContainEqual(expect.objectContaining({ applies_to: rate[1], rate: rate[2] }));
        else expect(squash(readFileSync(doc.path, 'utf8'))).toContain(squash(c.quote));
      }
    }
  });
});

describe('the Word file', () => {
  it('is A4 with page numbers in the footer, Japanese fonts and heading styles', async () => {
    const zip = await JSZip.loadAsync(get('jigyokei').docx);
    const document = await zip.file('word/document.xml')!.async('string');
    expect(document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(document).toContain('<w:pStyle w:val="Heading1"/>');
    expect(document).toContain('<w:pStyle w:val="Heading2"/>');
    expect(document).toContain('<w:tbl>');
    const footers = await Promise.all(Object.keys(zip.files).filter((n) => /^word\/footer\d*\.xml$/.test(n)).map((n) => zip.file(n)!.async('string')));
    expect(footers.join('')).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(footers.join('')).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*<\/w:instrText>/);
    const styles = await zip.file('word/styles.xml')!.async('string');
    expect(styles).toMatch(/w:eastAsia="Yu Mincho"/);
    expect(styles).toMatch(/w:eastAsia="Yu Gothic"/);
  });
});
