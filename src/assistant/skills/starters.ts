// Starter projects: small joint projects (knowledge/starters/*.md) ranked for an owner by what
// they say they need (their words against each starter's title, aliases, tags, goal, suits and
// text), the weak areas of their diagnosis, their processes and the companies suggested to them;
// and a one-page plan for the chosen one: goal, first three steps, partners, related programs,
// risks, effort and duration, all from the starter document.
import type { Citation, OwnerProfile, Reply } from '../../domain/conversation.ts';
import type { Partner } from '../../domain/partner.ts';
import { charBigrams, foldKana, normalizeText } from '../../knowledge/normalize.ts';
import type { Catalog, StarterDoc } from '../catalog.ts';
import type { SkillResult } from '../ports.ts';
import { CapabilityLexicon, FALLBACK_REGISTRY_DOC_ID, foldTerm, partnerCitation, type PartnerSuggestion } from './partners.ts';
import { areaLabels, starterMessages as m } from './starters.ja.ts';

export type StarterQuery = {
  profile: OwnerProfile;
  /** Diagnosis area ids, weakest first: bcp, sdgs, digital, labour, market, collaboration, strengths, quality, cost. */
  weakAreas?: string[];
  /** Companies already suggested to the owner: starters that use their processes rank up. */
  partners?: Partner[];
  /** The owner's content words (from the understanding layer: common words already left out). */
  words?: string[];
  /**
   * The owner's message: the kanji stems of its verbs and adjectives (採れん, 貸したり, 遊んどる),
   * which content words leave out, are matched too.
   */
  text?: string;
  limit?: number;
};

export type StarterPick = { starter: StarterDoc; score: number; reasons: string[] };

export const DEFAULT_STARTERS = 3;
const MAX_PLAN_PARTNERS = 3;
const MAX_RELATED = 3;
/** LINE quick replies cut labels at 20 characters. */
const CHOICE_LABEL_MAX = 20;

/** Points the best match on the owner's words gets; the others get their share of them. */
const TEXT_POINTS = 6;
/** Below this the owner's words match no starter (a single rare stem such as 採 scores about 3.5). */
const MIN_TEXT_SCORE = 2;
/** Starters matching less than this share of the best match are left out. */
const MIN_TEXT_SHARE = 0.3;

const intersect = (a: string[], b: Set<string>) => a.filter((x) => b.has(x));

export class StarterPicker {
  private readonly lexicon: CapabilityLexicon;
  private readonly text: StarterTextIndex;

  constructor(private readonly catalog: Pick<Catalog, 'starters' | 'docs' | 'taxonomy' | 'registryDocId'>) {
    this.lexicon = new CapabilityLexicon(catalog.taxonomy.capabilities);
    this.text = new StarterTextIndex(catalog.starters);
  }

  byId(id: string): StarterDoc | undefined {
    return this.catalog.starters.find((s) => s.id === id);
  }

