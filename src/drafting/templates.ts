// Loads and checks the draft templates (knowledge/templates/<kind>.yaml). For each kind the
// first knowledge root that has the file wins, else the built-in knowledge, so a deployer may
// override one template and keep the others. Errors name the file and the field: the schema's,
// then the cross-references it cannot see (placeholders, check fields, field types), and, when
// the knowledge documents are given, the documents, requirements and quotes the template cites.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_KNOWLEDGE_DIR } from '../config.ts';
import { ErrorCode, TsunaguError } from '../domain/errors.ts';
import type { KnowledgeDoc } from '../domain/knowledge.ts';
import { parseYamlWith } from '../knowledge/loaders/yaml.ts';
import { directionOf } from './checks.ts';
import type { DraftKind } from './kinds.ts';
import { readRequirement } from './requirements.ts';
import { DraftTemplate, FIELD_SOURCES, type FieldType, type TemplateCheck } from './template.ts';

export type LoadedTemplate = DraftTemplate & { file: string };
export type DocSources = ReadonlyMap<string, KnowledgeDoc>;

export const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

function invalid(file: string, field: string, message: string): TsunaguError {
  return new TsunaguError(ErrorCode.KnowledgeInvalid, `${field}: ${message}`, { file, field });
}

/** templates/<kind>.yaml of the first root that has it, else the built-in one. */
export function findTemplateFile(knowledgeDirs: string[], kind: DraftKind): string {
  for (const root of [...knowledgeDirs, DEFAULT_KNOWLEDGE_DIR]) {
    const file = path.join(root, 'templates', `${kind}.yaml`);
    if (existsSync(file)) return file;
  }
  throw new TsunaguError(ErrorCode.KnowledgeInvalid, `no template for "${kind}" (templates/${kind}.yaml) in the knowledge roots or the built-in knowledge`, {
    file: DEFAULT_KNOWLEDGE_DIR,
  });
}

/** Reads, validates and cross-checks one template file; with `docs`, also what it cites. */
export function loadTemplateFile(file: string, docs?: DocSources): LoadedTemplate {
  const template = parseYamlWith(file, readFileSync(file, 'utf8'), DraftTemplate);
  const expected = path.basename(file).replace(/\.ya?ml$/i, '');
  if (template.kind !== expected) throw invalid(file, 'kind', `the file ${path.basename(file)} must hold the "${expected}" template, not "${template.kind}"`);
  checkStructure(file, template);
  const loaded = { ...template, file };
  if (docs) checkTemplateSources(loaded, docs);
  return loaded;
}

export function loadTemplate(knowledgeDirs: string[], kind: DraftKind, docs?: DocSources): LoadedTemplate {
  return loadTemplateFile(findTemplateFile(knowledgeDirs, kind), docs);
}

/** The text of a section with placeholders: body, captions and cells, each with its field name for errors. */
function texts(template: DraftTemplate): { where: string; text: string }[] {
  return template.sections.flatMap((s, i) => [
    ...(s.body ? [{ where: `sections[${i}].body`, text: s.body }] : []),
    { where: `sections[${i}].heading`, text: s.heading },
    ...(s.guidance ? [{ where: `sections[${i}].guidance`, text: s.guidance }] : []),
    ...s.tables.flatMap((t, j) => [
      ...(t.caption ? [{ where: `sections[${i}].tables[${j}].caption`, text: t.caption }] : []),
      ...t.columns.map((c, k) => ({ where: `sections[${i}].tables[${j}].columns[${k}]`, text: c })),
      ...t.rows.flatMap((r, k) => r.map((c, l) => ({ where: `sections[${i}].tables[${j}].rows[${k}][${l}]`, text: c }))),
    ]),
  ]);
}

const CHECK_TYPES: Record<TemplateCheck['type'], Record<string, FieldType[]>> = {
  growth: { base: ['money', 'number'], target: ['money', 'number'], years: ['number'] },
  difference: { value: ['money'], reference: ['money'] },
  at_least: { value: ['number', 'list'] },
  at_most: { value: ['number'] },
  share: { value: ['money'], of: ['money'] },
  filled: {},
};

