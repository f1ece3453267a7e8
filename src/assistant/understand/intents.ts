// What the owner wants from one message, without an LLM: weighted cue words and patterns per
// intent (knowledge/taxonomy/intents.yaml) plus the entities named, summed and compared. Close
// scores are reported as ambiguous rather than guessed. Sub-fields say what kind of subsidy
// question, partner search or draft it is; control words and prompt-injection attempts are flagged.
import type { Control, DraftKind, Intent, PartnerMode, SubsidyAsk } from '../../domain/intents.ts';
import { readEntities, type Entities, type UnderstandContext } from './entities.ts';
import { compiledLexicon, type CompiledLexicon } from './lexicon.ts';
import { prepareText, type PreparedText } from './scan.ts';

export type IntentResult = {
  intent: Intent;
  confidence: number; // 0..1
  alternatives: Intent[]; // other plausible intents, best first
  ambiguous?: { options: Intent[] }; // two or more intents about equally likely: ask which one
  subsidyAsk?: SubsidyAsk;
  partnerMode?: PartnerMode;
  draftKind?: DraftKind;
  control?: Control;
  injection?: boolean;
};

export function classifyIntent(text: string, ctx: UnderstandContext): IntentResult {
  const lex = compiledLexicon(ctx.catalog, ctx.lexicon);
  const prepared = prepareText(text);
  const { entities, programSpans } = readEntities(prepared, lex, ctx.today);
  return classify(prepared, entities, programSpans, lex);
}

type Scored = { intent: Exclude<Intent, 'unknown'>; score: number };

export function classify(p: PreparedText, e: Entities, programSpans: [number, number][], lex: CompiledLexicon): IntentResult {
  const { ranked, topicFound } = score(maskSpans(p, programSpans), e, lex);
  const { min_score: min, ambiguity_ratio: ratio } = lex.source.intents;
  const [best, second] = ranked;
  const plausible = (r: Scored) => r.score >= min / 2;
  const result: IntentResult =
    best && best.score >= min
      ? { intent: best.intent, confidence: confidenceOf(best.score, second?.score ?? 0), alternatives: ranked.slice(1).filter(plausible).slice(0, 3).map((r) => r.intent) }
      : { intent: 'unknown', confidence: round2(0.9 - (0.4 * (best?.score ?? 0)) / min), alternatives: ranked.filter(plausible).slice(0, 3).map((r) => r.intent) };
  if (best && second && second.score >= min && second.score >= ratio * best.score) {
    result.ambiguous = { options: ranked.filter((r) => r.score >= min && r.score >= ratio * best.score).map((r) => r.intent) };
  }

  // sub-fields for every intent the caller may end up routing to (after asking which one was meant)
  const considered = new Set<Intent>([result.intent, ...(result.ambiguous?.options ?? []), ...result.alternatives]);
  if (considered.has('subsidy')) result.subsidyAsk = subsidyAskOf(p, e, lex);
  if (considered.has('partners')) result.partnerMode = partnerModeOf(p, e, lex);
  const draftKind = considered.has('draft') ? draftKindOf(p, e, lex) : undefined;
  if (draftKind) result.draftKind = draftKind;
  const control = topicFound ? undefined : controlOf(p, lex);
  if (control) result.control = control;
  if (isInjection(p, lex)) result.injection = true;
  return result;
}

/** Grows with the evidence (a score of 4 gives 0.63, 8 gives 0.86) and shrinks with a close runner-up. */
function confidenceOf(best: number, second: number): number {
  return round2((1 - Math.exp(-best / 4)) * (best / (best + Math.max(second, 0))));
}

const round2 = (x: number) => Math.round(Math.min(1, Math.max(0, x)) * 100) / 100;

/** Program names count once, through the programs entity, not through the cue words inside them. */
function maskSpans(p: PreparedText, spans: [number, number][]): PreparedText {
  if (!spans.length) return p;
  const mask = (s: string) => {
    let out = s;
    for (const [a, b] of spans) out = out.slice(0, a) + '〓'.repeat(b - a) + out.slice(b);
    return out;
  };
  return { compact: mask(p.compact), folded: mask(p.folded), display: mask(p.display) };
}

/**
 * Sums cue, pattern and entity weights per intent, best first. Yielding intents (greetings)
 * drop out when another intent reaches min_score; `topicFound` says whether one did.
 */
