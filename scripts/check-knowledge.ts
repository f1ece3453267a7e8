// Validates Markdown knowledge files against the schema without building an index:
//   node bin/run-script.js scripts/check-knowledge.ts knowledge/subsidies knowledge/bcp ...
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { parseMarkdownDoc } from '../src/knowledge/loaders/markdown.ts';

function* walk(p: string): Generator<string> {
  if (statSync(p).isDirectory()) for (const e of readdirSync(p).sort()) yield* walk(path.join(p, e));
  else if (p.endsWith('.md') && path.basename(p) !== 'README.md') yield p;
}
let bad = 0;
let ok = 0;
for (const root of process.argv.slice(2)) {
  for (const file of walk(root)) {
    const source = readFileSync(file, 'utf8');
    try {
      parseMarkdownDoc({ id: file, path: file, source, hash: createHash('sha256').update(source).digest('hex') });
      ok++;
    } catch (e) {
      bad++;
      console.error((e as Error).message);
    }
  }
}
console.log(`${ok} valid, ${bad} invalid`);
process.exit(bad ? 1 : 0);
