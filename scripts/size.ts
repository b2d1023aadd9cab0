/**
 * Budgets: the size of each entry minified and gzipped, and the cold import time of the core
 * entry in Node. Run: `npm run size` (builds dist/ first). Exits non-zero when the core entry is
 * over a budget:
 * - core entry (src/index.ts), bundled by esbuild, minified, gzip -9: at most 30 KB (30,720 bytes);
 * - cold `import()` of dist/index.js in a fresh Node process: at most 25 ms wall time on a quiet
 *   machine. The gate reads the fastest of 15 runs, the one least disturbed by other work: on a
 *   quiet machine it is within a millisecond of the median (17.2 against 17.8 ms), while right
 *   after a test run (load average 1.6 on 2 cores) the median read 25.2 ms and the fastest 22.2.
 *   Both are printed. When the load average is above the core count, other processes inflate
 *   every run, so the figures are printed but the budget is not judged (`--strict` judges it
 *   anyway).
 * It also lists the files and packages that `import('imago')` loads from dist/ (rebuilt first
 * when older than src/), and times a one-line module and the core bundled into one file beside
 * it, so that the machine's own cost and the cost of the split into chunks can be read off.
 * Options: `--json` prints the figures as JSON; `--no-time` skips the import timing; `--strict`
 * checks the import budget whatever the load.
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { staticClosure } from './static-closure.js';
import { availableParallelism, loadavg } from 'node:os';

const ROOT = process.cwd();
const SIZE_BUDGET = 30 * 1024;
const IMPORT_BUDGET_MS = 25;
const RUNS = 15;

/** The package entries, by export name; only those present in this checkout are measured. */
const ENTRIES: Record<string, string> = {
  '.': 'src/index.ts',
  './resize': 'src/resize/index.ts',
  './codecs': 'src/codecs.ts',
  './stream': 'src/stream/index.ts',
  './thumbnail': 'src/pipeline/index.ts',
  './node': 'src/node.ts',
  './serve': 'src/serve/index.ts',
};

async function sizeOf(entry: string): Promise<{ min: number; gzip: number }> {
  const out = await build({
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    write: false,
    outdir: join(ROOT, 'node_modules/.cache/imago/size'),
    // imago's own code only: dependencies (pngjs, jpeg-js, lru-cache; the core has none) and Node
    // built-ins stay external, as in the published build.
    packages: 'external',
    external: ['node:*'],
    mainFields: ['module', 'main'],
    logLevel: 'silent',
  });
  const code = out.outputFiles.filter((f) => f.path.endsWith('.js')).map((f) => f.contents);
  const all = Buffer.concat(code.map((c) => Buffer.from(c)));
  return { min: all.length, gzip: gzipSync(all, { level: 9 }).length };
}

/**
 * Wall and CPU time of `import()` of each file, each import in a fresh Node process, in
 * milliseconds, sorted. The files take turns (round 1: a, b, c; round 2: a, b, c; ...), so a burst
 * of load from other processes hits them all alike; a first round warms the file cache and is
 * dropped. CPU time (user + system, process.cpuUsage) moves less than wall time when other
 * processes load the machine.
 */
function coldImports(files: string[]): { wall: number[]; cpu: number[] }[] {
  const times = files.map(() => ({ wall: [] as number[], cpu: [] as number[] }));
  for (let round = 0; round <= RUNS; round++) {
    files.forEach((file, i) => {
      const script =
        `const c=process.cpuUsage(),t=performance.now();await import(${JSON.stringify(pathToFileURL(file).href)});` +
        `const w=performance.now()-t,u=process.cpuUsage(c);process.stdout.write(w+' '+(u.user+u.system)/1000);`;
      const [w, c] = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).split(' ').map(Number);
      if (round === 0) return;
      times[i].wall.push(w);
      times[i].cpu.push(c);
    });
  }
  return times.map((t) => ({ wall: t.wall.sort((a, b) => a - b), cpu: t.cpu.sort((a, b) => a - b) }));
}

const args = process.argv.slice(2);
const json = args.includes('--json');
const figures: Record<string, unknown> = {};
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

const rows: string[] = [];
for (const [name, entry] of Object.entries(ENTRIES)) {
  if (!existsSync(join(ROOT, entry))) continue;
  const s = await sizeOf(entry);
  figures[name] = s;
  rows.push(`${name.padEnd(12)} ${entry.padEnd(24)} ${kb(s.min).padStart(9)} ${kb(s.gzip).padStart(9)}`);
}
const core = figures['.'] as { min: number; gzip: number };
let failed = false;
if (!json) {
  console.log(`entry        source                    minified   gzip -9`);
  for (const r of rows) console.log(r);
}
if (core.gzip > SIZE_BUDGET) {
  failed = true;
  console.log(`OVER BUDGET: the core entry is ${kb(core.gzip)} min+gzip, budget ${kb(SIZE_BUDGET)}`);
}

// What `import('imago')` loads as published: the files and the packages.
const distIndex = resolve(ROOT, 'dist/index.js');
const newest = (dir: string): number =>
  Math.max(...readdirSync(dir, { withFileTypes: true }).map((d) => (d.isDirectory() ? newest(join(dir, d.name)) : statSync(join(dir, d.name)).mtimeMs)));
