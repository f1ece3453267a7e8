// What the owner must prepare before applying, from the program document's front matter: the
// next deadline (or why there is none), each prerequisite with its lead time and, when there is
// a deadline, the start-by date computed from it (labelled as computed), and the program's
// requirements quoted as the document states them.
import { datePart, isBeforeDeadline, jstInstant, latestBusinessDayOnOrBefore, subtractCalendarDays } from '../domain/calendar.ts';
import type { OwnerProfile } from '../domain/conversation.ts';
import { formatJaDate } from '../domain/format.ts';
import type { KnowledgeDoc, Prerequisite, Round } from '../domain/knowledge.ts';
import { preparationText, scheduleText } from './drafting.ja.ts';
import type { Preparation } from './draft.ts';

type ProgramMeta = {
  status?: string;
  successor?: string;
  rounds?: Round[];
  prerequisites?: Prerequisite[];
  requirements?: string[];
};

type Dated = Round & { closes: string };
const JIGYOKEI = 'subsidies/jigyokei';

const metaOf = (doc: KnowledgeDoc) => doc.meta as ProgramMeta;
const dated = (doc: KnowledgeDoc): Dated[] => (metaOf(doc).rounds ?? []).filter((r): r is Dated => Boolean(r.closes));

/** The round with the soonest deadline not yet passed on `today` (YYYY-MM-DD, Japan). */
export function nextRound(doc: KnowledgeDoc, today: string): Dated | undefined {
  const now = jstInstant(today);
  return dated(doc)
    .filter((r) => isBeforeDeadline(now, r.closes))
    .sort((a, b) => jstInstant(a.closes, 'end').getTime() - jstInstant(b.closes, 'end').getTime())[0];
}

function lastRound(doc: KnowledgeDoc, today: string): Dated | undefined {
  const now = jstInstant(today);
  return dated(doc)
    .filter((r) => !isBeforeDeadline(now, r.closes))
    .sort((a, b) => jstInstant(b.closes, 'end').getTime() - jstInstant(a.closes, 'end').getTime())[0];
}

/** The program's schedule as of today, in one or two lines. */
export function scheduleLines(doc: KnowledgeDoc, today: string, successorTitle?: string): string[] {
  const meta = metaOf(doc);
  const next = nextRound(doc, today);
  if (next) {
    const opensLater = next.opens && datePart(next.opens) > today;
    return [scheduleText.next(next.name, formatJaDate(next.closes)), ...(opensLater ? [scheduleText.opens(formatJaDate(next.opens!))] : [])];
  }
  const last = lastRound(doc, today);
  const lastText = last ? scheduleText.lastRound(last.name, formatJaDate(last.closes)) : undefined;
  if (meta.status === 'rolling') return [scheduleText.rolling];
  if (meta.status === 'replaced' || meta.status === 'closed') return [scheduleText.replaced(doc.title, lastText, successorTitle)];
  return [scheduleText.noRound(lastText)];
}

/** Each prerequisite of the program, planned back from the next deadline when there is one. */
export function preparations(doc: KnowledgeDoc, today: string, profile: OwnerProfile): Preparation[] {
  const deadline = nextRound(doc, today)?.closes;
  return (metaOf(doc).prerequisites ?? []).map((p) => {
    const kind = p.required ? preparationText.required : preparationText.optional;
    const base = { name: p.name, required: p.required, ...(p.lead_days !== undefined ? { leadDays: p.lead_days } : {}) };
    if (profile.bcpCertified && (p.doc === JIGYOKEI || p.name.includes('事業継続力強化計画'))) {
      return { ...base, done: true, text: preparationText.line(p.name, kind, preparationText.done) };
    }
    const parts = [(p.note ?? (p.lead_days !== undefined ? preparationText.leadDays(p.lead_days) : preparationText.noLead)).replace(/。$/, '')];
    if (deadline && p.lead_days !== undefined) {
      const startBy = latestBusinessDayOnOrBefore(subtractCalendarDays(datePart(deadline), p.lead_days));
      const late = startBy < today;
      parts.push(preparationText.startBy(formatJaDate(startBy)) + (late ? ` ${preparationText.late}` : ''));
      return { ...base, startBy, late, text: preparationText.line(p.name, kind, parts.join('。')) };
    }
    return { ...base, text: preparationText.line(p.name, kind, parts.join('。')) };
  });
}

/** The program's requirements, word for word from its front matter. */
export function requirementLines(doc: KnowledgeDoc): string[] {
  return metaOf(doc).requirements ?? [];
}
