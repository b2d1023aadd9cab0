#!/usr/bin/env node
// The `imago` command: runs the built CLI (dist/cli/main.js, made by `npm run build`, which
// `npm ci` runs through the `prepare` script).
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  console.error('imago: dist/cli/main.js is missing; run `npm run build` (or `npm ci`) first');
  process.exit(2);
}
await import(main.href);
