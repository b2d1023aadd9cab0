/**
 * Budgets: the size of each entry minified and gzipped, and the cold import time of the core
 * entry in Node. Run: `npm run size` (builds dist/ first). Exits non-zero when the core entry is
 * over a budget:
 * - core entry (src/index.ts), bundled by esbuild, minified, gzip -9: at most 30 KB (30,720 bytes);
 * - cold `import()` of dist/index.js in a fresh Node process: median of 15 runs at most 25 ms
 *   (wall time; CPU time when the load average is above the core count, since other processes
 *   then inflate wall time).
 * Options: `--json` prints the figures as JSON; `--no-time` skips the import timing.
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
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
 * Wall and CPU time of `import()` of `file`, each in a fresh Node process, in milliseconds,
 * sorted. CPU time (user + system, process.cpuUsage) hardly moves when other processes load the
 * machine; wall time does.
 */
function coldImport(file: string): { wall: number[]; cpu: number[] } {
  const url = pathToFileURL(file).href;
  const script =
    `const c=process.cpuUsage(),t=performance.now();await import(${JSON.stringify(url)});` +
    `const w=performance.now()-t,u=process.cpuUsage(c);process.stdout.write(w+' '+(u.user+u.system)/1000);`;
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const [w, c] = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).split(' ').map(Number);
    wall.push(w);
    cpu.push(c);
  }
  return { wall: wall.sort((a, b) => a - b), cpu: cpu.sort((a, b) => a - b) };
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

if (!args.includes('--no-time')) {
  const dist = resolve(ROOT, 'dist/index.js');
  if (!existsSync(dist)) execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
  // The same timing of a one-line module: what any import costs on this machine right now.
  const empty = join(ROOT, 'node_modules/.cache/imago/size/empty.mjs');
  mkdirSync(dirname(empty), { recursive: true });
  writeFileSync(empty, 'export const x = 1;\n');
  // The core as a serverless bundle ships it: one file.
  const bundled = join(ROOT, 'node_modules/.cache/imago/size/core.bundle.mjs');
  await build({ entryPoints: [join(ROOT, ENTRIES['.'])], bundle: true, format: 'esm', platform: 'neutral', outfile: bundled, logLevel: 'silent' });
  const med = (t: number[]) => t[Math.floor(t.length / 2)];
  const load = loadavg()[0];
  const loaded = load > availableParallelism();
  const rowsT: [string, { wall: number[]; cpu: number[] }][] = [
    ['dist/index.js (as published)', coldImport(dist)],
    ['core bundled in one file', coldImport(bundled)],
    ['a one-line module (baseline)', coldImport(empty)],
  ];
  const [published] = rowsT;
  const checked = loaded ? med(published[1].cpu) : med(published[1].wall);
  figures.coldImportMs = Object.fromEntries(rowsT.map(([k, t]) => [k, { wallMedian: med(t.wall), cpuMedian: med(t.cpu), wallMin: t.wall[0] }]));
  figures.loadAverage = load;
  if (!json) {
    console.log(`\ncold import() in Node ${process.version}, ${RUNS} fresh processes each (load average ${load.toFixed(1)} on ${availableParallelism()} cores)`);
    console.log(`${'module'.padEnd(30)} ${'wall median'.padStart(12)} ${'wall min'.padStart(9)} ${'CPU median'.padStart(11)}`);
    for (const [k, t] of rowsT) {
      console.log(`${k.padEnd(30)} ${(med(t.wall).toFixed(1) + ' ms').padStart(12)} ${(t.wall[0].toFixed(1) + ' ms').padStart(9)} ${(med(t.cpu).toFixed(1) + ' ms').padStart(11)}`);
    }
    if (loaded) console.log('the machine is loaded (load average above the core count): the budget is checked on CPU time');
  }
  if (checked > IMPORT_BUDGET_MS) {
    failed = true;
    console.log(`OVER BUDGET: cold import of dist/index.js ${checked.toFixed(1)} ms (${loaded ? 'CPU' : 'wall'} median), budget ${IMPORT_BUDGET_MS} ms`);
  }
}
if (json) console.log(JSON.stringify(figures, null, 2));
else console.log(`\nbudgets: core ≤ ${kb(SIZE_BUDGET)} min+gzip, cold import ≤ ${IMPORT_BUDGET_MS} ms: ${failed ? 'FAILED' : 'ok'}`);
process.exitCode = failed ? 1 : 0;
