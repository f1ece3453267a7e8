// The composition root (DESIGN §1): builds the whole graph from a Config. The server, the
// terminal chat, the eval runner and the tests all call this, so they run the same assistant.
import type { Express } from 'express';
import path from 'node:path';
import { Assistant } from './assistant/assistant.ts';
import { loadCatalog, type Catalog } from './assistant/catalog.ts';
import { renderRadarPng } from './assistant/charts/radar.ts';
import { Dialog } from './assistant/dialog.ts';
import { DiagnosisEngine, docLookup, findDiagnosisDir } from './assistant/flows/diagnosis.ts';
import { DraftingFlow } from './assistant/flows/drafting.ts';
import type { Clock } from './assistant/ports.ts';
import type { RateLimiter } from './assistant/rate-limit.ts';
import { AnswerSkill } from './assistant/skills/answer.ts';
import { EscalationSkill } from './assistant/skills/escalation.ts';
import { PartnerMatcher } from './assistant/skills/partners.ts';
import { StarterPicker } from './assistant/skills/starters.ts';
import { SubsidyMatcher } from './assistant/skills/subsidies.ts';
import { createUnderstanding } from './assistant/understand/index.ts';
import { createChannels } from './channels/index.ts';
import { BackgroundWork } from './channels/common/background.ts';
import type { ChannelAdapter } from './channels/common/channel.ts';
import type { Config } from './config.ts';
import { openKnowledge, type Knowledge } from './knowledge/open.ts';
import { createLogger, type Logger } from './logger.ts';
import { createHttpApp } from './server/app.ts';
import { openStore, type Store } from './store/index.ts';

export type AppOptions = { clock?: Clock; log?: Logger; rateLimiter?: RateLimiter };

export type App = {
  config: Config;
  assistant: Assistant;
  knowledge: Knowledge;
  catalog: Catalog;
  store: Store;
  log: Logger;
  http: () => Express;
  /** The chat-platform adapters that are configured (LINE, Slack, Teams). */
  channels: ChannelAdapter[];
  /** Webhook work running after its acknowledgement (drain it before closing in tests). */
  work: BackgroundWork;
  close: () => void;
};

export async function createApp(config: Config, opts: AppOptions = {}): Promise<App> {
  const log = opts.log ?? createLogger(config.logLevel);
  const clock = opts.clock ?? (() => new Date());
  const knowledge = await openKnowledge(config);
  const catalog = await loadCatalog(config.knowledgeDirs, config.registryFile, { listed: knowledge.sources, taxonomy: knowledge.taxonomy });
  // an index rebuild already reported what failed to load; else the catalog's pass says it
  for (const p of knowledge.report?.problems ?? catalog.problems) log.warn({ problem: p }, 'knowledge problem (the rest was loaded)');
  const store = openStore(config.dataDir);
  const drafting = DraftingFlow.load(config.knowledgeDirs, { sources: catalog.docs, clock });
  for (const u of drafting.unavailable) log.warn({ kind: u.kind, reason: u.reason }, 'draft kind unavailable (its template cites documents the knowledge lacks)');

  const dialog = new Dialog({
    catalog,
    understand: createUnderstanding(catalog),
    answer: new AnswerSkill(knowledge.retriever, knowledge.lexicon, clock),
    subsidies: new SubsidyMatcher(catalog, clock),
    partners: new PartnerMatcher(catalog),
    starters: new StarterPicker(catalog),
    diagnosis: loadDiagnosis(config, catalog, clock),
    drafting,
    escalation: new EscalationSkill(store.cases, clock),
    sessions: store.sessions,
    files: store.files,
    renderChart: renderRadarPng,
    clock,
    publicUrl: config.publicUrl,
  });
  const assistant = new Assistant({ dialog, sessions: store.sessions, clock, log, rateLimiter: opts.rateLimiter });
  const started = clock();
  const work = new BackgroundWork(log);
  const channels = createChannels(config, { assistant, events: store.channelEvents, refs: store.channelRefs, work, log, clock, publicUrl: config.publicUrl }, log);
  for (const channel of channels) channel.resume(); // events acknowledged before the last stop but never answered

  return {
    config,
    assistant,
    knowledge,
    catalog,
    store,
    log,
    http: () =>
      createHttpApp({
        core: assistant,
        files: store.files,
        log,
        health: () => ({ ok: true, chunks: knowledge.index.chunks.length, partners: catalog.partners.length, since: started.toISOString() }),
        channels,
      }),
    channels,
    work,
    close: () => store.close(),
  };
}

/**
 * The diagnosis questions. When they come from a configured knowledge root, the documents they
 * suggest must exist there (checked at start-up). The built-in questions used with a deployer's
 * own knowledge may point to documents it lacks; those suggestions are simply not shown.
 */
function loadDiagnosis(config: Config, catalog: Catalog, clock: Clock): DiagnosisEngine {
  const dir = findDiagnosisDir(config.knowledgeDirs);
  const ownQuestions = config.knowledgeDirs.some((root) => dir.startsWith(path.resolve(root) + path.sep));
  return DiagnosisEngine.load(config.knowledgeDirs, { clock, docs: docLookup(catalog.docs), checkDocs: ownQuestions, prefectures: catalog.taxonomy.prefectures });
}
