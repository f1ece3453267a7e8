// Partner suggestions over the registry: the companies that do what the owner asks for (a
// process, a certification), or whose processes complement the owner's, nearby first; backups far away in regions whose disaster risks differ; replacements for a
// stopped supplier; and small teams that cover every process step of a part. Registry cells
// are mapped to taxonomy capability ids once, at construction, so a query only touches the
// companies that have a capability it asks about.
import type { Citation, OwnerProfile, Reply } from '../../domain/conversation.ts';
import type { Partner } from '../../domain/partner.ts';
import type { Capability, Prefecture } from '../../domain/taxonomy.ts';
import { foldKana, normalizeText } from '../../knowledge/normalize.ts';
import type { Catalog } from '../catalog.ts';
import type { SkillResult } from '../ports.ts';
import { partnerMessages as m, partnerVocabulary } from './partners.ja.ts';

/** The comparison form of a term: normalised, kana folded, spaces removed. */
export const foldTerm = (s: string) => foldKana(normalizeText(s)).replace(/\s+/g, '');

const ALNUM = /[a-z0-9]/;

/** Capability names and synonyms → taxonomy ids, for registry cells and owners' words. */
export class CapabilityLexicon {
  private readonly byTerm = new Map<string, string>();
  private readonly byId = new Map<string, Capability>();
  private readonly previous = new Map<string, string[]>();
  private readonly paired = new Map<string, Set<string>>();
  private readonly longest: number;

  constructor(capabilities: Capability[]) {
    for (const c of capabilities) {
      this.byId.set(c.id, c);
      for (const term of [c.name, ...c.synonyms]) {
        const key = foldTerm(term);
        if (key && !this.byTerm.has(key)) this.byTerm.set(key, c.id);
      }
    }
    for (const c of capabilities) {
      for (const n of c.next) this.previous.set(n, [...(this.previous.get(n) ?? []), c.id]);
      for (const other of c.complements) {
        this.paired.set(c.id, (this.paired.get(c.id) ?? new Set()).add(other));
        this.paired.set(other, (this.paired.get(other) ?? new Set()).add(c.id));
      }
    }
    this.longest = Math.max(0, ...[...this.byTerm.keys()].map((k) => k.length));
  }

  get(id: string): Capability | undefined {
    return this.byId.get(id);
  }

  name(id: string): string {
    return this.byId.get(id)?.name ?? id;
  }

  /** Capabilities that pair well with this one, in either direction of `complements`. */
  complementsOf(id: string): string[] {
    return [...(this.paired.get(id) ?? [])];
  }

  /** Capabilities whose `next` steps include this one (its typical upstream steps). */
  previousOf(id: string): string[] {
    return this.previous.get(id) ?? [];
  }

  /** Capability ids a free text mentions, in order of appearance; the longest term wins at each place. */
  capabilitiesIn(text: string): string[] {
    const s = foldTerm(text);
    const found: string[] = [];
    for (let i = 0; i < s.length; ) {
      let matched = 0;
      for (let len = Math.min(this.longest, s.length - i); len > 0; len--) {
        const id = this.byTerm.get(s.slice(i, i + len));
        if (id === undefined || !this.atWordEdges(s, i, len)) continue;
        if (!found.includes(id)) found.push(id);
        matched = len;
        break;
      }
      i += matched || 1;
    }
    return found;
  }

  /** A term, a capability id or a phrase → the capability ids it names (empty when none). */
  resolve(term: string): string[] {
    if (this.byId.has(term)) return [term];
    const exact = this.byTerm.get(foldTerm(term));
    return exact ? [exact] : this.capabilitiesIn(term);
  }

  /** Latin terms (cad, fa, tig) count only as whole words, not inside longer Latin words. */
  private atWordEdges(s: string, start: number, len: number): boolean {
    const before = s[start - 1];
    const after = s[start + len];
    if (ALNUM.test(s[start]!) && before !== undefined && ALNUM.test(before)) return false;
    if (ALNUM.test(s[start + len - 1]!) && after !== undefined && ALNUM.test(after)) return false;
    return true;
  }
}

export type PartnerMode = 'complement' | 'near' | 'bcp_far' | 'alternate' | 'team';

export type PartnerQuery = {
  mode?: PartnerMode;
  profile: OwnerProfile;
  /** Taxonomy capability ids wanted (names are accepted too). */
  capabilities?: string[];
  /** Free words: capability names among them count as capabilities, the rest are matched as text. */
  words?: string[];
  /** alternate: the stopped supplier's name (株式会社 / (株) and partial names are fine). */
  supplierName?: string;
  /** team: ordered process steps (capability ids); with one step, the chain follows `next`. */
  steps?: string[];
  limit?: number;
};

export type PartnerSuggestion = { partner: Partner; score: number; reasons: string[]; covers?: string[] };
export type TeamStep = { capability: string; byOwner: boolean; candidates: PartnerSuggestion[] };

export type PartnerOutcome = {
  mode: PartnerMode;
  suggestions: PartnerSuggestion[];
  /** Capability ids the search was about: needs and related steps, lost processes, team steps. */
  wanted: string[];
  /** complement / near: the capability ids the owner asked for (not the owner's own ones it named as context). */
  requested?: string[];
  /** Wanted capability ids that no company in the registry covers. */
  uncovered: string[];
  /** team: each step with its best 1–3 companies. */
  steps?: TeamStep[];
  /** alternate: the stopped supplier as found in the registry. */
  supplier?: Partner;
  /** alternate: the name as the owner typed it. */
  supplierName?: string;
  /** alternate: several registry companies fit the name given; the owner should say which. */
  supplierCandidates?: Partner[];
  /** What the query lacked to search at all. */
  missing?: 'capabilities' | 'prefecture' | 'supplier';
};

