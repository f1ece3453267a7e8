import { describe, expect, it } from 'vitest';
import {
  businessDaysUntil,
  holidayName,
  isBeforeDeadline,
  isBusinessDay,
  isYearEndClosure,
  jstDate,
  jstInstant,
  latestBusinessDayOnOrBefore,
  subtractBusinessDays,
  subtractCalendarDays,
} from '../../../src/domain/calendar.ts';

describe('Japanese business days', () => {
  it('knows national holidays: 2026-11-23 (勤労感謝の日) is a Monday and not a business day', () => {
    expect(new Date('2026-11-23T00:00:00Z').getUTCDay()).toBe(1);
    expect(holidayName('2026-11-23')).toBe('勤労感謝の日');
    expect(isBusinessDay('2026-11-23')).toBe(false);
    expect(isBusinessDay('2026-11-24')).toBe(true);
    expect(holidayName('2026-11-24')).toBeUndefined();
  });

  it('skips weekends', () => {
    expect(isBusinessDay('2026-11-21')).toBe(false); // Saturday
    expect(isBusinessDay('2026-11-22')).toBe(false); // Sunday
    expect(isBusinessDay('2026-11-20')).toBe(true); // Friday
  });

  it('treats the year-end closure 12/29–1/3 as closed, even on weekdays', () => {
    expect(isBusinessDay('2026-12-28')).toBe(true); // Monday
    for (const d of ['2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']) {
      expect(isYearEndClosure(d)).toBe(true);
      expect(isBusinessDay(d)).toBe(false);
    }
    expect(isBusinessDay('2027-01-04')).toBe(true);
    expect(isYearEndClosure('2027-01-04')).toBe(false);
  });

  it('counts business days after today up to and including the deadline', () => {
    // Fri 11/20 → Sat, Sun, Mon holiday, Tue 24, Wed 25
    expect(businessDaysUntil('2026-11-20', '2026-11-25')).toBe(2);
    // Sat 11/21 → Tue 12/15: Nov 24–27 (4) + Nov 30–Dec 4 (5) + Dec 7–11 (5) + Dec 14–15 (2)
    expect(businessDaysUntil('2026-11-21', '2026-12-15')).toBe(16);
    // across the year end: Mon 12/28, then Mon 1/4 and Tue 1/5
    expect(businessDaysUntil('2026-12-25', '2027-01-05')).toBe(3);
    expect(businessDaysUntil('2026-12-15', '2026-12-15')).toBe(0);
    expect(businessDaysUntil('2026-12-16', '2026-12-15')).toBe(0);
  });

  it('steps back over weekends and holidays', () => {
    expect(subtractBusinessDays('2026-11-24', 1)).toBe('2026-11-20');
    expect(subtractBusinessDays('2027-01-04', 2)).toBe('2026-12-25');
    expect(subtractCalendarDays('2026-03-01', 1)).toBe('2026-02-28');
    expect(subtractCalendarDays('2026-12-15', 45)).toBe('2026-10-31');
  });

  it('moves a start-by date that falls on a holiday to the business day before', () => {
    const startBy = subtractCalendarDays('2026-12-07', 14); // the Monday holiday 11/23
    expect(startBy).toBe('2026-11-23');
    expect(latestBusinessDayOnOrBefore(startBy)).toBe('2026-11-20');
    expect(latestBusinessDayOnOrBefore('2027-01-03')).toBe('2026-12-28');
    expect(latestBusinessDayOnOrBefore('2026-11-24')).toBe('2026-11-24');
  });
});

describe('Japan time', () => {
  it('gives the Japan calendar date of a UTC instant', () => {
    expect(jstDate(new Date('2026-11-22T14:59:00Z'))).toBe('2026-11-22');
    expect(jstDate(new Date('2026-11-22T15:00:00Z'))).toBe('2026-11-23');
  });

  it('reads "YYYY-MM-DD HH:MM" as Japan time', () => {
    expect(jstInstant('2026-12-18 17:00').toISOString()).toBe('2026-12-18T08:00:00.000Z');
    expect(jstInstant('2026-12-18').toISOString()).toBe('2026-12-17T15:00:00.000Z');
    expect(jstInstant('2026-12-18', 'end').toISOString()).toBe('2026-12-18T15:00:00.000Z');
  });

  it('keeps a 17:00 deadline open at 10:00 JST and closed at 18:00 JST that day', () => {
    const closes = '2026-12-18 17:00';
    expect(isBeforeDeadline(new Date('2026-12-18T01:00:00Z'), closes)).toBe(true); // 10:00 JST
    expect(isBeforeDeadline(new Date('2026-12-18T07:59:59Z'), closes)).toBe(true); // 16:59:59 JST
    expect(isBeforeDeadline(new Date('2026-12-18T08:00:00Z'), closes)).toBe(false); // 17:00 JST
    expect(isBeforeDeadline(new Date('2026-12-18T09:00:00Z'), closes)).toBe(false); // 18:00 JST
  });

  it('keeps a deadline without a time open through that whole Japan day', () => {
    expect(isBeforeDeadline(new Date('2026-02-27T14:59:00Z'), '2026-02-27')).toBe(true); // 23:59 JST
    expect(isBeforeDeadline(new Date('2026-02-27T15:00:00Z'), '2026-02-27')).toBe(false); // 0:00 JST next day
  });

  it('rejects malformed dates', () => {
    expect(() => isBusinessDay('2026/11/23')).toThrow(RangeError);
    expect(() => jstInstant('2026-12-18 5pm')).toThrow(RangeError);
  });
});
