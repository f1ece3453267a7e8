// Writes what an eval run found: the per-tag table for the terminal, report.json (every case),
// report.md (summary, per-tag table, each failure with expected vs. got and the sources cited)
// and report.html (the same, with a per-tag bar chart; self-contained, no scripts).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { EvalReport } from './run.ts';
import type { CaseResult } from './score.ts';
import { fmt, lastLine, type Figures } from './summary.ts';

const COLUMNS: [string, (f: Figures) => string][] = [
  ['cases', (f) => String(f.cases)],
  ['passed', (f) => String(f.passed)],
  ['answer', (f) => fmt(f.answer_accuracy)],
  ['citation', (f) => fmt(f.citation_accuracy)],
  ['refusal', (f) => fmt(f.refusal_accuracy)],
  ['partner_recall', (f) => fmt(f.partner_recall)],
  ['wrong_numbers', (f) => String(f.wrong_numbers)],
];

function rows(report: EvalReport): string[][] {
  return [...report.tags.map(({ tag, figures }) => [tag, ...COLUMNS.map(([, get]) => get(figures))]), ['(all)', ...COLUMNS.map(([, get]) => get(report.summary))]];
}

/** The per-tag table, aligned for a terminal (tag names may be Japanese: width counts them double). */
export function terminalTable(report: EvalReport): string {
  const header = ['tag', ...COLUMNS.map(([name]) => name)];
  const body = rows(report);
  const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u1100-\uffdc]/.test(ch) ? 2 : 1), 0);
  const widths = header.map((h, i) => Math.max(width(h), ...body.map((r) => width(r[i]!))));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c + ' '.repeat(widths[i]! - width(c)) : ' '.repeat(widths[i]! - width(c)) + c)).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.slice(0, -1).map(line), widths.map((w) => '-'.repeat(w)).join('  '), line(body.at(-1)!)].join('\n');
}

const mdCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n+/g, ' ');

function problemLines(report: EvalReport): string[] {
  return [
    ...report.problems.caseFiles.map((p) => `case file ${p.file}:${p.line}: ${p.message}`),
    ...report.problems.knowledge.map((p) => `knowledge: ${p}`),
    ...report.problems.references.map((p) => `reference: ${p}`),
  ];
}

function failureMarkdown(r: CaseResult): string {
  const cited = r.got.citations.length ? r.got.citations.map((c) => `${c.docId}（${c.title}）`).join('、') : '(none)';
  return [
    `### ${r.id} (${r.file}:${r.line}) [${r.tags.join(', ')}]`,
    '',
    ...r.reasons.map((x) => `- ${x}`),
    '',
    `- expected: \`${JSON.stringify(r.expected)}\``,
    `- got: intent=${r.got.intent} refusal=${r.got.refusal} escalated=${r.got.escalated} partners=[${r.got.partners.slice(0, 5).join(', ')}] subsidies=[${r.got.subsidies.slice(0, 5).join(', ')}]`,
    `- sources cited: ${cited}`,
    '',
    '```text',
    r.got.text.length > 1500 ? `${r.got.text.slice(0, 1500)}…` : r.got.text,
    '```',
    '',
  ].join('\n');
}

export function markdownReport(report: EvalReport): string {
  const header = ['tag', ...COLUMNS.map(([name]) => name)];
  const failures = report.cases.filter((r) => !r.pass);
  const problems = problemLines(report);
  return [
    '# tsunagu eval report',
    '',
    `- today: ${report.today}`,
    `- knowledge: ${report.knowledge.join(', ')}${report.registry ? `; registry: ${report.registry}` : ''}`,
    '',
    '```text',
    lastLine(report.summary),
    '```',
    '',
    '## Per tag',
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
    ...rows(report).map((r) => `| ${r.map(mdCell).join(' | ')} |`),
    '',
    ...(problems.length ? ['## Problems (these lines or files were skipped)', '', ...problems.map((p) => `- ${mdCell(p)}`), ''] : []),
    `## Failures (${failures.length})`,
    '',
    ...(failures.length ? failures.map(failureMarkdown) : ['None.', '']),
  ].join('\n');
}

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** A horizontal bar per tag: answer accuracy, with the case count. */
function barChart(report: EvalReport): string {
  const bars = [...report.tags, { tag: '(all)', figures: report.summary }];
  const rowH = 22;
  const labelW = 150;
  const barW = 420;
  const h = bars.length * rowH + 10;
  const items = bars.map(({ tag, figures }, i) => {
    const acc = figures.answer_accuracy ?? 0;
    const y = 5 + i * rowH;
    const color = acc >= 0.95 ? '#2e7d32' : acc >= 0.8 ? '#f9a825' : '#c62828';
    return [
      `<text x="${labelW - 6}" y="${y + 15}" text-anchor="end">${esc(tag)}</text>`,
      `<rect x="${labelW}" y="${y + 3}" width="${barW}" height="${rowH - 6}" fill="#eee"/>`,
      `<rect x="${labelW}" y="${y + 3}" width="${(barW * acc).toFixed(1)}" height="${rowH - 6}" fill="${color}"/>`,
      `<text x="${labelW + barW + 6}" y="${y + 15}">${fmt(figures.answer_accuracy)} (${figures.passed}/${figures.cases})</text>`,
    ].join('');
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${labelW + barW + 130}" height="${h}" role="img" aria-label="タグごとの正答率" font-size="12" font-family="sans-serif">${items.join('')}</svg>`;
}

export function htmlReport(report: EvalReport): string {
  const header = ['tag', ...COLUMNS.map(([name]) => name)];
  const failures = report.cases.filter((r) => !r.pass);
  const problems = problemLines(report);
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>tsunagu eval ${esc(report.today)}</title>
<style>body{font-family:sans-serif;margin:1.5rem;max-width:70rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem}td:not(:first-child){text-align:right}pre{white-space:pre-wrap;background:#f6f6f6;padding:.5rem}details{margin:.5rem 0}</style>
</head><body>
<h1>tsunagu eval report</h1>
<p>today: ${esc(report.today)} — knowledge: ${esc(report.knowledge.join(', '))}${report.registry ? ` — registry: ${esc(report.registry)}` : ''}</p>
<pre>${esc(lastLine(report.summary))}</pre>
<h2>Answer accuracy per tag</h2>
${barChart(report)}
<table><thead><tr>${header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>
${rows(report).map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('\n')}
</tbody></table>
${problems.length ? `<h2>Problems</h2><ul>${problems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>` : ''}
<h2>Failures (${failures.length})</h2>
${failures
  .map(
    (r) => `<details><summary>${esc(r.id)} — ${esc(r.reasons[0] ?? '')}</summary>
<ul>${r.reasons.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>
<p>${esc(r.file)}:${r.line} [${esc(r.tags.join(', '))}] — cited: ${esc(r.got.citations.map((c) => c.docId).join(', ') || '(none)')}</p>
<pre>${esc(r.got.text)}</pre></details>`,
  )
  .join('\n')}
</body></html>
`;
}

/** Writes report.json, report.md and report.html into `dir`; returns their paths. */
export function writeReports(report: EvalReport, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const files: [string, string][] = [
    ['report.json', `${JSON.stringify(report, null, 2)}\n`],
    ['report.md', markdownReport(report)],
    ['report.html', htmlReport(report)],
  ];
  return files.map(([name, content]) => {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    return file;
  });
}
