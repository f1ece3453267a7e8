// Answers a free question from the knowledge base, grounded and cited: the answer is made of
// sentences and table rows taken from the best passages, each marked with its source number.
// When the passages do not cover the question well enough, it says so instead of guessing.
import type { Chunk, DocKind } from '../../domain/knowledge.ts';
import type { Citation, Reply } from '../../domain/conversation.ts';
import { indexText, splitSentences } from '../../knowledge/chunk.ts';
import type { ConceptLexicon } from '../../knowledge/embeddings.ts';
import { foldKana, normalizeText } from '../../knowledge/normalize.ts';
import type { HybridRetriever, SearchHit } from '../../knowledge/retriever.ts';
import { jstDate } from '../../domain/calendar.ts';
import { messages } from '../messages.ja.ts';
import type { Clock } from '../ports.ts';
import { mentionsRound, PROGRAM_SUFFIX, programNamesIn, roundsIn, UNCONFIRMED } from './specifics.ts';

export type GroundedAnswer = {
  reply: Reply;
  citations: Citation[];
  refusal: boolean;
  /** How much of the question the best passage covers, 0..1. */
  relevance: number;
  hits: SearchHit[];
  /** A refusal that still shows the nearest facts the sources hold (e.g. the last known round). */
  partial?: boolean;
};

export type AnswerOptions = { kinds?: readonly DocKind[] };


/** Below this share of the question's meaning covered by the best passage, the assistant declines. */
export const MIN_RELEVANCE = 0.5;
const SEARCH_DEPTH = 8;
const MAX_SENTENCES = 4;
const MAX_ANSWER_CHARS = 420;
const CONCEPT_WEIGHT = 2;

type QueryUnit = { text: string; concepts: Set<string>; weight: number };

const fold = (s: string) => foldKana(normalizeText(s)).replace(/\s+/g, '');

export class AnswerSkill {
  private corpus?: string;
  private names?: string;

  constructor(
    private readonly retriever: HybridRetriever,
    private readonly lexicon: ConceptLexicon,
    private readonly now: Clock = () => new Date(),
  ) {}

  /**
   * A program the question names that no document mentions (「業務改善助成金」): asking about it
   * must not be answered with other programs' figures. Undefined when every name is known.
   */
  unknownProgram(question: string): string | undefined {
    const chunks = this.retriever.index.chunks;
    this.corpus ??= chunks.map((c) => fold(c.text)).join('\n');
    this.names ??= [...new Set(chunks.map((c) => fold([c.title, ...(c.keywords ?? [])].join(' '))))].join('\n');
    // known: the name appears somewhere, or its distinctive part is in a document's title or aliases (機械導入補助金 → 機械導入応援補助金)
    return programNamesIn(question).find((name) => !this.corpus!.includes(fold(name)) && !this.names!.includes(fold(name.replace(PROGRAM_SUFFIX, ''))));
  }

  /**
   * What a program question asks about: its schedule, its cap (answered with the rate too: how
   * much of the cost), its rate, or whether an expense (建物, 中古の機械) is covered.
   */
  aspectsOf(question: string): { schedule: boolean; cap: boolean; rate: boolean; expense: boolean } {
    const concepts = this.lexicon.conceptsIn(fold(question));
    const cap = concepts.has('subsidy-cap');
    return {
      schedule: concepts.has('deadline') || concepts.has('round'),
      cap,
      rate: cap || concepts.has('subsidy-rate'),
      expense: concepts.has('expense-item') || concepts.has('eligible-expense'),
    };
  }

  /**
   * The question's meaning-bearing units: content words (weighted by rarity) and concepts. Words
   * inside a longer concept phrase of the question (締切 in 締切なし) count as that phrase.
   */
  private queryUnits(question: string): QueryUnit[] {
    const bm25 = this.retriever.index.bm25;
    const phrases = this.lexicon.termsIn(fold(question)).filter((m) => [...m.term].length >= 3);
    const units: QueryUnit[] = [];
    const phraseUnits = new Map<string, QueryUnit>();
    const seen = new Set<string>();
    for (const w of this.retriever.analyze(question).words) {
      if (seen.has(w)) continue;
      seen.add(w);
      const text = stem(fold(w));
      const weight = bm25.idf('w', w);
      const phrase = phrases.find((m) => m.term.length > text.length && m.term.includes(text));
      if (!phrase) {
        units.push({ text, concepts: this.lexicon.conceptsIn(fold(w)), weight });
        continue;
      }
      const unit = phraseUnits.get(phrase.term);
      if (unit) unit.weight = Math.max(unit.weight, weight);
      else phraseUnits.set(phrase.term, { text: phrase.term, concepts: new Set([phrase.id]), weight });
    }
    units.push(...phraseUnits.values());
    for (const c of this.lexicon.conceptsIn(fold(question))) units.push({ text: '', concepts: new Set([c]), weight: CONCEPT_WEIGHT });
    return units;
  }