export const DEFAULT_LIMIT = 5;
const TEAM_CHAIN_LENGTH = 4;
const PER_STEP = 3;
const MAX_CARDS = 10;
const MAX_REASONS = 5;
const MAX_RELEVANCE_TERMS = 4;
const PREFECTURE_CODES = 47;
/** A capability listed by more than this share of companies (検査, マシニング加工) says little about fit. */
const GENERIC_SHARE = 0.15;

type Entry = {
  partner: Partner;
  caps: Set<string>;
  /** The same ids as an array: iterating it is cheaper on the hot path. */
  capList: string[];
  /** Capability id → the 連携希望 / 提供可能 phrase that names it. */
  seeking: Map<string, string>;
  offering: Map<string, string>;
  bcpSeeking?: string;
  bcpOffering?: string;
  pref?: Prefecture;
  nameKey: string;
};

/** One distinct registry cell (in one column) and the companies that have it: free words search these. */
type Cell = { label: string; text: string; folded: string; entries: Entry[] };
type WordHit = { label: string; cell: string };
/** A free word to look for in the registry; `hintedBy`: a certification suggested by the owner's word (医療機器 → ISO 13485), looked for among certifications only. */
type Word = { key: string; hintedBy?: string };
/** How far a company meets what the owner explicitly asked: needs and named certifications met, hinted certifications, other words found. */
type RequestMatch = { met: number; hinted: number; loose: number };

type Owner = {
  pref?: Prefecture;
  city?: string;
  caps: string[];
  /** Capabilities asked for; the owner's own ones named beside others are context, not needs (成形品にめっき: めっき). */
  needs: string[];
  needSet: Set<string>;
  words: Word[];
  nameKey?: string;
  /** proximity() from the owner's prefecture, by prefecture code (0: unknown). */
  nearByCode: Float64Array;
};
/** Why a company fits, as data: the sentence is only written for the companies that make the list. */
type Term =
  | { weight: number; kind: 'need' | 'downstream' | 'upstream' | 'complement' | 'seeksYours'; id: string; from?: string; phrase?: string }
  | { weight: number; kind: 'offers'; phrase: string }
  | { weight: number; kind: 'word'; word: string; label: string; cell: string; hintedBy?: string };
type Candidate = { entry: Entry; score: number; covers?: string[] };
type Relation = { kind: 'downstream' | 'upstream' | 'complement'; from: string };

const round = (n: number) => Math.round(n * 100) / 100;

/** Keeps the largest weights in `top` (descending). */
function keep(top: Float64Array, weight: number): void {
  for (let i = 0; i < top.length; i++) {
    if (weight <= top[i]!) continue;
    top.copyWithin(i + 1, i, top.length - 1);
    top[i] = weight;
    return;
  }
}
/** Plain code-unit order: deterministic and much cheaper than localeCompare on large lists. */
const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byScoreThenId = (a: Candidate, b: Candidate) => b.score - a.score || compareIds(a.entry.partner.id, b.entry.partner.id);

/** The best candidates, best first (ties by id), with their reasons written out. One pass: the list is short, the registry long. */
function best(candidates: Candidate[], limit: number, explain: (c: Candidate) => string[]): PartnerSuggestion[] {
  const top: Candidate[] = [];
  for (const c of candidates) {
    c.score = round(c.score);
    if (top.length === limit && byScoreThenId(c, top[limit - 1]!) >= 0) continue;
    let i = top.length;
    while (i > 0 && byScoreThenId(c, top[i - 1]!) < 0) i--;
    top.splice(i, 0, c);
    if (top.length > limit) top.pop();
  }
  return top.map((c) => ({ partner: c.entry.partner, score: c.score, reasons: explain(c).slice(0, MAX_REASONS), ...(c.covers ? { covers: c.covers } : {}) }));
}
const unique = <T>(items: T[]) => [...new Set(items)];
const BCP_KEYS = partnerVocabulary.bcpWords.map((w) => foldTerm(w));
const isBcpPhrase = (s: string) => {
  const folded = foldTerm(s);
  return BCP_KEYS.some((w) => folded.includes(w));
};
/** Terms are compared in folded form; a certification hint's words likewise. */
const CERTIFICATION_HINTS = partnerVocabulary.certificationHints.map((h) => ({ words: h.words.map(foldTerm), key: foldTerm(h.certification) }));

/** Free words (folded), each followed by the certification it hints at, if any (医療機器 → ISO 13485). */
function withCertificationHints(free: string[]): Word[] {
  const words: Word[] = [];
  for (const key of free) {
    words.push({ key });
    for (const hint of CERTIFICATION_HINTS) {
      if (hint.words.some((w) => key.includes(w)) && !free.includes(hint.key) && !words.some((x) => x.key === hint.key)) words.push({ key: hint.key, hintedBy: key });
    }
  }
  return words;
}

/** 0 unknown or elsewhere, 1 same region, 2 neighbour, 3 same prefecture. */
function proximity(a?: Prefecture, b?: Prefecture): number {
  if (!a || !b) return 0;
  if (a.name === b.name) return 3;
  if (a.neighbours.includes(b.name)) return 2;
  return a.region === b.region ? 1 : 0;
}

function companyKey(name: string): string {
  let key = foldTerm(name);
  for (const form of partnerVocabulary.companyForms) key = key.split(foldTerm(form)).join('');
  return key;
}

/** Document id used for registry citations when the catalog names none (an in-memory list). */
export const FALLBACK_REGISTRY_DOC_ID = 'partners/registry';

