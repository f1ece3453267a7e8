// Loads the understanding content (knowledge/taxonomy/intents.yaml, places.yaml, industries.yaml)
// and compiles it, with the catalog's programs, capabilities and prefectures, into scanners.
// Like the taxonomy loader, a knowledge root without these files falls back to the built-in
// ones. Compiled lexicons are cached per catalog, so understanding a message stays cheap.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { DEFAULT_KNOWLEDGE_DIR } from '../../config.ts';
import { IndustryLexicon, IntentLexicon, PlaceLexicon, type DraftKind, type Intent, type PartnerMode } from '../../domain/intents.ts';
import { parseYamlWith } from '../../knowledge/loaders/yaml.ts';
import type { Catalog } from '../catalog.ts';
import { foldTerm, prepareText, TermScanner } from './scan.ts';

export type UnderstandLexicon = { intents: IntentLexicon; places: PlaceLexicon; industries: IndustryLexicon };

function readFrom<S extends z.ZodType>(roots: string[], name: string, schema: S): z.infer<S> {
  const file = [...roots, DEFAULT_KNOWLEDGE_DIR].map((r) => path.join(r, 'taxonomy', name)).find((f) => existsSync(f));
  if (!file) throw new Error(`taxonomy/${name} is missing from the built-in knowledge`);
  return parseYamlWith(file, readFileSync(file, 'utf8'), schema);
}

/** Each file from the first root that has it, else the built-in knowledge. */
export function loadUnderstandLexicon(roots: string[]): UnderstandLexicon {
  return {
    intents: readFrom(roots, 'intents.yaml', IntentLexicon),
    places: readFrom(roots, 'places.yaml', PlaceLexicon),
    industries: readFrom(roots, 'industries.yaml', IndustryLexicon),
  };
}

/** The knowledge roots a catalog was loaded from, in order (a Markdown doc's path ends with its id). */
export function knowledgeRootsOf(catalog: Catalog): string[] {
  const roots: string[] = [];
  for (const doc of catalog.docs.values()) {
    const tail = `${doc.id}${path.extname(doc.path)}`.split('/').join(path.sep);
    if (!doc.path.endsWith(path.sep + tail)) continue;
    const root = doc.path.slice(0, -(tail.length + 1));
    if (!roots.includes(root)) roots.push(root);
  }
  return roots;
}

const SUBSIDY_ASK_CUES = ['eligibility', 'fact', 'general_fact', 'find', 'support'] as const;
export type SubsidyAskCue = (typeof SUBSIDY_ASK_CUES)[number];
export type CueHit = { intent: Exclude<Intent, 'unknown'>; weight: number };
export type Place = { prefecture: string; city?: string };
type Rule<K> = { value: K; terms: string[]; patterns: RegExp[] };

export type CompiledLexicon = {
  source: UnderstandLexicon;
  cues: TermScanner<CueHit>;
  patterns: { intent: Exclude<Intent, 'unknown'>; weight: number; re: RegExp }[];
  subsidyAsk: TermScanner<SubsidyAskCue>;
  partnerModes: Rule<PartnerMode>[];
  draftKinds: (Rule<DraftKind> & { programs: string[] })[];
  controls: { term: string; control: keyof IntentLexicon['controls']['words'] }[];
  injection: { terms: string[]; patterns: RegExp[] };
  programs: TermScanner<string>;
  /** Guides that are not about one program (support bodies, the overview, the SME definition), by name. */
  guides: TermScanner<string>;
  /** Program names that are also plain words, and what must follow them to count as a name. */
  weakPrograms: { terms: Set<string>; follow: string[] };
  capabilities: TermScanner<string>;
  places: TermScanner<Place>;
  industries: TermScanner<string>;
  selfTail: RegExp;
  /** Company names: after a legal form, before one, ending in a company suffix, or after a supplier word (on unfolded text). */
  companyNameShapes: RegExp[];
  /** entity_cues, folded. */
  cuesOf: { [K in keyof IntentLexicon['entity_cues']]: string[] };
  stopWords: Set<string>;
};

const fold = (terms: readonly string[]) => terms.map(foldTerm).filter(Boolean);
const regexes = (sources: readonly string[]) => sources.map((s) => new RegExp(s, 'u'));

