// Decides what one turn does: button presses (postbacks) go to their flow or skill; free
// text is understood (intent + entities) and routed; a running diagnosis takes the answers
// it expects and pauses when the owner asks something else. Failures are counted so that a
// second miss, or an unanswerable question with money or legal weight, reaches a person.
import type { Citation, OwnerProfile, Reply } from '../domain/conversation.ts';
import type { DocKind } from '../domain/knowledge.ts';
import type { Catalog } from './catalog.ts';
import { messages } from './messages.ja.ts';
import type { Clock, FileStore, SessionStore, SkillResult } from './ports.ts';
import { mergeProfile, type SessionState } from './session.ts';
import type { AnswerSkill, GroundedAnswer } from './skills/answer.ts';
import { isWeighty, type EscalationSkill } from './skills/escalation.ts';
import type { DiagnosisEngine, DiagnosisResult } from './flows/diagnosis.ts';
import { deliverDraft, type DraftingFlow, type DraftingStep } from './flows/drafting.ts';
import { isDraftKind, type DraftKind } from '../drafting/kinds.ts';
import type { PartnerMatcher, PartnerQuery } from './skills/partners.ts';
import type { StarterPicker } from './skills/starters.ts';
import type { SubsidyMatcher } from './skills/subsidies.ts';
import type { Understanding } from './understand/index.ts';

export type TurnInput = {
  key: string;
  text?: string;
  postback?: string;
  state: SessionState;
  now: Date;
  /** A place the owner asked to search near this turn (not saved in the profile). */
  searchNear?: Pick<OwnerProfile, 'prefecture' | 'city'>;
};
export type TurnOutcome = SkillResult & { intent: string; state: SessionState; escalationId?: string };

export type DialogDeps = {
  catalog: Catalog;
  understand: (text: string, today: Date) => Understanding;
  answer: AnswerSkill;
  subsidies: SubsidyMatcher;
  partners: PartnerMatcher;
  starters: StarterPicker;
  diagnosis: DiagnosisEngine;
  drafting: DraftingFlow;
  escalation: EscalationSkill;
  sessions: Pick<SessionStore, 'transcript'>;
  files: FileStore;
  renderChart: (areas: { label: string; score: number }[]) => Uint8Array;
  clock: Clock;
  /** Prefix for file links (https://tsunagu.example.jp), empty for same-origin links. */
  publicUrl?: string;
};

const KINDS_FOR: Record<string, readonly DocKind[] | undefined> = {
  subsidy: ['subsidy', 'guide', 'faq'],
  bcp: ['bcp', 'subsidy', 'guide', 'faq', 'starter'],
};

/** "中小企業に入る？", "小規模事業者に当たる？": a question about the company's size class, not about one program. */
const ASKS_SME = /中小企業|中小の|小規模事業者|小規模企業/;
const MAX_PROGRAMS_EXPLAINED = 3;
const ASKS_CAPABILITIES = /何が?(でき|出来)|何を?して(くれ|もら)|どんなこと|相談でき|何を聞け/;
/** A message that asks something (a question mark, or asking words at its end), not an answer to a draft question. */
const ASKS_QUESTION = /[?？]\s*$|(ですか|ますか|かな|かね|やろか|だろうか|の|ん|教えて|知りたい)[。\s]*$/u;
/** An ambiguous message is answered rather than asked back when the best passage covers this much of it. */
const CONFIDENT_RELEVANCE = 0.75;

/** The intent an open question resolves to, by the kind of its best source (guides explain programs and support). */
const INTENT_OF_KIND: Partial<Record<DocKind, string>> = { subsidy: 'subsidy', guide: 'subsidy', bcp: 'bcp', starter: 'starter', partner: 'partners' };

const menuReply = (text: string = messages.menuPrompt): Reply => ({ text, choices: [...messages.menu] });
const noResult = (): SkillResult => ({ messages: [], citations: [] });

export class Dialog {
  constructor(private readonly d: DialogDeps) {}

