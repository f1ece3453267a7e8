// `tsunagu` command (DESIGN §6): serve | chat | ingest | eval | bench.
import { parseArgs } from 'node:util';
import { userInfo } from 'node:os';
import { createApp } from './app.ts';
import { messages } from './assistant/messages.ja.ts';
import { renderTurnText, type Choice } from './channels/cli/render.ts';
import { runTerminalChat } from './channels/cli/terminal-chat.ts';
import { loadConfig, type Config } from './config.ts';
import { describeProblem, TsunaguError } from './domain/errors.ts';
import type { IngestReport } from './knowledge/ingest.ts';
import { openKnowledge } from './knowledge/open.ts';
import { createLogger } from './logger.ts';

const USAGE = `usage: tsunagu <command> [options]

commands:
  serve              the server: web chat on http://localhost:PORT/chat, API, health (npm start)
  chat               terminal chat (interactive, or one answer per input line when piped)
  ingest [--force]   build or update the knowledge index (only changed documents are re-read)
  eval [--cases PATH]... [--knowledge DIR]... [--registry FILE] [--today YYYY-MM-DD] [--out DIR] [--min-accuracy X]
                     answer-level evaluation (tsunagu eval --help)
  bench [--quick] [--only turns]
                     retrieval quality, speed and turn latency benchmarks, printed as tables
  draft --kind KIND --profile FILE --out DIR
                     an application draft (.md and .docx): jigyokei | jigyokei-renkei | monozukuri | jizokuka

environment: PORT, TSUNAGU_DATA_DIR, TSUNAGU_KNOWLEDGE_DIRS, TSUNAGU_REGISTRY,
             OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL (see README)`;

function printReport(report: IngestReport, out: NodeJS.WritableStream) {
  const n = report.added.length + report.changed.length + report.unchanged;
  out.write(
    `index: ${n} sources → ${report.chunks} chunks in ${(report.ms / 1000).toFixed(1)} s ` +
      `(added ${report.added.length}, changed ${report.changed.length}, removed ${report.removed.length}, unchanged ${report.unchanged})\n`,
  );
  if (report.problems.length) {
    out.write(`${report.problems.length} problem(s); the rest was indexed:\n`);
    for (const p of report.problems) out.write(`  ${describeProblem(p)}\n`);
  }
}

async function chat(config: Config) {
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const interactive = Boolean(process.stdin.isTTY);
  if (interactive) process.stderr.write(`${messages.preparing}\n`);
  const app = await createApp(config, { log });
  if (app.knowledge.report) printReport(app.knowledge.report, process.stderr);
  if (interactive) process.stderr.write(`${messages.ready(app.knowledge.index.chunks.length)}\n`);
  // one terminal = one owner; a new process continues the same conversation
  const userId = `${userInfo().username}`;
  let shown: Choice[] = [];
  await runTerminalChat({
    input: process.stdin,
    output: process.stdout,
    interactive,
    respond: async (line) => {
      const picked = /^[0-9０-９]{1,2}$/.test(line) ? shown[Number(line.normalize('NFKC')) - 1] : undefined;
      const turn = await app.assistant.handle({ channel: 'cli', userId, receivedAt: new Date(), ...(picked ? { postback: picked.id } : { text: line }) });
      const rendered = renderTurnText(turn, config.publicUrl ?? `http://localhost:${config.port}`);
      shown = rendered.choices;
      return rendered.text;
    },
    onError: (e) => log.error({ err: e }, 'answer failed'),
  });
  app.close();
}

async function serve(config: Config) {
  const app = await createApp(config);
  if (app.knowledge.report) printReport(app.knowledge.report, process.stderr);
  const server = app.http().listen(config.port, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    app.log.info({ port, chunks: app.knowledge.index.chunks.length, partners: app.catalog.partners.length }, `tsunagu is ready: http://localhost:${port}/chat`);
    process.stdout.write(`tsunagu: web chat on http://localhost:${port}/chat (stop with Ctrl+C)\n`);
  });
  const stop = () => {
    app.log.info('shutting down');
    server.close(() => {
      app.close();
      process.exit(0);
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

async function ingestCommand(config: Config, force: boolean) {
  const knowledge = await openKnowledge(config, { force });
  if (knowledge.report) printReport(knowledge.report, process.stdout);
  else process.stdout.write(`index is up to date: ${knowledge.index.chunks.length} chunks (${config.dataDir})\n`);
  if (knowledge.report?.problems.length) process.exitCode = 1;
}

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  const config = loadConfig();
  switch (command) {
    case 'serve':
      return serve(config);
    case 'chat':
      return chat(config);
    case 'ingest': {
      const { values } = parseArgs({ args: rest, options: { force: { type: 'boolean', default: false } } });
      return ingestCommand(config, values.force ?? false);
    }
    case 'eval': {
      const { evalCommand } = await import('./eval/command.ts');
      process.exitCode = await evalCommand(config, rest);
      return;
    }
    case 'draft': {
      const { draftCommand } = await import('./drafting/command.ts');
      process.exitCode = await draftCommand(config, rest);
      return;
    }
    case 'bench': {
      const { runBench } = await import('../bench/run.ts');
      return runBench(config, rest);
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      return;
    default:
      process.stderr.write(`unknown command "${command}"\n\n${USAGE}\n`);
      process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof TsunaguError) process.stderr.write(`tsunagu: ${e.message}\n`);
  else process.stderr.write(`tsunagu: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
