// Matches the owner's company against the subsidy programs of the knowledge base: who may
// apply (SME / 小規模事業者 by industry, employee limits, applicant type, program status),
// the cap for the company's size, the rate, the next open or upcoming round as of the clock,
// business days left, and the prerequisites planned back from the deadline. Renders the
// result as a cited SkillResult; every figure it prints comes from the cited front matter,
// and computed ones (business days, start-by dates) are labelled as such.
import {
  businessDaysUntil,
  datePart,
  isBeforeDeadline,
  jstDate,
  jstInstant,
  latestBusinessDayOnOrBefore,
  subtractCalendarDays,
} from '../../domain/calendar.ts';
import type { Citation, OwnerProfile, Reply } from '../../domain/conversation.ts';
import { formatJaDate, formatYen } from '../../domain/format.ts';
import type { AmountCap, Prerequisite, Round } from '../../domain/knowledge.ts';
import { classifySme, INDUSTRY_GROUPS, SME_DEFINITION_DOC, type IndustryGroup, type ProfileFact, type SmeClassification } from '../../domain/sme.ts';
import type { Catalog, SubsidyDoc } from '../catalog.ts';
import { messages } from '../messages.ja.ts';
import type { Clock, SkillResult } from '../ports.ts';
import { factLabels, subsidyMessages as m } from './subsidies.ja.ts';

type SubsidyRate = SubsidyDoc['meta']['rate'][number];

export type Verdict = 'eligible' | 'not_eligible' | 'unknown';
export type ReasonField = 'employees' | 'capital' | 'industry' | 'small_business' | 'applicant' | 'status' | 'revenue';
/** One reason for or against, tied to the field that produced it and the document it rests on. */
export type Reason = { field: ReasonField; text: string; source: string };

export type Availability =
  | { kind: 'open'; round: Round; closes: string; businessDaysLeft: number }
  | { kind: 'upcoming'; round: Round; opens: string; closes?: string }
  | { kind: 'rolling' }
  | { kind: 'none'; lastClosed?: Round & { closes: string } }
  | { kind: 'replaced'; successor?: { docId: string; title: string } }
  | { kind: 'closed' };

export type PlannedPrerequisite = Prerequisite & {
  /** Deadline minus lead days, moved to the latest business day on or before it. */
  startBy?: string;
  timing: 'in_time' | 'late' | 'done' | 'no_deadline' | 'no_lead_days';
};

export type ProgramMatch = {
  docId: string;
  title: string;
  /** The title without its parenthesised long form: ものづくり補助金. */
  name: string;
  doc: SubsidyDoc;
  verdict: Verdict;
  reasonsFor: Reason[];
  reasonsAgainst: Reason[];
  /** What could not be decided, and why. */
  undetermined: Reason[];
  /** Profile facts that would settle the undetermined reasons. */
  missing: ProfileFact[];
  /** The program's own eligibility rules in plain Japanese, to check in the 公募要領. */
  conditions: string[];
  /** Caps for the company's employee band, per track; every cap when employees are unknown. */
  caps: AmountCap[];
  /** Rates, the ones for the company's size first (those for 小規模事業者 dropped when it is not one). */
  rates: SubsidyRate[];
  availability: Availability;
  /** The closing time of the round the prerequisites are planned against. */
  deadline?: string;
  prerequisites: PlannedPrerequisite[];
  /** How many of the owner's purpose words the program's tags, aliases and expenses match. */
  purposeScore: number;
};

export type MatchOptions = {
  /** Doc ids to restrict to. */
  programs?: string[];
  /** Free words (設備投資, 販路開拓, 省力化, IT …) matched against title, tags, aliases and expenses. */
  purpose?: string[];
};

/** How many programs the summary text describes, and how many get a card. */
const SUMMARY_SIZE = 3;
const MAX_CARDS = 6;
const MAX_EXCLUDED_LINES = 2;
const JIGYOKEI = 'subsidies/jigyokei';
/** Conditions decided by the number of 常時使用する従業員. */
const HEADCOUNT_FIELDS: ReadonlySet<ReasonField> = new Set(['employees', 'small_business']);
const PROFILE_FIELDS: ReadonlySet<ReasonField> = new Set(['employees', 'capital', 'industry', 'small_business', 'revenue']);

export class SubsidyMatcher {
  constructor(
    private readonly catalog: Catalog,
    private readonly clock: Clock,
  ) {}

