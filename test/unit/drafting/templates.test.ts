// Template files: the built-in ones load against the real knowledge (and the knowledge loaders
// do not take them for documents); broken ones are rejected with the file and the field named;
// a deployer's knowledge root overrides one template and keeps the others.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadCatalog, type Catalog } from '../../../src/assistant/catalog.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../../../src/config.ts';
import { TsunaguError } from '../../../src/domain/errors.ts';
import { DRAFT_KINDS } from '../../../src/drafting/kinds.ts';
import { findTemplateFile, loadTemplate, loadTemplateFile } from '../../../src/drafting/templates.ts';
import { listSources } from '../../../src/knowledge/sources.ts';
import { tempDir } from '../../helpers/fixtures.ts';

let catalog: Catalog;
const tmp = tempDir('tsunagu-templates-');
beforeAll(async () => {
  catalog = await loadCatalog([DEFAULT_KNOWLEDGE_DIR]);
});
afterAll(() => tmp.cleanup());

/** A small valid jizokuka template; each test breaks one thing. */
function minimal(): Record<string, any> {
  return {
    kind: 'jizokuka',
    title: 'テスト用の下書き',
    label: 'テスト',
    program: 'subsidies/jizokuka-ippan',
    fields: [
      { id: 'companyName', type: 'text', label: '会社名', question: '会社名は？', why: '申請者を示すため', from: 'profile.companyName' },
      { id: 'employees', type: 'number', unit: '人', label: '従業員数', question: '何人？', why: '対象か確かめるため', from: 'profile.employees' },
    ],
    sections: [{ heading: '1. 概要', body: '{{companyName}}（{{employees}}）' }],
    checks: [
      {
        id: 'small',
        type: 'at_most',
        label: '従業員数',
        value: 'employees',
        requirement: { doc: 'subsidies/jizokuka-ippan', contains: ['製造業その他'], unit: '人', near: '製造業その他' },
      },
    ],
    reminders: [{ text: '様式4が必要です。', doc: 'subsidies/jizokuka-ippan', quote: '様式4「事業支援計画書」' }],
  };
}

let n = 0;
function write(template: Record<string, any>, name = 'jizokuka'): string {
  const dir = path.join(tmp.dir, `root${n++}`, 'templates');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.yaml`);
  writeFileSync(file, stringify(template));
  return file;
}

function errorOf(template: Record<string, any>, name?: string): TsunaguError {
  const file = write(template, name);
  try {
    loadTemplateFile(file, catalog.docs);
  } catch (e) {
    expect(e).toBeInstanceOf(TsunaguError);
    expect((e as TsunaguError).message).toContain(file);
    return e as TsunaguError;
  }
  throw new Error('expected the template to be rejected');
}

describe('built-in templates', () => {
  it.each(DRAFT_KINDS)('%s loads and every document it cites exists and states what it reads', (kind) => {
    const t = loadTemplate([DEFAULT_KNOWLEDGE_DIR], kind, catalog.docs);
    expect(t.kind).toBe(kind);
    expect(t.file).toBe(path.join(DEFAULT_KNOWLEDGE_DIR, 'templates', `${kind}.yaml`));
  });

  it('are not read as knowledge documents', () => {
    expect(catalog.problems).toEqual([]);
    expect([...catalog.docs.keys()].filter((id) => id.startsWith('templates/'))).toEqual([]);
    expect(listSources([DEFAULT_KNOWLEDGE_DIR]).files.some((f) => f.path.includes(`${path.sep}templates${path.sep}`))).toBe(false);
  });

  it('a valid small template loads', () => {
    expect(loadTemplateFile(write(minimal()), catalog.docs).fields).toHaveLength(2);
  });
});

describe('broken templates are rejected with the file and the field', () => {
  it('a value the schema does not allow', () => {
    const t = minimal();
    t.fields[0].type = 'currency';
    expect(errorOf(t).details.field).toBe('fields[0].type');
  });

  it('an unknown key (a typo)', () => {
    const t = minimal();
    t.sections[0].boby = 'x';
    expect(errorOf(t).message).toMatch(/sections\[0\].*boby/);
  });

  it('a placeholder that names no field, and a stray brace', () => {
    const t = minimal();
    t.sections[0].body = '{{companyName}} {{ceo}}';
    expect(errorOf(t).message).toContain('sections[0].body: placeholder {{ceo}} names no field');
    const u = minimal();
    u.sections[0].body = '{{companyName}}{{employees}} {{会社}}';
    expect(errorOf(u).details.field).toBe('sections[0].body');
  });

  it('a field asked but never used, and a field used twice', () => {
    const t = minimal();
    t.fields.push({ id: 'unused', type: 'text', label: '未使用', question: '？', why: '理由' });
    expect(errorOf(t).message).toContain('"unused" is asked but never used');
    const u = minimal();
    u.fields.push({ ...u.fields[0] });
    expect(errorOf(u).details.field).toBe('fields[2].id');
  });

  it('a source whose type does not fit the field', () => {
    const t = minimal();
    t.fields[0].from = 'profile.employees';
    expect(errorOf(t).message).toContain('fields[0].from: "profile.employees" gives a number value');
  });

  it('a check on a field of the wrong type', () => {
    const t = minimal();
    t.checks[0].value = 'companyName';
    expect(errorOf(t).message).toContain('checks[0].value: at_most checks need a number field here; "companyName" is text');
  });

  it('a document the knowledge does not have', () => {
    const t = minimal();
    t.program = 'subsidies/no-such-program';
    expect(errorOf(t).message).toContain('program: no knowledge document "subsidies/no-such-program"');
  });

  it('a requirement the document does not state', () => {
    const t = minimal();
    t.checks[0].requirement.contains = ['宇宙開発'];
    expect(errorOf(t).details.field).toBe('checks[0].requirement');
    const u = minimal();
    u.checks[0].requirement.unit = '%';
    expect(errorOf(u).message).toContain('checks[0].requirement: the passage of "subsidies/jizokuka-ippan" containing "製造業その他" has no figure in % stated as 以下');
  });

  it('a reminder whose quote is not in its document', () => {
    const t = minimal();
    t.reminders[0].quote = '申請は郵送でもできます';
    expect(errorOf(t).message).toContain('reminders[0].quote');
  });

  it('a file that holds another kind', () => {
    expect(errorOf(minimal(), 'monozukuri').message).toContain('kind: the file monozukuri.yaml must hold the "monozukuri" template');
  });
});

describe('lookup', () => {
  it('takes a deployer\'s template for its kind and the built-in ones for the rest', () => {
    const own = write({ ...minimal(), title: '当センター版の下書き' });
    const root = path.dirname(path.dirname(own));
    expect(findTemplateFile([root], 'jizokuka')).toBe(own);
    expect(loadTemplate([root], 'jizokuka', catalog.docs).title).toBe('当センター版の下書き');
    expect(findTemplateFile([root], 'monozukuri')).toBe(path.join(DEFAULT_KNOWLEDGE_DIR, 'templates', 'monozukuri.yaml'));
  });
});