  /** Share of the units' weight found in the text (directly, or through a shared concept). */
  private coverage(units: QueryUnit[], text: string, discount?: (u: QueryUnit) => number): number {
    const folded = fold(text);
    const concepts = this.lexicon.conceptsIn(folded);
    let total = 0;
    let covered = 0;
    for (const u of units) {
      const weight = u.weight * (discount?.(u) ?? 1);
      total += weight;
      if (covers(u, folded, concepts)) covered += weight;
    }
    return total ? covered / total : 0;
  }

  /**
   * A must-answer concept of the question (採択率, 手数料) that no chosen line or its heading
   * speaks of: the lines are about the program, but they do not answer what was asked.
   */
  private unansweredConcept(question: string, chosen: { sentence: string; chunk: Chunk }[]): string | undefined {
    const asked = [...this.lexicon.conceptsIn(fold(question))].filter((c) => this.lexicon.mustAnswer.has(c));
    if (!asked.length) return undefined;
    const said = this.lexicon.conceptsIn(fold(chosen.map((c) => `${c.chunk.section} ${c.sentence}`).join(' ')));
    const missing = asked.find((c) => !said.has(c));
    return missing && this.lexicon.labelOf(missing);
  }

  /**
   * What a figure question asks the figure of: its weightiest kanji word that is neither the topic
   * (the program named) nor the asking itself (何年, 上限, 割). Undefined when only those remain.
   */
  private askedSubject(units: QueryUnit[], topic: string): QueryUnit | undefined {
    const asking = (u: QueryUnit) => [...u.concepts].some((c) => this.lexicon.asksNumber.has(c) || this.lexicon.asksDate.has(c));
    const candidates = units.filter((u) => KANJI_WORD.test(u.text) && !topic.includes(u.text) && !asking(u) && !this.lexicon.conceptsIn(u.text).size);
    return candidates.reduce<QueryUnit | undefined>((best, u) => (!best || u.weight > best.weight ? u : best), undefined);
  }

