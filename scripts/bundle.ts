/**
 * The JavaScript half of `npm run build`: esbuild bundles every package entry (each file under
 * `exports` in package.json, every condition but `types`, plus each program) from src/ into
 * dist/. tsc writes only the declarations (tsconfig.build.json, emitDeclarationOnly).
 *
 * Why bundle: a cold `import('imago')` of one file is several times faster than loading ~70
 * modules one by one (see scripts/size.ts). Dependencies (pngjs, jpeg-js, lru-cache) and Node
 * built-ins stay external.
 *
 * How the entries share code. Every class must exist once, so that `instanceof` holds across
 * `imago`, `imago/codecs`, `imago/resize` and the rest. esbuild's code splitting alone would do
 * that, but it cuts chunks by "which entries use this statement", which with ten entries cut
 * the core into eight chunks, and each extra module costs Node about a millisecond of cold
 * import (measured: 8 chunks 39.8 ms CPU against 27.2 ms for the same code in one file). So the
 * core's modules are first bundled into a few fixed chunks (GROUPS), each one file:
 *
 * - `chunks/core-<hash>.js`: everything the core entry (src/index.ts) imports except drawing;
 *   the codecs, the pipeline, the stream and serve entries use most of it;
 * - `chunks/draw-<hash>.js`: src/draw and src/cache (the palette cache), which only `imago`
 *   itself needs; so `imago/thumbnail` and `imago/serve` do not load them.
 *
 * Each group chunk exports every export of its files (internal ones included: the other entries
 * need them); the public surface stays what each entry's index file exports. Then all entries
 * are bundled with code splitting as before, with every group file external, pointing at its
 * chunk. `imago` is thus `dist/index.js` (a list of re-exports) plus the two group chunks.
 * At the end every entry is imported once in a fresh Node process, so a name that two files of
 * one group both export (and `export *` would therefore drop) fails the build, not a user.
 */
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { OVER_KERNEL_WASM } from '../src/draw/fast/simd/over-kernel.wasm.js';
import { BLOCK_SUMS_WASM } from '../src/resize/simd/block-sums.wasm.js';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = process.cwd();
const DIST = join(ROOT, 'dist');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  exports: Record<string, string | Record<string, string>>;
};