/** The registry citation of one company; the quote renders the fields the answer relied on. */
export function partnerCitation(registryDocId: string, p: Partner): Citation {
  const quote = [`${p.prefecture}${p.city ?? ''}`, p.capabilities.length ? m.quoteCapabilities(p.capabilities) : '', p.bcp_certified ? m.quoteBcp : '']
    .filter(Boolean)
    .join('／');
  return { docId: `${registryDocId}#${p.id}`, title: p.name, quote };
}

/** A registry contact only when it is a desk, never a phone number, e-mail address or link. */
function safeContact(contact?: string): string | undefined {
  if (!contact || /@|https?:|\d{2,5}[-‐－ー(（)）]\d{1,4}[-‐－ー)）]\d{3,4}|\d{10,}/.test(contact)) return undefined;
  return contact;
}

export class PartnerMatcher {
  private readonly lexicon: CapabilityLexicon;
  private readonly entries: Entry[];
  private readonly byCapability = new Map<string, Entry[]>();
  private readonly bySeeking = new Map<string, Entry[]>();
  /** Distinct cells of the free-text columns; a registry repeats most of them, so words scan far fewer strings than rows. */
  private readonly cells = new Map<string, Cell>();
  private readonly prefectures = new Map<string, Prefecture>();
  /** Scratch space of fit(): the strongest term weights of one company. */
  private readonly strongest = new Float64Array(MAX_RELEVANCE_TERMS);
  /** Capabilities most companies list, which say little about fit (see GENERIC_SHARE). */
  private readonly generic = new Set<string>();
  private readonly registryDocId: string;

  constructor(catalog: Pick<Catalog, 'partners' | 'taxonomy' | 'registryDocId'>) {
    this.lexicon = new CapabilityLexicon(catalog.taxonomy.capabilities);
    this.registryDocId = catalog.registryDocId ?? FALLBACK_REGISTRY_DOC_ID;
    for (const p of catalog.taxonomy.prefectures) {
      this.prefectures.set(p.name, p);
      this.prefectures.set(p.short, p);
    }
    const cellIds = new Map<string, string[]>();
    const idsOf = (cell: string) => {
      let ids = cellIds.get(cell);
      if (!ids) cellIds.set(cell, (ids = this.lexicon.resolve(cell)));
      return ids;
    };
    const phrases = (cells: string[]) => {
      const out = new Map<string, string>();
      for (const cell of cells) for (const id of idsOf(cell)) if (!out.has(id)) out.set(id, cell);
      return out;
    };
    this.entries = catalog.partners.map((partner) => {
      const entry: Entry = {
        partner,
        caps: new Set(partner.capabilities.flatMap(idsOf)),
        capList: [],
        seeking: phrases(partner.seeking),
        offering: phrases(partner.offering),
        bcpSeeking: partner.seeking.find(isBcpPhrase),
        bcpOffering: partner.offering.find(isBcpPhrase),
        pref: this.prefecture(partner.prefecture),
        nameKey: companyKey(partner.name),
      };
      entry.capList = [...entry.caps];
      this.indexCells(entry);
      for (const id of entry.caps) this.byCapability.set(id, [...(this.byCapability.get(id) ?? []), entry]);
      for (const id of entry.seeking.keys()) this.bySeeking.set(id, [...(this.bySeeking.get(id) ?? []), entry]);
      return entry;
    });
    for (const [id, list] of this.byCapability) if (list.length > this.entries.length * GENERIC_SHARE) this.generic.add(id);
  }

  /** Column by column, in the order a word's reason should name them. */
  private indexCells(e: Entry): void {
    const p = e.partner;
    const columns: [string, string[]][] = [
      [m.fieldCapabilities, p.capabilities],
      [m.fieldSeeking, p.seeking],
      [m.fieldOffering, p.offering],
      [m.fieldEquipment, p.equipment],
      [m.fieldCertifications, p.certifications],
      [m.fieldIndustry, p.industry ? [p.industry] : []],
    ];
    for (const [label, texts] of columns) {
      for (const text of texts) {
        const key = `${label}\u0000${text}`;
        const cell = this.cells.get(key);
        if (cell) cell.entries.push(e);
        else this.cells.set(key, { label, text, folded: foldTerm(text), entries: [e] });
      }
    }
  }

  /**
   * For each free word, the companies with a cell holding it, and the first such cell; a certification
   * cell wins (a named standard is a requirement). A hinted certification is looked for among certifications only.
   */
  private wordHits(words: Word[]): Map<string, Map<Entry, WordHit>> {
    const hits = new Map<string, Map<Entry, WordHit>>();
    for (const { key, hintedBy } of words) {
      const byEntry = new Map<Entry, WordHit>();
      for (const cell of this.cells.values()) {
        const certification = cell.label === m.fieldCertifications;
        if ((hintedBy && !certification) || !cell.folded.includes(key)) continue;
        for (const e of cell.entries) if (certification || !byEntry.has(e)) byEntry.set(e, { label: cell.label, cell: cell.text });
      }
      hits.set(key, byEntry);
    }
    return hits;
  }

  /** Taxonomy capability ids a free text mentions (names and synonyms, longest match first). */
  capabilitiesIn(text: string): string[] {
    return this.lexicon.capabilitiesIn(text);
  }

  suggest(query: PartnerQuery): PartnerOutcome {
    const owner = this.owner(query);
    const mode = this.resolveMode(query, owner);
    switch (mode) {
      case 'bcp_far':
        return this.bcpFar(query, owner);
      case 'alternate':
        return this.alternate(query, owner);
      case 'team':
        return this.team(query, owner);
      default:
        return this.complement(query, owner, mode);
    }
  }