function compile(catalog: Catalog, source: UnderstandLexicon): CompiledLexicon {
  const lex = source.intents;
  const cues = new TermScanner<CueHit>();
  for (const rule of lex.intents) {
    for (const group of rule.cues) {
      for (const term of group.terms) {
        cues.add(term, { intent: rule.id, weight: group.weight }, { fuzzy: group.fuzzy });
        for (const [other, weight] of Object.entries(group.others)) {
          if (other !== 'unknown' && weight !== undefined) cues.add(term, { intent: other as CueHit['intent'], weight });
        }
      }
    }
  }
  const subsidyAsk = new TermScanner<SubsidyAskCue>();
  for (const kind of SUBSIDY_ASK_CUES) for (const t of lex.subsidy_ask[kind]) subsidyAsk.add(t, kind);

  return {
    source,
    cues,
    patterns: lex.intents.flatMap((r) => r.patterns.map((p) => ({ intent: r.id, weight: p.weight, re: new RegExp(p.regex, 'u') }))),
    subsidyAsk,
    partnerModes: lex.partner_modes.map((r) => ({ value: r.mode, terms: fold(r.terms), patterns: regexes(r.patterns) })),
    draftKinds: lex.draft_kinds.map((r) => ({ value: r.kind, programs: r.programs, terms: fold(r.terms), patterns: regexes(r.patterns) })),
    controls: Object.entries(lex.controls.words).flatMap(([control, terms]) =>
      fold(terms).map((term) => ({ term, control: control as CompiledLexicon['controls'][number]['control'] })),
    ),
    injection: { terms: fold(lex.injection.terms), patterns: regexes(lex.injection.patterns) },
    programs: programScanner(catalog, lex),
    guides: guideScanner(catalog),
    weakPrograms: { terms: new Set(fold(lex.weak_program_names.terms)), follow: fold(lex.weak_program_names.follow) },
    capabilities: capabilityScanner(catalog),
    places: placeScanner(catalog, source.places),
    industries: industryScanner(source.industries),
    selfTail: new RegExp(source.industries.self_tail, 'u'),
    companyNameShapes: companyNameShapes(lex.entity_cues),
    cuesOf: Object.fromEntries(Object.entries(lex.entity_cues).map(([k, v]) => [k, fold(v)])) as CompiledLexicon['cuesOf'],
    // words that only say whose count, capital or supplier it is tell nothing about the topic either
    stopWords: new Set(fold([...lex.stop_words, ...lex.entity_cues.staff_words, ...lex.entity_cues.capital_words, ...lex.entity_cues.supplier_words])),
  };
}

/**
 * Programs: subsidy docs and guides about a program (ジギョケイ), by title, official name and
 * aliases. BCP handbooks that describe a program are left out: their aliases (BCP, 災害対策) are
 * the general topic, not a program name.
 */