if (!existsSync(distIndex) || statSync(distIndex).mtimeMs < Math.max(newest(join(ROOT, 'src')), statSync(join(ROOT, 'package.json')).mtimeMs)) {
  execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
}
{
  const { files, packages } = staticClosure(distIndex);
  const bytes = files.map((f) => readFileSync(f));
  const total = bytes.reduce((n, b) => n + b.length, 0);
  const gz = gzipSync(Buffer.concat(bytes), { level: 9 }).length;
  figures.published = { files: files.map((f) => relative(ROOT, f)), packages, bytes: total, gzip: gz };
  if (!json) {
    console.log(`
import('imago') loads ${files.length} files of dist/ (${kb(total)}, ${kb(gz)} gzip -9, as published: whitespace and syntax minified, names kept) and the packages ${packages.join(', ') || '(none)'}:`);
    for (const [i, f] of files.entries()) console.log(`  ${relative(ROOT, f).padEnd(34)} ${kb(bytes[i].length).padStart(9)}`);
  }
}

if (!args.includes('--no-time')) {
  const cache = join(ROOT, 'node_modules/.cache/imago/size');
  mkdirSync(cache, { recursive: true });
  // The same timing of a one-line module: what any import costs on this machine right now.
  const empty = join(cache, 'empty.mjs');
  writeFileSync(empty, 'export const x = 1;\n');
  // The core as a serverless bundle ships it: one file.
  const bundled = join(cache, 'core.bundle.mjs');
  await build({ entryPoints: [join(ROOT, ENTRIES['.'])], bundle: true, format: 'esm', platform: 'neutral', outfile: bundled, packages: 'external', logLevel: 'silent' });
  const modules: [string, string][] = [
    ['dist/index.js (as published)', distIndex],
    ['core bundled in one file', bundled],
    ['a one-line module (baseline)', empty],
    // For information (no budget): the other entries a serverless function imports.
    ['dist/resize/index.js', resolve(ROOT, 'dist/resize/index.js')],
    ['dist/pipeline/index.js', resolve(ROOT, 'dist/pipeline/index.js')],
    ['dist/serve/index.js', resolve(ROOT, 'dist/serve/index.js')],
  ].filter(([, f]) => existsSync(f)) as [string, string][];
  const med = (t: number[]) => t[Math.floor(t.length / 2)];
  const loadBefore = loadavg()[0];
  const times = coldImports(modules.map(([, f]) => f));
  const loadAfter = loadavg()[0];
  // Other processes inflate wall time, and CPU time too (shared caches and cores: at a load
  // average of 12 on this project's 2-core machine the one-line module took 14 ms of CPU against
  // 7 ms quiet). Above one runnable process per core the budget cannot be judged: it is reported,
  // not checked, unless --strict.
  const loaded = Math.max(loadBefore, loadAfter) > availableParallelism();
  const strict = args.includes('--strict');
  const published = times[0];
  const checked = published.wall[0]; // the fastest run (times are sorted)
  figures.coldImportMs = Object.fromEntries(modules.map(([k], i) => [k, { wallMedian: med(times[i].wall), cpuMedian: med(times[i].cpu), wallMin: times[i].wall[0] }]));
  figures.loadAverage = [loadBefore, loadAfter];
  if (!json) {
    console.log(
      `\ncold import() in Node ${process.version}, ${RUNS} fresh processes each, taking turns ` +
        `(load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after, on ${availableParallelism()} cores)`,
    );
    console.log(`${'module'.padEnd(30)} ${'wall median'.padStart(12)} ${'wall min'.padStart(9)} ${'CPU median'.padStart(11)}`);
    for (const [i, [k]] of modules.entries()) {
      const t = times[i];
      console.log(`${k.padEnd(30)} ${(med(t.wall).toFixed(1) + ' ms').padStart(12)} ${(t.wall[0].toFixed(1) + ' ms').padStart(9)} ${(med(t.cpu).toFixed(1) + ' ms').padStart(11)}`);
    }
  }
  figures.importBudgetChecked = !loaded || strict;
  if (loaded && !strict) {
    console.log(
      `NOT CHECKED: the machine is loaded (load average above the core count), which inflates wall and CPU times ` +
        `(the one-line module: ${med(times[2].wall).toFixed(1)} ms wall, ${med(times[2].cpu).toFixed(1)} ms CPU); ` +
        `the ${IMPORT_BUDGET_MS} ms cold-import budget is judged on a quiet machine (or pass --strict)`,
    );
  } else if (checked > IMPORT_BUDGET_MS) {
    failed = true;
    console.log(`OVER BUDGET: cold import of dist/index.js ${checked.toFixed(1)} ms (fastest of ${RUNS}; median ${med(published.wall).toFixed(1)} ms), budget ${IMPORT_BUDGET_MS} ms`);
  }
}
if (json) console.log(JSON.stringify(figures, null, 2));
else console.log(`\nbudgets: core ≤ ${kb(SIZE_BUDGET)} min+gzip, cold import ≤ ${IMPORT_BUDGET_MS} ms: ${failed ? 'FAILED' : 'ok'}`);
process.exitCode = failed ? 1 : 0;