  /** A turn that only set the profile (API / eval). */
  profileNoted(state: SessionState): TurnOutcome {
    return { intent: 'smalltalk', state, messages: [menuReply('会社の情報を受け取りました。' + messages.menuPrompt)], citations: [] };
  }

  async respond(input: TurnInput): Promise<TurnOutcome> {
    const state: SessionState = structuredClone(input.state);
    if (input.postback) return this.onPostback(input.postback, { ...input, state });
    return this.onText(input.text!, { ...input, state });
  }

  // ── buttons ──────────────────────────────────────────────────────────────
  private async onPostback(postback: string, t: TurnInput): Promise<TurnOutcome> {
    const { state } = t;
    if (this.d.diagnosis.isOwnPostback(postback)) {
      if (!state.diagnosis && postback !== 'diag:restart') return this.startDiagnosis(t);
      return this.diagnosisStep(t, { postback });
    }
    if (postback !== messages.draftingResume.id && this.d.drafting.isOwnPostback(postback)) {
      if (state.drafting) return this.draftStep(t, { postback });
      const kind = postback.replace(/^draft:kind:/, '');
      return this.startDraft(t, isDraftKind(kind) ? kind : undefined); // a button from an old message: start afresh
    }
    const [scope, action, ...rest] = postback.split(':');
    const arg = rest.join(':');
    switch (`${scope}:${action}`) {
      case 'menu:welcome':
        return this.out(t, 'smalltalk', { messages: [menuReply([messages.greeting, messages.menuPrompt].join('\n'))], citations: [] });
      case 'menu:resume':
        if (state.diagnosis && state.diagnosisActive) return this.diagnosisStep(t, {});
        return this.out(t, 'smalltalk', { messages: [menuReply()], citations: [] });
      case 'menu:diagnosis':
        return state.diagnosis ? this.resumeDiagnosis(t) : this.startDiagnosis(t);
      case 'menu:subsidy':
        return this.matchSubsidies(t, []);
      case 'menu:partners':
        return this.findPartners(t, { mode: 'complement', profile: state.profile });
      case 'menu:partners-far':
        return this.findPartners(t, { mode: 'bcp_far', profile: state.profile });
      case 'menu:starter':
        return this.suggestStarters(t, []);
      case 'menu:draft':
        return state.drafting ? this.resumeDraft(t) : this.startDraft(t);
      case 'menu:escalate':
        return this.escalate(t, 'owner_asked', '担当者への相談');
      case 'intent:pick': {
        const pending = state.clarify;
        state.clarify = undefined;
        if (!pending) return this.out(t, 'smalltalk', { messages: [menuReply()], citations: [] });
        return this.routeText(pending.text, t, this.d.understand(pending.text, t.now), arg);
      }
      case 'subsidy:detail':
        return this.subsidyDetail(t, arg);
      case 'partner:contact':
        state.last = { intent: 'partners', subsidies: state.last?.subsidies ?? [], partners: [arg], citations: state.last?.citations ?? [] };
        return this.escalate(t, 'owner_asked', `連携先（${this.partnerName(arg)}）の紹介依頼`);
      case 'starter:plan':
        return this.starterPlan(t, arg);
      default:
        // a stale or unknown button: show the menu rather than guess
        return this.out(t, 'unknown', { messages: [menuReply()], citations: [] });
    }
  }

