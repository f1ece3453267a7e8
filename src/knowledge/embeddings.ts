// Embeddings behind LangChain's interface: a local deterministic embedder by default
// (no network, no weights), OpenAIEmbeddings when an OpenAI-compatible endpoint is configured.
import { createHash } from 'node:crypto';
import { Embeddings } from '@langchain/core/embeddings';
import { OpenAIEmbeddings } from '@langchain/openai';
import type { Config } from '../config.ts';
import { foldKana, normalizeText } from './normalize.ts';
import { analyzerId, CONCEPT_PREFIX, type Analysis, type JapaneseAnalyzer } from './tokenize.ts';

/** Groups of terms that mean the same thing to an owner: 補助金 ≈ 助成金, 射出成形 ≈ インジェクション成形. */
export type ConceptGroup = { id: string; terms: string[]; asks_number?: boolean; asks_date?: boolean; asks_definition?: boolean; must_answer?: boolean };

export class ConceptLexicon {
  private readonly byPrefix = new Map<string, { term: string; id: string }[]>();
  /** Concepts whose presence in a question means it wants a figure / a date. */
  readonly asksNumber: ReadonlySet<string>;
  readonly asksDate: ReadonlySet<string>;
  readonly asksDefinition: ReadonlySet<string>;
  /** Concepts an answer must speak of explicitly (採択率): other facts about the program do not answer them. */
  readonly mustAnswer: ReadonlySet<string>;
  private readonly labels = new Map<string, string>();
  readonly fingerprint: string;

  constructor(groups: ConceptGroup[]) {
    this.asksNumber = new Set(groups.filter((g) => g.asks_number).map((g) => g.id));
    this.asksDate = new Set(groups.filter((g) => g.asks_date).map((g) => g.id));
    this.asksDefinition = new Set(groups.filter((g) => g.asks_definition).map((g) => g.id));
    this.mustAnswer = new Set(groups.filter((g) => g.must_answer).map((g) => g.id));
    for (const g of groups) this.labels.set(g.id, g.terms[0]!);
    const seen: string[] = [];
    for (const g of groups) {
      for (const raw of g.terms) {
        const term = foldKana(normalizeText(raw)).replace(/\s+/g, '');
        if ([...term].length < 2) continue;
        const key = [...term].slice(0, 2).join('');
        const list = this.byPrefix.get(key) ?? [];
        list.push({ term, id: g.id });
        this.byPrefix.set(key, list);
        seen.push(`${g.id}=${term}`);
      }
    }
    this.fingerprint = createHash('sha256').update(seen.sort().join('\n')).digest('hex').slice(0, 16);
  }

  /** The group's first term, to name the concept to an owner. */
  labelOf(id: string): string {
    return this.labels.get(id) ?? id;
  }

  get size(): number {
    let n = 0;
    for (const l of this.byPrefix.values()) n += l.length;
    return n;
  }

  /**
   * Concept ids whose terms occur in the text (already normalised and folded). A term inside a
   * longer one is not read on its own: 「締切なし」 is rolling intake, not a deadline.
   */
  conceptsIn(folded: string): Set<string> {
    return new Set(this.termsIn(folded).map((m) => m.id));
  }

  /** The concept terms found in the text, each with its concept, leaving out terms inside longer ones. */
  termsIn(folded: string): { term: string; id: string }[] {
    const chars = [...folded.replace(/\s+/g, '')];
    const text = chars.join('');
    const matches: { start: number; end: number; term: string; id: string }[] = [];
    let offset = 0;
    for (let i = 0; i + 1 < chars.length; i++) {
      for (const c of this.byPrefix.get(chars[i]! + chars[i + 1]!) ?? []) {
        if (text.startsWith(c.term, offset)) matches.push({ start: offset, end: offset + c.term.length, term: c.term, id: c.id });
      }
      offset += chars[i]!.length;
    }
    const inside = (a: (typeof matches)[number], b: (typeof matches)[number]) => b.start <= a.start && a.end <= b.end && b.end - b.start > a.end - a.start;
    return matches.filter((m) => !matches.some((o) => inside(m, o))).map(({ term, id }) => ({ term, id }));
  }
}

/** FNV-1a, 32 bit. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Concepts weigh most: they carry meaning across spellings; bigrams least: they only catch variants. */
const FEATURE_WEIGHTS = { word: 1, gram: 0.3, concept: 2 } as const;
const FEATURE_CLASS = { w: 'word', g: 'gram', c: 'concept' } as const;

/**
 * Feature hashing of content words, character bigrams (kana folded, readings included) and
 * concepts into a fixed number of dimensions, with sublinear term frequency, L2-normalised.
 * Deterministic: the same text always gives the same vector.
 */
export const LOCAL_DIMENSIONS = 256;

export class LocalHashEmbeddings extends Embeddings {
  readonly fingerprint: string;

  /** The analyzer must carry the concept lexicon: its concept tokens are features here. */
  constructor(
    private readonly analyzer: JapaneseAnalyzer,
    readonly dimensions = LOCAL_DIMENSIONS,
  ) {
    super({});
    this.fingerprint = localFingerprint(analyzer.id, dimensions);
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.vector(t));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.vector(text);
  }

  vector(text: string): number[] {
    return this.vectorOf(this.analyzer.analyze(text));
  }

  /** The vector of an already analysed text. */
  vectorOf({ words, grams }: Analysis): number[] {
    const tf = new Map<string, number>();
    const count = (feature: string) => tf.set(feature, (tf.get(feature) ?? 0) + 1);
    for (const w of words) count(w.startsWith(CONCEPT_PREFIX) ? `c:${w.slice(1)}` : `w:${w}`);
    for (const g of grams) count(`g:${g}`);
    const v = new Float64Array(this.dimensions);
    for (const [feature, n] of tf) {
      const h = fnv1a(feature);
      const sign = h & 0x80000000 ? -1 : 1;
      const weight = FEATURE_WEIGHTS[FEATURE_CLASS[feature[0] as 'w' | 'g' | 'c']];
      v[h % this.dimensions]! += sign * weight * (1 + Math.log(n));
    }
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    return Array.from(v, (x) => x / norm);
  }
}

export type EmbedderChoice = { embeddings: Embeddings; fingerprint: string };

const localFingerprint = (analyzer: string, dimensions: number) => `local-hash-v2:${dimensions}:${analyzer}`;

/** Identifies the embedder an index was built with; known before the tokenizer is loaded. */
export function embedderFingerprint(config: Pick<Config, 'openai'>, lexicon: ConceptLexicon): string {
  return config.openai ? `openai:${config.openai.embeddingModel}:${config.openai.baseUrl ?? 'default'}` : localFingerprint(analyzerId(lexicon), LOCAL_DIMENSIONS);
}

/** The configured embedder: OpenAI-compatible when configured, else the local one. */
export function createEmbeddings(config: Pick<Config, 'openai'>, analyzer: JapaneseAnalyzer, lexicon: ConceptLexicon): EmbedderChoice {
  const fingerprint = embedderFingerprint(config, lexicon);
  if (config.openai) {
    const { apiKey, baseUrl, embeddingModel } = config.openai;
    const embeddings = new OpenAIEmbeddings({
      model: embeddingModel,
      apiKey,
      batchSize: 64,
      encodingFormat: 'float', // compatible servers often return float arrays only
      maxRetries: 2,
      configuration: baseUrl ? { baseURL: baseUrl } : undefined,
    });
    return { embeddings, fingerprint };
  }
  return { embeddings: new LocalHashEmbeddings(analyzer), fingerprint };
}