  match(profile: OwnerProfile, opts: MatchOptions = {}): ProgramMatch[] {
    const now = this.clock();
    const docs = this.catalog.subsidies.filter((d) => !opts.programs || opts.programs.includes(d.id));
    const sme = classifySme(profile);
    const terms = purposeTerms(opts.purpose ?? [], docs);
    return docs.map((doc) => this.evaluate(doc, profile, sme, now, terms)).sort(compareMatches);
  }

  /** The owner's words that tell the programs apart (what the ranking can use). */
  purposeTermsOf(words: string[]): string[] {
    return purposeTerms(words, this.catalog.subsidies);
  }

  toResult(matches: ProgramMatch[], profile: OwnerProfile): SkillResult {
    const recommended = matches.filter((x) => x.verdict !== 'not_eligible');
    const top = recommended.slice(0, SUMMARY_SIZE);
    const carded = recommended.slice(0, MAX_CARDS);
    const excluded = matches.filter((x) => x.verdict === 'not_eligible');
    const excludedShown = excluded.filter(isExcludedByProfile).slice(0, MAX_EXCLUDED_LINES);

    const blocks: string[] = [];
    if (!top.length) blocks.push(m.none);
    else blocks.push(top.every((x) => x.verdict === 'unknown') ? m.headUnknown : m.head);
    for (const x of top) blocks.push(summaryBlock(x));
    if (excludedShown.length) {
      blocks.push([m.excludedHead, ...excludedShown.map((x) => m.excluded(x.name, firstProfileReason(x)!.text))].join('\n'));
    }
    const missing = missingFacts(top.length ? top : matches, profile);
    if (missing.length) blocks.push(m.sharpen(missing.map((f) => factLabels[f])));
    if (!top.length && excluded.length) blocks.push(m.whyNotHint);
    blocks.push(messages.figuresChange);

    const choices = [
      ...top.map((x) => ({ id: choiceId('detail', x.docId), label: m.detailChoice(x.name) })),
      ...excludedShown.map((x) => ({ id: choiceId('detail', x.docId), label: m.whyNotChoice(x.name) })),
    ];
    const reply: Reply = { text: blocks.join('\n\n'), cards: carded.map(card), choices };
    const used = [...carded, ...excludedShown];
    return {
      messages: [reply],
      citations: this.citations(used, profile),
      subsidies: carded.map((x) => x.docId),
    };
  }

  /**
   * A named program's own figures for a fact question, ahead of the quoted passages: its schedule
   * as of today (with what to prepare), its cap for the company's size, its rates.
   */
  keyFacts(docId: string, profile: OwnerProfile, aspects: { schedule?: boolean; cap?: boolean; rate?: boolean }): SkillResult | undefined {
    const x = this.match(profile, { programs: [docId] })[0];
    if (!x) return undefined;
    const lines: string[] = [];
    // a program that no longer takes applications says so whatever was asked
    const ended = x.availability.kind === 'replaced' || x.availability.kind === 'closed';
    if (aspects.schedule || ended) {
      lines.push(m.scheduleLine(scheduleText(x)));
      const a = x.availability;
      if (a.kind === 'replaced') {
        const last = lastClosedRound(x.doc);
        if (last) lines.push(m.lastRoundLine(m.lastRound(last.name, formatJaDate(last.closes))));
        if (a.successor) lines.push(m.goToSuccessor(shortName(a.successor.title)));
      }
      if (a.kind === 'open' || a.kind === 'upcoming') {
        for (const p of x.prerequisites.map(prerequisiteLine).filter((l): l is string => Boolean(l))) lines.push(m.firstLine(p));
      }
    }
    const cap = aspects.cap && capText(x, 2);
    if (cap) lines.push(m.capLine(cap));
    const rate = aspects.rate && rateText(x, 3);
    if (rate) lines.push(m.rateLine(rate));
    if (!lines.length) return undefined;
    return { messages: [{ text: [`【${x.name}】`, ...lines].join('\n') }], citations: this.citations([x], profile), subsidies: [x.docId] };
  }

