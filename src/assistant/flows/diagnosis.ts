// The guided self-diagnosis: runs the question files of knowledge/diagnosis/*.yaml one
// question at a time, by buttons (postbacks "diag:<question>:<choice>") or typed answers, and
// ends with area scores, the top strengths and issues, suggested documents and, when the owner
// gave the figures, the ローカルベンチマーク indicators. Pure: besides loading the files it does
// no I/O, and its state is plain JSON the caller persists between turns.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_KNOWLEDGE_DIR } from '../../config.ts';
import type { Citation, OwnerProfile, Reply } from '../../domain/conversation.ts';
import {
  DiagnosisSection,
  END,
  NEXT_SECTION,
  RESERVED_IDS,
  type DiagnosisChoice,
  type DiagnosisQuestion,
  type FigureKey,
  type ProfileField,
} from '../../domain/diagnosis.ts';
import { ErrorCode, TsunaguError } from '../../domain/errors.ts';
import type { KnowledgeDoc } from '../../domain/knowledge.ts';
import { formatYen } from '../../domain/format.ts';
import type { Prefecture } from '../../domain/taxonomy.ts';
import { parseYamlWith } from '../../knowledge/loaders/yaml.ts';
import { foldKana, normalizeText } from '../../knowledge/normalize.ts';
import { loadTaxonomy } from '../../knowledge/taxonomy.ts';
import type { Clock } from '../ports.ts';
import { findNumbers, parseCount, parseYen } from '../understand/numbers.ts';
import {
  booleanText,
  buttonLabels,
  commandWords,
  countText,
  diagnosisText,
  negativeMarks,
  profileFieldLabels,
  resultText,
  zeroWords,
} from './diagnosis.ja.ts';
import { computeLocalBenchmark, localBenchmarkCitation, renderLocalBenchmark, type Figures, type LocalBenchmark } from './local-benchmark.ts';

// ---------------------------------------------------------------------------------------------
// Types

export type DiagnosisAnswer =
  | { kind: 'choice'; choices: string[]; auto?: boolean }
  | { kind: 'number'; value: number; auto?: boolean }
  | { kind: 'text'; value: string; auto?: boolean }
  | { kind: 'skipped' };

/** Everything the flow needs between turns; plain JSON. `answers` holds exactly the questions in `history`. */
export type DiagnosisState = {
  version: 1;
  current: string; // question id being asked
  answers: Record<string, DiagnosisAnswer>;
  history: string[]; // questions answered (or skipped), in order: the way back
  multiPending?: string[]; // choices toggled so far on the current multi-select question
};

export type DiagnosisInput = { text?: string; postback?: string };
export type ProfilePatch = Partial<OwnerProfile>;

/** One turn of the flow. `profilePatch` is what this turn's answer says about the company, to merge into the profile. */
export type DiagnosisStep =
  | { kind: 'ask'; state: DiagnosisState; messages: Reply[]; profilePatch?: ProfilePatch }
  | { kind: 'invalid'; state: DiagnosisState; messages: Reply[]; profilePatch?: undefined } // not understood or an old button: re-asked
  | { kind: 'paused'; state: DiagnosisState; messages: Reply[]; profilePatch?: undefined } // 中断: state kept for a later resume
  | { kind: 'done'; state: DiagnosisState; result: DiagnosisResult; messages: Reply[]; citations: Citation[]; profilePatch?: ProfilePatch };

export type AreaScore = { id: string; label: string; score: number; answered: number };

export type DiagnosisResult = {
  areas: AreaScore[]; // scored sections with at least one scored answer, in section order
  strengths: string[]; // top 3
  issues: string[]; // top 3
  suggestions: { subsidies: string[]; starters: string[] }; // knowledge doc ids, best first
  localBenchmark?: LocalBenchmark;
  completedAt: string; // ISO date-time
};

type LoadedSection = DiagnosisSection & { file: string; index: number };
type Node = { q: DiagnosisQuestion; section: LoadedSection; index: number };
type Target = Node | typeof END;

/** A sentence or a suggestion produced by an answer, with where it came from for ranking. */
type Finding = { text?: string; suggest: string[]; area: string; seq: number };

const SECONDS_PER_QUESTION = 12;
const TOP = 3;
const MAX_TEXT_ANSWER = 200;
const CONTROL = new Set<string>(RESERVED_IDS);

// ---------------------------------------------------------------------------------------------
// Loading and checking the question files

/** The diagnosis folder of the first root that has one, else the built-in knowledge. */
export function findDiagnosisDir(knowledgeDirs: string[]): string {
  for (const root of [...knowledgeDirs, DEFAULT_KNOWLEDGE_DIR]) {
    const dir = path.join(root, 'diagnosis');
    if (existsSync(dir) && statSync(dir).isDirectory()) return dir;
  }
  throw new TsunaguError(ErrorCode.KnowledgeInvalid, 'no diagnosis/ folder in the knowledge roots or the built-in knowledge', { file: DEFAULT_KNOWLEDGE_DIR });
}

function invalid(file: string, field: string, message: string): TsunaguError {
  return new TsunaguError(ErrorCode.KnowledgeInvalid, `${field}: ${message}`, { file, field });
}

