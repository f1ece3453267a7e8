import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, type Catalog } from '../../../src/assistant/catalog.ts';
import { DiagnosisEngine, docLookup, renderResult, type DiagnosisState, type DiagnosisStep } from '../../../src/assistant/flows/diagnosis.ts';
import { diagnosisText } from '../../../src/assistant/flows/diagnosis.ja.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../../../src/config.ts';
import type { OwnerProfile } from '../../../src/domain/conversation.ts';
import type { DiagnosisQuestion } from '../../../src/domain/diagnosis.ts';
import { FIXTURE_KNOWLEDGE, tempDir } from '../../helpers/fixtures.ts';

const NOW = new Date('2026-11-21T03:00:00Z');
let catalog: Catalog;
let engine: DiagnosisEngine;

beforeAll(async () => {
  catalog = await loadCatalog([DEFAULT_KNOWLEDGE_DIR]);
  engine = DiagnosisEngine.load([DEFAULT_KNOWLEDGE_DIR], { clock: () => NOW, docs: docLookup(catalog.docs) });
});

const questionOf = (e: DiagnosisEngine, id: string): DiagnosisQuestion => e.sections.flatMap((s) => s.questions).find((q) => q.id === id)!;
const sectionOf = (e: DiagnosisEngine, id: string) => e.sections.find((s) => s.questions.some((q) => q.id === id))!;

/** Checks what every channel relies on: short button labels, at most 13 buttons, a progress hint. */
function checkMessages(step: DiagnosisStep) {
  for (const m of step.messages) {
    expect(m.text.length).toBeGreaterThan(0);
    expect(m.choices?.length ?? 0).toBeLessThanOrEqual(13);
    for (const c of m.choices ?? []) {
      expect([...c.label].length).toBeLessThanOrEqual(20);
      expect(engine.isOwnPostback(c.id)).toBe(true);
    }
  }
  if (step.kind === 'ask' || step.kind === 'invalid') expect(step.messages[0]!.text).toMatch(/（\d+\/\d+）/);
}

/** An owner's chat: every turn goes through JSON (as if saved to SQLite and the server restarted) and applies profile patches. */
class Chat {
  state: DiagnosisState;
  profile: OwnerProfile;
  last: DiagnosisStep;
  constructor(
    readonly e: DiagnosisEngine,
    profile: OwnerProfile = {},
  ) {
    this.profile = { ...profile };
    this.last = this.apply(e.start(this.profile));
    this.state = this.last.state;
  }
  send(input: { text?: string; postback?: string }): DiagnosisStep {
    const restored = JSON.parse(JSON.stringify(this.state)) as DiagnosisState;
    this.last = this.apply(this.e.handle(restored, input, this.profile));
    return this.last;
  }
  private apply(step: DiagnosisStep): DiagnosisStep {
    if (this.e === engine) checkMessages(step);
    expect(JSON.parse(JSON.stringify(step.state))).toStrictEqual(step.state);
    if (step.profilePatch) Object.assign(this.profile, step.profilePatch);
    this.state = JSON.parse(JSON.stringify(step.state));
    return step;
  }
  get current() {
    return this.state.current;
  }
  get text() {
    return this.last.messages.map((m) => m.text).join('\n');
  }
}

type Mode = 'best' | 'worst';
/** Answers the current question by buttons: the highest- or lowest-scoring choice (all / none for checklists). */
function answer(chat: Chat, mode: Mode, opts: { localbench?: boolean } = {}): DiagnosisStep {
  const q = questionOf(chat.e, chat.current);
  if (q.id === 'lb-start') return chat.send({ postback: `diag:lb-start:${opts.localbench ? 'yes' : 'no'}` });
  if (q.type === 'number') return chat.send({ text: q.unit === 'count' ? '25人' : '1000万円' });
  if (q.type === 'text') return chat.send({ text: '愛知' });
  if (q.type === 'single') {
    const pts = q.choices.map((c) => c.points);
    const target = mode === 'best' ? Math.max(...pts) : Math.min(...pts);
    return chat.send({ postback: `diag:${q.id}:${q.choices.find((c) => c.points === target)!.id}` });
  }
  const scored = q.choices.filter((c) => !c.exclusive && c.points > 0);
  const picks = mode === 'best' ? (scored.length ? scored : [q.choices[0]!]) : [q.choices.find((c) => c.exclusive) ?? q.choices[0]!];
  for (const c of picks) chat.send({ postback: `diag:${q.id}:${c.id}` });
  return chat.send({ postback: `diag:done:${q.id}` });
}