  /** "うちは中小企業に入る？": the SME (and 小規模事業者) verdict with the rule that decided it, from sme-definition.md. */
  explainSme(profile: OwnerProfile, question = ''): SkillResult {
    const sme = classifySme(profile);
    const group = sme.group;
    const definition = this.catalog.docs.get(SME_DEFINITION_DOC);
    const lines: string[] = [];
    if (!group) lines.push(m.smeOpen(sme.missing.map((f) => factLabels[f])));
    else {
      lines.push(m.smeRule(group.label, formatYen(group.capitalMaxJpy), group.employeesMax));
      const facts = sme.smeBasis.map((f) => (f === 'employees' ? m.employeesFact(profile.employees!) : m.capitalFact(formatYen(profile.capitalJpy!)))).join('・');
      if (sme.sme === 'yes') lines.push(m.smeYes(facts));
      else if (sme.sme === 'no') lines.push(m.smeNo(facts));
      else lines.push(m.smeOpen(sme.missing.map((f) => factLabels[f])));
      if (group.smallEmployeesMax !== undefined && sme.small !== 'unknown') lines.push(sme.small === 'yes' ? m.smallYes(group.smallEmployeesMax) : m.smallNo(group.smallEmployeesMax));
      const rubber = INDUSTRY_GROUPS.find((g) => g.id === 'rubber')!;
      if (group.id !== 'rubber' && /ゴム|タイヤ|チューブ|ベルト/.test(`${profile.industry ?? ''} ${question}`)) lines.push(m.rubberException(rubber.label.replace(/（.*$/, ''), rubber.employeesMax));
    }
    lines.push(m.notCounted);
    if (!definition) return { messages: [{ text: lines.join('\n') }], citations: [] };
    const citation: Citation = {
      docId: SME_DEFINITION_DOC,
      title: definition.title,
      url: definition.sourceUrl,
      quote: group ? definitionQuote(group) : definition.title,
    };
    const source = [messages.sourcesHeader, `［1］${definition.title}`, [definition.sourceUrl, definition.asOf && messages.asOf(definition.asOf)].filter(Boolean).join(' ／ ')];
    return { messages: [{ text: [...lines.map((l) => `${l}［1］`), '', ...source.filter(Boolean)].join('\n') }], citations: [citation] };
  }

  /** "うちは対象？": one program's verdict with its reasons, its figures for this company and what to prepare. */
  explainEligibility(docId: string, profile: OwnerProfile): SkillResult {
    const x = this.match(profile, { programs: [docId] })[0];
    if (!x) return { messages: [{ text: m.notFound }], citations: [], refusal: true };
    const sections: string[] = [m.explainHead(x.name, m.verdict[x.verdict])];
    const reasonList = (header: string, reasons: Reason[]) => (reasons.length ? [[header, ...reasons.map((r) => `・${r.text}`)].join('\n')] : []);
    sections.push(...reasonList(m.againstHeader, x.reasonsAgainst), ...reasonList(m.forHeader, x.reasonsFor), ...reasonList(m.undeterminedHeader, x.undetermined));
    // a head-count condition judged with the SME definition: say who is not counted (owners often count officers in)
    const reasons = allReasons(x);
    if (reasons.some((r) => HEADCOUNT_FIELDS.has(r.field)) && reasons.some((r) => r.source === SME_DEFINITION_DOC)) sections.push(m.notCounted);
    sections.push(
      [capText(x, 3) && m.capLine(capText(x, 3)!), rateText(x, 2) && m.rateLine(rateText(x, 2)!), m.scheduleLine(scheduleText(x))]
        .filter(Boolean)
        .join('\n'),
    );
    const prerequisites = x.prerequisites.map(prerequisiteLine).filter((l): l is string => Boolean(l));
    if (prerequisites.length) sections.push([m.prerequisitesHeader, ...prerequisites.map((l) => `・${l}`)].join('\n'));
    if (x.conditions.length) sections.push([m.conditionsHeader, ...x.conditions.map((c) => `・${c}`)].join('\n'));
    if (x.missing.length) sections.push(m.sharpen(x.missing.map((f) => factLabels[f])));
    const successor = x.availability.kind === 'replaced' ? x.availability.successor : undefined;
    if (successor) sections.push(m.goToSuccessor(shortName(successor.title)));
    sections.push(messages.figuresChange);

    const choices =
      successor && this.catalog.subsidies.some((s) => s.id === successor.docId)
        ? [{ id: choiceId('detail', successor.docId), label: m.successorChoice(shortName(successor.title)) }]
        : [];
    return {
      messages: [{ text: sections.join('\n\n'), cards: [card(x)], choices }],
      citations: this.citations([x], profile, { withConditions: true }),
      subsidies: [x.docId],
    };
  }