  // ── free text ────────────────────────────────────────────────────────────
  private async onText(text: string, turn: TurnInput): Promise<TurnOutcome> {
    let t = turn;
    const { state } = t;
    const u = this.d.understand(text, t.now);
    if (u.intent.injection) {
      return this.out(t, 'unknown', { messages: [{ text: messages.injection, choices: [...messages.menu] }], citations: [], refusal: true });
    }
    state.profile = mergeProfile(state.profile, profilePatchOf(u));
    // a place named in a partner search is where to look, not where the company is
    if (u.intent.intent === 'partners' && u.entities.prefecture) t = { ...t, searchNear: { prefecture: u.entities.prefecture, city: u.entities.city } };

    if (state.diagnosis && state.diagnosisActive) {
      const step = this.d.diagnosis.handle(state.diagnosis, { text }, state.profile);
      // the owner asked something else (a confident other intent, or a question naming a program)
      const other = !['unknown', 'smalltalk', 'diagnosis'].includes(u.intent.intent) && !u.intent.control;
      const elsewhere = other && (u.intent.confidence >= 0.6 || u.entities.programs.length > 0);
      if (step.kind !== 'invalid' || !elsewhere) return this.applyDiagnosisStep(t, step);
      state.diagnosisActive = false; // the owner asked something else: pause, answer, offer to resume
      const out = await this.routeText(text, t, u);
      out.messages.push({ text: messages.diagnosisPaused, choices: [messages.diagnosisResume] });
      return out;
    }
    if (state.drafting && state.draftingActive) {
      if (u.intent.control === 'quit') {
        state.drafting = undefined;
        state.draftingActive = false;
        return this.out(t, 'draft', { messages: [menuReply(messages.draftingStopped)], citations: [] });
      }
      // any text can answer a draft question, so only a question plainly about something else pauses it
      const other = !['unknown', 'smalltalk', 'draft'].includes(u.intent.intent) && !u.intent.control;
      const elsewhere = u.intent.intent === 'escalate' || (other && u.intent.confidence >= 0.6 && ASKS_QUESTION.test(text));
      if (!elsewhere) return this.draftStep(t, { text });
      state.draftingActive = false;
      const out = await this.routeText(text, t, u);
      out.messages.push({ text: messages.draftingPaused, choices: [messages.draftingResume] });
      return out;
    }
    if (state.awaiting === 'capabilities' && u.entities.capabilities.length && u.intent.intent !== 'escalate') {
      // the answer to "what does your company do?": the owner's own processes, kept in the profile
      state.awaiting = undefined;
      state.profile = mergeProfile(state.profile, { capabilities: u.entities.capabilities.map((id) => this.capabilityName(id)) });
      return this.findPartners(t, { mode: state.awaitingMode ?? 'complement', profile: state.profile });
    }
    if (state.awaiting === 'prefecture' && u.entities.prefecture && u.intent.intent !== 'escalate') {
      state.awaiting = undefined;
      state.profile = mergeProfile(state.profile, { prefecture: u.entities.prefecture, city: u.entities.city });
      return this.findPartners(t, { mode: state.awaitingMode ?? 'complement', profile: state.profile });
    }
    return this.routeText(text, t, u);
  }

  private async routeText(text: string, t: TurnInput, u: Understanding, forced?: string): Promise<TurnOutcome> {
    const { state } = t;
    state.awaiting = undefined;
    state.awaitingMode = undefined;
    if (!forced && u.intent.ambiguous) {
      // torn between a question and something else, but the sources answer it squarely: answer
      const answerable = u.intent.ambiguous.options.some((o) => o === 'subsidy' || o === 'bcp');
      const answered = answerable ? await this.d.answer.answer(text) : undefined;
      if (answered && answered.relevance >= CONFIDENT_RELEVANCE) return this.answerQuestion(t, text, 'unknown', [], answered);
      state.clarify = { text, options: u.intent.ambiguous.options };
      const choices = u.intent.ambiguous.options.map((o) => ({ id: `intent:pick:${o}`, label: messages.intentLabels[o] ?? o }));
      return this.out(t, 'unknown', { messages: [{ text: messages.clarify, choices }], citations: [] });
    }
    const intent = forced ?? u.intent.intent;
    const e = u.entities;
    // a program no document mentions: say so rather than answer with other programs' figures
    const unknownProgram = ['subsidy', 'unknown'].includes(intent) && !e.programs.length ? this.d.answer.unknownProgram(text) : undefined;
    if (unknownProgram) return this.failed(t, 'subsidy', text, { messages: [{ text: messages.unknownProgram(unknownProgram) }], citations: [] });
    switch (intent) {
      case 'diagnosis':
        return state.diagnosis ? this.resumeDiagnosis(t) : this.startDiagnosis(t);
      case 'subsidy': {
        const out = await this.subsidyQuestion(t, text, u);
        // 「役員3人込みで22人」: say which head count the answer used
        if (e.officers && e.employees !== undefined) out.messages.unshift({ text: messages.officersTakenOff(e.officers, e.employees) });
        return out;
      }
      case 'bcp':
        return this.answerQuestion(t, text, 'bcp');
      case 'partners':
        return this.findPartners(t, {
          mode: u.intent.partnerMode ?? 'complement',
          profile: state.profile,
          capabilities: e.capabilities,
          supplierName: e.supplierName,
          steps: e.steps,
          words: u.words,
        });
      case 'starter':
        return this.suggestStarters(t, u.words, text);
      case 'draft': {
        const kind = u.intent.draftKind ?? this.d.drafting.kindIn(text);
        // the draft in progress, unless the owner asks for another kind
        if (state.drafting && (!kind || kind === state.drafting.kind)) return this.resumeDraft(t);
        return this.startDraft(t, kind);
      }
      case 'escalate':
        return this.escalate(t, 'owner_asked', text.slice(0, 60), text);
      case 'smalltalk':
        return this.out(t, 'smalltalk', { messages: [menuReply(smalltalkReply(text))], citations: [] });
      default:
        return this.answerQuestion(t, text, 'unknown');
    }
  }