  toResult(outcome: PartnerOutcome, profile: OwnerProfile): SkillResult {
    const lines = this.summary(outcome, profile);
    if (!lines) return this.nothing(outcome);
    const shown = this.shownPartners(outcome);
    const reasonsOf = new Map<string, PartnerSuggestion>();
    for (const s of [...outcome.suggestions, ...(outcome.steps ?? []).flatMap((st) => st.candidates)]) if (!reasonsOf.has(s.partner.id)) reasonsOf.set(s.partner.id, s);
    const reply: Reply = {
      text: [...lines, '', m.contact].join('\n'),
      cards: shown.slice(0, MAX_CARDS).map((p) => this.card(p, reasonsOf.get(p.id))),
    };
    return { messages: [reply], citations: shown.map((p) => this.citation(p)), partners: shown.map((p) => p.id), refusal: false };
  }

  citation(p: Partner): Citation {
    return partnerCitation(this.registryDocId, p);
  }

  /**
   * The mode the query names, except that a request for the owner's own processes, with no stopped
   * supplier named, in words about disasters or BCP (災害でうちが止まったときに代わりにめっき) is a
   * backup of the owner's own production: it must lie far away, where the disaster risks differ.
   */
  private resolveMode(query: PartnerQuery, owner: Owner): PartnerMode {
    const mode = query.mode ?? 'complement';
    if (mode === 'bcp_far' || mode === 'team' || query.supplierName || !owner.caps.length) return mode;
    const asked = (query.capabilities ?? []).flatMap((c) => this.lexicon.resolve(c));
    if (!asked.every((c) => owner.caps.includes(c))) return mode;
    return (query.words ?? []).some(isBcpPhrase) ? 'bcp_far' : mode;
  }

  // ── owner and distances ────────────────────────────────────────

  private prefecture(name?: string): Prefecture | undefined {
    if (!name) return undefined;
    const n = normalizeText(name);
    return this.prefectures.get(n) ?? this.prefectures.get(n.replace(/[都道府県]$/, ''));
  }

  private owner(query: PartnerQuery): Owner {
    const { profile } = query;
    const caps = unique((profile.capabilities ?? []).flatMap((c) => this.lexicon.resolve(c)));
    const asked: string[] = [];
    const free: string[] = [];
    const read = (term: string) => {
      const ids = this.lexicon.resolve(term);
      if (ids.length) asked.push(...ids);
      else if (foldTerm(term).length >= 2) free.push(foldTerm(term));
    };
    for (const term of [...(profile.needs ?? []), ...(query.capabilities ?? [])]) read(term);
    // a word that is a piece of a process already named restates it (設計 of 基板の設計, 焼入 of 焼入れ)
    const named = this.termsOf([...asked, ...caps]);
    for (const term of query.words ?? []) if (!named.some((t) => t.includes(foldTerm(term)))) read(term);
    const others = asked.filter((id) => !caps.includes(id));
    const needs = unique(others.length ? others : asked);
    const pref = this.prefecture(profile.prefecture);
    const nearByCode = new Float64Array(PREFECTURE_CODES + 1);
    for (const p of new Set(this.prefectures.values())) nearByCode[p.code] = proximity(pref, p);
    return {
      pref,
      nearByCode,
      city: profile.city,
      caps,
      needs,
      needSet: new Set(needs),
      words: withCertificationHints(unique(free)),
      nameKey: profile.companyName ? companyKey(profile.companyName) : undefined,
    };
  }

  /** The folded names and synonyms of these capabilities. */
  private termsOf(ids: string[]): string[] {
    return unique(ids).flatMap((id) => {
      const c = this.lexicon.get(id);
      return c ? [c.name, ...c.synonyms].map(foldTerm) : [];
    });
  }

  private isOwnCompany(owner: Owner, e: Entry): boolean {
    return owner.nameKey !== undefined && owner.nameKey === e.nameKey;
  }

  private nearness(owner: Owner, e: Entry): number {
    const near = e.pref ? owner.nearByCode[e.pref.code]! : 0;
    return near === 3 && owner.city !== undefined && e.partner.city === owner.city ? 3.5 : near;
  }

  private distanceReason(from: Prefecture | undefined, e: Entry, fromCity?: string, supplierSide = false): string | undefined {
    const p = e.pref;
    if (!from || !p) return undefined;
    switch (proximity(from, p)) {
      case 3:
        if (supplierSide) return m.supplierSamePrefecture(p.name);
        return fromCity && e.partner.city === fromCity ? m.sameCity(p.name, fromCity) : m.samePrefecture(p.name);
      case 2:
        return supplierSide ? m.supplierNeighbour(p.name) : m.neighbour(p.name);
      case 1:
        return supplierSide ? m.supplierSameRegion(p.region, p.name) : m.sameRegion(p.region, p.name);
      default:
        return undefined;
    }
  }

  /** Distance, BCP status and certifications: the reasons every mode adds after its own. */
  private commonReasons(e: Entry, distance: string | undefined, withBcp = true): string[] {
    return [distance, withBcp && e.partner.bcp_certified ? m.bcpCertified : undefined, e.partner.certifications.length ? m.certifications(e.partner.certifications) : undefined].filter(
      (r): r is string => Boolean(r),
    );
  }

  private providers(ids: Iterable<string>, owner: Owner): Set<Entry> {
    const out = new Set<Entry>();
    for (const id of ids) for (const e of this.byCapability.get(id) ?? []) if (!this.isOwnCompany(owner, e)) out.add(e);
    return out;
  }

  // ── complement / near ──────────────────────────────────────────