  // ── evaluation ───────────────────────────────────────────────────────────
  private evaluate(doc: SubsidyDoc, profile: OwnerProfile, sme: SmeClassification, now: Date, terms: string[]): ProgramMatch {
    const today = jstDate(now);
    const judged = judge(doc, profile, sme, (id) => this.catalog.docs.get(id)?.title);
    const availability = this.availabilityOf(doc, now, today);
    const deadline = availability.kind === 'open' ? availability.closes : availability.kind === 'upcoming' ? availability.closes : undefined;
    const text = purposeText(doc);
    return {
      docId: doc.id,
      title: doc.title,
      name: shortName(doc.title),
      doc,
      ...judged,
      conditions: doc.meta.eligible.rules,
      caps: capsFor(doc.meta.max_amount_jpy, profile.employees),
      rates: ratesFor(doc.meta.rate, sme),
      availability,
      deadline,
      prerequisites: planPrerequisites(doc.meta.prerequisites, deadline, today, profile),
      purposeScore: terms.filter((t) => text.includes(t)).length,
    };
  }

  private availabilityOf(doc: SubsidyDoc, now: Date, today: string): Availability {
    const { status, successor } = doc.meta;
    if (status === 'replaced') {
      return { kind: 'replaced', successor: successor ? { docId: successor, title: this.catalog.docs.get(successor)?.title ?? successor } : undefined };
    }
    if (status === 'closed') return { kind: 'closed' };
    const rounds = doc.meta.rounds;
    const open = rounds
      .filter((r): r is Round & { closes: string } => Boolean(r.closes) && isBeforeDeadline(now, r.closes!) && (!r.opens || jstInstant(r.opens) <= now))
      .sort((a, b) => jstInstant(a.closes, 'end').getTime() - jstInstant(b.closes, 'end').getTime())[0];
    if (open) return { kind: 'open', round: open, closes: open.closes, businessDaysLeft: businessDaysUntil(today, datePart(open.closes)) };
    if (status === 'rolling') return { kind: 'rolling' };
    const upcoming = rounds
      .filter((r): r is Round & { opens: string } => Boolean(r.opens) && jstInstant(r.opens!) > now)
      .sort((a, b) => jstInstant(a.opens).getTime() - jstInstant(b.opens).getTime())[0];
    if (upcoming) return { kind: 'upcoming', round: upcoming, opens: upcoming.opens, closes: upcoming.closes };
    const lastClosed = rounds
      .filter((r): r is Round & { closes: string } => Boolean(r.closes) && !isBeforeDeadline(now, r.closes!))
      .sort((a, b) => jstInstant(b.closes, 'end').getTime() - jstInstant(a.closes, 'end').getTime())[0];
    return { kind: 'none', lastClosed };
  }

  // ── citations ────────────────────────────────────────────────────────────
  /** One per program shown, plus the SME definition when a shown reason applied it. */
  private citations(shown: ProgramMatch[], profile: OwnerProfile, opts: { withConditions?: boolean } = {}): Citation[] {
    const out: Citation[] = shown.map((x) => ({ docId: x.docId, title: x.title, url: x.doc.sourceUrl, quote: programQuote(x, opts.withConditions ?? false) }));
    if (shown.flatMap(allReasons).some((r) => r.source === SME_DEFINITION_DOC)) {
      const definition = this.catalog.docs.get(SME_DEFINITION_DOC);
      const group = classifySme(profile).group;
      out.push({
        docId: SME_DEFINITION_DOC,
        title: definition?.title ?? SME_DEFINITION_DOC,
        url: definition?.sourceUrl,
        // the row that was applied; without a known industry, the document's own summary
        quote: group ? definitionQuote(group) : String(definition?.meta.summary ?? ''),
      });
    }
    return out;
  }

}

