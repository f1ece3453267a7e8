// The drafting conversation: picks the kind of draft (postbacks "draft:kind:<kind>"), then asks
// one at a time only what the profile and the last diagnosis do not already give, each question
// skippable ("draft:skip"), with "draft:finish" to make the draft from what is known so far.
// Numbers are read as owners type them (全角, 1,200万, 3億, 「500万くらい」). It ends with the
// filled Draft; deliverDraft stores the .docx and .md behind expiring links and writes the reply.
// Pure apart from loading the templates; its state is plain JSON the caller saves in the session.
import type { Citation, OwnerProfile, Reply } from '../../domain/conversation.ts';
import { jstDate } from '../../domain/calendar.ts';
import { formatJaDate } from '../../domain/format.ts';
import type { Draft } from '../../drafting/draft.ts';
import { renderDocx } from '../../drafting/docx.ts';
import { preparationText, statusText } from '../../drafting/drafting.ja.ts';
import { fillDraft } from '../../drafting/fill.ts';
import { DRAFT_KINDS, isDraftKind, type DraftKind } from '../../drafting/kinds.ts';
import { renderMarkdown } from '../../drafting/markdown.ts';
import { checkTemplateSources, findTemplateFile, loadTemplateFile, type DocSources, type LoadedTemplate } from '../../drafting/templates.ts';
import type { TemplateField } from '../../drafting/template.ts';
import { formatValue, knownValue, parseAnswer, type DraftInput, type FieldValue } from '../../drafting/values.ts';
import { foldKana, normalizeText } from '../../knowledge/normalize.ts';
import type { Clock, FileStore, SkillResult } from '../ports.ts';
import type { DiagnosisResult } from './diagnosis.ts';
import { deliveryText, draftingButtons, draftingCommands, draftingText } from './drafting.ja.ts';

/** Everything the flow needs between turns; plain JSON. */
export type DraftingState = {
  version: 1;
  kind?: DraftKind; // undefined while the owner chooses
  current?: string; // field id being asked
  answers: Record<string, FieldValue>;
  skipped: string[];
  /** The strengths and issues of the diagnosis the draft started from. */
  diagnosis?: Pick<DiagnosisResult, 'strengths' | 'issues'>;
};

export type DraftingInput = { text?: string; postback?: string };

export type DraftingStep =
  | { kind: 'ask'; state: DraftingState; messages: Reply[] }
  | { kind: 'invalid'; state: DraftingState; messages: Reply[] } // not understood or an old button: re-asked
  | { kind: 'done'; state: DraftingState; draft: Draft; messages: Reply[]; citations: Citation[] };

const PREFIX = 'draft:';
const MAX_SHOWN_MISSING = 3;
const MAX_SHOWN_PREPARATIONS = 2;
const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const MD_MIME = 'text/markdown; charset=utf-8';

