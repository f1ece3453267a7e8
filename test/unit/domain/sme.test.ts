import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatYen } from '../../../src/domain/format.ts';
import { classifySme, INDUSTRY_GROUPS, industryGroupOf } from '../../../src/domain/sme.ts';

const DEFINITION = readFileSync(
  path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../knowledge/subsidies/sme-definition.md'),
  'utf8',
);

describe('SME definition by industry', () => {
  it('maps manufacturing industry names to 製造業その他', () => {
    for (const s of ['製造業', '金属製品製造業', 'プラスチック製品製造業', '自動車部品製造業', 'タイヤ製造業', '建設業']) {
      expect(industryGroupOf(s)?.id, s).toBe('manufacturing_other');
    }
    expect(industryGroupOf('卸売業')?.id).toBe('wholesale');
    expect(industryGroupOf('小売業')?.id).toBe('retail');
    expect(industryGroupOf('サービス業')?.id).toBe('service');
    expect(industryGroupOf('ゴム製品製造業')?.id).toBe('rubber');
    expect(industryGroupOf('情報処理サービス業')?.id).toBe('software');
    expect(industryGroupOf('旅館業')?.id).toBe('ryokan');
    expect(industryGroupOf('なんでも屋')).toBeUndefined();
    expect(industryGroupOf(undefined)).toBeUndefined();
  });

  it('a manufacturer with 300 employees and 5億円 capital is an SME by the employee rule', () => {
    const c = classifySme({ industry: '金属製品製造業', employees: 300, capitalJpy: 500_000_000 });
    expect(c).toMatchObject({ sme: 'yes', smeBasis: ['employees'], small: 'no', size: 'sme', missing: [] });
  });

  it('a manufacturer with 301 employees and 4億円 capital is not an SME', () => {
    const c = classifySme({ industry: '製造業', employees: 301, capitalJpy: 400_000_000 });
    expect(c).toMatchObject({ sme: 'no', smeBasis: ['employees', 'capital'], size: 'not_sme' });
  });

  it('either rule is enough: 301 employees with 3億円 capital is an SME by capital', () => {
    expect(classifySme({ industry: '製造業', employees: 301, capitalJpy: 300_000_000 })).toMatchObject({ sme: 'yes', smeBasis: ['capital'] });
  });

  it('小規模事業者 in manufacturing: 20 employees yes, 21 no', () => {
    expect(classifySme({ industry: '製造業', employees: 20 })).toMatchObject({ small: 'yes', size: 'small' });
    expect(classifySme({ industry: '製造業', employees: 21 })).toMatchObject({ small: 'no', sme: 'yes', size: 'sme' });
  });

  it('commerce and services: 小規模 is 5 employees or fewer, 宿泊業・娯楽業 20', () => {
    expect(classifySme({ industry: 'サービス業', employees: 5 }).small).toBe('yes');
    expect(classifySme({ industry: 'サービス業', employees: 6 }).small).toBe('no');
    expect(classifySme({ industry: '卸売業', employees: 6 }).small).toBe('no');
    expect(classifySme({ industry: '宿泊業', employees: 20 }).small).toBe('yes');
  });

  it('uses the thresholds of each industry', () => {
    expect(classifySme({ industry: '卸売業', employees: 101, capitalJpy: 200_000_000 }).sme).toBe('no');
    expect(classifySme({ industry: '小売業', employees: 51, capitalJpy: 50_000_000 })).toMatchObject({ sme: 'yes', smeBasis: ['capital'] });
    expect(classifySme({ industry: '小売業', employees: 51, capitalJpy: 50_000_001 }).sme).toBe('no');
    expect(classifySme({ industry: 'ゴム製品製造業', employees: 600, capitalJpy: 500_000_000 }).sme).toBe('yes');
    expect(classifySme({ industry: 'タイヤ・チューブ製造業', employees: 600, capitalJpy: 500_000_000 }).sme).toBe('no');
    expect(classifySme({ industry: '旅館業', employees: 200, capitalJpy: 100_000_000 }).sme).toBe('yes');
  });

  it('an unknown industry gives "unknown" and names what is missing', () => {
    expect(classifySme({ industry: 'なんでも屋', employees: 10, capitalJpy: 10_000_000 })).toMatchObject({ sme: 'unknown', small: 'unknown', missing: ['industry'], size: 'unknown' });
    expect(classifySme({ employees: 10 }).missing).toEqual(['industry']);
    expect(classifySme({}).missing).toEqual(['industry', 'employees']);
  });

  it('does not guess from a rule it cannot check', () => {
    expect(classifySme({ industry: '製造業', employees: 400 })).toMatchObject({ sme: 'unknown', missing: ['capital'] });
    expect(classifySme({ industry: '製造業' })).toMatchObject({ sme: 'unknown', small: 'unknown', missing: ['employees', 'capital'] });
    expect(classifySme({ industry: '製造業', capitalJpy: 10_000_000 })).toMatchObject({ sme: 'yes', small: 'unknown', missing: ['employees'] });
    // the definition gives no 小規模 figure for software
    expect(classifySme({ industry: 'ソフトウェア業', employees: 3 })).toMatchObject({ sme: 'yes', small: 'unknown' });
  });

  it('every group and threshold is written in sme-definition.md', () => {
    for (const g of INDUSTRY_GROUPS) {
      expect(DEFINITION, g.label).toContain(g.label);
      expect(DEFINITION, g.label).toContain(`${formatYen(g.capitalMaxJpy)}以下`);
      expect(DEFINITION, g.label).toContain(`${g.employeesMax}人以下`);
      if (g.smallEmployeesMax !== undefined) expect(DEFINITION, g.label).toContain(`${g.smallEmployeesMax}人以下`);
    }
  });
});