/** Eligibility of one program for the profile: reasons for, against, and what is undetermined. */
function judge(
  doc: SubsidyDoc,
  profile: OwnerProfile,
  sme: SmeClassification,
  titleOf: (docId: string) => string | undefined,
): Pick<ProgramMatch, 'verdict' | 'reasonsFor' | 'reasonsAgainst' | 'undetermined' | 'missing'> {
  const e = doc.meta.eligible;
  const pro: Reason[] = [];
  const con: Reason[] = [];
  const open: Reason[] = [];
  const missing = new Set<ProfileFact>();
  const own = (field: ReasonField, text: string): Reason => ({ field, text, source: doc.id });
  const definition = (field: ReasonField, text: string): Reason => ({ field, text, source: SME_DEFINITION_DOC });
  const group = sme.group;

  if (e.applicant === 'support_org') con.push(own('applicant', m.applicantSupportOrg));
  if (e.applicant === 'consortium') con.push(own('applicant', m.applicantConsortium));
  if (doc.meta.status === 'replaced') con.push(own('status', m.replaced(doc.meta.successor ? shortName(titleOf(doc.meta.successor) ?? doc.meta.successor) : undefined)));
  if (doc.meta.status === 'closed') con.push(own('status', m.closed));

  let smallDecided = false;
  if (e.small_business_only) {
    if (!group) {
      open.push(definition('industry', m.smallUnknown(sme.missing.map((f) => factLabels[f]))));
      sme.missing.forEach((f) => missing.add(f));
    } else if (group.smallEmployeesMax === undefined) {
      open.push(definition('small_business', m.smallNoThreshold(group.label)));
    } else if (sme.small === 'unknown') {
      open.push(definition('employees', m.smallUnknown([factLabels.employees])));
      missing.add('employees');
    } else {
      smallDecided = true;
      (sme.small === 'yes' ? pro : con).push(
        definition('small_business', (sme.small === 'yes' ? m.small : m.notSmall)(group.label, group.smallEmployeesMax)),
      );
    }
  } else if (e.sme_required) {
    if (sme.sme === 'yes' && group) {
      const byEmployees = sme.smeBasis[0] === 'employees';
      pro.push(definition(byEmployees ? 'employees' : 'capital', byEmployees ? m.smeByEmployees(group.label, group.employeesMax) : m.smeByCapital(group.label, formatYen(group.capitalMaxJpy))));
    } else if (sme.sme === 'no' && group) {
      con.push(definition('employees', m.notSmeEmployees(group.label, group.employeesMax)));
      con.push(definition('capital', m.notSmeCapital(group.label, formatYen(group.capitalMaxJpy))));
    } else {
      open.push(definition(sme.missing[0] ?? 'industry', m.smeUnknown(sme.missing.map((f) => factLabels[f]))));
      sme.missing.forEach((f) => missing.add(f));
    }
  }

  const employees = profile.employees;
  const employeeLimit = (limit: number | undefined, kind: 'min' | 'max') => {
    if (limit === undefined) return;
    if (employees === undefined) {
      open.push(own('employees', m.employeesUnknown(kind === 'min' ? m.bandFrom(limit) : m.bandUpTo(limit))));
      missing.add('employees');
      return;
    }
    const holds = kind === 'min' ? employees >= limit : employees <= limit;
    if (kind === 'min') (holds ? pro : con).push(own('employees', (holds ? m.minEmployeesOk : m.minEmployeesNg)(limit)));
    else (holds ? pro : con).push(own('employees', (holds ? m.maxEmployeesOk : m.maxEmployeesNg)(limit)));
  };
  employeeLimit(e.min_employees, 'min');
  // a decided 小規模事業者 check already covers the program's head-count ceiling
  if (!smallDecided) employeeLimit(e.max_employees, 'max');

  if (e.min_revenue_jpy !== undefined || e.max_revenue_jpy !== undefined) {
    const condition = revenueCondition(e.min_revenue_jpy, e.max_revenue_jpy);
    const revenue = profile.revenueJpy;
    if (revenue === undefined) open.push(own('revenue', m.revenueUnknown(condition)));
    else {
      const holds = (e.min_revenue_jpy === undefined || revenue >= e.min_revenue_jpy) && (e.max_revenue_jpy === undefined || revenue <= e.max_revenue_jpy);
      (holds ? pro : con).push(own('revenue', (holds ? m.revenueOk : m.revenueNg)(condition, formatYen(revenue))));
    }
  }

  if (e.industries?.length || e.excluded_industries?.length) {
    const industry = profile.industry ? fold(profile.industry) : undefined;
    const named = (list: string[] = []) => list.filter((i) => industry && (industry.includes(fold(i)) || fold(i).includes(industry)));
    const excluded = named(e.excluded_industries);
    const allowed = named(e.industries);
    if (!industry) {
      open.push(own('industry', m.industryUnknown(e.industries ?? e.excluded_industries ?? [])));
      missing.add('industry');
    } else if (excluded.length) con.push(own('industry', m.industryExcluded(excluded)));
    else if (allowed.length) pro.push(own('industry', m.industryOk(allowed)));
    else if (e.industries?.length) con.push(own('industry', m.industryNg(e.industries)));
  }

  const verdict: Verdict = con.length ? 'not_eligible' : open.length ? 'unknown' : 'eligible';
  return { verdict, reasonsFor: pro, reasonsAgainst: con, undetermined: open, missing: [...missing] };
}

function revenueCondition(min: number | undefined, max: number | undefined): string {
  const parts: string[] = [];
  if (min !== undefined) parts.push(m.revenueFrom(formatYen(min)));
  // 9,999,999,999 stands for "below 100億円": print the round figure the documents use
  if (max !== undefined) parts.push(max % 10_000 !== 0 && (max + 1) % 10_000 === 0 ? m.revenueBelow(formatYen(max + 1)) : m.revenueUpTo(formatYen(max)));
  return parts.join('');
}