  // ── skills ───────────────────────────────────────────────────────────────
  /** `answered`: the answer already found for this question without a kind filter (no need to search again). */
  private async answerQuestion(t: TurnInput, question: string, intent: string, programs: string[] = [], answered?: GroundedAnswer): Promise<TurnOutcome> {
    const kinds = KINDS_FOR[intent];
    let answer = answered ?? (await this.d.answer.answer(question, { kinds }));
    if (answer.refusal && !answer.partial && kinds) answer = await this.d.answer.answer(question); // the intent may have been too narrow
    // one named program: its schedule, cap and rate as of today come first, from its front matter
    const aspects = this.d.answer.aspectsOf(question);
    const facts = programs.length === 1 && this.isMatchable(programs[0]!) ? this.d.subsidies.keyFacts(programs[0]!, t.state.profile, aspects) : undefined;
    // an open question is about what its sources are about: a program (or support guide), BCP, a starter, companies
    const topKind = answer.hits.find((h) => answer.citations.some((c) => c.docId === h.chunk.id))?.chunk.kind;
    const resolved = intent !== 'unknown' || !topKind ? intent : (INTENT_OF_KIND[topKind] ?? 'unknown');
    // the program's own figures answer a schedule, cap or rate question even when no passage does
    if (answer.refusal && !answer.partial && facts && (aspects.schedule || aspects.cap || aspects.rate)) return this.out(t, resolved, facts, question);
    const lead = facts ?? noResult();
    if (answer.refusal) {
      const nearest = answer.partial ? [answer.reply] : [{ text: messages.notFound }];
      // what the sources lack comes first, then the nearest facts they do have
      const shown = answer.partial || lead.messages.length ? { messages: [...nearest, ...lead.messages], citations: dedupeCitations([...lead.citations, ...answer.citations]) } : undefined;
      return this.failed(t, resolved, question, shown);
    }
    const cited = [...new Set(answer.citations.map((c) => c.docId.split('#')[0]!).filter((id) => this.isMatchable(id)))];
    const subsidies = [...new Set([...(lead.subsidies ?? []), ...cited])];
    return this.out(t, resolved, { messages: [...lead.messages, answer.reply], citations: dedupeCitations([...lead.citations, ...answer.citations]), subsidies }, question);
  }

