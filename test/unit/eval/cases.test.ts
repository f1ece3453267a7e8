// Case files: zod validation with file and line, the rest still loads; folders and duplicate ids.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCases, parseCases } from '../../../src/eval/cases.ts';
import { tempDir } from '../../helpers/fixtures.ts';

const good = (id: string) => JSON.stringify({ id, tags: ['t'], turns: ['こんにちは', { postback: 'menu:diagnosis' }], expect: { intent: 'diagnosis' } });

describe('parseCases', () => {
  it('reads good lines and names the line and field of bad ones', () => {
    const text = [
      good('a'),
      '',
      '// a comment',
      '{"id": "b", "turns": ["x"], "expect": {"inclde": ["1/2"]}}',
      '{"id": "c", "turns": [], "expect": {"refusal": true}}',
      '{"id": "d", "turns": ["x"], "expect": {}}',
      '{"id": "e", "turns": ["x"], "profile": {"employees": "many"}, "expect": {"refusal": true}}',
      '{"id": "f", "turns": ["x"', // broken JSON
      good('g'),
    ].join('\n');
    const { cases, problems } = parseCases(text, 'x.jsonl');
    expect(cases.map((c) => [c.id, c.line])).toEqual([['a', 1], ['g', 9]]);
    expect(problems.map((p) => `${p.file}:${p.line}`)).toEqual(['x.jsonl:4', 'x.jsonl:5', 'x.jsonl:6', 'x.jsonl:7', 'x.jsonl:8']);
    expect(problems[0]!.message).toMatch(/inclde/);
    expect(problems[1]!.message).toMatch(/^turns:/);
    expect(problems[2]!.message).toMatch(/at least one expectation/);
    expect(problems[3]!.message).toMatch(/^profile\.employees:/);
    expect(problems[4]!.message).toMatch(/not valid JSON/);
  });
});

describe('loadCases', () => {
  let tmp: ReturnType<typeof tempDir>;
  afterEach(() => tmp?.cleanup());

  it('walks folders for *.jsonl, reports a missing path and a repeated id', () => {
    tmp = tempDir();
    mkdirSync(path.join(tmp.dir, 'sub'));
    writeFileSync(path.join(tmp.dir, 'a.jsonl'), `${good('one')}\n${good('two')}\n`);
    writeFileSync(path.join(tmp.dir, 'sub', 'b.jsonl'), `${good('two')}\n${good('three')}\n`);
    writeFileSync(path.join(tmp.dir, 'notes.txt'), 'not a case file');
    const { cases, problems } = loadCases([tmp.dir, path.join(tmp.dir, 'missing.jsonl')]);
    expect(cases.map((c) => c.id)).toEqual(['one', 'two', 'three']);
    expect(problems.map((p) => p.message)).toEqual(['no such file or folder', expect.stringMatching(/id "two" is already used at .*a\.jsonl:2/)]);
  });
});