function capsFor(caps: AmountCap[], employees: number | undefined): AmountCap[] {
  if (employees === undefined) return caps;
  return caps.filter((c) => (c.employees_min === undefined || employees >= c.employees_min) && (c.employees_max === undefined || employees <= c.employees_max));
}

function ratesFor(rates: SubsidyRate[], sme: SmeClassification): SubsidyRate[] {
  const forSmall = (r: SubsidyRate) => r.applies_to.includes('小規模');
  if (sme.small === 'yes') return [...rates.filter(forSmall), ...rates.filter((r) => !forSmall(r))];
  if (sme.small === 'no') return rates.filter((r) => !forSmall(r));
  return rates;
}

function planPrerequisites(prerequisites: Prerequisite[], deadline: string | undefined, today: string, profile: OwnerProfile): PlannedPrerequisite[] {
  return prerequisites.map((p) => {
    if (profile.bcpCertified && (p.doc === JIGYOKEI || p.name.includes('事業継続力強化計画'))) return { ...p, timing: 'done' };
    if (p.lead_days === undefined) return { ...p, timing: 'no_lead_days' };
    if (!deadline) return { ...p, timing: 'no_deadline' };
    const startBy = latestBusinessDayOnOrBefore(subtractCalendarDays(datePart(deadline), p.lead_days));
    return { ...p, startBy, timing: startBy < today ? 'late' : 'in_time' };
  });
}

/** The required preparation to start first: the earliest start-by, else the longest lead time. */
function firstStep(x: ProgramMatch): PlannedPrerequisite | undefined {
  const todo = x.prerequisites.filter((p) => p.required && p.timing !== 'done');
  const dated = todo.filter((p) => p.startBy).sort((a, b) => a.startBy!.localeCompare(b.startBy!));
  if (dated[0]) return dated[0];
  const timed = todo.filter((p) => p.lead_days !== undefined).sort((a, b) => b.lead_days! - a.lead_days!);
  return timed[0] ?? todo[0];
}

// ── ranking ──────────────────────────────────────────────────────────────────
const VERDICT_RANK: Record<Verdict, number> = { eligible: 0, unknown: 1, not_eligible: 2 };
const AVAILABILITY_RANK: Record<Availability['kind'], number> = { open: 0, rolling: 1, upcoming: 2, none: 3, closed: 4, replaced: 4 };

/** Eligible before unknown before not eligible; then the owner's purpose; then open (soonest deadline), rolling, upcoming (soonest start), the rest. */
function compareMatches(a: ProgramMatch, b: ProgramMatch): number {
  return (
    VERDICT_RANK[a.verdict] - VERDICT_RANK[b.verdict] ||
    b.purposeScore - a.purposeScore ||
    AVAILABILITY_RANK[a.availability.kind] - AVAILABILITY_RANK[b.availability.kind] ||
    timeKey(a.availability) - timeKey(b.availability) ||
    a.docId.localeCompare(b.docId)
  );
}

function timeKey(a: Availability): number {
  if (a.kind === 'open') return jstInstant(a.closes, 'end').getTime();
  if (a.kind === 'upcoming') return jstInstant(a.opens).getTime();
  if (a.kind === 'none' && a.lastClosed) return -jstInstant(a.lastClosed.closes, 'end').getTime(); // the most recent round first
  return 0;
}

// ── purpose words ────────────────────────────────────────────────────────────
const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

function purposeText(doc: SubsidyDoc): string {
  return fold([doc.title, doc.meta.program, ...doc.meta.tags, ...doc.meta.aliases, ...doc.meta.expenses].join('\n'));
}

/** Above this share of the programs, a word (補助金, 製造業) does not tell them apart. */
const MAX_PURPOSE_SHARE = 2 / 3;

/** The owner's words that tell programs apart. */
function purposeTerms(words: string[], docs: SubsidyDoc[]): string[] {
  const texts = docs.map(purposeText);
  const terms = [...new Set(words.map(fold))].filter((w) => [...w].length >= 2);
  return terms.filter((w) => {
    const hits = texts.filter((t) => t.includes(w)).length;
    return hits > 0 && hits <= Math.max(1, texts.length * MAX_PURPOSE_SHARE);
  });
}

// ── rendering ────────────────────────────────────────────────────────────────
const choiceId = (action: string, docId: string) => `subsidy:${action}:${docId}`;
const withComputedLabel = (text: string) => `${text}（${m.computedLabel}）`;

function shortName(title: string): string {
  return title.split('（')[0]!.trim() || title;
}

