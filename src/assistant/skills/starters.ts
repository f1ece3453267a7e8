// Starter projects: small joint projects (knowledge/starters/*.md) ranked for an owner by the
// weak areas of their diagnosis, their processes and the companies suggested to them, and a
// one-page plan for the chosen one: goal, first three steps, partners, related programs,
// risks, effort and duration, all from the starter document.
import type { Citation, OwnerProfile, Reply } from '../../domain/conversation.ts';
import type { Partner } from '../../domain/partner.ts';
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
  words?: string[];
  limit?: number;
};

export type StarterPick = { starter: StarterDoc; score: number; reasons: string[] };

export const DEFAULT_STARTERS = 3;
const MAX_PLAN_PARTNERS = 3;
const MAX_RELATED = 3;
/** LINE quick replies cut labels at 20 characters. */
const CHOICE_LABEL_MAX = 20;

const intersect = (a: string[], b: Set<string>) => a.filter((x) => b.has(x));

export class StarterPicker {
  private readonly lexicon: CapabilityLexicon;
  /** Folded title, aliases, tags, summary and goal of each starter, for the owner's words. */
  private readonly haystacks: Map<string, string>;

  constructor(private readonly catalog: Pick<Catalog, 'starters' | 'docs' | 'taxonomy' | 'registryDocId'>) {
    this.lexicon = new CapabilityLexicon(catalog.taxonomy.capabilities);
    this.haystacks = new Map(
      catalog.starters.map((s) => [s.id, foldTerm([s.title, ...s.meta.aliases, ...s.meta.tags, s.meta.summary ?? '', s.meta.goal].join('|'))]),
    );
  }

  byId(id: string): StarterDoc | undefined {
    return this.catalog.starters.find((s) => s.id === id);
  }

  pick(query: StarterQuery): StarterPick[] {
    const weak = query.weakAreas ?? [];
    const own = new Set((query.profile.capabilities ?? []).flatMap((c) => this.lexicon.resolve(c)));
    const theirs = new Set((query.partners ?? []).flatMap((p) => p.capabilities.flatMap((c) => this.lexicon.resolve(c))));
    const words = (query.words ?? []).map((w) => ({ word: w, key: foldTerm(w) })).filter((w) => w.key.length >= 2);
    const asked = weak.length > 0 || words.length > 0 || own.size > 0;

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
      for (const { word, key } of words) {
        if (!this.haystacks.get(starter.id)!.includes(key)) continue;
        score += 2;
        matched = true;
        reasons.push(m.mentions(word));
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
      if (meta.effort === 'small') score += 1;
      reasons.push(m.effortWithDuration(m.effort[meta.effort] ?? meta.effort, meta.duration));
      picks.push({ starter, score, reasons });
    }
    picks.sort((a, b) => b.score - a.score || (a.starter.id < b.starter.id ? -1 : 1));
    return picks.slice(0, query.limit ?? DEFAULT_STARTERS);
  }

  /** The ranked starters as one reply, each with a button for its plan. */
  toResult(picks: StarterPick[]): SkillResult {
    if (!picks.length) return { messages: [{ text: m.none }], citations: [], refusal: true };
    const lines = picks.map((p, i) => `${m.pickLine(i + 1, p.starter.title, p.starter.meta.duration)}\n　${p.reasons.slice(0, 2).join('／')}`);
    const reply: Reply = {
      text: [m.pickHead(picks.length), '', ...lines, '', m.pickFoot].join('\n'),
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