/** dist/a/b.js → src/a/b.ts */
const source = (dist: string) => dist.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts');
const entryPoints: Record<string, string> = {};
for (const target of Object.values(pkg.exports)) {
  const files = typeof target === 'string' ? [target] : Object.entries(target).filter(([k]) => k !== 'types').map(([, v]) => v);
  for (const file of files) {
    if (!file.startsWith('./dist/') || !file.endsWith('.js')) continue;
    entryPoints[file.replace(/^\.\/dist\//, '').replace(/\.js$/, '')] = join(ROOT, source(file));
  }
}
for (const [name, file] of Object.entries(entryPoints)) {
  if (!existsSync(file)) throw new Error(`package.json entry ${name} has no source ${file}`);
}
/** Package entries: imported once at the end to check that every import links. */
const packageEntries = Object.keys(entryPoints);
// Programs that are not package entries: the CLI (bin/imago.js) and `npm start`.
for (const program of ['cli/main', 'serve/node-main']) {
  const file = join(ROOT, `src/${program}.ts`);
  if (existsSync(file)) entryPoints[program] = file;
}

const common = {
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  packages: 'external',
  external: ['node:*'],
  sourcemap: true,
  // Whitespace and syntax minification, not identifiers: class and function names stay as written
  // (error names, stack traces, instanceof messages), and the source maps lead back to src/. It cuts
  // the core chunks from 167 KB to about 110 KB and the cold import by about 15 % (V8 scans every
  // byte of a module before it runs it): measured 19.8 ms → 16.2 ms median wall over 9 fresh
  // processes each, interleaved, load average 2.7 (scripts/size.ts measures the published build).
  minifyWhitespace: true,
  minifySyntax: true,
  write: false,
  logLevel: 'warning',
} satisfies BuildOptions;

// The core's module graph: every src file that src/index.ts reaches, less index.ts itself (a
// list of re-exports; each entry that needs the public surface bundles its own copy of that list).
const graph = await build({ ...common, entryPoints: [join(ROOT, 'src/index.ts')], outdir: DIST, sourcemap: false, metafile: true });
const coreFiles = Object.keys(graph.metafile!.inputs)
  .filter((f) => f.startsWith('src/') && f !== 'src/index.ts')
  .map((f) => join(ROOT, f));

/** The fixed chunks, lowest first: a group's files may import lower groups only. */
const GROUPS: { name: string; files: string[] }[] = [
  { name: 'core', files: coreFiles.filter((f) => !/\/src\/(draw|cache)\//.test(f)) },
  { name: 'draw', files: coreFiles.filter((f) => /\/src\/(draw|cache)\//.test(f)) },
];
/** Absolute source file → the dist/chunks file name of its group, filled in as groups are built. */
const chunkOf = new Map<string, string>();
const PLACEHOLDER = 'imago-dist:';

/**
 * Resolves imports of files already placed in a group to that group's chunk (and, for the thin
 * entries, of other entries' sources to those entries), as an external `imago-dist:<path in
 * dist>` that {@link relink} rewrites into a relative path. A file of a group not yet built (a
 * lower group importing a higher one) fails the build.
 */
function groupExternals(building: Set<string> | null, entries = new Map<string, string>()): Plugin {
  return {
    name: 'imago-groups',
    setup(b) {
      b.onResolve({ filter: /^\.\.?\// }, async (args) => {
        if (args.pluginData === 'inner' || args.kind === 'entry-point') return undefined;
        const r = await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: 'inner' });
        if (r.errors.length > 0) return { errors: r.errors };
        const entry = entries.get(r.path);
        if (entry !== undefined) return { path: `${PLACEHOLDER}${entry}.js`, external: true };
        const chunk = chunkOf.get(r.path);
        if (chunk !== undefined) return { path: `${PLACEHOLDER}chunks/${chunk}`, external: true };
        if (building !== null && coreFiles.includes(r.path) && !building.has(r.path)) {
          return { errors: [{ text: `${relative(ROOT, args.importer)} (a lower chunk) imports ${relative(ROOT, r.path)} (a higher one): reorder GROUPS` }] };
        }
        return r;
      });
    },
  };
}

/** Rewrites `"imago-dist:<path>"` in the JavaScript written to `file` into a relative path. */
function relink(file: string, text: string): string {
  return text.replaceAll(new RegExp(`"${PLACEHOLDER}([^"]+)"`, 'g'), (_, path: string) => {
    const rel = relative(dirname(file), join(DIST, path)).split('\\').join('/');
    return JSON.stringify(rel.startsWith('.') ? rel : `./${rel}`);
  });
}

const written: string[] = [];
function emit(files: ({ path: string; text: string } | { path: string; bytes: Uint8Array })[]): void {
  for (const f of files) {
    mkdirSync(dirname(f.path), { recursive: true });
    writeFileSync(f.path, 'bytes' in f ? f.bytes : f.path.endsWith('.js') ? relink(f.path, f.text) : f.text);
    written.push(f.path);
  }
}

for (const group of GROUPS) {
  const barrel = group.files.map((f) => `export * from ${JSON.stringify(f)};`).join('\n');
  const out = await build({
    ...common,
    stdin: { contents: barrel, resolveDir: ROOT, sourcefile: `imago-${group.name}-chunk.js`, loader: 'js' },
    plugins: [groupExternals(new Set(group.files))],
    outfile: join(DIST, 'chunks', `${group.name}.js`),
  });
  const js = out.outputFiles.find((f) => f.path.endsWith('.js'))!;
  // The name carries a hash of the content (after relinking), as esbuild's own chunks do.
  const hash = createHash('sha256').update(relink(js.path, js.text)).digest('hex').slice(0, 8).toUpperCase();
  const name = `${group.name}-${hash}.js`;
  const path = join(DIST, 'chunks', name);
  emit([
    { path, text: js.text.replace(/\/\/# sourceMappingURL=\S+\s*$/, `//# sourceMappingURL=${name}.map\n`) },
    { path: `${path}.map`, text: out.outputFiles.find((f) => f.path.endsWith('.map'))!.text },
  ]);
  for (const f of group.files) chunkOf.set(f, name);
}

// Thin entries: an entry made of other entries (index.development = imago/debug + imago) is
// bundled on its own with those entries external; in the split build below it would make
// esbuild cut the public re-export list, shared with `index`, into one more chunk.
const THIN = ['index.development'];
const entrySources = new Map(Object.entries(entryPoints).map(([name, file]) => [file, name]));
for (const name of THIN) {
  if (!(name in entryPoints)) continue;
  const others = new Map([...entrySources].filter(([, n]) => n !== name));
  const thin = await build({ ...common, entryPoints: { [name]: entryPoints[name] }, outdir: DIST, plugins: [groupExternals(null, others)] });
  emit(thin.outputFiles.map((f) => ({ path: f.path, text: f.text })));
}

const out = await build({
  ...common,
  entryPoints: Object.fromEntries(Object.entries(entryPoints).filter(([name]) => !THIN.includes(name))),
  outdir: DIST,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [groupExternals(null)],
});
emit(out.outputFiles.map((f) => ({ path: f.path, text: f.text })));

// The SIMD kernels as files, for runtimes that import compiled modules instead of compiling
// bytes (Workers: `import kernel from 'imago/over-kernel.wasm'`, configureDraw({ wasmModule });
// `imago/block-sums.wasm`, configureResize({ wasmModule })).
emit([
  { path: join(DIST, 'over-kernel.wasm'), bytes: Buffer.from(OVER_KERNEL_WASM, 'base64') },
  { path: join(DIST, 'block-sums.wasm'), bytes: Buffer.from(BLOCK_SUMS_WASM, 'base64') },
]);

// Every package entry must link: an import of a name that no chunk exports fails here.
const urls = packageEntries.map((e) => pathToFileURL(join(DIST, `${e}.js`)).href);
execFileSync(process.execPath, ['--input-type=module', '-e', `for (const u of ${JSON.stringify(urls)}) await import(u);`], { stdio: 'inherit' });
console.log(`bundled ${Object.keys(entryPoints).join(', ')} into dist/ (${written.filter((f) => f.endsWith('.js')).length} files; shared chunks ${GROUPS.map((g) => `${g.name} ${g.files.length} modules`).join(', ')})`);