const PROFILE_VALUE_TYPE: Record<ProfileField, 'string' | 'number' | 'boolean'> = {
  industry: 'string',
  employees: 'number',
  capitalJpy: 'number',
  prefecture: 'string',
  bcpCertified: 'boolean',
};

function loadSections(dir: string): LoadedSection[] {
  const files = readdirSync(dir)
    .filter((n) => /\.ya?ml$/i.test(n) && !n.startsWith('.'))
    .sort();
  if (!files.length) throw new TsunaguError(ErrorCode.KnowledgeInvalid, 'no *.yaml question files', { file: dir });
  const sections = files.map((name) => {
    const file = path.join(dir, name);
    return { ...parseYamlWith(file, readFileSync(file, 'utf8'), DiagnosisSection), file, index: 0 };
  });
  sections.sort((a, b) => a.order - b.order);
  sections.forEach((s, i) => (s.index = i));
  return sections;
}

/** Cross-file rules the schema cannot see: unique ids, next targets that exist and lead forward, values that fit. */
function checkSections(sections: LoadedSection[], prefectures: Prefecture[], docs?: DocLookup): void {
  const areas = new Map<string, string>();
  const orders = new Map<number, string>();
  const position = new Map<string, { file: string; index: number }>();
  let index = 0;
  for (const s of sections) {
    const other = areas.get(s.area);
    if (other) throw invalid(s.file, 'area', `area "${s.area}" is also used by ${other}`);
    areas.set(s.area, s.file);
    const sameOrder = orders.get(s.order);
    if (sameOrder) throw invalid(s.file, 'order', `order ${s.order} is also used by ${sameOrder}`);
    orders.set(s.order, s.file);
    s.questions.forEach((q, i) => {
      const prev = position.get(q.id);
      if (prev) throw invalid(s.file, `questions[${i}].id`, `question id "${q.id}" is also used in ${prev.file}`);
      position.set(q.id, { file: s.file, index: index++ });
    });
  }
  const prefectureNames = new Set(prefectures.map((p) => p.name));
  for (const s of sections) {
    s.questions.forEach((q, i) => {
      const at = `questions[${i}]`;
      const here = position.get(q.id)!.index;
      const checkTarget = (field: string, target: string | undefined) => {
        if (target === undefined || target === END || target === NEXT_SECTION) return;
        const to = position.get(target);
        if (!to) throw invalid(s.file, field, `next question "${target}" does not exist`);
        if (to.index <= here) throw invalid(s.file, field, `next question "${target}" must come after "${q.id}" (no going back)`);
      };
      checkTarget(`${at}.next`, q.next);
      checkTarget(`${at}.next_if_skipped`, q.next_if_skipped);
      if (q.figure && (q.figure === 'employees') !== (q.unit === 'count')) throw invalid(s.file, `${at}.unit`, `figure "${q.figure}" needs unit ${q.figure === 'employees' ? 'count' : 'yen'}`);
      if (q.profile && q.type === 'number' && PROFILE_VALUE_TYPE[q.profile] !== 'number') throw invalid(s.file, `${at}.profile`, `a number question cannot fill "${q.profile}"`);
      if (q.profile && q.type === 'text' && PROFILE_VALUE_TYPE[q.profile] !== 'string') throw invalid(s.file, `${at}.profile`, `a text question cannot fill "${q.profile}"`);
      const termOwner = new Map<string, string>();
      q.choices.forEach((c, j) => {
        const cat = `${at}.choices[${j}]`;
        for (const term of [c.id, c.label, ...c.synonyms]) {
          const owner = termOwner.get(keyOf(term));
          if (owner && owner !== c.id) throw invalid(s.file, `${cat}.synonyms`, `"${term}" also stands for choice "${owner}"; a typed answer must name one choice`);
          termOwner.set(keyOf(term), c.id);
        }
        checkTarget(`${cat}.next`, c.next);
        if (c.value !== undefined && q.profile && typeof c.value !== PROFILE_VALUE_TYPE[q.profile]) {
          throw invalid(s.file, `${cat}.value`, `"${q.profile}" takes a ${PROFILE_VALUE_TYPE[q.profile]} value`);
        }
        if (q.match === 'prefecture' && (typeof c.value !== 'string' || !prefectureNames.has(c.value))) {
          throw invalid(s.file, `${cat}.value`, 'expected a prefecture name from the taxonomy, such as 愛知県');
        }
        if (docs) {
          const links: [string, string[]][] = [
            [`${cat}.suggest`, c.suggest],
            [`${cat}.if_missing.suggest`, c.if_missing?.suggest ?? []],
          ];
          for (const [field, ids] of links) {
            ids.forEach((id, k) => {
              if (!docs(id)) throw invalid(s.file, `${field}[${k}]`, `no knowledge document "${id}"`);
            });
          }
        }
      });
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Reading typed answers

/** Comparable form of what owners type and of labels: NFKC, kana folded, no spaces or punctuation. */
const keyOf = (s: string) => foldKana(normalizeText(s)).replace(/[\s、。，．,.!！?？・「」『』（）()［］[\]〜~:：;；"'’”]/g, '');

const COMMAND_KEYS = Object.fromEntries(Object.entries(commandWords).map(([cmd, words]) => [cmd, new Set(words.map(keyOf))])) as Record<
  keyof typeof commandWords,
  Set<string>
>;
const ZERO_KEYS = new Set(zeroWords.map(keyOf));

function typedCommand(text: string): keyof typeof commandWords | undefined {
  const k = keyOf(text);
  return (Object.keys(COMMAND_KEYS) as (keyof typeof commandWords)[]).find((cmd) => COMMAND_KEYS[cmd].has(k));
}

/**
 * Choices named in the text: an exact label/synonym wins; otherwise every choice whose label or
 * synonym (2+ characters) appears in the text, dropping a hit that is part of a longer hit
 * (「金属製品製造業」 is not also 「製造業」). Returns undefined when nothing matches.
 */
function matchChoices(q: DiagnosisQuestion, text: string): DiagnosisChoice[] | undefined {
  const input = keyOf(text);
  if (!input) return undefined;
  const terms = (c: DiagnosisChoice) => [c.label, ...c.synonyms].map(keyOf).filter(Boolean);
  const exact = q.choices.filter((c) => terms(c).includes(input) || keyOf(c.id) === input);
  if (exact.length) return exact;
  const hits = q.choices.flatMap((c) => terms(c).filter((t) => t.length >= 2 && input.includes(t)).map((t) => ({ c, t })));
  const kept = hits.filter((h) => !hits.some((o) => o.c !== h.c && o.t.length > h.t.length && o.t.includes(h.t)));
  const choices = [...new Set(kept.map((h) => h.c))];
  return choices.length ? q.choices.filter((c) => choices.includes(c)) : undefined;
}

/** A yen amount, possibly negative (▲500万円), or 0 for 「なし」; 'negative' when a sign is not allowed. */
function readYen(text: string, allowNegative: boolean): number | 'negative' | undefined {
  const s = normalizeText(text).replace(/\s/g, '');
  if (ZERO_KEYS.has(keyOf(s)) || /^0+円?$/.test(s)) return 0;
  const mark = negativeMarks.find((m) => s.startsWith(m));
  const body = mark ? s.slice(mark.length) : s;
  if (findNumbers(body).length !== 1) return undefined;
  const value = parseYen(body);
  if (value === undefined) return undefined;
  if (mark && value !== 0) return allowNegative ? -value : 'negative';
  return value;
}

function readCount(text: string): number | undefined {
  const n = parseCount(text);
  return n !== undefined && Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** The one prefecture the text names (「愛知」「愛知県名古屋市」); the longest name wins, so 東京都 is not 京都. */
function matchPrefecture(text: string, prefectures: Prefecture[]): Prefecture | undefined {
  const input = keyOf(text);
  const hits = prefectures.flatMap((p) => [p.name, p.short].map(keyOf).filter((t) => input.includes(t)).map((t) => ({ p, len: t.length })));
  if (!hits.length) return undefined;
  const longest = Math.max(...hits.map((h) => h.len));
  const best = new Set(hits.filter((h) => h.len === longest).map((h) => h.p));
  return best.size === 1 ? [...best][0] : undefined;
}

// ---------------------------------------------------------------------------------------------
// The engine

type Parsed =
  | { kind: 'control'; cmd: 'skip' | 'back' | 'restart' | 'done' | 'quit' | 'resume' }
  | { kind: 'toggle'; choice: DiagnosisChoice }
  | { kind: 'answer'; answer: DiagnosisAnswer; typed: boolean }
  | { kind: 'repeat' }
  | { kind: 'stale' }
  | { kind: 'invalid'; hint: string };

export class DiagnosisEngine {
  private readonly nodes: Node[];
  private readonly byId: Map<string, Node>;

  private constructor(
    readonly sections: LoadedSection[],
    private readonly prefectures: Prefecture[],
    private readonly clock: Clock,
    private readonly docs: DocLookup | undefined,
  ) {
    this.nodes = sections.flatMap((section) => section.questions.map((q) => ({ q, section, index: 0 })));
    this.nodes.forEach((n, i) => (n.index = i));
    this.byId = new Map(this.nodes.map((n) => [n.q.id, n]));
  }

  /**
   * Loads and checks every question file. `docs` (the loaded knowledge documents, see
   * docLookup), when given, makes a suggestion of a missing document an error at start-up and
   * lets the result name the suggested documents and cite them. With `checkDocs: false` (the
   * built-in questions over a deployer's own knowledge) missing documents are left out of the
   * result instead.
   */
  static load(knowledgeDirs: string[], opts: { clock?: Clock; docs?: DocLookup; checkDocs?: boolean; prefectures?: Prefecture[] } = {}): DiagnosisEngine {
    const sections = loadSections(findDiagnosisDir(knowledgeDirs));
    const prefectures = opts.prefectures ?? loadTaxonomy(knowledgeDirs).prefectures;
    checkSections(sections, prefectures, opts.checkDocs === false ? undefined : opts.docs);
    return new DiagnosisEngine(sections, prefectures, opts.clock ?? (() => new Date()), opts.docs);
  }

  get questionCount(): number {
    return this.nodes.length;
  }

  isOwnPostback(postback: string): boolean {
    return postback.startsWith('diag:');
  }

  /** The introduction and the first question not already answered by the profile. */
  start(profile: OwnerProfile): DiagnosisStep {
    const state: DiagnosisState = { version: 1, current: this.nodes[0]!.q.id, answers: {}, history: [] };
    const known = this.knownProfileItems(profile);
    const lead = [diagnosisText.intro(this.estimatedMinutes()), ...(known.length ? [diagnosisText.known(known)] : [])];
    return this.advance(state, this.nodes[0]!, profile, lead);
  }

  handle(saved: DiagnosisState, input: DiagnosisInput, profile: OwnerProfile): DiagnosisStep {
    const state = structuredClone(saved);
    const node = state.version === 1 ? this.byId.get(state.current) : undefined;
    if (!node) return this.restart(profile); // the question files changed under a saved state
    const effective = { ...profile, ...this.profilePatchOf(state) };
    const parsed = this.parse(node, state, input);
    switch (parsed.kind) {
      case 'repeat':
        return { kind: 'ask', state, messages: [this.ask(node, state, effective)] };
      case 'stale':
        return { kind: 'invalid', state, messages: [this.ask(node, state, effective, [diagnosisText.stale])] };
      case 'invalid':
        return { kind: 'invalid', state, messages: [this.ask(node, state, effective, [diagnosisText.notUnderstood, parsed.hint])] };
      case 'toggle':
        state.multiPending = toggle(node.q, state.multiPending ?? [], parsed.choice);
        return { kind: 'ask', state, messages: [this.ask(node, state, effective)] };
      case 'answer':
        return this.record(node, state, parsed.answer, profile, parsed.typed);
      case 'control':
        return this.control(parsed.cmd, node, state, profile, effective);
    }
  }

  private control(cmd: Extract<Parsed, { kind: 'control' }>['cmd'], node: Node, state: DiagnosisState, profile: OwnerProfile, effective: OwnerProfile): DiagnosisStep {
    switch (cmd) {
      case 'restart':
        return this.restart(profile);
      case 'resume':
        return { kind: 'ask', state, messages: [this.ask(node, state, effective, [diagnosisText.resumed])] };
      case 'quit':
        return {
          kind: 'paused',
          state,
          messages: [{ text: diagnosisText.paused, choices: [{ id: 'diag:resume', label: buttonLabels.resume }, { id: 'diag:restart', label: buttonLabels.restart }] }],
        };
      case 'skip': {
        state.answers[node.q.id] = { kind: 'skipped' };
        state.history.push(node.q.id);
        delete state.multiPending;
        return this.advance(state, this.resolve(node, node.q.next_if_skipped ?? node.q.next), profile, []);
      }
      case 'done': {
        if (node.q.type !== 'multi') return { kind: 'invalid', state, messages: [this.ask(node, state, effective, [diagnosisText.pickFromButtons])] };
        const picked = state.multiPending ?? [];
        if (!picked.length) return { kind: 'invalid', state, messages: [this.ask(node, state, effective, [diagnosisText.pickAtLeastOne])] };
        return this.record(node, state, { kind: 'choice', choices: orderedChoiceIds(node.q, picked) }, profile, false);
      }
      case 'back': {
        const prevId = state.history.pop();
        if (prevId === undefined) return { kind: 'ask', state, messages: [this.ask(node, state, effective, [diagnosisText.cannotGoBack])] };
        const prev = this.byId.get(prevId)!;
        const before = state.answers[prevId];
        delete state.answers[prevId];
        state.current = prevId;
        delete state.multiPending;
        if (prev.q.type === 'multi' && before?.kind === 'choice') state.multiPending = before.choices;
        const note = before ? [diagnosisText.previousAnswer(this.describe(prev.q, before))] : [];
        return { kind: 'ask', state, messages: [this.ask(prev, state, { ...profile, ...this.profilePatchOf(state) }, note, !before)] };
      }
    }
  }

  private restart(profile: OwnerProfile): DiagnosisStep {
    const step = this.start(profile);
    if (step.kind === 'ask') step.messages[0]!.text = `${diagnosisText.restarted}\n${step.messages[0]!.text}`;
    return step;
  }

  /** What the input means for the current question. Never guesses: anything unclear is invalid. */
  private parse(node: Node, state: DiagnosisState, input: DiagnosisInput): Parsed {
    const q = node.q;
    if (input.postback !== undefined) {
      if (!this.isOwnPostback(input.postback)) return { kind: 'invalid', hint: diagnosisText.pickFromButtons };
      const [head = '', tail] = input.postback.slice('diag:'.length).split(':');
      if (CONTROL.has(head)) {
        const cmd = head as Extract<Parsed, { kind: 'control' }>['cmd'];
        // skip/back/done buttons name their question: an old one pressed again must not act on this one
        if (tail !== undefined && tail !== q.id && (cmd === 'skip' || cmd === 'back' || cmd === 'done')) return { kind: 'stale' };
        return { kind: 'control', cmd };
      }
      if (head !== q.id) return { kind: 'stale' };
      const choice = q.choices.find((c) => c.id === tail);
      if (!choice) return { kind: 'invalid', hint: diagnosisText.pickFromButtons };
      if (q.type === 'multi') return { kind: 'toggle', choice };
      return { kind: 'answer', answer: { kind: 'choice', choices: [choice.id] }, typed: false };
    }
    const text = (input.text ?? '').trim();
    if (!text) return { kind: 'repeat' }; // nothing said (the caller resumes a saved state): ask the question again
    // an exact choice ("わからない" may be a choice) comes before the command words
    const exact = q.choices.filter((c) => [c.label, ...c.synonyms].some((t) => keyOf(t) === keyOf(text)));
    if (!exact.length) {
      const cmd = typedCommand(text);
      if (cmd) return { kind: 'control', cmd };
    }
    return this.parseTyped(q, state, text);
  }

  private parseTyped(q: DiagnosisQuestion, state: DiagnosisState, text: string): Parsed {
    const typed = (answer: DiagnosisAnswer): Parsed => ({ kind: 'answer', answer, typed: true });
    if (q.type === 'multi') {
      const found = matchChoices(q, text);
      if (!found) return { kind: 'invalid', hint: this.hintFor(q) };
      const exclusive = found.filter((c) => c.exclusive);
      if (exclusive.length && found.length > 1) return { kind: 'invalid', hint: this.hintFor(q) };
      const pending = exclusive.length ? [] : (state.multiPending ?? []).filter((id) => !q.choices.find((c) => c.id === id)?.exclusive);
      return typed({ kind: 'choice', choices: orderedChoiceIds(q, [...pending, ...found.map((c) => c.id)]) });
    }
    if (q.type === 'single') {
      const found = matchChoices(q, text);
      return found?.length === 1 ? typed({ kind: 'choice', choices: [found[0]!.id] }) : { kind: 'invalid', hint: this.hintFor(q) };
    }
    if (q.type === 'number') {
      // a band button typed as its label; then the number itself
      const band = q.choices.filter((c) => [c.label, ...c.synonyms, c.id].some((t) => keyOf(t) === keyOf(text)));
      if (band.length === 1) return typed({ kind: 'choice', choices: [band[0]!.id] });
      const value = q.unit === 'count' ? readCount(text) : readYen(text, q.allow_negative);
      if (value === 'negative') return { kind: 'invalid', hint: `${diagnosisText.negativeNotAllowed}${this.hintFor(q)}` };
      return value === undefined ? { kind: 'invalid', hint: this.hintFor(q) } : typed({ kind: 'number', value });
    }
    const found = matchChoices(q, text);
    if (found?.length === 1) return typed({ kind: 'choice', choices: [found[0]!.id] });
    if (q.match === 'prefecture') {
      const pref = matchPrefecture(text, this.prefectures);
      return pref ? typed({ kind: 'text', value: pref.name }) : { kind: 'invalid', hint: this.hintFor(q) };
    }
    return typed({ kind: 'text', value: text.slice(0, MAX_TEXT_ANSWER) });
  }

  private hintFor(q: DiagnosisQuestion): string {
    if (q.hint) return q.hint;
    if (q.type === 'number') return diagnosisText.numberExpected(q.unit!);
    if (q.match === 'prefecture') return diagnosisText.prefectureExpected;
    if (q.type === 'text') return diagnosisText.textExpected;
    return diagnosisText.pickFromButtons;
  }

  /** Stores an answer to the current question and moves on. */
  private record(node: Node, state: DiagnosisState, answer: DiagnosisAnswer, profile: OwnerProfile, typed: boolean): DiagnosisStep {
    state.answers[node.q.id] = answer;
    state.history.push(node.q.id);
    delete state.multiPending;
    const patch = this.patchOf(node.q, answer);
    const lead = typed ? [diagnosisText.accepted(this.describe(node.q, answer))] : [];
    const step = this.advance(state, this.nextAfter(node, answer), { ...profile, ...patch }, lead);
    return patch && (step.kind === 'ask' || step.kind === 'done') ? { ...step, profilePatch: patch } : step;
  }

  /**
   * Moves forward to `target`: questions whose profile field is already known are answered from
   * the profile (and remembered, so 戻る can still correct them); the first other question is asked.
   */
  private advance(state: DiagnosisState, target: Target, profile: OwnerProfile, lead: string[]): DiagnosisStep {
    const from = state.history.length ? this.byId.get(state.history[state.history.length - 1]!) : undefined;
    let next = target;
    while (next !== END) {
      const auto = this.answerFromProfile(next.q, { ...profile, ...this.profilePatchOf(state) });
      if (!auto) break;
      state.answers[next.q.id] = auto;
      state.history.push(next.q.id);
      next = this.nextAfter(next, auto);
    }
    if (next === END) {
      const result = this.result(state);
      const citations = this.docs ? resultCitations(result, this.docs) : [];
      return { kind: 'done', state, result, messages: [renderResult(result, this.docs)], citations };
    }
    state.current = next.q.id;
    const intro = next.section.intro && next.section !== from?.section ? [next.section.intro] : [];
    return { kind: 'ask', state, messages: [this.ask(next, state, { ...profile, ...this.profilePatchOf(state) }, [...lead, ...intro])] };
  }

  /** An answer taken from what the profile already says, or undefined when the owner must be asked. */
  private answerFromProfile(q: DiagnosisQuestion, profile: OwnerProfile): DiagnosisAnswer | undefined {
    if (!q.profile) return undefined;
    const known = profile[q.profile];
    if (known === undefined || known === null) return undefined;
    const same = q.choices.filter((c) => c.value === known);
    if (same.length === 1) return { kind: 'choice', choices: [same[0]!.id], auto: true };
    if (q.type === 'number' && typeof known === 'number') return { kind: 'number', value: known, auto: true };
    if (q.type === 'text' && typeof known === 'string') return { kind: 'text', value: known, auto: true };
    // a known value that no single choice stands for: asked again only where it would be scored
    const scored = q.choices.some((c) => c.points > 0);
    return !scored && typeof known === 'string' ? { kind: 'text', value: known, auto: true } : undefined;
  }

  private nextAfter(node: Node, answer: DiagnosisAnswer): Target {
    const chosen = answer.kind === 'choice' && node.q.type !== 'multi' ? node.q.choices.find((c) => c.id === answer.choices[0]) : undefined;
    return this.resolve(node, chosen?.next ?? node.q.next);
  }

  private resolve(node: Node, target: string | undefined): Target {
    if (target === END) return END;
    if (target === NEXT_SECTION) return this.nodes.find((n) => n.section.index > node.section.index) ?? END;
    if (target !== undefined) return this.byId.get(target)!;
    return this.nodes[node.index + 1] ?? END;
  }

  /** The question as one message: lead lines, progress, prompt, and its buttons. */
  private ask(node: Node, state: DiagnosisState, profile: OwnerProfile, lead: string[] = [], showKnown = true): Reply {
    const q = node.q;
    const lines = [...lead];
    if (lines.length) lines.push('');
    lines.push(diagnosisText.progress(node.section.label, node.index + 1, this.nodes.length), q.prompt);
    const known = q.profile ? profile[q.profile] : undefined;
    if (known !== undefined && showKnown) lines.push(diagnosisText.registered(this.formatProfileValue(q.profile!, known)));
    const pending = state.multiPending ?? [];
    if (q.type === 'multi') {
      lines.push(diagnosisText.multiHint);
      lines.push(pending.length ? diagnosisText.selected(q.choices.filter((c) => pending.includes(c.id)).map((c) => c.label)) : diagnosisText.noneSelectedYet);
    } else if (q.type === 'number' || q.type === 'text') {
      lines.push(this.hintFor(q));
    }
    const choices = q.choices.map((c) => ({ id: `diag:${q.id}:${c.id}`, label: q.type === 'multi' && pending.includes(c.id) ? `✓ ${c.label}` : c.label }));
    if (q.type === 'multi') choices.push({ id: `diag:done:${q.id}`, label: buttonLabels.done });
    choices.push({ id: `diag:skip:${q.id}`, label: buttonLabels.skip });
    if (state.history.length) choices.push({ id: `diag:back:${q.id}`, label: buttonLabels.back });
    choices.push({ id: 'diag:quit', label: buttonLabels.quit });
    return { text: lines.join('\n'), choices };
  }

  private describe(q: DiagnosisQuestion, a: DiagnosisAnswer): string {
    switch (a.kind) {
      case 'skipped':
        return diagnosisText.skipped;
      case 'choice':
        return q.choices
          .filter((c) => a.choices.includes(c.id))
          .map((c) => c.label)
          .join('、');
      case 'number':
        return q.unit === 'count' ? countText(a.value) : yenText(a.value);
      case 'text':
        return a.value;
    }
  }

  private formatProfileValue(field: ProfileField, v: unknown): string {
    if (field === 'employees' && typeof v === 'number') return countText(v);
    if (field === 'capitalJpy' && typeof v === 'number') return yenText(v);
    if (field === 'bcpCertified' && typeof v === 'boolean') return booleanText(v);
    return String(v);
  }

  /** 「業種 金属製品製造業」... for the profile fields the questions would ask. */
  private knownProfileItems(profile: OwnerProfile): string[] {
    const fields = [...new Set(this.nodes.map((n) => n.q.profile).filter((f): f is ProfileField => Boolean(f)))];
    return fields.filter((f) => profile[f] !== undefined).map((f) => `${profileFieldLabels[f]} ${this.formatProfileValue(f, profile[f])}`);
  }

  /** About how long the check takes without the optional figures of the financial part. */
  private estimatedMinutes(): number {
    const asked = this.nodes.filter((n) => !n.q.figure).length;
    return Math.max(5, Math.round((asked * SECONDS_PER_QUESTION) / 60 / 5) * 5);
  }

  // ------------------------------------------------------------------------------------------
  // Profile and result

  private patchOf(q: DiagnosisQuestion, a: DiagnosisAnswer): ProfilePatch | undefined {
    if (!q.profile || a.kind === 'skipped' || a.auto) return undefined;
    if (a.kind === 'choice') {
      const value = q.choices.find((c) => c.id === a.choices[0])?.value;
      return value === undefined ? undefined : { [q.profile]: value };
    }
    return { [q.profile]: a.value };
  }

  /** Everything the answers so far say about the company (answers taken from the profile excluded). */
  profilePatchOf(state: DiagnosisState): ProfilePatch {
    const patch: ProfilePatch = {};
    for (const id of state.history) {
      const node = this.byId.get(id);
      const answer = state.answers[id];
      if (node && answer) Object.assign(patch, this.patchOf(node.q, answer));
    }
    return patch;
  }

  /** Scores, findings and figures of the answers on the path taken. */
  result(state: DiagnosisState): DiagnosisResult {
    const scores = new Map<string, { earned: number; max: number; answered: number }>();
    const strengths: Finding[] = [];
    const issues: Finding[] = [];
    const suggestions: Finding[] = [];
    const figures: Figures = {};
    let figureQuestions = 0;
    let seq = 0;
    for (const id of state.history) {
      const node = this.byId.get(id);
      const answer = state.answers[id];
      if (!node || !answer) continue;
      const { q, section } = node;
      if (q.figure) figureQuestions++;
      if (answer.kind === 'skipped') continue;
      if (answer.kind === 'number' && q.figure) figures[q.figure as FigureKey] = answer.value;
      if (!section.scored) {
        if (answer.kind === 'choice') this.collect(q, answer.choices, section.area, () => seq++, { strengths, issues, suggestions });
        continue;
      }
      if (answer.kind !== 'choice') continue;
      this.collect(q, answer.choices, section.area, () => seq++, { strengths, issues, suggestions });
      const { earned, max } = points(q, answer.choices);
      if (max === 0) continue; // a question asked for suggestions only (お客様の業界 ...)
      const s = scores.get(section.area) ?? { earned: 0, max: 0, answered: 0 };
      s.answered++;
      s.earned += earned;
      s.max += max;
      scores.set(section.area, s);
    }
    const areas: AreaScore[] = this.sections.flatMap((s) => {
      const sc = scores.get(s.area);
      return sc ? [{ id: s.area, label: s.label, score: Math.round((100 * sc.earned) / sc.max), answered: sc.answered }] : [];
    });
    const scoreOf = new Map(areas.map((a) => [a.id, a.score]));
    const weakness = (area: string) => scoreOf.get(area) ?? 50; // unscored sections rank in the middle
    return {
      areas,
      strengths: roundRobin(strengths, (a) => -weakness(a)),
      issues: roundRobin(issues, weakness),
      suggestions: this.existing(rankSuggestions(suggestions, weakness)),
      ...(figureQuestions ? { localBenchmark: computeLocalBenchmark(figures) } : {}),
      completedAt: this.clock().toISOString(),
    };
  }

  /** Suggestions of documents that exist in the loaded knowledge (all of them when no lookup was given). */
  private existing(s: DiagnosisResult['suggestions']): DiagnosisResult['suggestions'] {
    const docs = this.docs;
    if (!docs) return s;
    return { subsidies: s.subsidies.filter((id) => docs(id)), starters: s.starters.filter((id) => docs(id)) };
  }

  private collect(q: DiagnosisQuestion, chosen: string[], area: string, nextSeq: () => number, out: { strengths: Finding[]; issues: Finding[]; suggestions: Finding[] }) {
    for (const c of q.choices) {
      const seq = nextSeq();
      if (chosen.includes(c.id)) {
        if (c.strength) out.strengths.push({ text: c.strength, suggest: [], area, seq });
        if (c.issue) out.issues.push({ text: c.issue, suggest: [], area, seq });
        if (c.suggest.length) out.suggestions.push({ suggest: c.suggest, area, seq });
      } else if (q.type === 'multi' && c.if_missing) {
        if (c.if_missing.issue) out.issues.push({ text: c.if_missing.issue, suggest: [], area, seq });
        if (c.if_missing.suggest.length) out.suggestions.push({ suggest: c.if_missing.suggest, area, seq });
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

const yenText = (n: number) => (n < 0 ? `マイナス${formatYen(-n)}` : formatYen(n));

function orderedChoiceIds(q: DiagnosisQuestion, ids: string[]): string[] {
  return q.choices.filter((c) => ids.includes(c.id)).map((c) => c.id);
}

/** Toggles a multi-select choice; an exclusive one (「特になし」) clears the others and is cleared by them. */
function toggle(q: DiagnosisQuestion, pending: string[], choice: DiagnosisChoice): string[] {
  if (pending.includes(choice.id)) return pending.filter((id) => id !== choice.id);
  const exclusive = new Set(q.choices.filter((c) => c.exclusive).map((c) => c.id));
  const kept = choice.exclusive ? [] : pending.filter((id) => !exclusive.has(id));
  return orderedChoiceIds(q, [...kept, choice.id]);
}

/** Points earned and possible for one answer: single = the choice's points of the best; multi = the sum, capped. */
function points(q: DiagnosisQuestion, chosen: string[]): { earned: number; max: number } {
  const selected = q.choices.filter((c) => chosen.includes(c.id)).reduce((n, c) => n + c.points, 0);
  if (q.type === 'multi') {
    const max = q.max_points ?? q.choices.reduce((n, c) => n + c.points, 0);
    return { earned: Math.min(selected, max), max };
  }
  return { earned: selected, max: Math.max(0, ...q.choices.map((c) => c.points)) };
}

/**
 * The top sentences, taking one per area in turn (areas ordered by `rank`, lowest first) so
 * the result is not three findings about one topic. Within an area, question order.
 */
function roundRobin(findings: Finding[], rank: (area: string) => number): string[] {
  const byArea = new Map<string, string[]>();
  for (const f of [...findings].sort((a, b) => a.seq - b.seq)) {
    const list = byArea.get(f.area) ?? [];
    if (f.text && !list.includes(f.text)) list.push(f.text);
    byArea.set(f.area, list);
  }
  const areas = [...byArea.keys()].sort((a, b) => rank(a) - rank(b));
  const out: string[] = [];
  for (let round = 0; out.length < TOP && areas.some((a) => byArea.get(a)!.length > round); round++) {
    for (const a of areas) {
      const text = byArea.get(a)![round];
      if (text && !out.includes(text) && out.length < TOP) out.push(text);
    }
  }
  return out;
}

/** Documents suggested most often first; ties go to the weaker area, then to the earlier question. */
function rankSuggestions(findings: Finding[], weakness: (area: string) => number): { subsidies: string[]; starters: string[] } {
  const stats = new Map<string, { count: number; weakest: number; first: number }>();
  for (const f of findings) {
    for (const id of f.suggest) {
      const s = stats.get(id) ?? { count: 0, weakest: Infinity, first: f.seq };
      s.count++;
      s.weakest = Math.min(s.weakest, weakness(f.area));
      s.first = Math.min(s.first, f.seq);
      stats.set(id, s);
    }
  }
  const ranked = [...stats.entries()].sort(([, a], [, b]) => b.count - a.count || a.weakest - b.weakest || a.first - b.first).map(([id]) => id);
  return {
    subsidies: ranked.filter((id) => !id.startsWith('starters/')).slice(0, TOP),
    starters: ranked.filter((id) => id.startsWith('starters/')).slice(0, TOP),
  };
}

// ---------------------------------------------------------------------------------------------
// Presenting the result

export type DocLookup = (docId: string) => { title: string; sourceUrl?: string; summary?: string } | undefined;

/** A DocLookup over loaded knowledge documents (catalog.docs). */
export function docLookup(docs: ReadonlyMap<string, KnowledgeDoc>): DocLookup {
  return (id) => {
    const doc = docs.get(id);
    if (!doc) return undefined;
    const summary = typeof doc.meta.summary === 'string' ? doc.meta.summary : undefined;
    return { title: doc.title, ...(doc.sourceUrl ? { sourceUrl: doc.sourceUrl } : {}), ...(summary ? { summary } : {}) };
  };
}

/** The result as one plain-text message: a score per area, top strengths and issues, next steps and figures. */
export function renderResult(result: DiagnosisResult, lookup?: DocLookup): Reply {
  const lines: string[] = [diagnosisText.finishing, resultText.heading];
  for (const a of result.areas) lines.push(resultText.areaLine(a.label, a.score));
  if (!result.areas.length) lines.push(resultText.noScores);
  lines.push('', resultText.strengthsHeading);
  lines.push(...(result.strengths.length ? result.strengths.map((s, i) => `${i + 1}. ${s}`) : [resultText.noStrengths]));
  lines.push('', resultText.issuesHeading);
  lines.push(...(result.issues.length ? result.issues.map((s, i) => `${i + 1}. ${s}`) : [resultText.noIssues]));
  const titles = lookup ? [...result.suggestions.subsidies, ...result.suggestions.starters].map((id) => lookup(id)?.title).filter((t): t is string => Boolean(t)) : [];
  if (titles.length) lines.push('', resultText.suggestionsHeading, ...titles.map((t) => `・${t}`));
  if (result.localBenchmark) lines.push('', renderLocalBenchmark(result.localBenchmark));
  lines.push('', resultText.scoreNote);
  return { text: lines.join('\n') };
}

/** Sources behind the result: the ローカルベンチマーク doc for the indicators, and each suggested document. */
export function resultCitations(result: DiagnosisResult, lookup: DocLookup): Citation[] {
  const out: Citation[] = [];
  const lb = result.localBenchmark;
  const lbDoc = lookup('subsidies/local-benchmark');
  const lbCitation = lb && lbDoc ? localBenchmarkCitation(lb, lbDoc) : undefined;
  if (lbCitation) out.push(lbCitation);
  for (const id of [...result.suggestions.subsidies, ...result.suggestions.starters]) {
    const doc = lookup(id);
    if (!doc || out.some((c) => c.docId === id)) continue;
    out.push({ docId: id, title: doc.title, ...(doc.sourceUrl ? { url: doc.sourceUrl } : {}), quote: firstSentence(doc.summary) ?? doc.title });
  }
  return out;
}

function firstSentence(text: string | undefined): string | undefined {
  const s = text?.trim();
  if (!s) return undefined;
  const end = s.indexOf('。');
  return end >= 0 ? s.slice(0, end + 1) : s;
}
