// The owner's values for template fields: reading what owners type (全角, 1,200万, 3億,
// 「500万くらい」, 2027年4月), accepting the JSON values of a profile file, taking what the
// profile or the last diagnosis already says, and printing a value in a draft.
import type { DiagnosisResult } from '../assistant/flows/diagnosis.ts';
import { findNumbers, parseYen } from '../assistant/understand/numbers.ts';
import type { OwnerProfile } from '../domain/conversation.ts';
import { formatYen } from '../domain/format.ts';
import { valueText } from './drafting.ja.ts';
import type { TemplateField } from './template.ts';

/** text and date: a string (dates as YYYY-MM or YYYY-MM-DD); number, money (yen) and percent: a number; list: strings. */
export type FieldValue = string | number | string[];

/** What a draft is filled from. `answers` are the owner's own answers by field id; they win over the profile and the diagnosis. */
export type DraftInput = {
  profile: OwnerProfile;
  answers: Record<string, FieldValue>;
  diagnosis?: Pick<DiagnosisResult, 'strengths' | 'issues'>;
};

const MAX_TEXT = 600;
const MAX_ITEMS = 20;
const NEGATIVE = /^(?:-|−|▲|△|マイナス)\s*/;
const LIST_SEPARATORS = /[、,，;；\n]+/;

export function isFilled(value: FieldValue | undefined): value is FieldValue {
  if (value === undefined) return false;
  if (typeof value === 'string') return value.trim().length > 0;
  if (typeof value === 'number') return Number.isFinite(value);
  return value.some((v) => v.trim().length > 0);
}

/** The one number in a text, or undefined when there is none or more than one (「3〜5年」 is not one answer). */
function onlyNumber(text: string): number | undefined {
  const found = findNumbers(text);
  return found.length === 1 ? found[0]!.value : undefined;
}

function readMoney(field: TemplateField, text: string): number | undefined {
  const s = text.normalize('NFKC').trim();
  const negative = NEGATIVE.test(s);
  const body = s.replace(NEGATIVE, '');
  if (findNumbers(body).length !== 1) return undefined;
  const yen = parseYen(body) ?? (field.bare_yen ? onlyNumber(body) : undefined);
  if (yen === undefined) return undefined;
  return negative ? -yen : yen;
}

function readPercent(text: string): number | undefined {
  const s = text.normalize('NFKC').trim();
  const negative = NEGATIVE.test(s);
  const found = findNumbers(s.replace(NEGATIVE, ''));
  if (found.length !== 1) return undefined;
  const n = found[0]!.unit === '割' ? found[0]!.value * 10 : found[0]!.value;
  return negative ? -n : n;
}

const pad = (n: number) => String(n).padStart(2, '0');

function validDay(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** 2027-04-01, 2027/4/1, 2027年4月1日, 2027年4月, 令和9年4月 → YYYY-MM-DD or YYYY-MM. */
function readDate(text: string): string | undefined {
  const s = text.normalize('NFKC').replace(/\s/g, '');
  const reiwa = /令和(\d+|元)年/.exec(s);
  const western = reiwa ? s.replace(reiwa[0], `${2018 + (reiwa[1] === '元' ? 1 : Number(reiwa[1]))}年`) : s;
  const m = /^(\d{4})(?:[-/.]|年)(\d{1,2})(?:(?:[-/.]|月)(\d{1,2})日?|月)?(?:ごろ|頃|から|まで)?$/.exec(western);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : undefined];
  if (mo < 1 || mo > 12) return undefined;
  if (d === undefined) return `${y}-${pad(mo)}`;
  return validDay(y, mo, d) ? `${y}-${pad(mo)}-${pad(d)}` : undefined;
}

function readList(text: string): string[] | undefined {
  const items = text
    .split(LIST_SEPARATORS)
    .map((s) => s.replace(/^\s*(?:[-*・•]|\d+[.)．])\s*/, '').trim())
    .filter(Boolean)
    .slice(0, MAX_ITEMS);
  return items.length ? items : undefined;
}

/** What the owner typed, read as the field's type; undefined when it cannot be read as one. */
export function parseAnswer(field: TemplateField, text: string): FieldValue | undefined {
  const t = text.trim();
  if (!t) return undefined;
  switch (field.type) {
    case 'text':
      return t.slice(0, MAX_TEXT);
    case 'list':
      return readList(t);
    case 'number': {
      const n = onlyNumber(t);
      return n !== undefined && n >= 0 ? n : undefined;
    }
    case 'money':
      return readMoney(field, t);
    case 'percent':
      return readPercent(t);
    case 'date':
      return readDate(t);
  }
}

/** A value from a profile file's "answers" (JSON): numbers as they are, strings read as typed answers. */
export function coerceAnswer(field: TemplateField, raw: unknown): FieldValue | undefined {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return undefined;
    if (field.type === 'number') return raw >= 0 ? raw : undefined;
    if (field.type === 'money' || field.type === 'percent') return raw;
    if (field.type === 'text') return String(raw);
    return undefined;
  }
  if (Array.isArray(raw)) {
    if (field.type !== 'list' || !raw.every((v) => typeof v === 'string')) return undefined;
    const items = (raw as string[]).map((v) => v.trim()).filter(Boolean).slice(0, MAX_ITEMS);
    return items.length ? items : undefined;
  }
  return typeof raw === 'string' ? parseAnswer(field, raw) : undefined;
}

/** The value the profile or the diagnosis already gives for a field, if any. */
export function knownValue(field: TemplateField, input: Pick<DraftInput, 'profile' | 'diagnosis'>): FieldValue | undefined {
  const [scope, key] = field.from.split('.') as ['ask' | 'profile' | 'diagnosis', string | undefined];
  let value: unknown;
  if (scope === 'profile') value = input.profile[key as keyof OwnerProfile];
  else if (scope === 'diagnosis') value = input.diagnosis?.[key as 'strengths' | 'issues'];
  else return undefined;
  if (typeof value === 'boolean' || value === null || value === undefined) return undefined;
  const v = value as FieldValue;
  return isFilled(v) ? v : undefined;
}

/** The field's value: the owner's answer, else what the profile or diagnosis says. */
export function valueOf(field: TemplateField, input: DraftInput): FieldValue | undefined {
  const answered = input.answers[field.id];
  return isFilled(answered) ? answered : knownValue(field, input);
}

/** 2027-04 → 2027年4月, 2027-04-01 → 2027年4月1日. */
export function formatDateValue(s: string): string {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(s);
  if (!m) return s;
  return m[3] ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : `${m[1]}年${Number(m[2])}月`;
}

export function formatMoney(n: number): string {
  return n < 0 ? `${valueText.minus}${formatYen(-n)}` : formatYen(n);
}

/** A value as written in the draft; lists joined with 「、」. */
export function formatValue(field: TemplateField, value: FieldValue): string {
  if (Array.isArray(value)) return value.join('、');
  switch (field.type) {
    case 'money':
      return typeof value === 'number' ? formatMoney(value) : value;
    case 'percent':
      return `${value}%`;
    case 'number':
      return typeof value === 'number' ? `${value.toLocaleString('ja-JP')}${field.unit ?? ''}` : value;
    case 'date':
      return formatDateValue(String(value));
    default:
      return String(value);
  }
}