  /** Capabilities related to the owner's: downstream and upstream steps, then complements. */
  private relatedTo(caps: string[]): Map<string, Relation> {
    const related = new Map<string, Relation>();
    const add = (id: string, rel: Relation) => {
      if (!caps.includes(id) && !related.has(id) && this.lexicon.get(id)) related.set(id, rel);
    };
    for (const o of caps) {
      for (const n of this.lexicon.get(o)?.next ?? []) add(n, { kind: 'downstream', from: o });
      for (const p of this.lexicon.previousOf(o)) add(p, { kind: 'upstream', from: o });
    }
    for (const o of caps) for (const c of this.lexicon.complementsOf(o)) add(c, { kind: 'complement', from: o });
    return related;
  }

  /**
   * With an explicit request (a process, a certification, a word), the companies that meet more of it
   * come first and the nearer first among equals; otherwise the processes that pair with the owner's
   * own, nearby first ('near': strictly by distance).
   */
  private complement(query: PartnerQuery, owner: Owner, mode: 'complement' | 'near'): PartnerOutcome {
    const empty: PartnerOutcome = { mode, suggestions: [], wanted: owner.needs, uncovered: [] };
    if (!owner.caps.length && !owner.needs.length && !owner.words.length) return { ...empty, missing: 'capabilities' };
    const related = this.relatedTo(owner.caps);
    const candidates = this.providers([...owner.needs, ...related.keys()], owner);
    for (const o of owner.caps) for (const e of this.bySeeking.get(o) ?? []) if (!this.isOwnCompany(owner, e)) candidates.add(e);
    const words = this.wordHits(owner.words);
    for (const byEntry of words.values()) for (const e of byEntry.keys()) if (!this.isOwnCompany(owner, e)) candidates.add(e);

    const found: { entry: Entry; relevance: number; request: RequestMatch }[] = [];
    for (const e of candidates) {
      const relevance = this.fit(e, owner, related, words);
      if (relevance > 0) found.push({ entry: e, relevance, request: this.requestMatch(e, owner, words) });
    }
    // an explicit request some company meets orders the list; else the fit with the owner's own processes does
    const requested = found.some((f) => f.request.met + f.request.hinted > 0);
    const scored: Candidate[] = found.map(({ entry: e, relevance, request: r }) => {
      const near = this.nearness(owner, e);
      const bcp = e.partner.bcp_certified ? 0.5 : 0;
      if (requested) return { entry: e, score: r.met * 1000 + r.hinted * 400 + near * 100 + r.loose * 10 + relevance + bcp };
      return { entry: e, score: mode === 'near' ? near * 100 + relevance + bcp : relevance + near * 2 + bcp };
    });
    // the reasons say first how a company meets the request
    const meets = (t: Term) => (requested && (t.kind === 'need' || (t.kind === 'word' && (t.hintedBy !== undefined || this.isRequirement(t.word, t.label, owner, words)))) ? 1 : 0);
    const explain = (c: Candidate) => {
      const terms: Term[] = [];
      this.fit(c.entry, owner, related, words, terms);
      terms.sort((a, b) => meets(b) - meets(a) || b.weight - a.weight);
      return [...terms.slice(0, 3).map((t) => this.termReason(t)), ...this.commonReasons(c.entry, this.distanceReason(owner.pref, c.entry, owner.city))];
    };
    const wanted = unique([...owner.needs, ...related.keys()]);
    return {
      ...empty,
      wanted,
      requested: owner.needs.filter((c) => this.byCapability.has(c)),
      uncovered: owner.needs.filter((c) => !this.byCapability.has(c)),
      suggestions: best(scored, query.limit ?? DEFAULT_LIMIT, explain),
    };
  }

  /**
   * A word found in a company meets the request when it names a certification, or when the owner
   * neither asked for a process nor said what it does; a word most companies have (ISO) never does.
   */
  private isRequirement(key: string, column: string, owner: Owner, words: Map<string, Map<Entry, WordHit>>): boolean {
    if ((words.get(key)?.size ?? 0) > this.entries.length * GENERIC_SHARE) return false;
    return column === m.fieldCertifications || (!owner.needs.length && !owner.caps.length);
  }

  private requestMatch(e: Entry, owner: Owner, words: Map<string, Map<Entry, WordHit>>): RequestMatch {
    const r: RequestMatch = { met: 0, hinted: 0, loose: 0 };
    for (const need of owner.needs) if (e.caps.has(need)) r.met++;
    for (const w of owner.words) {
      const hit = words.get(w.key)?.get(e);
      if (!hit) continue;
      if (w.hintedBy) r.hinted++;
      else if (this.isRequirement(w.key, hit.label, owner, words)) r.met++;
      else r.loose++;
    }
    return r;
  }

  /**
   * How well a company fits the owner: the sum of its strongest terms (0: not at all). Scoring runs
   * over thousands of companies without allocating; `out` collects the terms for the few shown.
   */
  private fit(e: Entry, owner: Owner, related: Map<string, Relation>, words: Map<string, Map<Entry, WordHit>>, out?: Term[]): number {
    const top = this.strongest.fill(0);
    for (const need of owner.needs) {
      if (e.caps.has(need)) {
        keep(top, 3);
        out?.push({ weight: 3, kind: 'need', id: need });
      }
      const offer = e.offering.get(need);
      if (offer) {
        keep(top, 0.5);
        out?.push({ weight: 0.5, kind: 'offers', phrase: offer });
      }
    }
    for (const id of e.capList) {
      const rel = related.get(id);
      if (!rel || owner.needSet.has(id)) continue;
      const weight = (rel.kind === 'complement' ? 1 : 2) * (this.generic.has(id) ? 0.5 : 1);
      keep(top, weight);
      out?.push({ weight, kind: rel.kind, id, from: rel.from });
    }
    for (const o of owner.caps) {
      const phrase = e.seeking.get(o);
      if (!phrase) continue;
      keep(top, 3.5); // they asked for what the owner does
      out?.push({ weight: 3.5, kind: 'seeksYours', id: o, phrase });
    }
    for (const w of owner.words) {
      const hit = words.get(w.key)?.get(e);
      if (!hit) continue;
      keep(top, 2);
      out?.push({ weight: 2, kind: 'word', word: w.key, hintedBy: w.hintedBy, ...hit });
    }
    let sum = 0;
    for (const w of top) sum += w;
    return sum;
  }