  /** A subsidy question: its verdict, its facts, or the programs that fit, by what it asks. */
  private async subsidyQuestion(t: TurnInput, text: string, u: Understanding): Promise<TurnOutcome> {
    // 「もの補助の統合後の新しいやつ」: the question is about the successor of the program named
    const e = u.entities.successor ? { ...u.entities, programs: u.entities.programs.map((id) => this.successorOf(id) ?? id) } : u.entities;
    const ask = u.intent.subsidyAsk ?? (e.programs.length ? 'fact' : 'match');
    if (!e.programs.length && ask !== 'fact' && ASKS_SME.test(text)) return this.smeCheck(t, text, u.words);
    if (ask === 'match') {
      const guide = await this.guideAnswer(text, u);
      return guide ? this.answerQuestion(t, text, 'subsidy', [], guide) : this.matchSubsidies(t, u.words, text);
    }
    // 「建物も対象になる？」 asks about an expense, not about the company: answered from the text
    const aboutCompany = ask === 'eligibility' && !this.d.answer.aspectsOf(text).expense;
    if (aboutCompany && e.programs.length === 1) return this.subsidyDetail(t, e.programs[0]!, text);
    if (aboutCompany && e.programs.every((id) => this.isMatchable(id))) return this.eligibilityOf(t, e.programs.slice(0, MAX_PROGRAMS_EXPLAINED), text);
    return this.answerQuestion(t, text, 'subsidy', e.programs);
  }

  /**
   * "Which programs …" answered by a guide rather than the matcher: the owner names a guide (the
   * overview, 早見表), or asks about something the programs' own fields cannot tell apart
   * (組める仲間) that a guide answers squarely.
   */
  private async guideAnswer(text: string, u: Understanding): Promise<GroundedAnswer | undefined> {
    const named = u.entities.guides.length > 0;
    if (!named && (!u.words.length || this.d.subsidies.purposeTermsOf(u.words).length)) return undefined;
    const answer = await this.d.answer.answer(text);
    const top = answer.hits.find((h) => answer.citations.some((c) => c.docId === h.chunk.id))?.chunk;
    if (answer.refusal || !top) return undefined;
    const fromGuide = named ? u.entities.guides.includes(top.docId) : top.kind === 'guide' && !this.isMatchable(top.docId) && answer.relevance >= CONFIDENT_RELEVANCE;
    return fromGuide ? answer : undefined;
  }

  private matchSubsidies(t: TurnInput, purpose: string[], question?: string): TurnOutcome {
    const matches = this.d.subsidies.match(t.state.profile, { purpose });
    return this.out(t, 'subsidy', this.d.subsidies.toResult(matches, t.state.profile), question);
  }

  /** "うちは中小企業に入る？": the verdict from the definition, then the programs that fit (unless none can). */
  private smeCheck(t: TurnInput, question: string, purpose: string[]): TurnOutcome {
    const profile = t.state.profile;
    const verdict = this.d.subsidies.explainSme(profile, question);
    const matches = this.d.subsidies.match(profile, { purpose });
    const fitting = matches.some((x) => x.verdict !== 'not_eligible') ? this.d.subsidies.toResult(matches, profile) : noResult();
    return this.out(t, 'subsidy', { ...fitting, messages: [...verdict.messages, ...fitting.messages], citations: dedupeCitations([...verdict.citations, ...fitting.citations]) }, question);
  }

  /** "ものづくりや省力化、うちも使える？": each named program's verdict, one after another. */
  private eligibilityOf(t: TurnInput, docIds: string[], question: string): TurnOutcome {
    const results = docIds.map((id) => this.d.subsidies.explainEligibility(id, t.state.profile));
    return this.out(
      t,
      'subsidy',
      {
        messages: results.flatMap((r) => r.messages),
        citations: dedupeCitations(results.flatMap((r) => r.citations)),
        subsidies: results.flatMap((r) => r.subsidies ?? []),
      },
      question,
    );
  }

  private successorOf(docId: string): string | undefined {
    const meta = this.d.catalog.subsidies.find((s) => s.id === docId)?.meta;
    return meta?.status === 'replaced' && meta.successor && this.isMatchable(meta.successor) ? meta.successor : undefined;
  }

  private isMatchable(docId: string): boolean {
    return this.d.catalog.subsidies.some((s) => s.id === docId);
  }

  private async subsidyDetail(t: TurnInput, docId: string, question?: string): Promise<TurnOutcome> {
    if (!this.isMatchable(docId)) {
      // a scheme without matching rules (a guide such as 経営力向上計画): answer the question from its text
      return question ? this.answerQuestion(t, question, 'subsidy') : this.out(t, 'subsidy', { messages: [menuReply()], citations: [] });
    }
    return this.out(t, 'subsidy', this.d.subsidies.explainEligibility(docId, t.state.profile), question);
  }

