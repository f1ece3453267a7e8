// The understanding layer's entry point: one owner message → intent (with sub-fields),
// entities and the content words skills match on. Fast and deterministic (no tokenizer, no
// LLM): the lexicon is compiled once per catalog, a message is read in well under a millisecond.
import { jstDate } from '../../domain/calendar.ts';
import type { Catalog } from '../catalog.ts';
import { readEntities, type Entities, type UnderstandContext } from './entities.ts';
import { classify, type IntentResult } from './intents.ts';
import { compiledLexicon, type CompiledLexicon, type UnderstandLexicon } from './lexicon.ts';
import { foldTerm, prepareText } from './scan.ts';

export type { Entities, UnderstandContext } from './entities.ts';
export { extractEntities } from './entities.ts';
export type { IntentResult } from './intents.ts';
export { classifyIntent } from './intents.ts';
export { loadUnderstandLexicon, type UnderstandLexicon } from './lexicon.ts';

export type Understanding = {
  text: string;
  /** NFKC, lower case, spaces removed: the form everything was read from. */
  normalized: string;
  intent: IntentResult;
  entities: Entities;
  /** Content words (kanji, katakana and Latin runs, minus common words) for matching programs, partners and starters. */
  words: string[];
};

export function understand(text: string, ctx: UnderstandContext): Understanding {
  const lex = compiledLexicon(ctx.catalog, ctx.lexicon);
  const prepared = prepareText(text);
  const { entities, programSpans, placeAndNumberSpans } = readEntities(prepared, lex, ctx.today);
  return {
    text,
    normalized: prepared.compact,
    intent: classify(prepared, entities, programSpans, lex),
    entities,
    words: contentWords(prepared.compact, placeAndNumberSpans, lex),
  };
}

/** For the composition root: understanding bound to a catalog, with today taken in Japan time. */
export function createUnderstanding(catalog: Catalog, lexicon?: UnderstandLexicon): (text: string, now: Date) => Understanding {
  compiledLexicon(catalog, lexicon); // compile now: a content error shows at start-up, not on the first message
  return (text, now) => understand(text, { catalog, today: jstDate(now), lexicon });
}

const WORD_RUNS = /[\p{Script=Han}々〆ヵヶ]{2,}|[\p{Script=Katakana}ー]{2,}|[a-z][a-z0-9&+-]+/gu;

/** Word runs outside place names and numbers, minus the stop words. */
function contentWords(compact: string, skip: [number, number][], lex: CompiledLexicon): string[] {
  let text = compact;
  for (const [a, b] of skip) text = text.slice(0, a) + ' '.repeat(b - a) + text.slice(b);
  const words = new Set<string>();
  for (const [word] of text.matchAll(WORD_RUNS)) if (!lex.stopWords.has(foldTerm(word))) words.add(word);
  return [...words];
}