function programScanner(catalog: Catalog, lex: IntentLexicon): TermScanner<string> {
  const scanner = new TermScanner<string>();
  const ids = new Set<string>();
  for (const doc of catalog.docs.values()) {
    const program = typeof doc.meta.program === 'string' ? doc.meta.program : undefined;
    if (doc.kind !== 'subsidy' && !(doc.kind === 'guide' && program)) continue;
    ids.add(doc.id);
    const aliases = Array.isArray(doc.meta.aliases) ? doc.meta.aliases.filter((a): a is string => typeof a === 'string') : [];
    const beforeBracket = doc.title.split(/[（(〈]/)[0]!.trim();
    for (const name of new Set([doc.title, beforeBracket, program, ...aliases])) {
      // short names are typed with typos too (ジギョウケイ); very short ones would match anything, and
      // a swapped kanji makes another word (BCP認定 → BCP策定, インボイス枠 → インボイス登録)
      if (name && foldTerm(name).length >= 2) scanner.add(name, doc.id, { fuzzy: foldTerm(name).length >= 5 && 'keep-kanji' });
      // owners join a name's parts with の: 「省力化 一般型」 is also written 「省力化の一般型」
      if (name && /\S\s+\S/.test(name)) scanner.add(name.trim().replace(/\s+/g, 'の'), doc.id);
    }
  }
  for (const nick of lex.program_nicknames) for (const id of nick.programs) if (ids.has(id)) scanner.add(nick.term, id);
  return scanner;
}

/** Guides without a program of their own, by the title before its bracket and by aliases. */
function guideScanner(catalog: Catalog): TermScanner<string> {
  const scanner = new TermScanner<string>();
  for (const doc of catalog.docs.values()) {
    if (doc.kind !== 'guide' || typeof doc.meta.program === 'string') continue;
    const aliases = Array.isArray(doc.meta.aliases) ? doc.meta.aliases.filter((a): a is string => typeof a === 'string') : [];
    for (const name of new Set([doc.title.split(/[（(〈]/)[0]!.trim(), ...aliases])) if (foldTerm(name).length >= 2) scanner.add(name, doc.id);
  }
  return scanner;
}

function capabilityScanner(catalog: Catalog): TermScanner<string> {
  const scanner = new TermScanner<string>();
  for (const cap of catalog.taxonomy.capabilities) for (const term of [cap.name, ...cap.synonyms]) scanner.add(term, cap.id);
  return scanner;
}

/**
 * Prefecture names (愛知県, 愛知), their hiragana readings, capitals (名古屋, 名古屋市) and the
 * places file. A capital whose stem is the prefecture's own short name (静岡市) only counts with 市.
 */
function placeScanner(catalog: Catalog, places: PlaceLexicon): TermScanner<Place> {
  const scanner = new TermScanner<Place>();
  const prefectures = catalog.taxonomy.prefectures;
  const shortNames = new Set(prefectures.map((p) => p.short));
  for (const p of prefectures) {
    scanner.add(p.name, { prefecture: p.name });
    if (p.short !== p.name) scanner.add(p.short, { prefecture: p.name });
    scanner.add(p.capital, { prefecture: p.name, city: p.capital });
    const stem = p.capital.replace(/[市区町村]$/, '');
    if (stem.length >= 2 && !shortNames.has(stem)) scanner.add(stem, { prefecture: p.name, city: p.capital });
  }
  for (const [prefecture, readings] of Object.entries(places.readings)) for (const r of readings) scanner.add(r, { prefecture });
  for (const place of places.places) {
    const value = place.city ? { prefecture: place.prefecture, city: place.city } : { prefecture: place.prefecture };
    scanner.add(place.name, value);
    if (place.city && !/[市区町村]$/.test(place.name)) scanner.add(place.name + place.city.slice(-1), value);
  }
  return scanner;
}

function industryScanner(industries: IndustryLexicon): TermScanner<string> {
  const scanner = new TermScanner<string>();
  for (const group of industries.industries) for (const w of group.words) scanner.add(w, group.industry);
  return scanner;
}

const NAME_CHAR = '[\\p{Script=Han}々〆ヵヶ\\p{Script=Katakana}ーa-zA-Z0-9&]';
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function companyNameShapes(cues: IntentLexicon['entity_cues']): RegExp[] {
  const alt = (terms: string[]) => terms.map((t) => prepareText(t).compact).sort((a, b) => b.length - a.length).map(escapeRegex).join('|');
  const legal = alt(cues.legal_forms);
  return [
    new RegExp(`(?:${legal})(${NAME_CHAR}{1,15})`, 'gu'),
    new RegExp(`(${NAME_CHAR}{1,15}?)(?:${legal})`, 'gu'),
    new RegExp(`(${NAME_CHAR}{1,10}?(?:${alt(cues.company_suffixes)}))`, 'gu'),
    new RegExp(`(?:${alt(cues.supplier_words)})(?:の|である|、)?(${NAME_CHAR}{2,12})(?=(?:さん|様)?(?:が|は|も|、))`, 'gu'),
  ];
}

let builtIn: UnderstandLexicon | undefined;
const compiled = new WeakMap<Catalog, WeakMap<UnderstandLexicon, CompiledLexicon>>();

/** The compiled lexicon for a catalog: from the given content, else from the catalog's own knowledge roots. */
export function compiledLexicon(catalog: Catalog, source?: UnderstandLexicon): CompiledLexicon {
  const lexicon = source ?? defaultLexiconFor(catalog);
  let byLexicon = compiled.get(catalog);
  if (!byLexicon) compiled.set(catalog, (byLexicon = new WeakMap()));
  let result = byLexicon.get(lexicon);
  if (!result) byLexicon.set(lexicon, (result = compile(catalog, lexicon)));
  return result;
}

const loadedFor = new WeakMap<Catalog, UnderstandLexicon>();

function defaultLexiconFor(catalog: Catalog): UnderstandLexicon {
  let lexicon = loadedFor.get(catalog);
  if (!lexicon) {
    const roots = knowledgeRootsOf(catalog);
    lexicon = roots.length ? loadUnderstandLexicon(roots) : (builtIn ??= loadUnderstandLexicon([]));
    loadedFor.set(catalog, lexicon);
  }
  return lexicon;
}