function band(c: AmountCap): string | undefined {
  if (c.employees_min !== undefined && c.employees_max !== undefined) return m.bandBetween(c.employees_min, c.employees_max);
  if (c.employees_max !== undefined) return m.bandUpTo(c.employees_max);
  if (c.employees_min !== undefined && c.employees_min > 1) return m.bandFrom(c.employees_min);
  return undefined;
}

function capLine(c: AmountCap): string {
  const special = c.special_amount ? `、${m.capSpecial(c.special_label ?? m.specialDefault, formatYen(c.special_amount))}` : '';
  return `${m.cap(formatYen(c.amount), c.track, band(c))}${special}${c.uncertain ? m.unconfirmed : ''}`;
}

/** The cap line(s) for this company: one per track, or the range over bands when employees are unknown. */
function capText(x: ProgramMatch, maxTracks = 1): string | undefined {
  const tracks = [...new Set(x.caps.map((c) => c.track))];
  const lines = tracks.slice(0, maxTracks).map((track) => {
    const caps = x.caps.filter((c) => c.track === track);
    if (caps.length === 1) return capLine(caps[0]!);
    const amounts = caps.map((c) => c.amount).sort((a, b) => a - b);
    return m.capRange(formatYen(amounts[0]!), formatYen(amounts.at(-1)!), track);
  });
  if (!lines.length) return undefined;
  return lines.join('\n') + (tracks.length > maxTracks ? ` ${m.others}` : '');
}

function rateText(x: ProgramMatch, max = 1): string | undefined {
  if (!x.rates.length) return undefined;
  return x.rates.slice(0, max).map((r) => m.rate(r.rate, r.applies_to)).join('、') + (x.rates.length > max ? ` ${m.others}` : '');
}

function scheduleText(x: ProgramMatch): string {
  const a = x.availability;
  switch (a.kind) {
    case 'open': {
      const left = a.businessDaysLeft > 0 ? withComputedLabel(m.daysLeft(a.businessDaysLeft)) : m.dueToday;
      return `${m.open}　${m.deadline(formatJaDate(a.closes))}（${a.round.name}）${a.round.uncertain ? m.roundUncertain : ''} ${left}`;
    }
    case 'upcoming':
      return `${m.upcoming(a.round.name, formatJaDate(a.opens))}${a.closes ? `、${m.deadline(formatJaDate(a.closes))}` : ''}${a.round.uncertain ? m.roundUncertain : ''}`;
    case 'rolling':
      return m.rolling;
    case 'none':
      return a.lastClosed ? `${m.noRound}（${m.lastRound(a.lastClosed.name, formatJaDate(a.lastClosed.closes))}）` : m.noRound;
    case 'replaced':
      return m.replacedShort(a.successor ? shortName(a.successor.title) : undefined);
    case 'closed':
      return m.closedShort;
  }
}

/** The latest round whose deadline has passed (a program replaced by its successor keeps its history). */
function lastClosedRound(doc: SubsidyDoc): (Round & { closes: string }) | undefined {
  return doc.meta.rounds
    .filter((r): r is Round & { closes: string } => Boolean(r.closes))
    .sort((a, b) => jstInstant(b.closes, 'end').getTime() - jstInstant(a.closes, 'end').getTime())[0];
}

/** One preparation step: its start-by date (computed, labelled), or lateness, or its lead time. */
function prerequisiteLine(p: PlannedPrerequisite): string | undefined {
  const name = `${p.name}${p.required ? '' : m.optional}`;
  switch (p.timing) {
    case 'done':
      return `${name}：${m.done}`;
    case 'in_time':
      return `${name}：${withComputedLabel(m.startBy(formatJaDate(p.startBy!)))}`;
    case 'late':
      return `${name}：${withComputedLabel(m.startBy(formatJaDate(p.startBy!)))} ${m.late}`;
    case 'no_deadline':
      return `${name}（${m.leadDays(p.lead_days!)}）`;
    case 'no_lead_days':
      return p.required ? name : undefined;
  }
}

function reasonLine(x: ProgramMatch): string {
  if (x.verdict === 'not_eligible') return x.reasonsAgainst[0]!.text;
  if (x.verdict === 'unknown') return x.undetermined[0]!.text;
  return x.reasonsFor[0]?.text ?? m.verdict.eligible;
}

function summaryBlock(x: ProgramMatch): string {
  const first = firstStep(x);
  return [
    `■ ${x.name}`,
    x.verdict === 'unknown' ? m.toCheck(reasonLine(x)) : m.fits(reasonLine(x)),
    capText(x) && m.capLine(capText(x)!),
    rateText(x) && m.rateLine(rateText(x)!),
    m.scheduleLine(scheduleText(x)),
    first && m.firstLine(prerequisiteLine(first) ?? first.name),
  ]
    .filter(Boolean)
    .join('\n');
}