function checkStructure(file: string, t: DraftTemplate): void {
  const fields = new Map<string, DraftTemplate['fields'][number]>();
  t.fields.forEach((f, i) => {
    const at = `fields[${i}]`;
    if (fields.has(f.id)) throw invalid(file, `${at}.id`, `field id "${f.id}" is used twice`);
    fields.set(f.id, f);
    const sourceType = FIELD_SOURCES[f.from];
    if (sourceType && sourceType !== f.type) throw invalid(file, `${at}.from`, `"${f.from}" gives a ${sourceType} value, but the field is of type ${f.type}`);
    if (f.options.length && f.type !== 'text') throw invalid(file, `${at}.options`, 'only text fields can offer options');
    if (f.unit && f.type !== 'number') throw invalid(file, `${at}.unit`, 'only number fields have a unit');
    if (f.bare_yen && f.type !== 'money') throw invalid(file, `${at}.bare_yen`, 'only money fields take bare_yen');
  });
  const used = new Set<string>();
  for (const { where, text } of texts(t)) {
    for (const m of text.matchAll(PLACEHOLDER)) {
      if (!fields.has(m[1]!)) throw invalid(file, where, `placeholder {{${m[1]}}} names no field`);
      if (where.endsWith('.heading') || where.endsWith('.guidance') || where.includes('.columns')) throw invalid(file, where, 'headings, guidance and column titles cannot hold placeholders');
      used.add(m[1]!);
    }
    if (/\{\{|\}\}/.test(text.replace(PLACEHOLDER, ''))) throw invalid(file, where, 'a "{{" or "}}" that is not a placeholder such as {{companyName}}');
  }
  t.sections.forEach((s, i) =>
    s.tables.forEach((table, j) =>
      table.rows.forEach((row, k) => {
        if (row.length !== table.columns.length) throw invalid(file, `sections[${i}].tables[${j}].rows[${k}]`, `has ${row.length} cells for ${table.columns.length} columns`);
      }),
    ),
  );
  const checkIds = new Set<string>();
  t.checks.forEach((c, i) => {
    const at = `checks[${i}]`;
    if (checkIds.has(c.id)) throw invalid(file, `${at}.id`, `check id "${c.id}" is used twice`);
    checkIds.add(c.id);
    const refs: [string, string][] =
      c.type === 'filled' ? c.fields.map((id, k) => [`fields[${k}]`, id]) : Object.keys(CHECK_TYPES[c.type]).map((role) => [role, (c as Record<string, unknown>)[role] as string]);
    for (const [role, id] of refs) {
      const f = fields.get(id);
      if (!f) throw invalid(file, `${at}.${role}`, `names no field: "${id}"`);
      const allowed = CHECK_TYPES[c.type][role];
      if (allowed && !allowed.includes(f.type)) throw invalid(file, `${at}.${role}`, `${c.type} checks need a ${allowed.join(' or ')} field here; "${id}" is ${f.type}`);
    }
    const wantsUnit = c.type !== 'filled';
    if (wantsUnit && !c.requirement.unit) throw invalid(file, `${at}.requirement.unit`, `a ${c.type} check reads a figure: give its unit`);
    if (c.type === 'share' && c.requirement.unit !== 'fraction') throw invalid(file, `${at}.requirement.unit`, 'a share check reads a share such as 2/3: unit must be "fraction"');
    if (c.type === 'growth' && c.requirement.unit !== '%') throw invalid(file, `${at}.requirement.unit`, 'a growth check reads a rate: unit must be "%"');
  });
  for (const f of t.fields) {
    const inCheck = t.checks.some((c) => (c.type === 'filled' ? c.fields : Object.keys(CHECK_TYPES[c.type]).map((r) => (c as Record<string, unknown>)[r])).includes(f.id));
    if (!used.has(f.id) && !inCheck) throw invalid(file, `fields[${t.fields.indexOf(f)}]`, `field "${f.id}" is asked but never used in the text or a check`);
  }
}

const fold = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

/** Checks that the documents the template cites exist and state what it reads from them. */
export function checkTemplateSources(t: LoadedTemplate, docs: DocSources): void {
  const file = t.file;
  const need = (field: string, id: string) => {
    const doc = docs.get(id);
    if (!doc) throw invalid(file, field, `no knowledge document "${id}"`);
    return doc;
  };
  need('program', t.program);
  t.references.forEach((id, i) => need(`references[${i}]`, id));
  t.checks.forEach((c, i) => {
    const found = readRequirement(c.requirement, need(`checks[${i}].requirement.doc`, c.requirement.doc), directionOf(c));
    if (typeof found === 'string') throw invalid(file, `checks[${i}].requirement`, found);
  });
  t.reminders.forEach((r, i) => {
    const doc = need(`reminders[${i}].doc`, r.doc);
    const text = fold(`${JSON.stringify(doc.meta)}\n${doc.body}`);
    if (!text.includes(fold(r.quote))) throw invalid(file, `reminders[${i}].quote`, `"${r.quote}" does not appear in "${r.doc}"`);
  });
}
