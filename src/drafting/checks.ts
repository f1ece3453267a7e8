// Consistency checks computed from the owner's figures: 年平均成長率 from a base-year and a
// target-year value, a difference (事業所内最低賃金 − 地域別最低賃金), a count or a share
// against the figure the program's document states, and parts that must all be written. Each
// result shows how it was computed; a missing figure makes the check say what it still needs.
import type { KnowledgeDoc } from '../domain/knowledge.ts';
import { checkText, statusText } from './drafting.ja.ts';
import type { ComputedValue, DraftCheck } from './draft.ts';
import { readRequirement, type Direction, type Requirement } from './requirements.ts';
import type { TemplateCheck, TemplateField } from './template.ts';
import { formatMoney, formatValue, isFilled, type FieldValue } from './values.ts';

export type CheckContext = {
  field: (id: string) => TemplateField;
  value: (id: string) => FieldValue | undefined;
  doc: (id: string) => KnowledgeDoc;
};

const EPSILON = 1e-9;

/** The comparison a check makes: the figure must be at least (以上) or at most (以下) the document's. */
export function directionOf(check: TemplateCheck): Direction | undefined {
  if (check.type === 'filled' || check.type === 'share') return undefined;
  return check.type === 'at_most' ? '以下' : '以上';
}

/** 年平均成長率: the constant yearly rate that takes `base` to `target` in `years`. */
export function growthRate(base: number, target: number, years: number): number {
  return (target / base) ** (1 / years) - 1;
}

/** A rate cut down to two decimals of a percent, so it is never shown higher than it is (the nudge absorbs float error: 0.03 → 3.00%). */
const shownRate = (rate: number) => Math.floor(rate * 10_000 + 1e-9) / 10_000;
const percentText = (rate: number) => `${(shownRate(rate) * 100).toFixed(2)}%`;

export function computeCheck(check: TemplateCheck, ctx: CheckContext): DraftCheck {
  const found = readRequirement(check.requirement, ctx.doc(check.requirement.doc), directionOf(check));
  if (typeof found === 'string') throw new Error(`check ${check.id}: ${found}`); // the loader has verified this
  const base = { id: check.id, label: check.label, requirement: { docId: found.docId, passage: found.passage, ...(found.shown ? { shown: found.shown } : {}) } };
  const missing = (ids: string[]) => ids.filter((id) => !isFilled(ctx.value(id))).map((id) => ctx.field(id).label);
  const num = (id: string) => ctx.value(id) as number;
  const shown = (id: string) => formatValue(ctx.field(id), ctx.value(id)!);
  const required = requirementText(check, found);
  const notes = check.note ? [check.note] : [];
  const waiting = (needs: string[], extra: string[] = []): DraftCheck => ({
    ...base,
    status: 'incomplete',
    lines: [checkText.waiting(check.label, required), ...extra, ...(needs.length ? [checkText.needs(needs)] : []), ...notes],
    computed: [],
    needs,
  });
  const judged = (ok: boolean, value: string, extra: string[], computed: ComputedValue[]): DraftCheck => {
    const status = ok ? 'meets' : 'misses';
    return { ...base, status, lines: [checkText.result(check.label, value, required, statusText[status]), ...extra, ...notes], computed, needs: [] };
  };

  switch (check.type) {
    case 'growth': {
      const needs = missing([check.base, check.target, check.years]);
      if (needs.length) return waiting(needs);
      const [b, t, years] = [num(check.base), num(check.target), num(check.years)];
      if (b <= 0 || years <= 0) return waiting([], [checkText.growthBaseNotPositive]);
      const rate = growthRate(b, t, years);
      const text = percentText(rate);
      const ok = rate * 100 + EPSILON >= found.value!;
      const computed: ComputedValue[] = [{ kind: 'rate', value: shownRate(rate), text }];
      const extra = [checkText.growthHow(shown(check.base), shown(check.target), years)];
      if (!ok) {
        const needed = Math.ceil((b * (1 + found.value! / 100) ** years) / 10_000) * 10_000;
        computed.push({ kind: 'amount', value: needed, text: formatMoney(needed) });
        extra.push(checkText.growthNeeded(years, formatMoney(needed)));
      }
      return judged(ok, checkText.growthValue(text), extra, computed);
    }
    case 'difference': {
      const needs = missing([check.value, check.reference]);
      if (needs.length) return waiting(needs);
      const diff = num(check.value) - num(check.reference);
      const ok = diff >= found.value!;
      const computed: ComputedValue[] = [{ kind: 'amount', value: diff, text: formatMoney(diff) }];
      const extra: string[] = [];
      if (!ok) {
        const short = found.value! - diff;
        computed.push({ kind: 'amount', value: short, text: formatMoney(short) });
        extra.push(checkText.differenceShort(formatMoney(short)));
      }
      return judged(ok, checkText.differenceValue(shown(check.value), shown(check.reference), formatMoney(diff)), extra, computed);
    }
    case 'at_least':
    case 'at_most': {
      const needs = missing([check.value]);
      if (needs.length) return waiting(needs);
      const v = ctx.value(check.value)!;
      const count = Array.isArray(v) ? v.length + (check.type === 'at_least' && check.count_self ? 1 : 0) : Number(v);
      const ok = check.type === 'at_least' ? count >= found.value! : count <= found.value!;
      const selfCounted = check.type === 'at_least' && check.count_self && Array.isArray(v);
      const value = selfCounted ? checkText.countSelf(count) : shown(check.value);
      return judged(ok, value, [], selfCounted ? [{ kind: 'count', value: count, text: String(count) }] : []);
    }
    case 'share': {
      const needs = missing([check.value, check.of]);
      if (needs.length) return waiting(needs);
      const cap = Math.floor(num(check.of) * found.value!);
      const ok = num(check.value) <= cap;
      return judged(ok, checkText.shareValue(shown(check.value), shown(check.of), found.shown!, formatMoney(cap)), [], [{ kind: 'amount', value: cap, text: formatMoney(cap) }]);
    }
    case 'filled': {
      // the requirement is a sentence, not a figure: quoted under the result
      const needs = missing(check.fields);
      const quoted = [checkText.passage(found.passage), ...notes];
      if (needs.length) return { ...base, status: 'incomplete', lines: [checkText.unwritten(check.label, statusText.incomplete), checkText.filledMissing(needs), ...quoted], computed: [], needs };
      return { ...base, status: 'meets', lines: [checkText.written(check.label, statusText.meets), ...quoted], computed: [], needs: [] };
    }
  }
}

/** The requirement as the check states it: 「3.0%以上」「経費の2/3まで」 (parts that must be written quote the passage instead). */
function requirementText(check: TemplateCheck, found: Requirement): string {
  if (check.type === 'share') return checkText.shareRequirement(found.shown!);
  if (!found.shown) return found.passage;
  return directionOf(check) === '以下' ? checkText.atMost(found.shown) : checkText.atLeast(found.shown);
}
