#!/usr/bin/env node
// Runs one TypeScript maintenance script (scripts/*.ts) through tsx.
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const [script, ...rest] = process.argv.slice(2);
if (!script) {
  console.error('usage: run-script.js scripts/NAME.ts [args...]');
  process.exit(2);
}
process.argv = [process.argv[0], script, ...rest];
register();
await import(pathToFileURL(path.resolve(script)).href);