  private termReason(t: Term): string {
    const name = (id = '') => this.lexicon.name(id);
    switch (t.kind) {
      case 'need':
        return m.need(name(t.id));
      case 'downstream':
        return m.downstream(name(t.from), name(t.id));
      case 'upstream':
        return m.upstream(name(t.from), name(t.id));
      case 'complement':
        return m.complement(name(t.from), name(t.id));
      case 'seeksYours':
        return m.seeksYours(t.phrase ?? '', name(t.id));
      case 'offers':
        return m.offers(t.phrase);
      case 'word':
        if (t.hintedBy) return m.certificationFor(t.hintedBy, t.cell);
        return t.label === m.fieldCertifications ? m.certified(t.cell) : m.word(t.word, t.label, t.cell);
    }
  }

  // ── bcp_far ────────────────────────────────────────────────────

  private bcpFar(query: PartnerQuery, owner: Owner): PartnerOutcome {
    const asked = unique((query.capabilities ?? []).flatMap((c) => this.lexicon.resolve(c)));
    const wanted = asked.length ? asked : owner.caps;
    const empty: PartnerOutcome = { mode: 'bcp_far', suggestions: [], wanted, uncovered: [] };
    if (!wanted.length) return { ...empty, missing: 'capabilities' };
    const home = owner.pref;
    if (!home) return { ...empty, missing: 'prefecture' };
    const similar = this.similarTo(wanted);
    const name = (id: string) => this.lexicon.name(id);
    const scored: Candidate[] = [];
    for (const e of this.providers([...wanted, ...similar.keys()], owner)) {
      const p = e.pref;
      if (!p || p.name === home.name || home.neighbours.includes(p.name) || p.hazard_zones.some((z) => home.hazard_zones.includes(z))) continue;
      const same = wanted.filter((c) => e.caps.has(c));
      let near = 0;
      for (const c of similar.keys()) if (e.caps.has(c)) near++;
      // doing the very process counts before any similar one, distance or certification
      const score =
        same.length * 10 +
        Math.min(near, 2) +
        (p.region !== home.region ? 0.5 : 0) +
        (e.partner.bcp_certified ? 2 : 0) +
        (e.bcpSeeking ? 1.5 : 0) +
        (e.bcpOffering ? 1.5 : 0);
      scored.push({ entry: e, score, covers: same });
    }
    const explain = ({ entry: e, covers = [] }: Candidate) =>
      [
        m.hazardDiffers(home.name, home.hazard_zones, e.pref!.name, e.pref!.hazard_zones),
        covers.length ? m.sameCapability(covers.map(name)) : undefined,
        ...[...similar]
          .filter(([c]) => e.caps.has(c))
          .slice(0, 2)
          .map(([c, from]) => m.similarCapability(name(from), name(c))),
        e.partner.bcp_certified ? m.bcpCertified : undefined,
        e.bcpSeeking ? m.seeks(e.bcpSeeking) : undefined,
        e.bcpOffering ? m.offers(e.bcpOffering) : undefined,
        ...this.commonReasons(e, undefined, false),
      ].filter((r): r is string => Boolean(r));
    return { ...empty, suggestions: best(scored, query.limit ?? DEFAULT_LIMIT, explain), uncovered: wanted.filter((c) => !this.byCapability.has(c)) };
  }

  /** Capabilities of the same category that complement a wanted one: 5軸加工 for マシニング加工. */
  private similarTo(wanted: string[]): Map<string, string> {
    const similar = new Map<string, string>();
    for (const o of wanted) {
      const own = this.lexicon.get(o);
      if (!own) continue;
      for (const c of this.lexicon.complementsOf(o)) {
        if (!wanted.includes(c) && !similar.has(c) && this.lexicon.get(c)?.category === own.category) similar.set(c, o);
      }
    }
    return similar;
  }

  // ── alternate ──────────────────────────────────────────────────

  private alternate(query: PartnerQuery, owner: Owner): PartnerOutcome {
    const asked = unique((query.capabilities ?? []).flatMap((c) => this.lexicon.resolve(c)));
    const empty: PartnerOutcome = { mode: 'alternate', suggestions: [], wanted: asked, uncovered: [], supplierName: query.supplierName };
    let supplier: Entry | undefined;
    if (query.supplierName) {
      const found = this.findSupplier(query.supplierName, owner);
      if (found.length > 1) return { ...empty, supplierCandidates: found.map((e) => e.partner) };
      supplier = found[0];
      if (!supplier && !asked.length) return { ...empty, missing: 'supplier' };
    }
    const lost = asked.length ? asked : [...(supplier?.caps ?? [])];
    if (!lost.length) return { ...empty, supplier: supplier?.partner, missing: 'capabilities' };
    const anchor = owner.pref ?? supplier?.pref;
    const name = (id: string) => this.lexicon.name(id);
    const scored: Candidate[] = [];
    const coveredAnywhere = new Set<string>();
    for (const e of this.providers(lost, owner)) {
      if (supplier && (e === supplier || e.nameKey === supplier.nameKey)) continue;
      const covers = lost.filter((c) => e.caps.has(c));
      for (const c of covers) coveredAnywhere.add(c);
      const offers = covers.some((c) => e.offering.has(c));
      const score = (covers.length / lost.length) * 10 + proximity(anchor, e.pref) * 1.5 + (e.partner.bcp_certified ? 0.5 : 0) + (offers ? 0.5 : 0);
      scored.push({ entry: e, score, covers });
    }
    const explain = ({ entry: e, covers = [] }: Candidate) => {
      const missing = lost.filter((c) => !e.caps.has(c)).map(name);
      const offer = covers.map((c) => e.offering.get(c)).find(Boolean);
      const distance = owner.pref ? this.distanceReason(owner.pref, e, owner.city) : this.distanceReason(supplier?.pref, e, undefined, true);
      return [
        missing.length ? m.coversSome(covers.map(name), lost.length, missing) : m.coversAll(covers.map(name)),
        ...(offer ? [m.offers(offer)] : []),
        ...this.commonReasons(e, distance),
      ];
    };
    return {
      ...empty,
      wanted: lost,
      supplier: supplier?.partner,
      suggestions: best(scored, query.limit ?? DEFAULT_LIMIT, explain),
      uncovered: lost.filter((c) => !coveredAnywhere.has(c)),
    };
  }

