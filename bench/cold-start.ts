// One cold start, in a fresh process: open the (already built) index and the tokenizer,
// answer one query, print timings as JSON on the last line.
import { loadConfig } from '../src/config.ts';
import { openKnowledge } from '../src/knowledge/open.ts';

const t0 = performance.now();
const knowledge = await openKnowledge(loadConfig());
const opened = performance.now();
await knowledge.retriever.search('ものづくり補助金の補助率');
const done = performance.now();
if (knowledge.report) console.error('warning: the index was rebuilt; cold start figures include a build');
console.log(
  JSON.stringify({
    processMs: Math.round(process.uptime() * 1000 - (done - opened)),
    openMs: Math.round(opened - t0),
    firstQueryMs: Math.round((done - opened) * 100) / 100,
    rssMb: Math.round(process.memoryUsage().rss / 1e6),
  }),
);
