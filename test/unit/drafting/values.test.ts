// Reading owners' answers for template fields: owner-style numbers, dates and lists, the JSON
// values of a profile file, and where a value is already known (profile, diagnosis).
import { describe, expect, it } from 'vitest';
import { TemplateField } from '../../../src/drafting/template.ts';
import { coerceAnswer, formatValue, knownValue, parseAnswer, valueOf } from '../../../src/drafting/values.ts';

const field = (over: Record<string, unknown>) => TemplateField.parse({ id: 'x', label: 'ラベル', question: '質問？', why: '理由のため', type: 'text', ...over });
const money = field({ type: 'money' });
const wage = field({ type: 'money', bare_yen: true });
const count = field({ type: 'number', unit: '回' });
const percent = field({ type: 'percent' });
const date = field({ type: 'date' });
const list = field({ type: 'list' });

describe('owner-style answers', () => {
  it.each([
    ['1,200万', 12_000_000],
    ['１２００万円', 12_000_000],
    ['3億', 300_000_000],
    ['1億2000万円', 120_000_000],
    ['500万くらい', 5_000_000],
    ['３０，０００，０００円', 30_000_000],
    ['マイナス200万円', -2_000_000],
    ['▲50万', -500_000],
  ])('reads the amount %s as %d yen', (text, yen) => {
    expect(parseAnswer(money, text)).toBe(yen);
  });

  it('does not guess the unit of a bare small number, except for wages given in yen', () => {
    expect(parseAnswer(money, '3000')).toBeUndefined();
    expect(parseAnswer(wage, '1050')).toBe(1050);
    expect(parseAnswer(wage, '１１００円くらい')).toBe(1100);
    expect(parseAnswer(money, 'たくさん')).toBeUndefined();
    expect(parseAnswer(money, '1000万から1500万')).toBeUndefined(); // two figures: not one answer
  });

  it('reads counts, percentages and dates', () => {
    expect(parseAnswer(count, '年２回')).toBe(2);
    expect(parseAnswer(count, '3〜5回')).toBeUndefined();
    expect(parseAnswer(count, 'わからない')).toBeUndefined();
    expect(parseAnswer(percent, '３．５％')).toBe(3.5);
    expect(parseAnswer(percent, '3割')).toBe(30);
    expect(parseAnswer(date, '2027年4月')).toBe('2027-04');
    expect(parseAnswer(date, '２０２７／４／１')).toBe('2027-04-01');
    expect(parseAnswer(date, '令和9年4月1日')).toBe('2027-04-01');
    expect(parseAnswer(date, '2027年2月30日')).toBeUndefined();
    expect(parseAnswer(date, '来年の春')).toBeUndefined();
  });

  it('splits a list on 、 and line breaks, dropping bullets', () => {
    expect(parseAnswer(list, '代替生産、共同備蓄\n・人員の融通')).toEqual(['代替生産', '共同備蓄', '人員の融通']);
    expect(parseAnswer(list, '  ')).toBeUndefined();
  });

  it('takes JSON numbers as they are and reads JSON strings as typed answers', () => {
    expect(coerceAnswer(money, 30_000_000)).toBe(30_000_000);
    expect(coerceAnswer(money, '3,000万円')).toBe(30_000_000);
    expect(coerceAnswer(count, -1)).toBeUndefined();
    expect(coerceAnswer(list, ['a', ' ', 'b'])).toEqual(['a', 'b']);
    expect(coerceAnswer(list, [1, 2])).toBeUndefined();
    expect(coerceAnswer(date, 20270401)).toBeUndefined();
  });

  it('prints values the way the draft writes them', () => {
    expect(formatValue(money, 12_000_000)).toBe('1,200万円');
    expect(formatValue(money, -1_200_000)).toBe('マイナス120万円');
    expect(formatValue(count, 2)).toBe('2回');
    expect(formatValue(date, '2027-04')).toBe('2027年4月');
    expect(formatValue(list, ['a', 'b'])).toBe('a、b');
  });
});

describe('values already known', () => {
  const employees = field({ id: 'employees', type: 'number', unit: '人', from: 'profile.employees' });
  const strengths = field({ id: 'strengths', type: 'list', from: 'diagnosis.strengths' });

  it('takes a value from the profile or the diagnosis, and an answer wins over both', () => {
    const input = { profile: { employees: 12 }, answers: {}, diagnosis: { strengths: ['短納期'], issues: [] } };
    expect(knownValue(employees, input)).toBe(12);
    expect(knownValue(strengths, input)).toEqual(['短納期']);
    expect(valueOf(employees, { ...input, answers: { employees: 14 } })).toBe(14);
    expect(knownValue(strengths, { ...input, diagnosis: { strengths: [], issues: [] } })).toBeUndefined();
    expect(knownValue(field({ from: 'ask' }), input)).toBeUndefined();
  });
});
