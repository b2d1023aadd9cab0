#!/usr/bin/env node
/**
 * Runs a TypeScript tool script (test/runtimes/matrix.ts, scripts/size.ts, ...) under Node 20,
 * which cannot load .ts itself: esbuild bundles the script and its relative imports into
 * node_modules/.cache/imago/scripts/ (packages stay external, resolved from node_modules), then
 * this process imports it with the remaining arguments.
 *
 * Usage: node scripts/run-ts.mjs <script.ts> [args...]   (run from the project root)
 */
import { build } from 'esbuild';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [file, ...rest] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/run-ts.mjs <script.ts> [args...]');
  process.exit(2);
}
const outfile = resolve('node_modules/.cache/imago/scripts', basename(file).replace(/\.ts$/, '.mjs'));
await build({
  entryPoints: [file],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
});
process.argv = [process.argv[0], outfile, ...rest];
await import(pathToFileURL(outfile).href);