  private findPartners(t: TurnInput, query: PartnerQuery): TurnOutcome {
    const { state } = t;
    const wantsSomething = Boolean(query.capabilities?.length || query.steps?.length || query.supplierName || state.profile.needs?.length);
    const knowsOwn = Boolean(state.profile.capabilities?.length);
    const needsOwn = query.mode === 'bcp_far' ? !knowsOwn && !query.capabilities?.length : (query.mode === 'complement' || query.mode === 'near') && !wantsSomething && !knowsOwn;
    if (needsOwn) {
      state.awaiting = 'capabilities';
      state.awaitingMode = query.mode;
      return this.out(t, 'partners', { messages: [{ text: messages.askOwnCapability }], citations: [] });
    }
    const profile = t.searchNear ? { ...query.profile, ...t.searchNear } : query.profile;
    const outcome = this.d.partners.suggest({ ...query, profile });
    const result = this.d.partners.toResult(outcome, profile);
    if (outcome.missing === 'prefecture' || outcome.missing === 'capabilities') {
      // a question back, not a failure: remember what to run once the owner answers
      state.awaiting = outcome.missing;
      state.awaitingMode = query.mode;
      return this.out(t, 'partners', { ...result, refusal: false });
    }
    return this.out(t, 'partners', result);
  }

  private async suggestStarters(t: TurnInput, words: string[], text?: string): Promise<TurnOutcome> {
    const { state } = t;
    const weakAreas = weakestAreas(state.lastDiagnosis);
    const picked = this.d.starters.pick({ profile: state.profile, weakAreas, words, text, limit: 3 });
    if (picked.length || !text) return this.out(t, 'starter', this.d.starters.toResult(picked));
    // the owner's words name no starter (all in kana, or no topic word): the starters full-text search
    // (which reads kana) finds nearest, shown as such
    const found = await this.d.answer.answer(text, { kinds: ['starter'] });
    const nearest = [...new Set(found.hits.filter((h) => h.bm25).map((h) => h.chunk.docId))];
    return this.out(t, 'starter', this.d.starters.toResult(this.d.starters.byIds(nearest, 3), { nearest: true }));
  }

  private starterPlan(t: TurnInput, docId: string): TurnOutcome {
    const starter = this.d.catalog.starters.find((s) => s.id === docId);
    if (!starter) return this.out(t, 'starter', { messages: [menuReply()], citations: [] });
    // companies that bring the processes the project is about, near the owner
    const partners = this.d.partners.suggest({ mode: 'near', profile: t.state.profile, capabilities: starter.meta.capabilities, limit: 3 }).suggestions;
    return this.out(t, 'starter', this.d.starters.planResult(starter, partners));
  }

  // ── drafting ─────────────────────────────────────────────────────────────
  private async startDraft(t: TurnInput, kind?: DraftKind): Promise<TurnOutcome> {
    t.state.diagnosisActive = false; // a diagnosis in progress waits (it can be resumed)
    return this.applyDraftStep(t, this.d.drafting.start(kind, t.state.profile, t.state.lastDiagnosis));
  }

  private async resumeDraft(t: TurnInput): Promise<TurnOutcome> {
    const out = await this.draftStep(t, {});
    out.messages.unshift({ text: messages.draftingResuming });
    return out;
  }

  private async draftStep(t: TurnInput, input: { text?: string; postback?: string }): Promise<TurnOutcome> {
    return this.applyDraftStep(t, this.d.drafting.handle(t.state.drafting!, input, t.state.profile));
  }

  /** A question: keep the state and ask. Done: store the .docx and .md and send the links. */
  private async applyDraftStep(t: TurnInput, step: DraftingStep): Promise<TurnOutcome> {
    const { state } = t;
    if (step.kind !== 'done') {
      state.drafting = step.state;
      state.draftingActive = true;
      return this.out(t, 'draft', { messages: step.messages, citations: [] });
    }
    state.drafting = undefined;
    state.draftingActive = false;
    const delivered = await deliverDraft(step.draft, { files: this.d.files, ownerKey: t.key, now: t.now, publicUrl: this.d.publicUrl });
    const last = delivered.messages.at(-1);
    if (last && !last.choices?.length) last.choices = [...messages.menu]; // what next
    return this.out(t, 'draft', { messages: [...step.messages, ...delivered.messages], citations: delivered.citations });
  }

