// Fills a template: every {{field}} becomes the owner's value (answer, profile or diagnosis) or
// 【要記入: what is needed and why】, never a guess. Then it adds what the draft still lacks, the
// preparations and schedule from the program's document, the program's requirements, the
// consistency checks computed from the owner's figures, and the citations of every source used.
import type { Citation } from '../domain/conversation.ts';
import { ErrorCode, TsunaguError } from '../domain/errors.ts';
import type { KnowledgeDoc } from '../domain/knowledge.ts';
import { computeCheck } from './checks.ts';
import { preparations, requirementLines, scheduleLines } from './checklist.ts';
import { draftText } from './drafting.ja.ts';
import type { Draft, DraftBlock, DraftSection, MissingItem } from './draft.ts';
import { PLACEHOLDER, type DocSources } from './templates.ts';
import type { DraftTemplate, TemplateField, TemplateSection } from './template.ts';
import { formatValue, valueOf, type DraftInput, type FieldValue } from './values.ts';

export type FillOptions = { today: string; sources: DocSources };

const BULLET = /^\s*-\s+/;

export function fillDraft(template: DraftTemplate, input: DraftInput, opts: FillOptions): Draft {
  const fields = new Map(template.fields.map((f) => [f.id, f]));
  const values = new Map<string, FieldValue>();
  for (const f of template.fields) {
    const v = valueOf(f, input);
    if (v !== undefined) values.set(f.id, v);
  }
  const doc = (id: string): KnowledgeDoc => {
    const d = opts.sources.get(id);
    if (!d) throw new TsunaguError(ErrorCode.KnowledgeInvalid, `the ${template.kind} template cites "${id}", which the knowledge does not have`, { field: id });
    return d;
  };
  const missing = template.fields.filter((f) => !values.has(f.id)).map((f): MissingItem => ({ field: f.id, label: f.label, why: f.why }));
  const text = (s: string) => s.replace(PLACEHOLDER, (_m, id: string) => shown(fields.get(id)!, values.get(id)));

  const program = doc(template.program);
  const meta = program.meta as { successor?: string };
  const successor = meta.successor ? opts.sources.get(meta.successor) : undefined;
  const checks = template.checks.map((c) => computeCheck(c, { field: (id) => fields.get(id)!, value: (id) => values.get(id), doc }));
  const preps = preparations(program, opts.today, input.profile);
  const companyName = values.get('companyName');

  const citations = new CitationList();
  citations.add(program, summaryQuote(program));
  for (const id of template.references) citations.add(doc(id), summaryQuote(doc(id)));
  for (const c of checks) citations.add(doc(c.requirement.docId), c.requirement.passage, c.label);
  for (const r of template.reminders) citations.add(doc(r.doc), r.quote);
  for (const p of (program.meta as { prerequisites?: { doc?: string }[] }).prerequisites ?? []) {
    const linked = p.doc ? opts.sources.get(p.doc) : undefined;
    if (linked) citations.add(linked, summaryQuote(linked));
  }
  if (successor) citations.add(successor, summaryQuote(successor));

  return {
    kind: template.kind,
    title: template.title,
    createdOn: opts.today,
    ...(typeof companyName === 'string' ? { companyName } : {}),
    sections: template.sections.map((s) => fillSection(s, text, (id) => fields.get(id)!, (id) => values.get(id))),
    missing,
    schedule: scheduleLines(program, opts.today, successor?.title),
    preparations: preps,
    requirements: { docId: program.id, title: program.title, lines: requirementLines(program) },
    reminders: template.reminders.map((r) => r.text),
    checks,
    citations: citations.list,
  };
}

/** A value as written, or its 【要記入】 marker. */
function shown(field: TemplateField, value: FieldValue | undefined): string {
  return value === undefined ? draftText.missing(field.label, field.why) : formatValue(field, value);
}

function fillSection(
  s: TemplateSection,
  text: (s: string) => string,
  field: (id: string) => TemplateField,
  value: (id: string) => FieldValue | undefined,
): DraftSection {
  const blocks: DraftBlock[] = [];
  if (s.guidance) blocks.push({ type: 'note', text: draftText.guidance(s.guidance) });
  for (const para of (s.body ?? '').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean)) {
    // consecutive "- " lines form a list; other lines run together as one paragraph
    let prose: string[] = [];
    let items: string[] = [];
    const flush = () => {
      if (prose.length) blocks.push({ type: 'paragraph', text: text(prose.join('')) });
      if (items.length) blocks.push({ type: 'bullets', items });
      prose = [];
      items = [];
    };
    for (const line of para.split('\n').map((l) => l.trim())) {
      if (BULLET.test(line)) {
        if (prose.length) flush();
        items.push(...bulletItems(line.replace(BULLET, ''), text, field, value));
      } else {
        if (items.length) flush();
        prose.push(line);
      }
    }
    flush();
  }
  for (const t of s.tables) {
    blocks.push({ type: 'table', ...(t.caption ? { caption: text(t.caption) } : {}), columns: t.columns, rows: t.rows.map((r) => r.map(text)) });
  }
  return { heading: s.heading, level: s.level, blocks };
}

/** A bullet that is just one list placeholder becomes one bullet per item. */
function bulletItems(line: string, text: (s: string) => string, field: (id: string) => TemplateField, value: (id: string) => FieldValue | undefined): string[] {
  const only = /^\{\{\s*([A-Za-z0-9_]+)\s*\}\}$/.exec(line);
  const v = only ? value(only[1]!) : undefined;
  if (only && field(only[1]!).type === 'list' && Array.isArray(v)) return v;
  return [text(line)];
}

function summaryQuote(doc: KnowledgeDoc): string {
  const summary = typeof doc.meta.summary === 'string' ? doc.meta.summary.trim() : '';
  const end = summary.indexOf('。');
  return summary ? (end >= 0 ? summary.slice(0, end + 1) : summary) : doc.title;
}

/** Citations in the order first used, one per document and quote. */
class CitationList {
  readonly list: Citation[] = [];
  add(doc: KnowledgeDoc, quote: string, section?: string): void {
    if (this.list.some((c) => c.docId === doc.id && c.quote === quote)) return;
    this.list.push({ docId: doc.id, title: doc.title, ...(section ? { section } : {}), ...(doc.sourceUrl ? { url: doc.sourceUrl } : {}), quote });
  }
}
