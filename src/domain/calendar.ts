// Japanese calendar arithmetic for deadlines: dates are Japan-time calendar days written
// YYYY-MM-DD (Asia/Tokyo is UTC+9 all year, no daylight saving). A business day is a weekday
// that is neither a national holiday (@holiday-jp/holiday_jp, data up to 2050) nor part of
// the administrative year-end closure (12/29–1/3).
import holiday_jp from '@holiday-jp/holiday_jp';

const JST_OFFSET_MS = 9 * 3600_000;
const DAY_MS = 24 * 3600_000;
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;
const YMD_HM = /^(\d{4}-\d{2}-\d{2})(?: (\d{2}):(\d{2}))?$/;

/** Holiday dates as keys; a Set so a lookup does not scan the whole table. */
const HOLIDAYS: ReadonlySet<string> = new Set(Object.keys(holiday_jp.holidays));

/** The Japan-time calendar date of an instant: 2026-12-18T09:00:00Z → "2026-12-18". */
export function jstDate(d: Date): string {
  return new Date(d.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The instant a Japan-time "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" stands for. A bare date means the
 * start of that day, or with `bareDate: 'end'` the end of it (a deadline without a time runs
 * through the whole day).
 */
export function jstInstant(dateTime: string, bareDate: 'start' | 'end' = 'start'): Date {
  const m = YMD_HM.exec(dateTime);
  if (!m) throw new RangeError(`expected YYYY-MM-DD or "YYYY-MM-DD HH:MM", got "${dateTime}"`);
  const dayStart = dayNumber(m[1]!) * DAY_MS - JST_OFFSET_MS;
  if (m[2] !== undefined) return new Date(dayStart + (Number(m[2]) * 60 + Number(m[3])) * 60_000);
  return new Date(bareDate === 'end' ? dayStart + DAY_MS : dayStart);
}

/** True while a Japan-time deadline ("YYYY-MM-DD HH:MM", or a bare date meaning the whole day) has not passed. */
export function isBeforeDeadline(now: Date, closes: string): boolean {
  return now.getTime() < jstInstant(closes, 'end').getTime();
}

/** The date part of "YYYY-MM-DD HH:MM". */
export function datePart(dateTime: string): string {
  return dateTime.slice(0, 10);
}

export function addCalendarDays(ymd: string, n: number): string {
  return fromDayNumber(dayNumber(ymd) + n);
}

export function subtractCalendarDays(ymd: string, n: number): string {
  return addCalendarDays(ymd, -n);
}

/** The national holiday's name, or undefined. */
export function holidayName(ymd: string): string | undefined {
  return HOLIDAYS.has(ymd) ? holiday_jp.holidays[ymd as keyof typeof holiday_jp.holidays].name : undefined;
}

/** 12/29–1/3: government offices and most support desks are closed. */
export function isYearEndClosure(ymd: string): boolean {
  const [, month, day] = parse(ymd);
  return (month === 12 && day >= 29) || (month === 1 && day <= 3);
}

export function isBusinessDay(ymd: string): boolean {
  const weekday = new Date(dayNumber(ymd) * DAY_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !HOLIDAYS.has(ymd) && !isYearEndClosure(ymd);
}

/** Business days after `fromYmd` up to and including `toYmd` (0 when the deadline is today or past). */
export function businessDaysUntil(fromYmd: string, toYmd: string): number {
  let count = 0;
  for (let d = dayNumber(fromYmd) + 1, end = dayNumber(toYmd); d <= end; d++) {
    if (isBusinessDay(fromDayNumber(d))) count++;
  }
  return count;
}

/** The business day `n` business days before `ymd` (which itself is not counted). */
export function subtractBusinessDays(ymd: string, n: number): string {
  let day = ymd;
  for (let left = n; left > 0; ) {
    day = addCalendarDays(day, -1);
    if (isBusinessDay(day)) left--;
  }
  return day;
}

/** `ymd` itself when it is a business day, else the latest business day before it. */
export function latestBusinessDayOnOrBefore(ymd: string): string {
  let day = ymd;
  while (!isBusinessDay(day)) day = addCalendarDays(day, -1);
  return day;
}

function parse(ymd: string): [number, number, number] {
  const m = YMD.exec(ymd);
  if (!m) throw new RangeError(`expected a date as YYYY-MM-DD, got "${ymd}"`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Days since 1970-01-01 of a calendar date. */
function dayNumber(ymd: string): number {
  const [y, m, d] = parse(ymd);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}
