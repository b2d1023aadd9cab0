/**
 * The JavaScript half of `npm run build`: esbuild bundles every package entry (each `import`
 * path under `exports` in package.json, plus each `bin`) from src/ into dist/, with code splitting
 * so that entries share one copy of every class (`instanceof` holds across `imago` and
 * `imago/codecs`). tsc writes only the declarations (tsconfig.build.json, emitDeclarationOnly).
 *
 * Why bundle: a cold `import('imago')` of one file (plus a shared chunk) is several times faster
 * than loading ~50 modules one by one (see scripts/size.ts). Dependencies (pngjs, jpeg-js,
 * lru-cache) and Node built-ins stay external.
 */
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = process.cwd();
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  exports: Record<string, string | { import?: string }>;
  bin?: Record<string, string>;
};

/** dist/a/b.js → src/a/b.ts */
const source = (dist: string) => dist.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts');
const entryPoints: Record<string, string> = {};
for (const target of Object.values(pkg.exports)) {
  const file = typeof target === 'string' ? target : target.import;
  if (!file || !file.startsWith('./dist/')) continue;
  entryPoints[file.replace(/^\.\/dist\//, '').replace(/\.js$/, '')] = join(ROOT, source(file));
}
for (const [name, file] of Object.entries(entryPoints)) {
  if (!existsSync(file)) throw new Error(`package.json entry ${name} has no source ${file}`);
}
// Programs that are not package entries: the CLI (bin/imago.js) and `npm start`.
for (const program of ['cli/main', 'serve/node-main']) {
  const file = join(ROOT, `src/${program}.ts`);
  if (existsSync(file)) entryPoints[program] = file;
}

await build({
  entryPoints,
  outdir: join(ROOT, 'dist'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  packages: 'external',
  external: ['node:*'],
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: true,
  logLevel: 'warning',
});
console.log(`bundled ${Object.keys(entryPoints).join(', ')} into dist/`);
