// Validates the taxonomies (knowledge/taxonomy/capabilities.yaml and prefectures.yaml):
//   node bin/run-script.js scripts/check-taxonomy.ts [capabilities.yaml] [prefectures.yaml]
// Schema (zod, src/domain/taxonomy.ts) plus cross-checks: referenced ids exist, no name or synonym used twice,
// neighbours symmetric, JIS codes in order. Prints every problem and exits 1 if there is any.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { CapabilityTaxonomy, PrefectureTaxonomy } from '../src/domain/taxonomy.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const capFile = process.argv[2] ?? path.join(root, 'knowledge/taxonomy/capabilities.yaml');
const prefFile = process.argv[3] ?? path.join(root, 'knowledge/taxonomy/prefectures.yaml');

/** Plain hazard terms and designated zones in use; extend here when a new term is really needed. */
const HAZARDS = new Set([
  '南海トラフ地震',
  '首都直下地震',
  '日本海溝・千島海溝沿いの地震',
  '津波',
  '豪雪',
  '火山',
  '台風',
  '豪雨・洪水',
  '土砂災害',
  '高潮',
]);
const HAZARD_ZONES = new Set([
  '南海トラフ地震防災対策推進地域',
  '首都直下地震緊急対策区域',
  '日本海溝・千島海溝周辺海溝型地震防災対策推進地域',
  '豪雪地帯',
]);

const problems: string[] = [];
const problem = (file: string, msg: string) => problems.push(`${path.relative(process.cwd(), file)}: ${msg}`);

/** The form under which two terms count as the same word (width, case, spaces). */
const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

function load(file: string): unknown {
  try {
    return parse(readFileSync(file, 'utf8'));
  } catch (e) {
    problem(file, `cannot read or parse: ${(e as Error).message}`);
    return undefined;
  }
}

function zodIssues(file: string, error: { issues: { path: PropertyKey[]; message: string }[] }, data: unknown) {
  for (const issue of error.issues) {
    // Name the entry (capabilities[3] → its id) so the problem is easy to find.
    let where = issue.path.map(String).join('.');
    const [list, index] = issue.path;
    if (typeof list === 'string' && typeof index === 'number') {
      const entry = (data as Record<string, unknown[]>)?.[list]?.[index] as Record<string, unknown> | undefined;
      const label = entry?.id ?? entry?.name;
      if (label !== undefined) where += ` (${String(label)})`;
    }
    problem(file, `${where}: ${issue.message}`);
  }
}

// ── capabilities ─────────────────────────────────────────────────────────────
let capabilityCount = 0;
const capData = load(capFile);
if (capData !== undefined) {
  const parsed = CapabilityTaxonomy.safeParse(capData);
  if (!parsed.success) zodIssues(capFile, parsed.error, capData);
  else {
    const caps = parsed.data.capabilities;
    capabilityCount = caps.length;
    const ids = new Map<string, number>();
    for (const c of caps) ids.set(c.id, (ids.get(c.id) ?? 0) + 1);
    for (const [id, n] of ids) if (n > 1) problem(capFile, `id "${id}" is used ${n} times`);

    // Every name and synonym must point at exactly one capability.
    const owner = new Map<string, string>(); // normalised term → "id (name|synonym)"
    for (const c of caps) {
      const terms: [string, string][] = [[c.name, 'name'], ...c.synonyms.map((s): [string, string] => [s, 'synonym'])];
      for (const [term, kind] of terms) {
        const key = norm(term);
        const prev = owner.get(key);
        if (prev) problem(capFile, `"${term}" (${kind} of ${c.id}) is already used as ${prev}`);
        else owner.set(key, `${kind} of ${c.id}`);
      }
      for (const [field, refs] of [
        ['next', c.next],
        ['complements', c.complements],
      ] as const) {
        const seen = new Set<string>();
        for (const ref of refs) {
          if (!ids.has(ref)) problem(capFile, `${c.id}.${field}: unknown id "${ref}"`);
          if (ref === c.id) problem(capFile, `${c.id}.${field}: refers to itself`);
          if (seen.has(ref)) problem(capFile, `${c.id}.${field}: "${ref}" listed twice`);
          seen.add(ref);
        }
      }
      for (const ref of c.complements)
        if (c.next.includes(ref)) problem(capFile, `${c.id}: "${ref}" is in both next and complements`);
      if (!c.category.trim()) problem(capFile, `${c.id}: empty category`);
    }
  }
}

// ── prefectures ──────────────────────────────────────────────────────────────
let prefectureCount = 0;
const prefData = load(prefFile);
if (prefData !== undefined) {
  const parsed = PrefectureTaxonomy.safeParse(prefData);
  if (!parsed.success) zodIssues(prefFile, parsed.error, prefData);
  else {
    const prefs = parsed.data.prefectures;
    prefectureCount = prefs.length;
    const byName = new Map(prefs.map((p) => [p.name, p]));
    if (byName.size !== prefs.length) problem(prefFile, 'a prefecture name is used twice');
    const shorts = new Set(prefs.map((p) => p.short));
    if (shorts.size !== prefs.length) problem(prefFile, 'a short name is used twice');
    prefs.forEach((p, i) => {
      if (p.code !== i + 1) problem(prefFile, `${p.name}: code ${p.code} at position ${i + 1} (expected JIS order 1–47)`);
      if (!p.name.startsWith(p.short)) problem(prefFile, `${p.name}: short "${p.short}" is not a prefix of the name`);
      const seen = new Set<string>();
      for (const n of p.neighbours) {
        const other = byName.get(n);
        if (!other) problem(prefFile, `${p.name}.neighbours: unknown prefecture "${n}"`);
        else if (!other.neighbours.includes(p.name)) problem(prefFile, `${p.name} lists ${n} as a neighbour but ${n} does not list ${p.name}`);
        if (n === p.name) problem(prefFile, `${p.name}.neighbours: lists itself`);
        if (seen.has(n)) problem(prefFile, `${p.name}.neighbours: "${n}" listed twice`);
        seen.add(n);
      }
      for (const h of p.hazards) if (!HAZARDS.has(h)) problem(prefFile, `${p.name}.hazards: unknown term "${h}" (add it to HAZARDS in scripts/check-taxonomy.ts if intended)`);
      for (const z of p.hazard_zones)
        if (!HAZARD_ZONES.has(z)) problem(prefFile, `${p.name}.hazard_zones: unknown zone "${z}" (add it to HAZARD_ZONES if intended)`);
      if (new Set(p.hazards).size !== p.hazards.length) problem(prefFile, `${p.name}.hazards: duplicate term`);
      if (new Set(p.hazard_zones).size !== p.hazard_zones.length) problem(prefFile, `${p.name}.hazard_zones: duplicate zone`);
    });
  }
}

for (const p of problems) console.error(p);
console.log(`capabilities: ${capabilityCount}, prefectures: ${prefectureCount}, problems: ${problems.length}`);
process.exit(problems.length ? 1 : 0);