function finish(chat: Chat, mode: (questionId: string) => Mode, opts: { localbench?: boolean } = {}) {
  for (let i = 0; i < 200 && chat.last.kind !== 'done'; i++) answer(chat, mode(chat.current), opts);
  expect(chat.last.kind).toBe('done');
  return (chat.last as Extract<DiagnosisStep, { kind: 'done' }>).result;
}

/** Strength and issue sentences the answers on the path carry (chosen choices, unchecked checklist items). */
function sentencesOf(e: DiagnosisEngine, state: DiagnosisState) {
  const strengths = new Set<string>();
  const issues = new Set<string>();
  for (const id of state.history) {
    const a = state.answers[id];
    if (a?.kind !== 'choice') continue;
    for (const c of questionOf(e, id).choices) {
      if (a.choices.includes(c.id)) {
        if (c.strength) strengths.add(c.strength);
        if (c.issue) issues.add(c.issue);
      } else if (c.if_missing?.issue) issues.add(c.if_missing.issue);
    }
  }
  return { strengths, issues };
}

const KNOWN: OwnerProfile = { industry: '金属製品製造業', employees: 25, capitalJpy: 30_000_000, prefecture: '愛知県' };

describe('question files', () => {
  it('load from the built-in knowledge: 4–7 questions per scored section, every suggestion an existing document', () => {
    const scored = engine.sections.filter((s) => s.scored);
    expect(scored.map((s) => s.area)).toEqual(['strengths', 'labour', 'market', 'collaboration', 'bcp', 'sdgs', 'digital']);
    for (const s of scored) expect(s.questions.length).toBeGreaterThanOrEqual(4), expect(s.questions.length).toBeLessThanOrEqual(7);
    const suggested = engine.sections.flatMap((s) => s.questions.flatMap((q) => q.choices.flatMap((c) => [...c.suggest, ...(c.if_missing?.suggest ?? [])])));
    expect(suggested.length).toBeGreaterThan(20);
    for (const id of suggested) expect(catalog.docs.has(id), id).toBe(true);
  });

  it('fall back to the built-in questions when the knowledge roots have no diagnosis/ folder', () => {
    expect(DiagnosisEngine.load([FIXTURE_KNOWLEDGE]).questionCount).toBe(engine.questionCount);
  });

  describe('a malformed file is an error naming the file and the field', () => {
    let tmp: ReturnType<typeof tempDir>;
    afterEach(() => tmp.cleanup());
    const write = (files: Record<string, string>) => {
      tmp = tempDir();
      mkdirSync(path.join(tmp.dir, 'diagnosis'));
      for (const [name, text] of Object.entries(files)) writeFileSync(path.join(tmp.dir, 'diagnosis', name), text);
      return [tmp.dir];
    };
    const section = (questions: string) => `area: test\norder: 1\nlabel: テスト\nquestions:\n${questions}`;
    const yesNo = `    choices:\n      - { id: yes, label: はい, points: 1 }\n      - { id: no, label: いいえ }\n`;

    it('an unknown question type', () => {
      const roots = write({ '01-bad.yaml': section(`  - id: q1\n    type: dropdown\n    prompt: 質問\n${yesNo}`) });
      expect(() => DiagnosisEngine.load(roots)).toThrow(/01-bad\.yaml.*questions\[0\]\.type/);
    });
    it('a next question that does not exist', () => {
      const roots = write({ '01-bad.yaml': section(`  - id: q1\n    type: single\n    prompt: 質問\n    next: q9\n${yesNo}`) });
      expect(() => DiagnosisEngine.load(roots)).toThrow(/01-bad\.yaml.*questions\[0\]\.next.*"q9" does not exist/);
    });
    it('a next rule that leads back', () => {
      const q2 = `  - id: q2\n    type: single\n    prompt: 質問2\n    choices:\n      - { id: a, label: あ, next: q1 }\n      - { id: b, label: い }\n`;
      const roots = write({ '01-bad.yaml': section(`  - id: q1\n    type: single\n    prompt: 質問\n${yesNo}${q2}`) });
      expect(() => DiagnosisEngine.load(roots)).toThrow(/questions\[1\]\.choices\[0\]\.next.*must come after/);
    });
    it('a question id used in two files', () => {
      const other = `area: other\norder: 2\nlabel: 別\nquestions:\n  - id: q1\n    type: single\n    prompt: 質問\n${yesNo}`;
      const roots = write({ '01-a.yaml': section(`  - id: q1\n    type: single\n    prompt: 質問\n${yesNo}`), '02-b.yaml': other });
      expect(() => DiagnosisEngine.load(roots)).toThrow(/02-b\.yaml.*questions\[0\]\.id.*also used in .*01-a\.yaml/);
    });
    it('a suggested document that does not exist', () => {
      const q = `  - id: q1\n    type: single\n    prompt: 質問\n    choices:\n      - { id: yes, label: はい, suggest: [subsidies/no-such-program] }\n      - { id: no, label: いいえ }\n`;
      const roots = write({ '01-bad.yaml': section(q) });
      expect(() => DiagnosisEngine.load(roots, { docs: docLookup(catalog.docs) })).toThrow(/01-bad\.yaml.*questions\[0\]\.choices\[0\]\.suggest\[0\].*no-such-program/);
    });
    it('a button label too long for a quick reply', () => {
      const q = `  - id: q1\n    type: single\n    prompt: 質問\n    choices:\n      - { id: yes, label: とても長いボタンの名前でスマートフォンに収まりません }\n      - { id: no, label: いいえ }\n`;
      expect(() => DiagnosisEngine.load(write({ '01-bad.yaml': section(q) }))).toThrow(/01-bad\.yaml.*questions\[0\]\.choices\[0\]\.label/);
    });
    it('a typed word that would stand for two choices', () => {
      const q = `  - id: q1\n    type: single\n    prompt: 質問\n    choices:\n      - { id: yes, label: はい, synonyms: [まあ] }\n      - { id: no, label: いいえ, synonyms: [まあ] }\n`;
      expect(() => DiagnosisEngine.load(write({ '01-bad.yaml': section(q) }))).toThrow(/questions\[0\]\.choices\[1\]\.synonyms.*"まあ"/);
    });

    it('and any valid file runs: free text, numbers, branching, scoring', () => {
      const roots = write({
        '01-own.yaml': section(
          `  - id: gate\n    type: single\n    prompt: 続けますか？\n    choices:\n      - { id: go, label: 続ける, points: 2, strength: 前向きです }\n      - { id: stop, label: やめる, issue: 後ろ向きです, next: '@end' }\n` +
            `  - id: motto\n    type: text\n    prompt: 社訓をひとことで\n` +
            `  - id: machines\n    type: number\n    unit: count\n    prompt: 機械は何台？\n`,
        ),
      });
      const own = DiagnosisEngine.load(roots, { clock: () => NOW });
      const go = new Chat(own);
      go.send({ text: '続ける' });
      expect(go.current).toBe('motto');
      go.send({ text: '品質第一' });
      go.send({ text: '十二' });
      expect(go.last.kind).toBe('done');
      expect(go.state.answers).toMatchObject({ motto: { kind: 'text', value: '品質第一' }, machines: { kind: 'number', value: 12 } });
      const result = (go.last as Extract<DiagnosisStep, { kind: 'done' }>).result;
      expect(result).toMatchObject({ areas: [{ id: 'test', score: 100, answered: 1 }], strengths: ['前向きです'], issues: [], completedAt: NOW.toISOString() });
      const stop = new Chat(own);
      stop.send({ postback: 'diag:gate:stop' });
      expect(stop.last.kind).toBe('done');
      expect((stop.last as Extract<DiagnosisStep, { kind: 'done' }>).result).toMatchObject({ areas: [{ score: 0 }], issues: ['後ろ向きです'] });
    });
  });
});