  private escalate(t: TurnInput, reason: 'owner_asked' | 'repeated_failure' | 'weighty_unanswered', topic: string, question?: string): TurnOutcome {
    const { state } = t;
    const result = this.d.escalation.escalate({
      sessionKey: t.key,
      reason,
      topic,
      question,
      state,
      transcript: this.d.sessions.transcript(t.key, 60),
      titleOf: (id) => this.d.catalog.docs.get(id)?.title ?? id,
    });
    state.caseId = result.caseId;
    state.failures = 0;
    return { ...this.out(t, 'escalate', result), escalationId: result.caseId };
  }

  /**
   * The assistant could not answer from its sources: say so (with the nearest facts it has, when
   * `shown` carries them), and bring in a person when it matters.
   */
  private failed(t: TurnInput, intent: string, question: string, shown?: SkillResult): TurnOutcome {
    const { state } = t;
    state.failures += 1;
    const refusal: SkillResult = { ...(shown ?? { messages: [{ text: messages.notFound }], citations: [] }), refusal: true };
    if (isWeighty(question) || state.failures >= 2) {
      const reason = isWeighty(question) ? 'weighty_unanswered' : 'repeated_failure';
      const esc = this.escalate(t, reason, question.slice(0, 60), question);
      return { ...esc, intent: intent === 'unknown' ? 'escalate' : intent, messages: [...refusal.messages, ...esc.messages], citations: refusal.citations, refusal: true };
    }
    const last = refusal.messages.at(-1)!;
    const hinted = [...refusal.messages.slice(0, -1), { ...last, text: `${last.text}\n${messages.retryHint}`, choices: [messages.escalationOffer] }];
    return this.out(t, intent, { ...refusal, messages: hinted });
  }

  // ── diagnosis ────────────────────────────────────────────────────────────
  private startDiagnosis(t: TurnInput): TurnOutcome {
    const { state, messages: msgs } = this.d.diagnosis.start(t.state.profile);
    t.state.diagnosis = state;
    t.state.diagnosisActive = true;
    return this.out(t, 'diagnosis', { messages: msgs, citations: [] });
  }

  private resumeDiagnosis(t: TurnInput): TurnOutcome {
    t.state.diagnosisActive = true;
    const step = this.d.diagnosis.handle(t.state.diagnosis!, {}, t.state.profile);
    const out = this.applyDiagnosisStep(t, step);
    out.messages.unshift({ text: messages.diagnosisResuming });
    out.messages.at(-1)!.choices = [...(out.messages.at(-1)!.choices ?? []), messages.diagnosisRestart];
    return out;
  }

  private diagnosisStep(t: TurnInput, input: { text?: string; postback?: string }): TurnOutcome {
    t.state.diagnosisActive = true;
    return this.applyDiagnosisStep(t, this.d.diagnosis.handle(t.state.diagnosis!, input, t.state.profile));
  }

  private applyDiagnosisStep(t: TurnInput, step: ReturnType<DiagnosisEngine['handle']>): TurnOutcome {
    const { state } = t;
    if (step.profilePatch) state.profile = mergeProfile(state.profile, step.profilePatch);
    if (step.kind !== 'done') {
      state.diagnosis = step.state;
      if (step.kind === 'paused') state.diagnosisActive = false;
      return this.out(t, 'diagnosis', { messages: step.messages, citations: [] });
    }
    state.diagnosis = undefined;
    state.diagnosisActive = false;
    state.lastDiagnosis = step.result;
    return this.out(t, 'diagnosis', this.diagnosisReport(t, step.result, step.messages, step.citations));
  }