  pick(query: StarterQuery): StarterPick[] {
    const weak = query.weakAreas ?? [];
    const own = new Set((query.profile.capabilities ?? []).flatMap((c) => this.lexicon.resolve(c)));
    const theirs = new Set((query.partners ?? []).flatMap((p) => p.capabilities.flatMap((c) => this.lexicon.resolve(c))));
    const said = this.text.match(query.words ?? [], query.text);
    const best = Math.max(0, ...[...said.values()].map((x) => x.score));
    // stems alone say something only when they clearly point somewhere (近く, 小さく point nowhere)
    const saidSomething = (query.words ?? []).length > 0 || best >= MIN_TEXT_SCORE;
    const asked = weak.length > 0 || saidSomething || own.size > 0;

    const picks: StarterPick[] = [];
    for (const starter of this.catalog.starters) {
      const meta = starter.meta;
      let score = 0;
      let matched = false;
      const reasons: string[] = [];
      weak.forEach((area, i) => {
        if (!meta.areas.includes(area as (typeof meta.areas)[number])) return;
        score += (i === 0 ? 3 : 2) + (meta.areas[0] === area ? 1 : 0);
        matched = true;
        reasons.push(m.addresses(areaLabels[area] ?? area));
      });
      const match = said.get(starter.id);
      if (match && best >= MIN_TEXT_SCORE && match.score >= MIN_TEXT_SHARE * best) {
        score += (TEXT_POINTS * match.score) / best;
        matched = true;
        reasons.push(...match.terms.slice(0, 2).map((t) => m.mentions(t)));
      }
      const ownCaps = intersect(meta.capabilities, own);
      if (ownCaps.length) {
        score += 1.5;
        matched = true;
        reasons.push(m.relatesToYours(ownCaps.map((c) => this.lexicon.name(c))));
      }
      const partnerCaps = intersect(meta.capabilities, theirs).filter((c) => !own.has(c));
      if (partnerCaps.length) {
        score += 0.5;
        reasons.push(m.relatesToPartners(partnerCaps.map((c) => this.lexicon.name(c))));
      }
      if (asked && !matched) continue;
      // small projects first when nothing the owner said tells the starters apart
      if (meta.effort === 'small' && !saidSomething) score += 1;
      reasons.push(m.effortWithDuration(m.effort[meta.effort] ?? meta.effort, meta.duration));
      picks.push({ starter, score, reasons });
    }
    const small = (p: StarterPick) => (p.starter.meta.effort === 'small' ? 0 : 1);
    picks.sort((a, b) => b.score - a.score || small(a) - small(b) || (a.starter.id < b.starter.id ? -1 : 1));
    return picks.slice(0, query.limit ?? DEFAULT_STARTERS);
  }

  /** Starters by id, in the order given (the nearest by full-text search), each with its size. */
  byIds(ids: string[], limit = DEFAULT_STARTERS): StarterPick[] {
    return ids
      .map((id) => this.catalog.starters.find((s) => s.id === id))
      .filter((s): s is StarterDoc => Boolean(s))
      .slice(0, limit)
      .map((starter) => ({ starter, score: 0, reasons: [m.effortWithDuration(m.effort[starter.meta.effort] ?? starter.meta.effort, starter.meta.duration)] }));
  }

  /** The ranked starters as one reply, each with a button for its plan; `nearest`: found by search, not by the owner's words. */
  toResult(picks: StarterPick[], opts: { nearest?: boolean } = {}): SkillResult {
    if (!picks.length) return { messages: [{ text: m.none }], citations: [], refusal: true };
    const lines = picks.map((p, i) => `${m.pickLine(i + 1, p.starter.title, p.starter.meta.duration)}\n　${p.reasons.slice(0, 2).join('／')}`);
    const [head, foot] = opts.nearest ? [m.nearestHead(picks.length), m.nearestFoot] : [m.pickHead(picks.length), m.pickFoot];
    const reply: Reply = {
      text: [head, '', ...lines, '', foot, ...(opts.nearest ? [m.pickFoot] : [])].join('\n'),
      choices: picks.map((p) => ({ id: `starter:plan:${p.starter.id}`, label: shorten(p.starter.title, CHOICE_LABEL_MAX) })),
    };
    return { messages: [reply], citations: picks.map((p) => this.starterCitation(p.starter)), refusal: false };
  }

  /** A one-page plan; partners are named with why they fit, else the kinds of partner needed. */
  plan(starter: StarterDoc, partners: Array<Partner | PartnerSuggestion> = []): Reply {
    const meta = starter.meta;
    const shown = partners.slice(0, MAX_PLAN_PARTNERS);
    const partnerLines = shown.length
      ? [m.partners, ...shown.map((x) => this.partnerLine(starter, x)), m.partnerContact, '', m.partnersNeeded, ...meta.partners_needed.map((p) => `・${p}`)]
      : [m.partnersNeeded, ...meta.partners_needed.map((p) => `・${p}`)];
    const related = this.relatedDocs(starter);
    const text = [
      m.planHead(starter.title),
      '',
      m.goal,
      meta.goal,
      '',
      m.steps,
      ...meta.first_steps.map((s, i) => `${i + 1}. ${s}`),
      '',
      ...partnerLines,
      ...(related.length ? ['', m.related, ...related.map((d) => `・${d.title}`)] : []),
      '',
      m.risks,
      ...meta.risks.map((r) => `・${r}`),
      '',
      m.effortHead,
      m.effortLine(m.effortLabel[meta.effort] ?? meta.effort, meta.duration),
    ];
    return { text: text.join('\n') };
  }

