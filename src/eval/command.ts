// `tsunagu eval` (DESIGN §7): flags, progress on stderr, the per-tag table and the contract's
// last line on stdout, the reports in --out. Exit status 0 whatever the scores, unless
// --min-accuracy is given and answer accuracy falls below it.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT, type Config } from '../config.ts';
import { terminalTable, writeReports } from './report.ts';
import { runEval, TODAY } from './run.ts';
import { lastLine } from './summary.ts';

export const EVAL_USAGE = `usage: tsunagu eval [--cases PATH]... [--knowledge DIR]... [--registry FILE] [--today YYYY-MM-DD] [--out DIR] [--min-accuracy X]
  --cases         a *.jsonl case file or a folder of them (repeatable; default eval/cases)
  --knowledge     a knowledge root replacing the configured ones (repeatable)
  --registry      a partner registry (CSV in UTF-8 or Shift_JIS, or JSON) replacing the configured one
  --today         fixes the clock at 10:00 Japan time on that day (default: today)
  --out           where report.json, report.md and report.html go (default eval/reports)
  --min-accuracy  exit with status 1 when answer accuracy is below X (0..1)`;

class UsageError extends Error {}

function parse(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      cases: { type: 'string', multiple: true },
      knowledge: { type: 'string', multiple: true },
      registry: { type: 'string' },
      today: { type: 'string' },
      out: { type: 'string' },
      'min-accuracy': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  const min = values['min-accuracy'];
  const minAccuracy = min === undefined ? undefined : Number(min);
  if (minAccuracy !== undefined && (!/^\d*\.?\d+$/.test(min!) || minAccuracy > 1)) throw new UsageError(`--min-accuracy: expected a number from 0 to 1, got "${min}"`);
  if (values.today !== undefined && !TODAY.test(values.today)) throw new UsageError(`--today: expected a date as YYYY-MM-DD, got "${values.today}"`);
  return {
    help: values.help ?? false,
    cases: values.cases?.length ? values.cases : [path.join(PROJECT_ROOT, 'eval', 'cases')],
    knowledge: values.knowledge,
    registry: values.registry,
    today: values.today,
    out: values.out ?? path.join(PROJECT_ROOT, 'eval', 'reports'),
    minAccuracy,
  };
}

export async function evalCommand(config: Config, args: string[], out = process.stdout, err = process.stderr): Promise<number> {
  let opts: ReturnType<typeof parse>;
  try {
    opts = parse(args);
  } catch (e) {
    err.write(`tsunagu eval: ${(e as Error).message}\n\n${EVAL_USAGE}\n`);
    return 2;
  }
  if (opts.help) {
    out.write(`${EVAL_USAGE}\n`);
    return 0;
  }
  const interactive = Boolean((err as NodeJS.WriteStream).isTTY);
  const report = await runEval(config, {
    ...opts,
    onCase: (r, done, total) => {
      if (!r.pass) err.write(`${interactive ? '\r\x1b[K' : ''}FAIL ${r.id} (${r.file}:${r.line}): ${r.reasons[0]}\n`);
      if (interactive) err.write(`\r\x1b[K${done}/${total}`);
    },
  });
  if (interactive) err.write('\r\x1b[K');
  const { caseFiles, knowledge, references } = report.problems;
  for (const p of caseFiles) err.write(`case file ${p.file}:${p.line}: ${p.message} (skipped)\n`);
  for (const p of knowledge) err.write(`knowledge: ${p} (skipped; the rest was loaded)\n`);
  for (const p of references) err.write(`warning: ${p}\n`);
  const written = writeReports(report, opts.out);
  out.write(`\n${terminalTable(report)}\n\nreports: ${written.map((f) => path.relative(process.cwd(), f) || f).join(', ')}\n`);
  // the contract's line stays the very last one, even with stderr merged into stdout
  const accuracy = report.summary.answer_accuracy ?? 0;
  const missed = opts.minAccuracy !== undefined && accuracy < opts.minAccuracy;
  if (missed) err.write(`answer_accuracy ${accuracy.toFixed(3)} is below --min-accuracy ${opts.minAccuracy}\n`);
  out.write(`${lastLine(report.summary)}\n`);
  return missed ? 1 : 0;
}