describe('a whole check through the engine', () => {
  it('typed answers and buttons, a restart, a skip, a back, an invalid answer and an old button, to the result', () => {
    const chat = new Chat(engine);
    expect(chat.current).toBe('industry');
    expect(chat.text).toContain('（1/');

    chat.send({ postback: 'diag:industry:plastic' });
    expect(chat.profile.industry).toBe('プラスチック製品製造業');
    // 最初から: the answers are cleared; what the profile now knows is shown and not asked again
    chat.send({ text: '最初から' });
    expect(chat.text).toContain(diagnosisText.restarted);
    expect(chat.text).toContain('業種 プラスチック製品製造業');
    expect(chat.state.history).toEqual(['industry']);
    expect(chat.state.answers.industry).toEqual({ kind: 'choice', choices: ['plastic'], auto: true });
    expect(chat.current).toBe('employees');

    expect(chat.send({ text: '二十五人' }).profilePatch).toEqual({ employees: 25 });
    expect(chat.text).toContain('「25人」で受け付けました');
    expect(chat.send({ text: '3千万円' }).profilePatch).toEqual({ capitalJpy: 30_000_000 });
    expect(chat.send({ text: '愛知' }).profilePatch).toEqual({ prefecture: '愛知県' });
    expect(chat.profile).toEqual({ industry: 'プラスチック製品製造業', employees: 25, capitalJpy: 30_000_000, prefecture: '愛知県' });

    // multi-select: buttons toggle, 決定 finishes
    expect(chat.current).toBe('strengths-valued');
    chat.send({ postback: 'diag:strengths-valued:precision' });
    chat.send({ postback: 'diag:strengths-valued:speed' });
    chat.send({ postback: 'diag:strengths-valued:speed' });
    chat.send({ postback: 'diag:strengths-valued:quality' });
    expect(chat.state.multiPending).toEqual(['precision', 'quality']);
    expect(chat.last.messages[0]!.choices!.map((c) => c.label)).toContain('✓ 技術・加工精度');
    chat.send({ postback: 'diag:done:strengths-valued' });
    expect(chat.state.answers['strengths-valued']).toEqual({ kind: 'choice', choices: ['precision', 'quality'] });

    // typed text naming several choices selects them all
    chat.send({ text: 'ISO9001とIATFです' });
    expect(chat.state.answers['strengths-certifications']).toEqual({ kind: 'choice', choices: ['iso9001', 'iatf16949'] });

    // skip, then back to the skipped question, then answer it
    expect(chat.current).toBe('strengths-materials');
    chat.send({ postback: 'diag:skip:strengths-materials' });
    expect(chat.state.answers['strengths-materials']).toEqual({ kind: 'skipped' });
    chat.send({ text: '戻る' });
    expect(chat.current).toBe('strengths-materials');
    expect(chat.state.answers['strengths-materials']).toBeUndefined();
    expect(chat.text).toContain('前回の回答：スキップ');
    chat.send({ text: 'ない' });
    expect(chat.state.answers['strengths-materials']).toEqual({ kind: 'choice', choices: ['no'] });

    // something that matches nothing: re-asked, nothing guessed
    const before = structuredClone(chat.state);
    const invalid = chat.send({ text: 'うーん、どうだろう' });
    expect(invalid.kind).toBe('invalid');
    expect(chat.state).toStrictEqual(before);
    expect(chat.text).toContain(diagnosisText.notUnderstood);
    expect(invalid.messages[0]!.choices!.map((c) => c.id)).toContain('diag:strengths-hard-jobs:often');

    // old buttons pressed again: ignored, the current question re-asked
    for (const postback of ['diag:industry:metal', 'diag:skip:strengths-materials', 'diag:strengths-valued:price', 'diag:done:strengths-valued']) {
      const step = chat.send({ postback });
      expect(step.kind).toBe('invalid');
      expect(chat.state).toStrictEqual(before);
      expect(chat.text).toContain(diagnosisText.stale);
    }
    expect(chat.profile.industry).toBe('プラスチック製品製造業');

    const result = finish(chat, () => 'best');
    expect(result.completedAt).toBe(NOW.toISOString());
    expect(result.areas.map((a) => a.id)).toEqual(['strengths', 'labour', 'market', 'collaboration', 'bcp', 'sdgs', 'digital']);
    for (const a of result.areas) {
      expect(a.score).toBeGreaterThanOrEqual(0);
      expect(a.score).toBeLessThanOrEqual(100);
    }
    // strengths: not every answer was the best one (会社案内がない, 技術と品質だけ)
    expect(result.areas.find((a) => a.id === 'strengths')!.score).toBeLessThan(100);
    expect(result.areas.find((a) => a.id === 'bcp')!.score).toBe(100);
    const said = sentencesOf(engine, chat.state);
    expect(result.strengths).toHaveLength(3);
    for (const s of result.strengths) expect(said.strengths.has(s), s).toBe(true);
    expect(result.issues).toContain('強みを伝える会社案内やウェブサイトがない');
    for (const s of result.issues) expect(said.issues.has(s), s).toBe(true);
    expect(result.localBenchmark).toBeUndefined();

    const summary = renderResult(result, docLookup(catalog.docs)).text;
    for (const a of result.areas) expect(summary).toContain(`${a.label}：${a.score}点`);
    for (const s of [...result.strengths, ...result.issues]) expect(summary).toContain(s);
  });

  it('an owner answering "no" to the BCP questions scores lower there than one answering "yes", and hears about it', () => {
    // every BCP question asked: the "yes" owner's ジギョケイ is still in preparation
    const bcpYes = new Chat(engine, KNOWN);
    const yes = finish(bcpYes, () => 'best');
    const bcpYes2 = new Chat(engine, KNOWN);
    for (let i = 0; i < 200 && bcpYes2.last.kind !== 'done'; i++) {
      if (bcpYes2.current === 'bcp-jigyokei') bcpYes2.send({ postback: 'diag:bcp-jigyokei:in-progress' });
      else answer(bcpYes2, 'best');
    }
    const yesAll = (bcpYes2.last as Extract<DiagnosisStep, { kind: 'done' }>).result;
    const bcpNo = new Chat(engine, KNOWN);
    const no = finish(bcpNo, (id) => (id.startsWith('bcp-') ? 'worst' : 'best'));

    const bcp = (r: typeof yes) => r.areas.find((a) => a.id === 'bcp')!;
    expect(bcp(yesAll).answered).toBe(7);
    expect(bcp(no).answered).toBe(7);
    expect(bcp(yesAll).score).toBeGreaterThan(bcp(no).score);
    expect(bcp(no).score).toBeLessThan(50);
    expect(bcp(yes).score).toBeGreaterThan(50);
    // other areas unchanged between the two owners
    for (const id of ['strengths', 'digital']) expect(no.areas.find((a) => a.id === id)!.score).toBe(yesAll.areas.find((a) => a.id === id)!.score);
    // the weakest area leads the issues; its documents lead the suggestions
    expect(no.issues).toContain('災害時の初動手順が決まっていない');
    const bcpIssues = new Set(questionOf(engine, 'bcp-first-response').choices.map((c) => c.issue));
    expect(no.issues.some((s) => bcpIssues.has(s))).toBe(true);
    expect(no.strengths.every((s) => !s.includes('災害'))).toBe(true);
    expect(no.suggestions.subsidies[0]).toBe('subsidies/jigyokei');
    expect(no.suggestions.starters[0]).toBe('starters/jigyokei-study-group');
    expect(yes.issues).toHaveLength(0);
  });

  it('an approved ジギョケイ skips the BCP detail questions, by answer or by profile', () => {
    const chat = new Chat(engine, KNOWN);
    while (chat.current !== 'bcp-jigyokei') answer(chat, 'best');
    expect(chat.text).toContain('〔BCP（災害への備え）〕');
    const step = chat.send({ postback: 'diag:bcp-jigyokei:certified' });
    expect(step.profilePatch).toEqual({ bcpCertified: true });
    expect(chat.current).toBe('bcp-alternative');
    chat.send({ text: '戻る' });
    chat.send({ text: '申請中' }); // a different answer takes the ordinary path
    expect(chat.current).toBe('bcp-hazard');

    const known = new Chat(engine, { ...KNOWN, bcpCertified: true });
    while (sectionOf(engine, known.current).area !== 'bcp') answer(known, 'best');
    expect(known.current).toBe('bcp-alternative');
    expect(known.state.answers['bcp-jigyokei']).toEqual({ kind: 'choice', choices: ['certified'], auto: true });
    expect(known.state.answers['bcp-hazard']).toBeUndefined();
  });

  it('the financial check is optional: declined or skipped, it ends the check', () => {
    const declined = new Chat(engine, KNOWN);
    const r = finish(declined, () => 'best', { localbench: false });
    expect(r.localBenchmark).toBeUndefined();
    expect(declined.state.history.at(-1)).toBe('lb-start');

    const skipped = new Chat(engine, KNOWN);
    while (skipped.current !== 'lb-start') answer(skipped, 'best');
    expect(skipped.send({ text: 'スキップ' }).kind).toBe('done');
  });

  it('collects the ローカルベンチマーク figures, typed in yen, with invalid amounts re-asked', () => {
    const chat = new Chat(engine, KNOWN);
    while (chat.current !== 'lb-start') answer(chat, 'best');
    chat.send({ text: 'はい' });
    expect(chat.current).toBe('lb-sales');
    expect(chat.send({ text: '5000' }).kind).toBe('invalid'); // no unit: 5000円? 5000万円?
    expect(chat.text).toContain('単位つき');
    chat.send({ text: '1億2000万円' });
    chat.send({ text: '１億円' });
    chat.send({ text: '▲600万円' });
    expect(chat.state.answers['lb-operating-profit']).toEqual({ kind: 'number', value: -6_000_000 });
    // employees known from the profile: not asked again
    expect(chat.state.answers['lb-employees']).toEqual({ kind: 'number', value: 25, auto: true });
    expect(chat.current).toBe('lb-depreciation');
    chat.send({ text: '1000万円' });
    expect(chat.send({ text: '▲100万円' }).kind).toBe('invalid'); // 借入金 cannot be negative
    expect(chat.text).toContain(diagnosisText.negativeNotAllowed);
    chat.send({ text: 'なし' });
    chat.send({ text: '3,000万円' });
    chat.send({ text: 'スキップ' }); // 売上債権
    chat.send({ text: '2000万' });
    chat.send({ text: '1500万円' });
    chat.send({ text: '4000万円' });
    const done = chat.send({ text: '1億円' });
    expect(done.kind).toBe('done');
    if (done.kind !== 'done') return;
    const lb = done.result.localBenchmark!;
    expect(lb.figures).toEqual({
      sales: 120_000_000,
      sales_prev: 100_000_000,
      operating_profit: -6_000_000,
      employees: 25,
      depreciation: 10_000_000,
      interest_bearing_debt: 0,
      cash: 30_000_000,
      inventory: 20_000_000,
      payables: 15_000_000,
      net_assets: 40_000_000,
      total_assets: 100_000_000,
    });
    const value = (id: string) => lb.indicators.find((i) => i.id === id)!;
    expect(value('sales_growth').value).toBeCloseTo(20);
    expect(value('operating_margin').value).toBeCloseTo(-5);
    expect(value('labour_productivity').value).toBeCloseTo(-240);
    expect(value('ebitda_debt_ratio')).toMatchObject({ note: 'net_cash' });
    expect(value('working_capital_months')).toMatchObject({ missing: ['receivables'] });
    expect(value('equity_ratio').value).toBeCloseTo(40);
    expect(done.messages[0]!.text).toContain('ローカルベンチマーク');
    const cited = done.citations.map((c) => c.docId);
    expect(cited).toContain('subsidies/local-benchmark');
    expect(new Set(cited).size).toBe(cited.length);
    for (const id of [...done.result.suggestions.subsidies, ...done.result.suggestions.starters]) expect(cited).toContain(id);
    for (const c of done.citations.filter((x) => x.docId !== 'subsidies/local-benchmark')) expect(String(catalog.docs.get(c.docId)!.meta.summary)).toContain(c.quote);
  });
});