  /** The plan as a skill result: the starter, its related programs and the partners are cited. */
  planResult(starter: StarterDoc, partners: Array<Partner | PartnerSuggestion> = []): SkillResult {
    const shown = partners.slice(0, MAX_PLAN_PARTNERS).map(partnerOf);
    const related = this.relatedDocs(starter);
    return {
      messages: [this.plan(starter, partners)],
      citations: [
        this.starterCitation(starter),
        ...related.map((d): Citation => ({ docId: d.id, title: d.title, ...(d.url ? { url: d.url } : {}), quote: d.quote })),
        ...shown.map((p) => partnerCitation(this.catalog.registryDocId ?? FALLBACK_REGISTRY_DOC_ID, p)),
      ],
      partners: shown.map((p) => p.id),
      subsidies: related.filter((d) => d.program).map((d) => d.id),
      refusal: false,
    };
  }

  private starterCitation(s: StarterDoc): Citation {
    return { docId: s.id, title: s.title, ...(s.sourceUrl ? { url: s.sourceUrl } : {}), quote: s.meta.goal };
  }

  /**
   * Related documents the catalog holds (ids it does not know are left out, never guessed).
   * `program`: a subsidy, or a guide to one program (its front matter names the program).
   */
  private relatedDocs(starter: StarterDoc): { id: string; title: string; url?: string; quote: string; program: boolean }[] {
    return starter.meta.related
      .map((id) => this.catalog.docs.get(id))
      .filter((d) => d !== undefined)
      .slice(0, MAX_RELATED)
      .map((d) => {
        const summary = typeof d.meta.summary === 'string' ? d.meta.summary : undefined;
        const program = d.kind === 'subsidy' || (d.kind === 'guide' && typeof d.meta.program === 'string');
        return { id: d.id, title: d.title, url: d.sourceUrl, quote: summary ?? d.title, program };
      });
  }

  private partnerLine(starter: StarterDoc, x: Partner | PartnerSuggestion): string {
    const p = partnerOf(x);
    const place = `${p.prefecture}${p.city ?? ''}`;
    const caps = p.capabilities.flatMap((c) => this.lexicon.resolve(c));
    const shared = starter.meta.capabilities.filter((c) => caps.includes(c));
    const named = shared.length ? shared.map((c) => this.lexicon.name(c)) : p.capabilities.slice(0, 3);
    const line = named.length ? m.partnerLine(p.name, place, m.partnerCapabilities(named)) : m.partnerLineBare(p.name, place);
    return 'reasons' in x && x.reasons[0] ? `${line}\n　${x.reasons[0]}` : line;
  }
}

function partnerOf(x: Partner | PartnerSuggestion): Partner {
  return 'partner' in x ? x.partner : x;
}

function shorten(s: string, max: number): string {
  return Array.from(s).length <= max ? s : `${Array.from(s).slice(0, max - 1).join('')}…`;
}

/** Runs of kanji, of katakana and of Latin letters or digits: the units whose bigrams are compared. */
const WORD_RUNS = /[\p{Script=Han}々〆ヵヶ]+|[\p{Script=Katakana}ー]+|[a-z0-9]+/gu;
const HAN = /\p{Script=Han}/u;
/** A kanji followed by kana other than a particle: the stem of a verb or adjective (採れ, 貸し, 高く). */
const STEM = /(\p{Script=Han})(?=[\u3041-\u3096])(?![がのをにはとでもやへか])/gu;
/** A stem is one character: it counts half as much as a word. */
const STEM_FACTOR = 0.5;
/** A word counts when at least this share of its bigrams is in the starter (a stray ーター in 宇宙エレベーター does not). */
const MIN_WORD_COVER = 0.5;

/** How strongly each part of a starter speaks for it: its names most, its running text least. */
const FIELD_WEIGHTS = { names: 3, tags: 2, suits: 2, summary: 1.5, body: 1 } as const;