  async answer(question: string, opts: AnswerOptions = {}): Promise<GroundedAnswer> {
    const hits = await this.retriever.search(question, { k: SEARCH_DEPTH, kinds: opts.kinds });
    const units = this.queryUnits(question);
    const scored = hits.map((h) => ({ hit: h, relevance: this.coverage(units, indexText(h.chunk)) }));
    const relevance = Math.max(0, ...scored.map((s) => s.relevance));
    if (!hits.length || !units.length || relevance < MIN_RELEVANCE) {
      return { reply: { text: messages.notFound }, citations: [], refusal: true, relevance, hits };
    }

    // candidate sentences from the passages that cover the question well enough and, when the
    // question names a topic (a program, a guideline), only from passages about that topic
    const topicOf = (chunk: Chunk) => fold([chunk.title, ...(chunk.keywords ?? [])].join(' '));
    const best = scored.reduce((a, b) => (b.relevance > a.relevance ? b : a));
    const bestTopic = topicOf(best.hit.chunk);
    const named = units.filter((u) => u.text && u.weight > 0 && bestTopic.includes(u.text));
    const passages = scored
      .filter((s) => s.relevance >= MIN_RELEVANCE * 0.8)
      .filter((s) => named.every((u) => topicOf(s.hit.chunk).includes(u.text)))
      .slice(0, 5);
    const wantsNumber = units.some((u) => [...u.concepts].some((c) => this.lexicon.asksNumber.has(c) || this.lexicon.asksDate.has(c)));
    const wantsDate = units.some((u) => [...u.concepts].some((c) => this.lexicon.asksDate.has(c)));
    const wantsDefinition = units.some((u) => [...u.concepts].some((c) => this.lexicon.asksDefinition.has(c)));
    const today = jstDate(this.now());
    const rounds = roundsIn(question);
    const candidates = passages.flatMap(({ hit, relevance: passageRelevance }, rank) => {
      const sentences = answerUnits(hit.chunk);
      // what the title and aliases already say is the topic; a sentence should add what was asked
      const topic = topicOf(hit.chunk);
      const topicConcepts = this.lexicon.conceptsIn(topic);
      const discount = (u: QueryUnit) => (covers(u, topic, topicConcepts) ? TOPIC_DISCOUNT : 1);
      // the sentence itself counts; its section heading adds a little (every row of a table shares it)
      const heading = this.coverage(units, hit.chunk.section, discount);
      const own = sentences.map((s) => this.coverage(units, s, discount) + SECTION_SHARE * heading);
      return sentences.map((sentence, i) => {
        let score = Math.max(own[i]!, i > 0 && isQuestion(sentences[i - 1]!) ? own[i - 1]! : 0) + 0.5 * passageRelevance + 0.3 / (rank + 1);
        if (wantsNumber && !FIGURE.test(sentence.replace(DATE, ''))) score -= 0.5;
        if (wantsDate) score += upcomingDateBonus(sentence, today);
        // "〜って何？": the sentence that says what the topic is ("Xは、…です"), or its overview
        if (wantsDefinition) score += definitionBonus(sentence, hit.chunk, named);
        // 「第21回の締切は？」: a line about that round, not about another
        if (rounds.some((r) => mentionsRound(sentence, r))) score += ROUND_BONUS;
        // a question line (FAQ) is never the answer; it lends its match to the line after it
        return { chunk: hit.chunk, sentence, selectable: !isQuestion(sentence), score };
      });
    });
    candidates.sort((a, b) => b.score - a.score);
    const chosen: typeof candidates = [];
    let length = 0;
    for (const c of candidates) {
      if (!c.selectable || chosen.length >= MAX_SENTENCES || length + c.sentence.length > MAX_ANSWER_CHARS) continue;
      if (chosen.some((x) => x.sentence.includes(c.sentence) || c.sentence.includes(x.sentence))) continue;
      chosen.push(c);
      length += c.sentence.length;
    }

    // number the sources in order of first use
    const used: Chunk[] = [];
    const lines = chosen.map((c) => {
      let n = used.indexOf(c.chunk);
      if (n < 0) n = used.push(c.chunk) - 1;
      return `${c.sentence}［${n + 1}］`;
    });
    const citations: Citation[] = used.map((chunk) => ({
      docId: chunk.id,
      title: chunk.title,
      section: chunk.section || undefined,
      url: chunk.sourceUrl,
      quote: chosen.filter((c) => c.chunk === chunk).map((c) => c.sentence).join(' '),
    }));
    // a round the sources do not have (or only as "not confirmed") is not answered by another round's facts
    const missingRound = rounds.find((r) => {
      const about = chosen.filter((c) => mentionsRound(c.sentence, r));
      return !about.length || about.every((c) => UNCONFIRMED.test(c.sentence));
    });
    const missingWord = missingRound ? undefined : this.unansweredConcept(question, chosen);
    // 「何年？」「いくら？」 with no figure in any chosen line, or none about what was asked
    // (「計画期間は何年？」 is not answered by 「年1回以上の訓練」): the lines do not answer it
    const wantsCount = units.some((u) => [...u.concepts].some((c) => this.lexicon.asksNumber.has(c)));
    const subject = wantsCount && !wantsDate ? this.askedSubject(units, bestTopic) : undefined;
    const answersFigure = (c: { sentence: string; chunk: Chunk }) =>
      c.sentence.split('\n').some((line) => {
        if (!FIGURE.test(line.replace(DATE, ''))) return false;
        if (!subject) return true;
        const text = fold(`${c.chunk.section} ${line}`); // the same line (of a list) holds the figure and its subject
        return covers(subject, text, this.lexicon.conceptsIn(text));
      });
    const missingFigure = !missingRound && !missingWord && wantsNumber && !chosen.some(answersFigure);
    const lead = missingRound
      ? [(missingRound.kind === 'form' ? messages.formNotInSources : messages.roundNotInSources)(missingRound.text), messages.nearestInSources]
      : missingWord
        ? [messages.specificNotInSources(missingWord), messages.nearestInSources]
        : missingFigure
          ? [messages.figureNotInSources, messages.nearestInSources]
          : [];
    const text = [...lead, lines.join('\n'), '', renderSources(used), ...(used.some((c) => c.kind === 'subsidy') ? ['', messages.figuresChange] : [])].join('\n');
    const partial = Boolean(missingRound || missingWord || missingFigure);
    return { reply: { text }, citations, refusal: partial, relevance, hits, partial };
  }
}

/** An amount, a rate or a head count: what a "how much / how many" question wants. */
const FIGURE = /\d[\d,，]*(?:\.\d+)?\s*(?:万円|億円|千円|円|人|%|％|割|か月|ヶ月|カ月|日|年|週間|回|時間)|\d+\s*\/\s*\d+|\d+分の\d+|定額/;

/** Added to a line about the round the question names. */
const ROUND_BONUS = 1;

const DATE = /(?:\d{4}年)?\d{1,2}月\d{1,2}日|\d{4}-\d{2}-\d{2}/g;

/** How much a sentence's section heading adds to its own match. */
const SECTION_SHARE = 0.3;