/** Comparable form of what owners type: NFKC, kana folded, no spaces or punctuation. */
const keyOf = (s: string) => foldKana(normalizeText(s)).replace(/[\s、。，．,.!！?？・「」『』（）()［］[\]〜~:：;；"'’”]/g, '');
const COMMANDS = Object.fromEntries(Object.entries(draftingCommands).map(([cmd, words]) => [cmd, new Set(words.map(keyOf))])) as Record<
  keyof typeof draftingCommands,
  Set<string>
>;

type Parsed =
  | { kind: 'skip' }
  | { kind: 'finish' }
  | { kind: 'answer'; value: FieldValue; typed: boolean }
  | { kind: 'repeat' }
  | { kind: 'stale' }
  | { kind: 'invalid'; hint: string };

export class DraftingFlow {
  private constructor(
    private readonly templates: ReadonlyMap<DraftKind, LoadedTemplate>,
    /** Kinds whose template cites documents the knowledge lacks, with the reason (for the start-up log). */
    readonly unavailable: { kind: DraftKind; reason: string }[],
    private readonly sources: DocSources,
    private readonly clock: Clock,
  ) {}

  /**
   * Loads every kind's template (a deployer's knowledge root may override each). A template that
   * fails its schema throws; one whose cited documents are missing from `sources` is left out and
   * listed in `unavailable`.
   */
  static load(knowledgeDirs: string[], opts: { sources: DocSources; clock?: Clock }): DraftingFlow {
    const templates = new Map<DraftKind, LoadedTemplate>();
    const unavailable: { kind: DraftKind; reason: string }[] = [];
    for (const kind of DRAFT_KINDS) {
      const template = loadTemplateFile(findTemplateFile(knowledgeDirs, kind));
      try {
        checkTemplateSources(template, opts.sources);
        templates.set(kind, template);
      } catch (e) {
        unavailable.push({ kind, reason: (e as Error).message });
      }
    }
    return new DraftingFlow(templates, unavailable, opts.sources, opts.clock ?? (() => new Date()));
  }

  /** The kinds a draft can be made for, in contract order. */
  get kinds(): DraftKind[] {
    return [...this.templates.keys()];
  }

  isOwnPostback(postback: string): boolean {
    return postback.startsWith(PREFIX);
  }

  /** The kind the owner named in free text (「ものづくりの計画書」「連携型ジギョケイ」), if exactly one. */
  kindIn(text: string): DraftKind | undefined {
    const input = keyOf(text);
    const hits = this.kinds.flatMap((kind) => {
      const t = this.templates.get(kind)!;
      return [t.label, ...t.aliases].map(keyOf).filter((a) => a.length >= 2 && input.includes(a)).map((a) => ({ kind, a }));
    });
    // a hit inside a longer hit of another kind does not count (ジギョケイ in 連携型ジギョケイ)
    const kept = hits.filter((h) => !hits.some((o) => o.kind !== h.kind && o.a.length > h.a.length && o.a.includes(h.a)));
    const kinds = [...new Set(kept.map((h) => h.kind))];
    return kinds.length === 1 ? kinds[0] : undefined;
  }

  /** Starts a draft of `kind`, or asks which kind when it is not known (or not available). */
  start(kind: DraftKind | undefined, profile: OwnerProfile, diagnosis?: Pick<DiagnosisResult, 'strengths' | 'issues'>): DraftingStep {
    const state: DraftingState = { version: 1, answers: {}, skipped: [], ...(diagnosis ? { diagnosis: { strengths: diagnosis.strengths, issues: diagnosis.issues } } : {}) };
    const template = kind ? this.templates.get(kind) : undefined;
    if (!template) return { kind: 'ask', state, messages: [this.kindQuestion()] };
    state.kind = template.kind;
    const input = this.inputOf(state, profile);
    const known = this.knownItems(template, input);
    const lead = [draftingText.intro(template.title, this.askable(template, input).length), ...(known.length ? [draftingText.known(known)] : [])];
    return this.advance(template, state, profile, lead);
  }

  handle(saved: DraftingState, input: DraftingInput, profile: OwnerProfile): DraftingStep {
    const state = structuredClone(saved);
    if (state.version !== 1) return this.start(undefined, profile);
    const template = state.kind ? this.templates.get(state.kind) : undefined;
    if (!template) return this.chooseKind(state, input, profile);
    const field = template.fields.find((f) => f.id === state.current);
    if (!field) return this.advance(template, state, profile, []); // the template changed under a saved state
    const parsed = this.parse(field, input);
    switch (parsed.kind) {
      case 'repeat':
        return { kind: 'ask', state, messages: [this.ask(template, field, state, profile, [])] };
      case 'stale':
        return { kind: 'invalid', state, messages: [this.ask(template, field, state, profile, [draftingText.stale])] };
      case 'invalid':
        return { kind: 'invalid', state, messages: [this.ask(template, field, state, profile, [draftingText.notUnderstood, parsed.hint])] };
      case 'skip':
        state.skipped.push(field.id);
        return this.advance(template, state, profile, [draftingText.skipped]);
      case 'finish':
        return this.finish(template, state, profile, []);
      case 'answer':
        state.answers[field.id] = parsed.value;
        return this.advance(template, state, profile, parsed.typed && field.type !== 'text' ? [draftingText.accepted(formatValue(field, parsed.value))] : []);
    }
  }

  // ------------------------------------------------------------------------------------------

  private chooseKind(state: DraftingState, input: DraftingInput, profile: OwnerProfile): DraftingStep {
    const picked = input.postback?.startsWith(`${PREFIX}kind:`) ? input.postback.slice(`${PREFIX}kind:`.length) : input.text ? this.kindIn(input.text) : undefined;
    if (picked && isDraftKind(picked) && this.templates.has(picked)) return this.start(picked, profile, state.diagnosis);
    if (!input.text && !input.postback) return { kind: 'ask', state, messages: [this.kindQuestion()] };
    return { kind: 'invalid', state, messages: [this.kindQuestion(draftingText.kindUnknown)] };
  }

  private kindQuestion(lead?: string): Reply {
    if (!this.templates.size) return { text: draftingText.noKinds };
    const text = [...(lead ? [lead] : []), draftingText.chooseKind].join('\n');
    return { text, choices: this.kinds.map((kind) => ({ id: `${PREFIX}kind:${kind}`, label: this.templates.get(kind)!.label })) };
  }

  private inputOf(state: DraftingState, profile: OwnerProfile): DraftInput {
    return { profile, answers: state.answers, ...(state.diagnosis ? { diagnosis: state.diagnosis } : {}) };
  }

  /** Fields the profile and diagnosis do not give: the questions of this draft. */
  private askable(template: LoadedTemplate, input: DraftInput): TemplateField[] {
    return template.fields.filter((f) => knownValue(f, input) === undefined);
  }

  private knownItems(template: LoadedTemplate, input: DraftInput): string[] {
    const items = template.fields
      .filter((f) => f.from.startsWith('profile.'))
      .flatMap((f) => {
        const v = knownValue(f, input);
        return v === undefined ? [] : [draftingText.knownItem(f.label, formatValue(f, v))];
      });
    const fromDiagnosis = template.fields.some((f) => f.from.startsWith('diagnosis.') && knownValue(f, input) !== undefined);
    return fromDiagnosis ? [...items, draftingText.knownDiagnosis] : items;
  }

  private parse(field: TemplateField, input: DraftingInput): Parsed {
    if (input.postback !== undefined) {
      if (!this.isOwnPostback(input.postback)) return { kind: 'invalid', hint: draftingText.pickOrType };
      const [action = '', arg] = input.postback.slice(PREFIX.length).split(':');
      if (action === 'skip') return { kind: 'skip' };
      if (action === 'finish') return { kind: 'finish' };
      if (action === 'opt') {
        const option = arg !== undefined && /^\d+$/.test(arg) ? field.options[Number(arg)] : undefined;
        return option ? { kind: 'answer', value: option, typed: false } : { kind: 'stale' };
      }
      return { kind: 'stale' }; // a kind button or another old button
    }
    const text = (input.text ?? '').trim();
    if (!text) return { kind: 'repeat' };
    const key = keyOf(text);
    if (COMMANDS.skip.has(key)) return { kind: 'skip' };
    if (COMMANDS.finish.has(key)) return { kind: 'finish' };
    const value = parseAnswer(field, text);
    return value === undefined ? { kind: 'invalid', hint: this.hintFor(field) } : { kind: 'answer', value, typed: true };
  }

  private hintFor(field: TemplateField): string {
    if (field.type === 'money') return field.bare_yen ? draftingText.hints.bareYen : draftingText.hints.money;
    if (field.type === 'number' || field.type === 'percent' || field.type === 'date') return draftingText.hints[field.type];
    return draftingText.pickOrType;
  }

  /** Asks the next field nobody has answered, skipped or already given; makes the draft when none is left. */
  private advance(template: LoadedTemplate, state: DraftingState, profile: OwnerProfile, lead: string[]): DraftingStep {
    const input = this.inputOf(state, profile);
    const next = this.askable(template, input).find((f) => !(f.id in state.answers) && !state.skipped.includes(f.id));
    if (!next) return this.finish(template, state, profile, lead);
    state.current = next.id;
    return { kind: 'ask', state, messages: [this.ask(template, next, state, profile, lead)] };
  }

  private finish(template: LoadedTemplate, state: DraftingState, profile: OwnerProfile, lead: string[]): DraftingStep {
    delete state.current;
    const draft = fillDraft(template, this.inputOf(state, profile), { today: jstDate(this.clock()), sources: this.sources });
    return { kind: 'done', state, draft, messages: lead.length ? [{ text: lead.join('\n') }] : [], citations: draft.citations };
  }

  /** One question: lead lines, progress, the question and its hint, and its buttons. */
  private ask(template: LoadedTemplate, field: TemplateField, state: DraftingState, profile: OwnerProfile, lead: string[]): Reply {
    const askable = this.askable(template, this.inputOf(state, profile));
    const done = askable.filter((f) => f.id !== field.id && (f.id in state.answers || state.skipped.includes(f.id))).length;
    const lines = [...lead, ...(lead.length ? [''] : []), draftingText.progress(template.label, done + 1, askable.length), field.question, ...(field.hint ? [field.hint] : [])];
    const choices = [
      ...field.options.map((label, i) => ({ id: `${PREFIX}opt:${i}`, label })),
      { id: `${PREFIX}skip`, label: draftingButtons.skip },
      { id: `${PREFIX}finish`, label: draftingButtons.finish },
    ];
    return { text: lines.join('\n'), choices };
  }
}

// ---------------------------------------------------------------------------------------------
// Delivering the finished draft

export type DeliveryDeps = {
  files: FileStore;
  ownerKey: string; // the session key the files belong to
  now: Date;
  /** Prefix for file links (https://tsunagu.example.jp), empty for same-origin links. */
  publicUrl?: string;
};

/** Stores the draft as .docx and .md behind expiring links and writes the owner's reply. */
export async function deliverDraft(draft: Draft, deps: DeliveryDeps): Promise<SkillResult> {
  const put = (name: string, mime: string, bytes: Uint8Array) => {
    const stored = deps.files.put({ ownerKey: deps.ownerKey, name, mime, bytes }, deps.now);
    return { name, url: `${deps.publicUrl ?? ''}${stored.url}`, mime };
  };
  const files = [put(`${draft.kind}.docx`, DOCX_MIME, await renderDocx(draft)), put(`${draft.kind}.md`, MD_MIME, new TextEncoder().encode(renderMarkdown(draft)))];
  return { messages: [{ text: summaryText(draft), files }], citations: draft.citations };
}

/** The short summary for a phone: what to write first, the check results, what to prepare. */
export function summaryText(draft: Draft): string {
  const lines = [deliveryText.ready(draft.title), deliveryText.files, ''];
  if (draft.missing.length) {
    lines.push(deliveryText.missing(draft.missing.length), ...draft.missing.slice(0, MAX_SHOWN_MISSING).map((m) => deliveryText.bullet(m.label)));
    if (draft.missing.length > MAX_SHOWN_MISSING) lines.push(deliveryText.more(draft.missing.length - MAX_SHOWN_MISSING));
  } else lines.push(deliveryText.noMissing);
  if (draft.checks.length) lines.push('', deliveryText.checks, ...draft.checks.map((c) => deliveryText.check(c.label, statusText[c.status])));
  const preparations = draft.preparations.filter((p) => p.required && !p.done).slice(0, MAX_SHOWN_PREPARATIONS);
  lines.push('', deliveryText.preparations, ...draft.schedule.slice(0, 1).map(deliveryText.bullet), ...preparations.map((p) => deliveryText.bullet(preparationLine(p))));
  lines.push('', deliveryText.closing);
  return lines.join('\n');
}

function preparationLine(p: Draft['preparations'][number]): string {
  const kind = p.required ? preparationText.required : preparationText.optional;
  if (p.startBy) return preparationText.line(p.name, kind, preparationText.startBy(formatJaDate(p.startBy)) + (p.late ? ` ${preparationText.late}` : ''));
  return preparationText.line(p.name, kind, p.leadDays !== undefined ? preparationText.leadDays(p.leadDays) : preparationText.noLead);
}
