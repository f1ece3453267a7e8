import { describe, expect, it } from 'vitest';
import { TsunaguError } from '../../../../src/domain/errors.ts';
import { parseMarkdownDoc } from '../../../../src/knowledge/loaders/markdown.ts';

const parse = (source: string) => parseMarkdownDoc({ id: 'subsidies/t', path: 'knowledge/subsidies/t.md', source, hash: 'h' });
const fail = (source: string): TsunaguError => {
  try {
    parse(source);
  } catch (e) {
    return e as TsunaguError;
  }
  throw new Error('expected an error');
};

const VALID = `---
title: テスト
kind: guide
source_url: https://example.go.jp/
as_of: 2026-09-01
---
# 本文
`;

describe('parseMarkdownDoc', () => {
  it('reads valid front matter and the body', () => {
    const doc = parse(VALID);
    expect(doc).toMatchObject({ id: 'subsidies/t', kind: 'guide', title: 'テスト', sourceUrl: 'https://example.go.jp/', asOf: '2026-09-01' });
    expect(doc.body.trim()).toBe('# 本文');
  });

  it('names the file when there is no front matter', () => {
    const e = fail('# 本文だけ');
    expect(e).toBeInstanceOf(TsunaguError);
    expect(e.message).toContain('knowledge/subsidies/t.md');
    expect(e.message).toContain('no front matter');
  });

  it('names the file and the line of broken YAML', () => {
    const e = fail('---\ntitle: テスト\nkind: [guide\n---\n');
    expect(e.message).toMatch(/knowledge\/subsidies\/t\.md:\d+: front matter is not valid YAML/);
  });

  it('names the field that fails the schema', () => {
    const e = fail(VALID.replace('as_of: 2026-09-01', 'as_of: 2026/9/1'));
    expect(e.details.field).toBe('as_of');
    expect(e.message).toContain('as_of: expected a date as YYYY-MM-DD');
  });

  it('names nested fields of a subsidy', () => {
    const e = fail(
      VALID.replace('kind: guide', 'kind: subsidy\nprogram: P\nadministrator: A\neligible: {}\nrounds:\n  - name: 第1回\n    closes: 5月8日'),
    );
    expect(e.message).toContain('rounds[0].closes');
  });

  it('rejects unknown fields, so typos do not pass silently', () => {
    expect(fail(VALID.replace('kind: guide', 'kind: guide\nsoruce_url: x')).message).toContain('soruce_url');
  });
});