function score(p: PreparedText, e: Entities, lex: CompiledLexicon): { ranked: Scored[]; topicFound: boolean } {
  const scores = new Map<Exclude<Intent, 'unknown'>, number>();
  const add = (intent: Exclude<Intent, 'unknown'>, w: number) => scores.set(intent, (scores.get(intent) ?? 0) + w);
  for (const hit of lex.cues.scan(p)) for (const cue of hit.payloads) add(cue.intent, cue.weight);
  for (const pattern of lex.patterns) if (pattern.re.test(p.compact)) add(pattern.intent, pattern.weight);
  for (const rule of lex.source.intents.intents) {
    const w = rule.entities;
    if (w.programs && e.programs.length) add(rule.id, w.programs);
    if (w.capabilities && e.capabilities.length) add(rule.id, w.capabilities);
    if (w.steps && e.steps) add(rule.id, w.steps);
    if (w.supplier && e.supplierName) add(rule.id, w.supplier);
  }
  const min = lex.source.intents.min_score;
  const yielding = new Set(lex.source.intents.intents.filter((r) => r.yields).map((r) => r.id));
  const topicFound = [...scores].some(([intent, s]) => !yielding.has(intent) && s >= min);
  const ranked = [...scores]
    .filter(([intent, s]) => s > 0 && !(topicFound && yielding.has(intent)))
    .map(([intent, s]) => ({ intent, score: s }))
    .sort((a, b) => b.score - a.score);
  return { ranked, topicFound };
}

/**
 * With a program named: eligibility when its words outnumber the fact words, or when there are
 * no fact words and the owner speaks of their own company; else fact. Without: fact for where-to-turn
 * questions and for how-subsidies-work questions that do not also ask for programs, else match (find programs for us).
 */
function subsidyAskOf(p: PreparedText, e: Entities, lex: CompiledLexicon): SubsidyAsk {
  const count = { eligibility: 0, fact: 0, general_fact: 0, find: 0, support: 0 };
  for (const hit of lex.subsidyAsk.scan(p)) for (const kind of new Set(hit.payloads)) count[kind]++;
  if (!e.programs.length) return count.support > 0 || (count.general_fact > 0 && count.find === 0) ? 'fact' : 'match';
  if (count.eligibility > count.fact) return 'eligibility';
  const aboutUs = lex.cuesOf.self_words.some((w) => p.folded.includes(w)) || e.employees !== undefined || e.capitalJpy !== undefined;
  return count.fact === 0 && aboutUs ? 'eligibility' : 'fact';
}

/** The first partner-mode rule that matches; a stopped supplier means alternate, a process chain team. */
function partnerModeOf(p: PreparedText, e: Entities, lex: CompiledLexicon): PartnerMode {
  if (e.supplierName) return 'alternate';
  for (const rule of lex.partnerModes) {
    if (rule.terms.some((t) => p.folded.includes(t)) || rule.patterns.some((re) => re.test(p.compact))) return rule.value;
    if (rule.value === 'team' && e.steps) return 'team';
  }
  return 'complement';
}

function draftKindOf(p: PreparedText, e: Entities, lex: CompiledLexicon): DraftKind | undefined {
  for (const rule of lex.draftKinds) {
    if (rule.programs.some((id) => e.programs.includes(id))) return rule.value;
    if (rule.terms.some((t) => p.folded.includes(t)) || rule.patterns.some((re) => re.test(p.compact))) return rule.value;
  }
  return undefined;
}

/** A control word alone, or with a few words before or after it: 「最初から」「もうやめる」「うん、それでええよ」. */
function controlOf(p: PreparedText, lex: CompiledLexicon): Control | undefined {
  const bare = p.folded.replace(/[、。,.!?…〜]/gu, '');
  const maxRest = lex.source.intents.controls.max_rest;
  const byLength = [...lex.controls].sort((a, b) => b.term.length - a.term.length);
  const fits = (c: { term: string }) => bare.length - c.term.length <= maxRest;
  return (byLength.find((c) => bare.startsWith(c.term) && fits(c)) ?? byLength.find((c) => bare.endsWith(c.term) && fits(c)))?.control;
}

function isInjection(p: PreparedText, lex: CompiledLexicon): boolean {
  return lex.injection.terms.some((t) => p.folded.includes(t)) || lex.injection.patterns.some((re) => re.test(p.compact));
}