/** Character bigrams of each run plus its single kanji, in the folded form every document is compared in. */
function gramsOf(text: string): Set<string> {
  const grams = new Set<string>();
  for (const [run] of normalizeText(text).matchAll(WORD_RUNS)) {
    const folded = foldKana(run);
    for (const g of charBigrams(folded)) grams.add(g);
    for (const c of folded) if (HAN.test(c)) grams.add(c);
  }
  return grams;
}

type TextMatch = { score: number; terms: string[] };

/**
 * The owner's words against each starter by character bigrams (見直せ meets 見直し), each gram
 * weighted by how few starters have it and by the strongest field it is in. Words that only say
 * who to work with (近所, 同業) are left out upstream, as stop words of the understanding layer.
 */
const FEW_STARTERS = 5;

class StarterTextIndex {
  private readonly weights = new Map<string, Map<string, number>>();
  private readonly idf = new Map<string, number>();
  /** Each starter's tags, aliases and title (with their folded form), to name what an owner's word matched (sdgs → SDGs). */
  private readonly labels = new Map<string, { label: string; key: string }[]>();

  constructor(starters: StarterDoc[]) {
    const df = new Map<string, number>();
    for (const s of starters) {
      const fields: [number, string][] = [
        [FIELD_WEIGHTS.names, [s.title, ...s.meta.aliases].join('|')],
        [FIELD_WEIGHTS.tags, s.meta.tags.join('|')],
        [FIELD_WEIGHTS.suits, s.meta.suits.join('|')],
        [FIELD_WEIGHTS.summary, [s.meta.summary ?? '', s.meta.goal].join('|')],
        [FIELD_WEIGHTS.body, s.body],
      ];
      const weight = new Map<string, number>();
      for (const [w, text] of fields) for (const g of gramsOf(text)) weight.set(g, Math.max(weight.get(g) ?? 0, w));
      for (const g of weight.keys()) df.set(g, (df.get(g) ?? 0) + 1);
      this.weights.set(s.id, weight);
      this.labels.set(s.id, [...s.meta.tags, ...s.meta.aliases, s.title].map((label) => ({ label, key: foldTerm(label) })));
    }
    // with only a few starters (a deployer's own knowledge base), rarity says nothing: every word counts alike
    const few = starters.length < FEW_STARTERS;
    for (const [g, n] of df) this.idf.set(g, few ? 1 : Math.log(starters.length / n));
  }

  /**
   * Starters the words (and the message's stems) point to, with the score and the starter's own
   * labels the owner's words were found in, strongest first (shown rather than the owner's words,
   * which may be cut short or lower-cased: 後回, sdgs).
   */
  match(words: string[], text?: string): Map<string, TextMatch> {
    const units = [
      ...words.map((w) => ({ key: foldTerm(w), stem: false })),
      ...stemsOf(text ?? '').map((key) => ({ key, stem: true })),
    ]
      .map((u) => ({ ...u, grams: u.key.length === 1 ? [u.key] : charBigrams(u.key) }))
      .filter((u) => u.grams.length > 0);
    const out = new Map<string, TextMatch>();
    for (const [id, weight] of this.weights) {
      const found: { key: string; stem: boolean; value: number }[] = [];
      for (const u of units) {
        const hits = u.grams.filter((g) => weight.has(g));
        if (hits.length / u.grams.length < MIN_WORD_COVER) continue;
        const value = (u.stem ? STEM_FACTOR : 1) * hits.reduce((sum, g) => sum + this.idf.get(g)! * weight.get(g)!, 0);
        if (value > 0) found.push({ key: u.key, stem: u.stem, value });
      }
      if (!found.length) continue;
      found.sort((a, b) => b.value - a.value);
      // only words name a label: a one-kanji stem would too often name the wrong one (削る → 電気代の削減)
      const labels = this.labels.get(id)!;
      const terms = found.filter((f) => !f.stem).map((f) => labels.find((l) => l.key.includes(f.key))?.label).filter((l) => l !== undefined);
      out.set(id, { score: found.reduce((sum, f) => sum + f.value, 0), terms: [...new Set(terms)] });
    }
    return out;
  }
}

function stemsOf(text: string): string[] {
  return [...new Set([...normalizeText(text).matchAll(STEM)].map((x) => foldKana(x[1]!)))];
}