  /** Registry companies a typed name fits: the exact name first, else every partial match. */
  private findSupplier(name: string, owner: Owner): Entry[] {
    const key = companyKey(name);
    if (key.length < 2) return [];
    const exact = this.entries.filter((e) => e.nameKey === key);
    if (exact.length) return exact.slice(0, 1);
    const partial = this.entries.filter((e) => e.nameKey.includes(key) || (e.nameKey.length >= 2 && key.includes(e.nameKey)));
    return partial.sort((a, b) => this.nearness(owner, b) - this.nearness(owner, a) || compareIds(a.partner.id, b.partner.id)).slice(0, DEFAULT_LIMIT);
  }

  // ── team ───────────────────────────────────────────────────────

  /** From a first step, follow the first new `next` link until the chain has four steps. */
  private chainFrom(first: string): string[] {
    const chain = [first];
    while (chain.length < TEAM_CHAIN_LENGTH) {
      const next = this.lexicon.get(chain[chain.length - 1]!)?.next.find((n) => !chain.includes(n));
      if (!next) break;
      chain.push(next);
    }
    return chain;
  }

  /** Processes named beside an ordered chain but missing from it go where the taxonomy's `next` links put them. */
  private completeChain(steps: string[], named: string[]): string[] {
    const chain = [...steps];
    for (const c of named) {
      if (chain.includes(c)) continue;
      const before = chain.findIndex((s) => this.lexicon.get(c)?.next.includes(s));
      const after = chain.findLastIndex((s) => this.lexicon.get(s)?.next.includes(c));
      chain.splice(before >= 0 ? before : after >= 0 ? after + 1 : chain.length, 0, c);
    }
    return chain;
  }

  /**
   * Every step by the companies nearest the owner that do it; among equally near ones, fewest
   * companies (each covering as many steps as it can), then near each other.
   */
  private team(query: PartnerQuery, owner: Owner): PartnerOutcome {
    const resolve = (terms: string[] = []) => unique(terms.flatMap((s) => this.lexicon.resolve(s)));
    let steps = query.steps?.length ? this.completeChain(resolve(query.steps), resolve(query.capabilities)) : resolve(query.capabilities);
    if (steps.length === 1) steps = this.chainFrom(steps[0]!);
    const empty: PartnerOutcome = { mode: 'team', suggestions: [], wanted: steps, uncovered: [] };
    if (!steps.length) return { ...empty, missing: 'capabilities' };
    const open = steps.filter((s) => !owner.caps.includes(s));
    const providers = new Map(open.map((s) => [s, [...this.providers([s], owner)]]));
    const stepsOf = (e: Entry) => open.filter((s) => e.caps.has(s));

    // greedy cover: the nearest companies first (same prefecture, neighbours, region); among those,
    // the one covering most of the steps left, then the one nearest the team so far
    const core: Entry[] = [];
    const left = new Set(open.filter((s) => providers.get(s)!.length));
    const area = (e: Entry) => (e.pref ? owner.nearByCode[e.pref.code]! : 0);
    // within an area: the owner's own city, then near the team so far
    const closeness = (e: Entry) => this.nearness(owner, e) - area(e) + Math.max(0, ...core.map((c) => proximity(c.pref, e.pref))) / 4;
    while (left.size) {
      let best: { e: Entry; value: number } | undefined;
      for (const e of this.providers(left, owner)) {
        if (core.includes(e)) continue;
        const value = area(e) * 100 + stepsOf(e).filter((s) => left.has(s)).length * 10 + closeness(e) + (e.partner.bcp_certified ? 0.5 : 0);
        if (!best || value > best.value || (value === best.value && e.partner.id < best.e.partner.id)) best = { e, value };
      }
      if (!best) break;
      core.push(best.e);
      for (const s of stepsOf(best.e)) left.delete(s);
    }
    const firstStep = (e: Entry) => steps.findIndex((s) => open.includes(s) && e.caps.has(s));
    core.sort((a, b) => firstStep(a) - firstStep(b));

    const suggestionOf = (e: Entry, score: number): PartnerSuggestion => {
      const covers = stepsOf(e);
      const reasons = [m.teamCovers(covers.map((c) => this.lexicon.name(c))), ...this.commonReasons(e, this.distanceReason(owner.pref, e, owner.city))];
      return { partner: e.partner, score: round(score), reasons: reasons.slice(0, MAX_REASONS), covers };
    };
    const teamSteps: TeamStep[] = steps.map((s) => {
      if (!open.includes(s)) return { capability: s, byOwner: true, candidates: [] };
      const ranked = providers
        .get(s)!
        .map((e) => ({ e, value: area(e) * 100 + (core.includes(e) ? 50 : 0) + stepsOf(e).length * 3 + closeness(e) + (e.partner.bcp_certified ? 0.5 : 0) }))
        .sort((a, b) => b.value - a.value || compareIds(a.e.partner.id, b.e.partner.id));
      return { capability: s, byOwner: false, candidates: ranked.slice(0, PER_STEP).map(({ e, value }) => suggestionOf(e, value)) };
    });
    return {
      ...empty,
      steps: teamSteps,
      suggestions: core.map((e, i) => suggestionOf(e, core.length - i)),
      uncovered: open.filter((s) => !providers.get(s)!.length),
    };
  }

