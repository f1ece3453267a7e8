// Runs eval cases through the real assistant in-process (DESIGN §7): the same composition root
// as the server, a fresh data dir per run, the clock fixed at 10:00 Japan time on `today`.
// Each case is its own owner (its own session); every answer is checked for unsupported
// numbers against the sources it cites (and what the owner said, which it may echo).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../app.ts';
import { RateLimiter } from '../assistant/rate-limit.ts';
import type { Config } from '../config.ts';
import { jstDate } from '../domain/calendar.ts';
import type { AssistantTurn, Citation } from '../domain/conversation.ts';
import { describeProblem } from '../domain/errors.ts';
import { createLogger } from '../logger.ts';
import { loadCases, type CaseProblem, type LoadedCase } from './cases.ts';
import { mergeFacts, sourceFacts, unsupportedNumbers, type SourceFacts } from './grounding.ts';
import { erroredCase, scoreCase, shownLines, type CaseResult, type WrongNumbers } from './score.ts';
import { figures, figuresByTag, type Figures } from './summary.ts';

export type EvalOptions = {
  cases: string[];
  /** Replace the configured knowledge roots / registry. */
  knowledge?: string[];
  registry?: string;
  /** YYYY-MM-DD; default: today in Japan. */
  today?: string;
  /** Called after each case (progress). */
  onCase?: (result: CaseResult, done: number, total: number) => void;
};

export type EvalReport = {
  today: string;
  knowledge: string[];
  registry?: string;
  summary: Figures;
  tags: { tag: string; figures: Figures }[];
  /** Case-file lines that could not be read, and knowledge files that did not load. */
  problems: { caseFiles: CaseProblem[]; knowledge: string[]; references: string[] };
  cases: CaseResult[];
};

export const TODAY = /^\d{4}-\d{2}-\d{2}$/;

/** 10:00 in Japan on the given day. */
export function evalClock(today: string): Date {
  const at = new Date(`${today}T10:00:00+09:00`);
  if (!TODAY.test(today) || Number.isNaN(at.getTime()) || jstDate(at) !== today) throw new Error(`--today: expected a date as YYYY-MM-DD, got "${today}"`);
  return at;
}

export async function runEval(base: Config, opts: EvalOptions): Promise<EvalReport> {
  const today = opts.today ?? jstDate(new Date());
  const now = evalClock(today);
  const loaded = loadCases(opts.cases);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tsunagu-eval-'));
  const config: Config = {
    ...base,
    dataDir,
    knowledgeDirs: opts.knowledge?.length ? opts.knowledge.map((d) => path.resolve(d)) : base.knowledgeDirs,
    registryFile: opts.registry ? path.resolve(opts.registry) : base.registryFile,
  };
  const app = await createApp(config, {
    clock: () => now,
    log: createLogger('silent'),
    // one clock instant for the whole run: a bucket would never refill
    rateLimiter: new RateLimiter({ capacity: Number.MAX_SAFE_INTEGER, refillPerSecond: 0 }),
  });
  try {
    const knowledgeProblems = (app.knowledge.report?.problems ?? app.catalog.problems).map(describeProblem);
    const sources = new SourceTexts(app);
    const results: CaseResult[] = [];
    for (const c of loaded.cases) {
      const result = await runCase(app, c, now, today, sources).catch((e: unknown) => erroredCase(c, e));
      results.push(result);
      opts.onCase?.(result, results.length, loaded.cases.length);
    }
    return {
      today,
      knowledge: config.knowledgeDirs,
      registry: config.registryFile,
      summary: figures(results),
      tags: figuresByTag(results),
      problems: { caseFiles: loaded.problems, knowledge: knowledgeProblems, references: unknownReferences(app, loaded.cases) },
      cases: results,
    };
  } finally {
    app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function runCase(app: App, c: LoadedCase, now: Date, today: string, sources: SourceTexts): Promise<CaseResult> {
  const userId = `eval-${c.id}`;
  const turns: AssistantTurn[] = [];
  const wrong: WrongNumbers[] = [];
  // what the owner said (profile and messages) may be echoed back: it is an input, not a claim
  const said: string[] = [JSON.stringify(c.profile ?? {})];
  for (const [i, t] of c.turns.entries()) {
    if (typeof t === 'string') said.push(t);
    const input = typeof t === 'string' ? { text: t } : { postback: t.postback };
    const turn = await app.assistant.handle({ channel: 'web', userId, receivedAt: now, ...input }, i === 0 ? c.profile : undefined);
    const values = unsupportedNumbers(shownLines(turn), sources.factsFor(turn.meta.citations, said), today);
    if (values.length) wrong.push({ turn: i + 1, values });
    turns.push(turn);
  }
  return scoreCase(c, turns, wrong);
}

/**
 * What a citation supports: a Markdown document's whole file (front matter and body), else the
 * indexed passages (PDF text, a registry row). Each source is read and parsed once per run.
 */
class SourceTexts {
  private readonly cache = new Map<string, SourceFacts>();
  constructor(private readonly app: App) {}

  factsFor(citations: Citation[], ownerInputs: string[]): SourceFacts {
    const cited = [...new Set(citations.map((c) => c.docId))].map((id) => this.facts(id));
    return mergeFacts([sourceFacts(ownerInputs), ...cited]);
  }

  private facts(citedId: string): SourceFacts {
    const cached = this.cache.get(citedId);
    if (cached) return cached;
    const docId = citedId.split('#')[0]!;
    const doc = this.app.catalog.docs.get(docId);
    const chunks = this.app.knowledge.index.chunks;
    let text: string;
    if (doc?.path.endsWith('.md')) text = readFileSync(doc.path, 'utf8');
    else {
      const exact = chunks.filter((ch) => ch.id === citedId);
      text = (exact.length ? exact : chunks.filter((ch) => ch.docId === docId)).map((ch) => `${ch.title}\n${ch.text}`).join('\n');
      // a PDF's sidecar (title, as_of) is part of what its citations say
      const sidecar = doc ? `${doc.path}.yaml` : '';
      if (sidecar && existsSync(sidecar)) text += `\n${readFileSync(sidecar, 'utf8')}`;
    }
    const facts = sourceFacts([text]);
    this.cache.set(citedId, facts);
    return facts;
  }
}

/** Ids a case expects that this knowledge base does not have (a typo, or another deployment's data). */
function unknownReferences(app: App, cases: LoadedCase[]): string[] {
  const docs = new Set(app.knowledge.index.chunks.map((ch) => ch.docId));
  const partners = new Set(app.catalog.partners.map((p) => p.id));
  const out: string[] = [];
  for (const c of cases) {
    const where = `${c.file}:${c.line}`;
    for (const id of [...(c.expect.cites ?? []), ...(c.expect.subsidies?.include ?? [])]) {
      if (!docs.has(id.split('#')[0]!)) out.push(`${where}: ${c.id} expects document "${id}", which the knowledge base does not have`);
    }
    for (const id of [...(c.expect.partners?.include ?? []), ...(c.expect.partnersExclude ?? [])]) {
      if (!partners.has(id)) out.push(`${where}: ${c.id} expects partner "${id}", which the registry does not have`);
    }
  }
  return out;
}
