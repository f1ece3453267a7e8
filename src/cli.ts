// `tsunagu` command (DESIGN §6): chat | ingest | bench.
import { parseArgs } from 'node:util';
import { AnswerSkill } from './assistant/skills/answer.ts';
import { messages } from './assistant/messages.ja.ts';
import { runTerminalChat } from './channels/cli/terminal-chat.ts';
import { loadConfig, type Config } from './config.ts';
import { describeProblem, TsunaguError } from './domain/errors.ts';
import type { IngestReport } from './knowledge/ingest.ts';
import { openKnowledge } from './knowledge/open.ts';
import { createLogger } from './logger.ts';

const USAGE = `usage: tsunagu <command> [options]

commands:
  chat               terminal chat (interactive, or one answer per input line when piped)
  ingest [--force]   build or update the knowledge index (only changed documents are re-read)
  bench [--quick]    retrieval quality and speed benchmarks, printed as tables

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
  const knowledge = await openKnowledge(config);
  if (knowledge.report) printReport(knowledge.report, process.stderr);
  if (interactive) process.stderr.write(`${messages.ready(knowledge.index.chunks.length)}\n`);
  const skill = new AnswerSkill(knowledge.retriever, knowledge.lexicon);
  await runTerminalChat({
    input: process.stdin,
    output: process.stdout,
    interactive,
    respond: async (q) => (await skill.answer(q)).reply.text,
    onError: (e) => log.error({ err: e }, 'answer failed'),
  });
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
    case 'chat':
      return chat(config);
    case 'ingest': {
      const { values } = parseArgs({ args: rest, options: { force: { type: 'boolean', default: false } } });
      return ingestCommand(config, values.force ?? false);
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
