// `tsunagu draft` as an owner or a support center runs it: the built-in knowledge, no network,
// a profile file with answers; both files written to a new folder; clear exit-2 errors for a
// bad kind, a missing flag, a bad profile field or answer, and a missing file.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.ts';
import { FIXTURES, tempDir } from '../helpers/fixtures.ts';

const tmp = tempDir('tsunagu-draft-cli-');
afterAll(() => tmp.cleanup());

function draft(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, TSUNAGU_DATA_DIR: path.join(tmp.dir, 'unused-data'), TSUNAGU_LOG_LEVEL: 'silent' };
  delete env.TSUNAGU_KNOWLEDGE_DIRS;
  delete env.TSUNAGU_REGISTRY;
  delete env.OPENAI_API_KEY;
  delete env.OPENAI_BASE_URL;
  const r = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin/tsunagu.js'), 'draft', ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', env, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function profileFile(name: string, content: unknown): string {
  const file = path.join(tmp.dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('tsunagu draft', () => {
  it('writes the Markdown and the Word file to a new folder and counts the 要記入 items', () => {
    const out = path.join(tmp.dir, 'out', 'nested');
    const r = draft(['--kind', 'monozukuri', '--profile', path.join(FIXTURES, 'drafts', 'monozukuri.json'), '--out', out, '--today', '2026-11-21']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const md = path.join(out, 'monozukuri.md');
    const docx = path.join(out, 'monozukuri.docx');
    const markdown = readFileSync(md, 'utf8');
    // the items listed under 記入が必要な項目, each also marked 【要記入: …】 in the text
    const listed = markdown.split('## 記入が必要な項目')[1]!.split('\n## ')[0]!.match(/^- .+$/gm) ?? [];
    expect(listed.length).toBeGreaterThan(0);
    for (const item of listed) expect(markdown).toContain(`【要記入: ${item.slice(2).split('：')[0]}。`);
    expect(r.stdout.trim().split('\n')).toEqual([`wrote ${md}`, `wrote ${docx}`, expect.stringMatching(new RegExp(`^要記入: ${listed.length} item\\(s\\)`))]);
    expect(markdown).toMatch(/^# ものづくり補助金　事業計画書（下書き）\n/);
    expect(markdown).toContain('作成日：2026年11月21日');
    expect(readFileSync(docx).subarray(0, 2).toString()).toBe('PK');
  });

  it('exits with 2 on an unknown kind, naming the flag and the kinds', () => {
    const r = draft(['--kind', 'kaizen', '--profile', path.join(FIXTURES, 'drafts', 'monozukuri.json'), '--out', path.join(tmp.dir, 'never')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--kind: expected one of jigyokei, jigyokei-renkei, monozukuri, jizokuka, got "kaizen"');
    expect(existsSync(path.join(tmp.dir, 'never'))).toBe(false);
  });

  it('exits with 2 when a flag is missing or the file cannot be read', () => {
    const noProfile = draft(['--kind', 'jigyokei', '--out', path.join(tmp.dir, 'never')]);
    expect(noProfile.status).toBe(2);
    expect(noProfile.stderr).toContain('--profile: missing');
    const missing = draft(['--kind', 'jigyokei', '--profile', path.join(tmp.dir, 'no-such.json'), '--out', path.join(tmp.dir, 'never')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no-such.json (ENOENT)');
    const notJson = draft(['--kind', 'jigyokei', '--profile', profileFile('broken.json', '{"companyName": '), '--out', path.join(tmp.dir, 'never')]);
    expect(notJson.status).toBe(2);
    expect(notJson.stderr).toContain('is not valid JSON');
  });

  it('exits with 2 on a bad profile field, naming it', () => {
    const bad = draft(['--kind', 'jizokuka', '--profile', profileFile('bad.json', { companyName: '佐藤板金', employees: '多い' }), '--out', path.join(tmp.dir, 'never')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--profile: .*bad\.json: employees: .*expected number/);
    const unknown = draft(['--kind', 'jizokuka', '--profile', profileFile('typo.json', { companyName: '佐藤板金', emploees: 8 }), '--out', path.join(tmp.dir, 'never')]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/typo\.json: emploees: Unrecognized key/);
  });

  it('exits with 2 on an answer the template does not have or cannot read', () => {
    const unknown = draft(['--kind', 'jizokuka', '--profile', profileFile('answers.json', { answers: { budget: '50万円' } }), '--out', path.join(tmp.dir, 'never')]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('answers.budget: not a field of the jizokuka template');
    const unreadable = draft(['--kind', 'jizokuka', '--profile', profileFile('amount.json', { answers: { expenseTotal: 'たくさん' } }), '--out', path.join(tmp.dir, 'never')]);
    expect(unreadable.status).toBe(2);
    expect(unreadable.stderr).toContain('answers.expenseTotal: expected an amount of money');
    expect(existsSync(path.join(tmp.dir, 'never'))).toBe(false);
  });
});
