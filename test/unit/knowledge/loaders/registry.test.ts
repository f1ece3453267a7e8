import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalColumn, decodeText, parseRegistry, partnerChunk } from '../../../../src/knowledge/loaders/registry.ts';
import { FIXTURES, FIXTURE_KNOWLEDGE } from '../../../helpers/fixtures.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('parseRegistry: CSV', () => {
  it('reads a Shift_JIS file with Japanese headers, reporting bad rows by line and keeping the rest', () => {
    const file = path.join(FIXTURES, 'registry-sjis.csv');
    const load = parseRegistry(file, new Uint8Array(readFileSync(file)));
    expect(load.encoding).toBe('shift_jis');
    expect(load.partners.map((p) => p.id)).toEqual(['S01', 'S04']);
    expect(load.partners[0]).toMatchObject({ name: '架空金型製作所', prefecture: '新潟県', capabilities: ['金型', '射出成形'], employees: 30, bcp_certified: true });
    expect(load.problems).toEqual([
      expect.objectContaining({ line: 3, field: 'employees', message: expect.stringContaining('従業員たくさん') }),
      expect.objectContaining({ line: 4, field: 'name' }),
    ]);
  });

  it('reads UTF-8 with canonical headers, comments and both list separators', () => {
    const file = path.join(FIXTURE_KNOWLEDGE, 'partners', 'registry.csv');
    const load = parseRegistry(file, new Uint8Array(readFileSync(file)));
    expect(load.problems).toEqual([]);
    expect(load.partners[1]!.capabilities).toEqual(['めっき', 'バフ研磨']);
  });

  it('reports a row with the wrong number of columns and a duplicate id', () => {
    const csv = 'id,name,prefecture\nA1,一社,愛知県\nA2,二社\nA1,三社,岐阜県\n';
    const load = parseRegistry('r.csv', utf8(csv));
    expect(load.partners.map((p) => p.name)).toEqual(['一社']);
    expect(load.problems.map((p) => [p.line, p.message])).toEqual([
      [3, 'expected 3 columns, found 2'],
      [4, 'duplicate id "A1" (first on line 2)'],
    ]);
  });

  it('refuses a file without an id column', () => {
    const load = parseRegistry('r.csv', utf8('name,prefecture\n一社,愛知県\n'));
    expect(load.partners).toEqual([]);
    expect(load.problems[0]).toMatchObject({ field: 'id', line: 1 });
  });
});

describe('parseRegistry: JSON', () => {
  it('reads an array, with Japanese keys, and names the index of a bad item', () => {
    const json = JSON.stringify([{ 企業ID: 'J1', 企業名: 'ジェイ工業', 都道府県: '大阪府', 得意技術: ['プレス', '溶接'] }, { id: 'J2', prefecture: '大阪府' }]);
    const load = parseRegistry('r.json', utf8(json));
    expect(load.partners).toHaveLength(1);
    expect(load.partners[0]!.capabilities).toEqual(['プレス', '溶接']);
    expect(load.problems[0]).toMatchObject({ field: '[1].name' });
  });

  it('reports broken JSON instead of throwing', () => {
    expect(parseRegistry('r.json', utf8('[{')).problems[0]!.message).toMatch(/not valid JSON/);
  });
});

describe('registry helpers', () => {
  it('detects UTF-8 with a BOM', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('企業ID')]))).toEqual({ text: '企業ID', encoding: 'utf-8' });
  });
  it('maps Japanese header aliases to canonical columns', () => {
    expect(canonicalColumn('得意技術')).toBe('capabilities');
    expect(canonicalColumn('ＳＤＧｓ')).toBe('sdgs');
    expect(canonicalColumn('好きな食べ物')).toBeUndefined();
  });
  it('writes one passage per company without inventing contact data', () => {
    const file = path.join(FIXTURE_KNOWLEDGE, 'partners', 'registry.csv');
    const [p] = parseRegistry(file, new Uint8Array(readFileSync(file))).partners;
    const chunk = partnerChunk('partners/registry', p!, { title: '企業登録簿' });
    expect(chunk.id).toBe('partners/registry#T001');
    expect(chunk.text).toContain('得意技術: 切削加工、研削');
    expect(chunk.text).toContain('資本金: 1,000万円');
    expect(chunk.text).not.toMatch(/\d{2,4}-\d{2,4}-\d{4}|@/);
  });
});