  // ── rendering ──────────────────────────────────────────────────

  /** Companies in the order they are shown: suggestions first, then other team candidates. */
  private shownPartners(outcome: PartnerOutcome): Partner[] {
    const all = [...outcome.suggestions, ...(outcome.steps ?? []).flatMap((s) => s.candidates)].map((s) => s.partner);
    return [...new Map(all.map((p) => [p.id, p])).values()];
  }

  private line(i: number, s: PartnerSuggestion): string {
    const p = s.partner;
    return `${i + 1}. ${p.name}（${p.prefecture}${p.city ?? ''}）\n　${s.reasons.slice(0, 2).join('／')}`;
  }

  /** The reply's lines, or undefined when there is nothing to suggest. */
  private summary(outcome: PartnerOutcome, profile: OwnerProfile): string[] | undefined {
    const names = (ids: string[]) => ids.map((id) => this.lexicon.name(id));
    const list = outcome.suggestions.map((s, i) => this.line(i, s));
    const locate = this.prefecture(profile.prefecture) ? [] : ['', m.askPrefecture];
    const n = outcome.suggestions.length;
    switch (outcome.mode) {
      case 'team': {
        if (!outcome.steps?.some((s) => s.byOwner || s.candidates.length)) return undefined;
        const steps = outcome.steps.map((s, i) =>
          m.teamStep(i + 1, this.lexicon.name(s.capability), s.byOwner ? m.teamByOwner : s.candidates.map((c) => `${c.partner.name}（${c.partner.prefecture}）`).join('、') || m.teamNobody),
        );
        // 「少ない社数で」 only when some company takes more than one step
        const merged = outcome.suggestions.length > 1 && outcome.suggestions.some((s) => (s.covers?.length ?? 0) > 1);
        const core = merged ? ['', m.teamCore(outcome.suggestions.map((s) => m.teamMember(s.partner.name, names(s.covers ?? []))))] : [];
        const uncovered = outcome.uncovered.length ? ['', m.uncovered(names(outcome.uncovered))] : [];
        return [m.headTeam, '', m.teamStepsHeader, ...steps, ...core, ...uncovered, ...locate];
      }
      case 'alternate': {
        if (!n) return undefined;
        const missing = outcome.uncovered.length ? ['', m.alternateUncovered(names(outcome.uncovered))] : [];
        return [m.headAlternate(outcome.supplier?.name, names(outcome.wanted), n), '', ...list, ...missing, ...locate];
      }
      case 'bcp_far':
        if (!n) return undefined;
        return [m.headBcpFar(this.prefecture(profile.prefecture)?.name ?? '', n), '', ...list, '', m.bcpHazardNote];
      case 'near':
      case 'complement': {
        if (!n) return undefined;
        const uncovered = outcome.uncovered.length ? ['', m.uncovered(names(outcome.uncovered))] : [];
        if (outcome.requested?.length) return [m.headRequest(names(outcome.requested), n), '', ...list, ...uncovered, ...locate];
        if (outcome.mode === 'near') return [m.headNear(n), '', ...list, ...uncovered, ...locate];
        const own = unique((profile.capabilities ?? []).flatMap((c) => this.lexicon.resolve(c)));
        const needs = unique([...(profile.needs ?? [])].flatMap((c) => this.lexicon.resolve(c)));
        return [m.headComplement(names(own), names(needs.length ? needs : outcome.wanted.slice(0, 3)), n), '', ...list, ...uncovered, ...locate];
      }
    }
  }

  /** An honest "nothing found", with what to ask instead. */
  private nothing(outcome: PartnerOutcome): SkillResult {
    let text: string;
    if (outcome.supplierCandidates?.length) text = m.supplierAmbiguous(outcome.supplierName ?? '', outcome.supplierCandidates.map((p) => `${p.name}（${p.prefecture}）`));
    else if (outcome.missing === 'supplier') text = m.supplierNotFound(outcome.supplierName ?? '');
    else if (outcome.missing === 'capabilities') text = m.needCapabilities;
    else if (outcome.missing === 'prefecture') text = m.needPrefecture;
    else text = [m.noMatch, m.noMatchHint].join('\n');
    return { messages: [{ text }], citations: [], partners: [], refusal: true };
  }

  private card(p: Partner, s?: PartnerSuggestion): NonNullable<Reply['cards']>[number] {
    const fields: [string, string][] = [
      [m.fieldCapabilities, p.capabilities.join('、') || m.notListed],
      [m.fieldCertifications, p.certifications.join('、') || m.notListed],
      [m.fieldBcp, p.bcp_certified ? m.bcpYes : m.notListed],
    ];
    if (s?.covers?.length) fields.push([m.fieldCovers, s.covers.map((c) => this.lexicon.name(c)).join('、')]);
    if (s?.reasons.length) fields.push([m.fieldReason, s.reasons.join('／')]);
    const contact = safeContact(p.contact);
    if (contact) fields.push([m.fieldContact, contact]);
    return { title: p.name, subtitle: `${p.prefecture}${p.city ?? ''}`, fields, actions: [{ id: `partner:contact:${p.id}`, label: m.contactAction }] };
  }
}
