// Partner registry (CSV in UTF-8 or Shift_JIS, or a JSON array) → Partner[].
// A bad row is reported with its line number and the reason; good rows still load.
import { parse as parseCsv } from 'csv-parse/sync';
import { Partner, REGISTRY_HEADER_ALIASES } from '../../domain/partner.ts';
import type { Chunk } from '../../domain/knowledge.ts';
import { formatYen } from '../../domain/format.ts';
import { zodProblems } from './yaml.ts';

export type Problem = { file: string; line?: number; field?: string; message: string };
export type RegistryLoad = { partners: Partner[]; problems: Problem[]; encoding: 'utf-8' | 'shift_jis' };

/** UTF-8 when the bytes are valid UTF-8 (BOM removed), Shift_JIS otherwise. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'shift_jis' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('shift_jis').decode(bytes), encoding: 'shift_jis' };
  }
}

const headerKey = (h: string) => h.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
const CANONICAL_BY_HEADER = new Map<string, string>(
  Object.entries(REGISTRY_HEADER_ALIASES).flatMap(([canonical, aliases]) => [canonical, ...aliases].map((a) => [headerKey(a), canonical] as const)),
);

/** Maps a registry header (canonical or Japanese alias) to its canonical column, if known. */
export function canonicalColumn(header: string): string | undefined {
  return CANONICAL_BY_HEADER.get(headerKey(header));
}

function toCanonicalRecord(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    const c = canonicalColumn(k);
    if (c && out[c] === undefined) out[c] = typeof v === 'string' ? v.trim() : v;
  }
  return out;
}

/** Where a record sits: a CSV line, or an index in a JSON array (reported as "[3].field"). */
type Position = { line?: number; index?: number };

function validate(file: string, record: Record<string, unknown>, at: Position, seen: Map<string, number | undefined>, load: RegistryLoad) {
  const field = (f: string) => (at.index !== undefined ? `[${at.index}].${f}` : f);
  const line = at.line;
  const r = Partner.safeParse(toCanonicalRecord(record));
  if (!r.success) {
    for (const p of zodProblems(r.error)) load.problems.push({ file, line, field: field(p.field), message: p.message });
    return;
  }
  if (seen.has(r.data.id)) {
    const first = seen.get(r.data.id);
    load.problems.push({ file, line, field: field('id'), message: `duplicate id "${r.data.id}"${first ? ` (first on line ${first})` : ''}` });
    return;
  }
  seen.set(r.data.id, line);
  load.partners.push(r.data);
}

export function parseRegistry(file: string, bytes: Uint8Array): RegistryLoad {
  const { text, encoding } = decodeText(bytes);
  const load: RegistryLoad = { partners: [], problems: [], encoding };
  const seen = new Map<string, number | undefined>();
  if (/\.json$/i.test(file)) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      load.problems.push({ file, message: `not valid JSON: ${(e as Error).message}` });
      return load;
    }
    if (!Array.isArray(data)) {
      load.problems.push({ file, message: 'expected a JSON array of companies' });
      return load;
    }
    data.forEach((item, i) => {
      if (item && typeof item === 'object' && !Array.isArray(item)) validate(file, item as Record<string, unknown>, { index: i }, seen, load);
      else load.problems.push({ file, field: `[${i}]`, message: 'expected an object' });
    });
    return load;
  }

  let header: string[] | undefined;
  const rows = parseCsv(text, {
    comment: '#',
    comment_no_infix: true,
    skip_empty_lines: true,
    relax_column_count: true,
    bom: true,
    info: true,
    skip_records_with_error: true,
    on_skip: (err) => {
      if (err) load.problems.push({ file, line: typeof err.lines === 'number' ? err.lines : undefined, message: `unreadable CSV row: ${err.message}` });
    },
  }) as unknown as { record: string[]; info: { lines: number } }[];
  for (const { record, info } of rows) {
    if (!header) {
      header = record.map((h) => h.trim());
      const unknown = header.filter((h) => h && !canonicalColumn(h));
      if (unknown.length) load.problems.push({ file, line: info.lines, message: `unknown column(s) ignored: ${unknown.join(', ')}` });
      if (!header.some((h) => canonicalColumn(h) === 'id')) {
        load.problems.push({ file, line: info.lines, field: 'id', message: 'the header has no id (企業ID) column' });
        return load;
      }
      continue;
    }
    if (record.length !== header.length) {
      load.problems.push({ file, line: info.lines, message: `expected ${header.length} columns, found ${record.length}` });
      continue;
    }
    const obj = Object.fromEntries(header.map((h, i) => [h, record[i] ?? '']));
    validate(file, obj, { line: info.lines }, seen, load);
  }
  return load;
}

/** One retrieval passage per company, in plain Japanese. */
export function partnerChunk(docId: string, p: Partner, source: { title: string; asOf?: string }): Chunk {
  const lines = [
    `${p.name}（${p.prefecture}${p.city ?? ''}）${p.industry ? `／業種: ${p.industry}` : ''}`,
    p.capabilities.length ? `得意技術: ${p.capabilities.join('、')}` : '',
    p.equipment.length ? `主要設備: ${p.equipment.join('、')}` : '',
    p.certifications.length ? `認証: ${p.certifications.join('、')}` : '',
    [p.employees !== undefined ? `従業員数: ${p.employees}人` : '', p.capital_jpy !== undefined ? `資本金: ${formatYen(p.capital_jpy)}` : ''].filter(Boolean).join('／'),
    p.bcp_certified ? '事業継続力強化計画: 認定済' : '',
    p.sdgs.length ? `SDGsの取組: ${p.sdgs.join('、')}` : '',
    p.seeking.length ? `連携希望: ${p.seeking.join('、')}` : '',
    p.offering.length ? `提供可能: ${p.offering.join('、')}` : '',
  ].filter(Boolean);
  return {
    id: `${docId}#${p.id}`,
    docId,
    kind: 'partner',
    title: p.name,
    section: source.title,
    text: lines.join('\n'),
    asOf: p.updated_at ?? source.asOf,
    // what a company is found by: where it is and what it does
    keywords: [p.prefecture, p.city, p.industry, ...p.capabilities].filter((k): k is string => Boolean(k)),
  };
}