  /** Scores, chart and next steps: programs, starter projects and partners tied to the weak areas. */
  private diagnosisReport(t: TurnInput, result: DiagnosisResult, rendered: Reply[], cited: Citation[]): SkillResult {
    const profile = t.state.profile;
    const summary = rendered[0]!;
    const png = this.d.renderChart(result.areas.map((a) => ({ label: a.label, score: a.score })));
    const file = this.d.files.put({ ownerKey: t.key, name: 'tsunagu-diagnosis.png', mime: 'image/png', bytes: png }, t.now);
    summary.image = { url: `${this.d.publicUrl ?? ''}${file.url}`, alt: `自己診断の結果（${result.areas.map((a) => `${a.label}${a.score}点`).join('、')}）` };
    // programs the answers pointed to that the matcher knows (guides such as よろず支援拠点 are named in the summary)
    const matchable = result.suggestions.subsidies.filter((id) => this.d.catalog.subsidies.some((s) => s.id === id));
    const matched = matchable.length ? this.d.subsidies.toResult(this.d.subsidies.match(profile, { programs: matchable }), profile) : noResult();
    const programs = matched.subsidies?.length ? matched : noResult();
    const partners = profile.capabilities?.length ? this.d.partners.toResult(this.d.partners.suggest({ mode: 'complement', profile, limit: 3 }), profile) : noResult();
    const starters = this.d.starters.toResult(this.pickStarters(profile, result.suggestions.starters, weakestAreas(result)));
    return {
      messages: [summary, ...rendered.slice(1), ...programs.messages, ...starters.messages, ...partners.messages],
      citations: dedupeCitations([...cited, ...programs.citations, ...starters.citations, ...partners.citations]),
      subsidies: programs.subsidies,
      partners: partners.partners,
    };
  }

  // ── helpers ──────────────────────────────────────────────────────────────
  /** The starters the diagnosis answers pointed to first, then the best picks for the weak areas. */
  private pickStarters(profile: OwnerProfile, suggested: string[], weakAreas: string[]) {
    const picks = this.d.starters.pick({ profile, weakAreas, limit: 6 });
    const rank = (id: string) => (suggested.includes(id) ? suggested.indexOf(id) : suggested.length + 1);
    return [...picks].sort((a, b) => rank(a.starter.id) - rank(b.starter.id)).slice(0, 3);
  }

  private capabilityName(id: string): string {
    return this.d.catalog.taxonomy.capabilities.find((c) => c.id === id)?.name ?? id;
  }

  private partnerName(id: string): string {
    return this.d.catalog.partners.find((p) => p.id === id)?.name ?? id;
  }

  /** Wraps a skill result into the turn outcome and remembers what was suggested (for the escalation packet). */
  private out(t: TurnInput, intent: string, result: SkillResult, question?: string): TurnOutcome {
    const { state } = t;
    if (!result.refusal) state.failures = 0;
    if (result.citations.length || result.subsidies?.length || result.partners?.length) {
      state.last = { intent, question, subsidies: result.subsidies ?? [], partners: result.partners ?? [], citations: result.citations };
    }
    return { ...result, intent, state };
  }
}

/** Thanks, "what can you do?", or a greeting. */
function smalltalkReply(text: string): string {
  if (ASKS_CAPABILITIES.test(text)) return messages.capabilities;
  return /ありがと|感謝|助か/.test(text) ? messages.thanks : messages.greeting;
}

function profilePatchOf(u: Understanding): Partial<OwnerProfile> {
  const e = u.entities;
  const place = u.intent.intent === 'partners' ? {} : { prefecture: e.prefecture, city: e.city };
  return { ...place, industry: e.industry, employees: e.employees, capitalJpy: e.capitalJpy, revenueJpy: e.revenueJpy };
}

/** The diagnosis areas scored lowest, weakest first (the starters and programs to suggest). */
function weakestAreas(result?: DiagnosisResult): string[] {
  if (!result) return [];
  return [...result.areas].sort((a, b) => a.score - b.score).slice(0, 3).map((a) => a.id);
}

function dedupeCitations(citations: Citation[]): Citation[] {
  const seen = new Set<string>();
  return citations.filter((c) => !seen.has(c.docId) && seen.add(c.docId));
}
