// Schemas of the language-understanding content (knowledge/taxonomy/intents.yaml, places.yaml,
// industries.yaml): cue words and patterns per intent, the sub-field rules, place names and
// the words owners use for their trade. A support center tunes these files, not the code.
import { z } from 'zod';

/** Intent ids (contract: TurnMeta.intent and eval cases use them). */
export const INTENTS = ['diagnosis', 'subsidy', 'partners', 'starter', 'draft', 'bcp', 'escalate', 'smalltalk', 'unknown'] as const;
export const Intent = z.enum(INTENTS);
export type Intent = z.infer<typeof Intent>;

export const SUBSIDY_ASKS = ['match', 'fact', 'eligibility'] as const;
export const PARTNER_MODES = ['complement', 'near', 'bcp_far', 'alternate', 'team'] as const;
export const DRAFT_KINDS = ['jigyokei', 'jigyokei-renkei', 'monozukuri', 'jizokuka'] as const;
export const CONTROLS = ['restart', 'back', 'skip', 'quit', 'yes', 'no'] as const;
export type SubsidyAsk = (typeof SUBSIDY_ASKS)[number];
export type PartnerMode = (typeof PARTNER_MODES)[number];
export type DraftKind = (typeof DRAFT_KINDS)[number];
export type Control = (typeof CONTROLS)[number];

const Text = z.string().trim().min(1);
const Terms = z.array(Text).min(1);

/** A regular expression source, checked to compile (flags: none; the text is already lower-cased). */
const RegexSource = z.string().min(1).refine((s) => {
  try {
    new RegExp(s, 'u');
    return true;
  } catch {
    return false;
  }
}, 'not a valid regular expression');

const Weight = z.number().refine((w) => w !== 0 && Math.abs(w) <= 20, 'a weight is a non-zero number between -20 and 20');

const CueGroup = z
  .object({
    weight: Weight,
    terms: Terms,
    fuzzy: z.boolean().default(false), // also match with one wrong, missing or extra character (terms of 3+ characters)
    others: z.partialRecord(Intent, Weight).default({}), // the same words also weigh on other intents: { subsidy: -4 }
  })
  .strict();

const PatternCue = z.object({ weight: Weight, regex: RegexSource }).strict();

const IntentRule = z
  .object({
    id: Intent.exclude(['unknown']),
    cues: z.array(CueGroup).default([]),
    patterns: z.array(PatternCue).default([]),
    /** Weights added when the message names these entities. */
    entities: z
      .object({
        programs: z.number().optional(),
        capabilities: z.number().optional(),
        steps: z.number().optional(),
        supplier: z.number().optional(),
      })
      .strict()
      .default({}),
    yields: z.boolean().default(false), // drops out when any other intent reaches min_score (greetings before a question)
  })
  .strict();

const TermsAndPatterns = {
  terms: z.array(Text).default([]),
  patterns: z.array(RegexSource).default([]),
};

export const IntentLexicon = z
  .object({
    min_score: z.number().positive(), // below this, the intent is unknown
    ambiguity_ratio: z.number().gt(0).lt(1), // a runner-up scoring at least this share of the best makes the message ambiguous
    intents: z.array(IntentRule).min(1),
    subsidy_ask: z
      .object({
        eligibility: Terms, // with a program named: "can we use it?"
        fact: Terms, // with a program named: rate, cap, deadline, what it is
        general_fact: Terms, // without a program named: how subsidies work
        find: Terms, // without a program named: "is there one for us?" (wins over general_fact); no cue at all is also a match question
        support: Terms.default([]), // without a program named: where to turn (窓口, 相談先): answered from the guides, wins over find
      })
      .strict(),
    partner_modes: z.array(z.object({ mode: z.enum(PARTNER_MODES), ...TermsAndPatterns }).strict()).min(1), // first rule that matches wins
    draft_kinds: z
      .array(z.object({ kind: z.enum(DRAFT_KINDS), programs: z.array(Text).default([]), ...TermsAndPatterns }).strict())
      .min(1), // first rule that matches wins
    controls: z
      .object({
        max_rest: z.number().int().min(0), // characters allowed besides the control word (「うん、それでええよ」)
        words: z.record(z.enum(CONTROLS), Terms),
      })
      .strict(),
    injection: z.object(TermsAndPatterns).strict(),
    weak_program_names: z.object({ terms: z.array(Text).default([]), follow: z.array(Text).default([]) }).strict().default({ terms: [], follow: [] }), // names that are also plain words (ものづくり): a program only when followed by these
    stop_words: Terms, // words too common to tell programs, companies or starters apart (会社, 補助金 ...)
    program_nicknames: z.array(z.object({ term: Text, programs: z.array(Text).min(1) }).strict()).default([]),
    entity_cues: z
      .object({
        staff_words: Terms, // words that tie a head count to the company's employees
        staff_after: Terms, // what may follow such a count: 「20人の会社です」「15人でやってます」
        total_words: Terms, // 「全部で」「含めて」: the count to prefer when several are given
        officer_words: Terms.default([]), // 「役員3人込みで22人」: officers are not employees, so they come off a total
        count_limits: Terms, // 「以下」「以上」: a threshold, not the owner's count
        capital_words: Terms,
        successor_words: Terms.default([]), // 「統合後の新しいやつ」: the question is about the program that replaced the one named
        revenue_words: Terms.default([]), // 年商, 売上高: a yen amount after them is the yearly revenue
        self_words: Terms, // how owners refer to their own company: うち, 弊社 ...
        supplier_words: Terms, // 取引先, 外注先 ...
        supplier_events: Terms, // 火事, 倒産, 廃業 ...
        company_suffixes: Terms, // 製作所, 工業, 鍍金 ...
        legal_forms: Terms, // 株式会社, (株) ... (removed from the name)
        generic_names: Terms, // words that are not a company name: 会社, 工場 ...
        step_arrows: Terms, // between two processes in order: →, から ... (a chain needs one)
        step_joiners: Terms, // list separators allowed in a chain: 、 ・ まで
      })
      .strict(),
  })
  .strict();
export type IntentLexicon = z.infer<typeof IntentLexicon>;

export const PlaceLexicon = z
  .object({
    readings: z.record(z.string().regex(/^.+[都道府県]$/), z.array(z.string().regex(/^[ぁ-ゖー]{3,}$/, 'readings are hiragana, 3 characters or more'))),
    places: z
      .array(
        z
          .object({
            name: Text, // what owners say: 浜松, 燕三条, 東大阪
            prefecture: z.string().regex(/^.+[都道府県]$/),
            city: z.string().regex(/^.+[市区町村]$/).optional(), // the municipality, when the name is one
          })
          .strict(),
      )
      .default([]),
    not_after: Terms, // a place name followed by these is part of a company or person name: 山口製作所, 福島さん
  })
  .strict();
export type PlaceLexicon = z.infer<typeof PlaceLexicon>;

export const IndustryLexicon = z
  .object({
    self_tail: RegexSource, // what follows a trade word when owners describe themselves: です, をやってます, の社長
    seek_after: Terms, // what follows a trade word when owners look for such a company: を探, 知らない
    industries: z.array(z.object({ industry: Text, words: Terms }).strict()).min(1),
  })
  .strict();
export type IndustryLexicon = z.infer<typeof IndustryLexicon>;