describe('profile and typed answers', () => {
  it('known profile fields are not asked again, but shown, and 戻る can correct them', () => {
    const chat = new Chat(engine, KNOWN);
    expect(chat.current).toBe('strengths-valued');
    expect(chat.text).toContain('業種 金属製品製造業、従業員 25人、資本金 3,000万円、所在地 愛知県');
    chat.send({ text: '戻る' });
    expect(chat.current).toBe('prefecture');
    expect(chat.text).toContain('前回の回答：愛知');
    expect(chat.send({ text: '岐阜県です' }).profilePatch).toEqual({ prefecture: '岐阜県' });
    expect(chat.current).toBe('strengths-valued');
  });

  it('matches prefectures against the taxonomy: the longest name wins, a city alone is not a prefecture', () => {
    const at = () => {
      const chat = new Chat(engine, { industry: '製造業', employees: 3, capitalJpy: 1_000_000 });
      expect(chat.current).toBe('prefecture');
      return chat;
    };
    expect(at().send({ text: '東京都' }).profilePatch).toEqual({ prefecture: '東京都' });
    expect(at().send({ text: '京都' }).profilePatch).toEqual({ prefecture: '京都府' });
    expect(at().send({ text: '新潟県長岡市' }).profilePatch).toEqual({ prefecture: '新潟県' });
    const city = at();
    expect(city.send({ text: '名古屋' }).kind).toBe('invalid');
    expect(city.text).toContain('都道府県名');
  });

  it('reads industries by synonyms without guessing, and band buttons for employees without inventing a number', () => {
    const chat = new Chat(engine);
    expect(chat.send({ text: 'うちは金属製品製造業です' }).profilePatch).toEqual({ industry: '金属製品製造業' });
    chat.send({ postback: 'diag:employees:21-50' });
    expect(chat.state.answers.employees).toEqual({ kind: 'choice', choices: ['21-50'] });
    expect(chat.profile.employees).toBeUndefined();
    expect(chat.send({ text: 'たぶん1000' }).kind).toBe('invalid'); // capital without a unit
    const other = new Chat(engine);
    expect(other.send({ text: '製造業ではないです' }).profilePatch).toBeUndefined();
    expect(other.state.answers.industry).toEqual({ kind: 'choice', choices: ['non-manufacturing'] });
    const unsure = new Chat(engine);
    expect(unsure.send({ text: '金属加工とプラスチック' }).kind).toBe('invalid'); // two industries: ask again
  });

  it('a typed 「特にない」 with another item is unclear; 決定 with nothing chosen is refused', () => {
    const chat = new Chat(engine, KNOWN);
    expect(chat.send({ text: '技術力と、特にない' }).kind).toBe('invalid');
    expect(chat.send({ postback: 'diag:done:strengths-valued' }).kind).toBe('invalid');
    expect(chat.text).toContain(diagnosisText.pickAtLeastOne);
    chat.send({ postback: 'diag:strengths-valued:precision' });
    chat.send({ postback: 'diag:strengths-valued:none' }); // exclusive: clears the others
    expect(chat.state.multiPending).toEqual(['none']);
    chat.send({ postback: 'diag:strengths-valued:quality' }); // and is cleared by them
    expect(chat.state.multiPending).toEqual(['quality']);
  });

  it('中断 keeps the state; the owner resumes where they left off', () => {
    const chat = new Chat(engine, KNOWN);
    answer(chat, 'best');
    chat.send({ postback: 'diag:strengths-certifications:iso9001' });
    const before = structuredClone(chat.state);
    const paused = chat.send({ text: '中断' });
    expect(paused.kind).toBe('paused');
    expect(chat.state).toStrictEqual(before);
    expect(paused.messages[0]!.choices!.map((c) => c.id)).toEqual(['diag:resume', 'diag:restart']);
    const resumed = chat.send({ postback: 'diag:resume' });
    expect(resumed.kind).toBe('ask');
    expect(chat.current).toBe('strengths-certifications');
    expect(chat.text).toContain('選んだもの：ISO 9001');
    const repeated = chat.send({}); // an empty turn (the caller resuming a saved state) re-asks the same question
    expect(repeated.kind).toBe('ask');
    expect(repeated.messages[0]!.text).toBe(resumed.messages[0]!.text.replace(`${diagnosisText.resumed}\n\n`, ''));
    expect(chat.state).toStrictEqual(before);
  });

  it('a state whose question no longer exists starts over instead of failing', () => {
    const step = engine.handle({ version: 1, current: 'removed-question', answers: {}, history: [] }, { text: 'はい' }, {});
    expect(step.kind).toBe('ask');
    expect(step.state.current).toBe('industry');
  });
});