/**
 * Verbs and adjectives come as base forms (マトメル, 足リル) but appear conjugated in text
 * (まとめ買い, 足りない): compare their stem, the form without its final kana.
 */
function stem(word: string): string {
  return [...word].length >= 2 && /[\u30a1-\u30f6]$/.test(word) && /[\u4e00-\u9fff]|^[\u30a1-\u30f6]{3,}$/.test(word) ? word.slice(0, -1) : word;
}

const LIST_ITEM = /^・/;
/** A sentence that announces a list: 「次の2つが必要です。」「以下のとおりです：」 */
const LEADS_LIST = /(?:次の|つぎの|以下の|下記の)[^。]*[。：:]?$|[：:]$/;
/** How many sentences may stand between a list's lead sentence and its first item. */
const LEAD_REACH = 2;

/**
 * The pieces an answer is made of: sentences, with a list kept together with the sentence that
 * announces it (「次の2つが必要です。」 alone answers nothing). A company of the registry is one
 * piece (name, place, what it does).
 */
function answerUnits(chunk: Chunk): string[] {
  if (chunk.kind === 'partner') return [chunk.text.split('\n').slice(0, 2).join('／')];
  const units: string[] = [];
  let lead = -1; // the unit a list that starts now would belong to
  let sinceLead = 0;
  let listed = false; // the lead already has items: the next plain sentence ends its list
  for (const raw of splitSentences(chunk.text)) {
    const sentence = raw.replace(/^(A|Ａ|答)\s*[.．:：]\s*/, '');
    if (LIST_ITEM.test(sentence)) {
      if (lead >= 0 && sinceLead <= LEAD_REACH) {
        units[lead] += `\n${sentence}`;
        listed = true;
        continue;
      }
      units.push(sentence.replace(LIST_ITEM, ''));
      continue;
    }
    units.push(sentence);
    if (LEADS_LIST.test(sentence)) {
      // 「次の2つが必要です。」: its list may follow a sentence or two later
      lead = units.length - 1;
      sinceLead = 0;
      listed = false;
    } else if (listed || lead < 0 || sinceLead >= LEAD_REACH) {
      // any other sentence owns a list that starts right after it (「5つのプロセスに沿って進みます。」)
      lead = isQuestion(sentence) ? -1 : units.length - 1;
      sinceLead = LEAD_REACH;
      listed = false;
    } else sinceLead += 1;
  }
  return units;
}

/** Weight kept by a question unit that the passage's title already covers. */
const TOPIC_DISCOUNT = 0.25;

/** A word of two or more characters with a kanji in it (計画期間, 訓練): a subject, not a concept token or an adjective. */
const KANJI_WORD = /^(?=.*[\u4e00-\u9fff])[^#?？]{2,}$/u;

function covers(u: QueryUnit, folded: string, concepts: Set<string>): boolean {
  return Boolean(u.text && folded.includes(u.text)) || [...u.concepts].some((c) => concepts.has(c));
}


/** Dates written as 2026年12月15日 or 2026-12-15: a sentence naming a date still ahead ranks up, one only in the past down. */
export function upcomingDateBonus(sentence: string, today: string): number {
  const dates = [...sentence.normalize('NFKC').matchAll(/(20\d\d)[年\-/](\d{1,2})[月\-/](\d{1,2})/g)].map(
    (m) => `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`,
  );
  if (!dates.length) return 0;
  return dates.some((d) => d >= today) ? 0.4 : -0.2;
}

/** A sentence that opens with the topic the question names, or stands in an overview section. */
function definitionBonus(sentence: string, chunk: Chunk, named: QueryUnit[]): number {
  const opening = fold(sentence).slice(0, 24);
  const opensWithTopic = named.some((u) => opening.startsWith(u.text)) || opening.startsWith(fold(chunk.title).slice(0, 6));
  return (opensWithTopic && /は[、，]?/.test(sentence.slice(0, 40)) ? 0.5 : 0) + (/概要|とは|どんな/.test(chunk.section) ? 0.3 : 0);
}

/** An FAQ question or any question sentence: "Q. 〜？" */
function isQuestion(sentence: string): boolean {
  return /^(Q|Ｑ|問)\s*[.．:：]/.test(sentence) || /[？?]$/.test(sentence);
}

/** Numbered source list: title, section, URL and as-of date, one source per entry. */
export function renderSources(chunks: Chunk[]): string {
  const entries = chunks.map((c, i) => {
    const head = `［${i + 1}］${c.title}${c.section ? `（${c.section}）` : ''}`;
    const tail = [c.sourceUrl, c.asOf ? messages.asOf(c.asOf) : undefined].filter(Boolean).join(' ／ ');
    return tail ? `${head}\n　${tail}` : head;
  });
  return [messages.sourcesHeader, ...entries].join('\n');
}