function card(x: ProgramMatch): NonNullable<Reply['cards']>[number] {
  const first = firstStep(x);
  const a = x.availability;
  const fields: [string, string][] = [[m.field.verdict, `${m.verdictShort[x.verdict]}：${reasonLine(x)}`]];
  const cap = capText(x, 3);
  if (cap) fields.push([m.field.cap, cap]);
  const rate = rateText(x, 3);
  if (rate) fields.push([m.field.rate, rate]);
  if (a.kind === 'open') {
    fields.push([m.field.deadline, `${formatJaDate(a.closes)}（${a.round.name}）`]);
    fields.push([m.field.daysLeft, a.businessDaysLeft > 0 ? withComputedLabel(m.daysLeft(a.businessDaysLeft)) : m.dueToday]);
  } else fields.push([m.field.schedule, scheduleText(x)]);
  if (first) fields.push([m.field.first, prerequisiteLine(first) ?? first.name]);
  return { title: x.name, subtitle: m.verdictShort[x.verdict], fields, actions: [{ id: choiceId('detail', x.docId), label: m.detailAction }] };
}

function allReasons(x: ProgramMatch): Reason[] {
  return [...x.reasonsFor, ...x.reasonsAgainst, ...x.undetermined];
}

const firstProfileReason = (x: ProgramMatch) => x.reasonsAgainst.find((r) => PROFILE_FIELDS.has(r.field));

/** Not eligible because of the company (not because the program ended), while the program takes applications. */
function isExcludedByProfile(x: ProgramMatch): boolean {
  return Boolean(firstProfileReason(x)) && !x.reasonsAgainst.some((r) => r.field === 'status' || r.field === 'applicant') && ['open', 'upcoming', 'rolling'].includes(x.availability.kind);
}

function missingFacts(shown: ProgramMatch[], profile: OwnerProfile): ProfileFact[] {
  const facts = new Set(shown.flatMap((x) => x.missing));
  if (profile.employees === undefined && shown.some((x) => x.doc.meta.max_amount_jpy.some((c) => c.employees_min !== undefined || c.employees_max !== undefined))) facts.add('employees');
  return (['industry', 'employees', 'capital'] as const).filter((f) => facts.has(f));
}

/** The front-matter fields a program's figures came from, rendered compactly. */
function programQuote(x: ProgramMatch, withConditions: boolean): string {
  const parts: string[] = [];
  for (const c of x.caps.slice(0, 3)) parts.push(`補助上限額 ${capLine(c)}`);
  for (const r of x.rates.slice(0, 3)) parts.push(`補助率 ${r.applies_to} ${r.rate}`);
  const a = x.availability;
  if (a.kind === 'open' || a.kind === 'upcoming') parts.push(`${a.round.name} ${a.round.opens ? `受付開始 ${a.round.opens} ` : ''}${a.round.closes ? `締切 ${a.round.closes}` : ''}`.trim());
  if (a.kind === 'none' && a.lastClosed) parts.push(`${a.lastClosed.name} 締切 ${a.lastClosed.closes}`);
  if (a.kind === 'rolling') parts.push('status: rolling');
  if (a.kind === 'replaced') parts.push(`status: replaced${x.doc.meta.successor ? ` → ${x.doc.meta.successor}` : ''}`);
  for (const p of x.prerequisites) if (p.lead_days !== undefined) parts.push(`${p.name} 所要${p.lead_days}日`);
  const e = x.doc.meta.eligible;
  if (e.min_employees !== undefined) parts.push(`従業員${e.min_employees}人以上`);
  if (e.max_employees !== undefined) parts.push(`従業員${e.max_employees}人以下`);
  if (e.small_business_only) parts.push('小規模事業者のみ');
  if (withConditions) parts.push(...e.rules);
  return parts.join('／');
}

/** The sme-definition row that was applied: 製造業その他：資本金3億円以下または常時使用する従業員300人以下／小規模事業者は20人以下. */
function definitionQuote(group: IndustryGroup): string {
  const small = group.smallEmployeesMax !== undefined ? `／小規模事業者：常時使用する従業員${group.smallEmployeesMax}人以下` : '';
  return `${group.label}：中小企業者は資本金${formatYen(group.capitalMaxJpy)}以下または常時使用する従業員${group.employeesMax}人以下${small}`;
}
