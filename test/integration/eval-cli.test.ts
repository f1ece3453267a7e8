// `tsunagu eval` as a deployer runs it: their own knowledge root (--knowledge) and a Shift_JIS
// registry with Japanese headers (--registry), a folder of case files with bad lines, the
// contract's last line, the three reports, and the exit status of --min-accuracy.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.ts';
import { FIXTURES, tempDir } from '../helpers/fixtures.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

function runEval(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin/tsunagu.js'), 'eval', ...args], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: { ...process.env, TSUNAGU_DATA_DIR: path.join(tmp.dir, 'unused-data'), TSUNAGU_LOG_LEVEL: 'silent' },
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, last: r.stdout.trimEnd().split('\n').at(-1)! };
}

const deployer = (out: string, ...extra: string[]) => [
  '--cases', path.join(FIXTURES, 'eval'),
  '--knowledge', path.join(FIXTURES, 'knowledge'),
  '--registry', path.join(FIXTURES, 'registry-sjis.csv'),
  '--today', '2026-11-21',
  '--out', path.join(tmp.dir, out),
  ...extra,
];

describe('tsunagu eval on a deployer\'s own data', () => {
  let run: ReturnType<typeof runEval>;
  beforeAll(() => {
    run = runEval(deployer('reports'));
  }, 120_000);

  it('runs every good case and ends with the contract line', () => {
    expect(run.status).toBe(0);
    expect(run.last).toBe('eval: cases=9 answer_accuracy=1.000 citation_accuracy=1.000 refusal_accuracy=1.000 partner_recall=1.000 wrong_numbers=0');
    // the per-tag table comes before it
    expect(run.stdout).toMatch(/^tag +cases +passed +answer +citation +refusal +partner_recall +wrong_numbers$/m);
    expect(run.stdout).toMatch(/^partner +2 +2 +1\.000/m);
  });

  it('names the bad case lines and the bad registry rows, and still runs the rest', () => {
    expect(run.stderr).toMatch(/broken\.jsonl:2: expect: Unrecognized key: "inclde"/);
    expect(run.stderr).toMatch(/broken\.jsonl:3: not valid JSON/);
    expect(run.stderr).toMatch(/registry-sjis\.csv:3: employees: .*従業員たくさん/);
    expect(run.stderr).toMatch(/registry-sjis\.csv:4: name:/);
    // a case naming a company the registry does not have (the bad row) is flagged
    expect(run.stderr).toMatch(/fx-partner-bad-row expects partner "S02", which the registry does not have/);
  });

  it('writes report.json with every case, and report.md / report.html with the failures section', () => {
    const json = JSON.parse(readFileSync(path.join(tmp.dir, 'reports', 'report.json'), 'utf8'));
    expect(json.cases).toHaveLength(9);
    const partner = json.cases.find((c: { id: string }) => c.id === 'fx-partner');
    expect(partner).toMatchObject({ pass: true, got: { intent: 'partners', partners: expect.arrayContaining(['S01']) } });
    expect(json.summary).toMatchObject({ cases: 9, passed: 9, wrong_numbers: 0 });
    expect(json.problems.caseFiles).toHaveLength(2);
    const md = readFileSync(path.join(tmp.dir, 'reports', 'report.md'), 'utf8');
    expect(md).toContain('| partner | 2 | 2 | 1.000 |');
    expect(md).toContain('## Failures (0)');
    const html = readFileSync(path.join(tmp.dir, 'reports', 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });
});

describe('tsunagu eval flags', () => {
  it('exits 1 when --min-accuracy is missed, and the contract line stays last', () => {
    const r = runEval([...deployer('strict', '--min-accuracy', '1'), '--cases', path.join(FIXTURES, 'eval-failing.jsonl')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/answer_accuracy 0\.900 is below --min-accuracy 1/);
    expect(r.last).toMatch(/^eval: cases=10 answer_accuracy=0\.900 /);
    const md = readFileSync(path.join(tmp.dir, 'strict', 'report.md'), 'utf8');
    expect(md).toContain('### fx-wrong-rate');
    expect(md).toMatch(/includeAny: none of 「3\/4」/);
  }, 120_000);

  it('rejects a bad flag value with a usage message', () => {
    const r = runEval(['--today', '21/11/2026']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--today: expected a date as YYYY-MM-DD/);
    const m = runEval(['--min-accuracy', 'high']);
    expect(m.status).toBe(2);
    expect(m.stderr).toMatch(/--min-accuracy: expected a number from 0 to 1/);
  });
});
