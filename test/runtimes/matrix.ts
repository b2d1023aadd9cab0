/**
 * The runtime matrix: bundles the smoke suite (smoke.ts) with esbuild once per kind of target and
 * runs it in Node, Deno, Bun, headless Chromium and workerd (without and with nodejs_compat),
 * then prints one table and a closing "N passed, N failed" line. Exits non-zero when any check
 * fails or any runtime does not report.
 *
 * Run: `npm run test:runtimes` (= node scripts/run-ts.mjs test/runtimes/matrix.ts).
 * Options: `--only node,deno` runs a subset; `--verbose` prints every skip reason.
 *
 * Needs: the dev dependencies esbuild, deno, bun, playwright-core, miniflare, and Debian's
 * `chromium` at /usr/bin/chromium (.ci/run installs it). Everything stays on this machine:
 * Chromium is served the bundle through request interception, and miniflare binds to loopback.
 */
import { build, type Plugin } from 'esbuild';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { REPORT_MARKER, type CheckResult, type SmokeReport } from './harness.js';
import { OVER_KERNEL_WASM } from '../../src/draw/fast/simd/over-kernel.wasm.js';
import { BLOCK_SUMS_WASM } from '../../src/resize/simd/block-sums.wasm.js';

const ROOT = process.cwd();
const OUT = join(ROOT, 'node_modules/.cache/imago/runtimes');
const HERE = join(ROOT, 'test/runtimes');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** workerd's compatibility date: miniflare 4.20260426.0 ships workerd 2026-04-26. */
const COMPAT_DATE = '2026-04-26';
/** One runtime may take this long to bundle-load and run every check. */
const RUNTIME_TIMEOUT_MS = 180_000;

type BundleKind = 'node' | 'browser' | 'workerd';

/**
 * Node built-ins reached through `require()` (pngjs is CommonJS) become real `import`s of
 * `node:*`, the way wrangler bundles for workerd: they then load where the runtime has them
 * (Node, Deno, Bun, workerd with nodejs_compat) and fail at module load, catchably, where it does
 * not. esbuild's own fallback would be a `__require` shim that throws in every ESM runtime.
 */
const nodeBuiltinsAsImports: Plugin = {
  name: 'node-builtins-as-imports',
  setup(b) {
    const names = builtinModules.filter((m) => !m.startsWith('_')).map((m) => m.replace(/^node:/, ''));
    const filter = new RegExp(`^(node:)?(${names.map((n) => n.replace(/[/]/g, '\\/')).join('|')})$`);
    b.onResolve({ filter }, (args) => {
      const path = args.path.startsWith('node:') ? args.path : `node:${args.path}`;
      if (args.kind === 'require-call') return { path, namespace: 'node-require' };
      return { path, external: true };
    });
    b.onLoad({ filter: /.*/, namespace: 'node-require' }, (args) => ({
      contents: `import m from ${JSON.stringify(args.path)}; module.exports = m;`,
      loader: 'js',
    }));
  },
};

async function bundle(kind: BundleKind, entry: string): Promise<string> {
  const outdir = join(OUT, kind);
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: { main: join(HERE, 'targets', entry) },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    platform: kind === 'node' ? 'node' : 'browser',
    // What wrangler resolves for a Worker.
    conditions: kind === 'workerd' ? ['workerd', 'worker', 'browser'] : [],
    loader: { '.png': 'binary', '.jpeg': 'binary', '.jpg': 'binary' },
    plugins: [nodeBuiltinsAsImports],
    // workerd: the SIMD kernel is imported as a compiled module, as wrangler's CompiledWasm rule does.
    external: kind === 'workerd' ? ['*.wasm'] : [],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  if (kind === 'workerd') {
    writeFileSync(join(outdir, 'over-kernel.wasm'), Buffer.from(OVER_KERNEL_WASM, 'base64'));
    writeFileSync(join(outdir, 'block-sums.wasm'), Buffer.from(BLOCK_SUMS_WASM, 'base64'));
  }
  return join(outdir, 'main.js');
}

// ---- the runtimes ----

interface Runtime {
  /** The column name. */
  label: string;
  /** The runtime name detectRuntime() must report there. */
  expect: string;
  bundle: BundleKind;
  run(main: string): Promise<SmokeReport>;
}

function runCommand(cmd: string, args: string[]): Promise<SmokeReport> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), RUNTIME_TIMEOUT_MS);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith(REPORT_MARKER));
      if (line) resolvePromise(JSON.parse(line.slice(REPORT_MARKER.length)) as SmokeReport);
      else reject(new Error(`${cmd} exited with ${signal ?? code} and no report\n--- stdout\n${out}\n--- stderr\n${err}`));
    });
  });
}

const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);

const MIME: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html', '.map': 'application/json' };

async function runChromium(main: string): Promise<SmokeReport> {
  const { chromium } = await import('playwright-core');
  const userDataDir = mkdtempSync(join(tmpdir(), 'imago-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--js-flags=--expose-gc',
    ],
  });
  try {
    const dir = resolve(main, '..');
    // Every request is answered from the bundle folder; nothing leaves the process.
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== 'http://imago.test') return route.abort();
      if (url.pathname === '/') {
        return route.fulfill({ contentType: 'text/html', body: '<!doctype html><script type="module" src="/main.js"></script>' });
      }
      const file = join(dir, url.pathname);
      if (!file.startsWith(dir) || !existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
      return route.fulfill({ contentType: MIME[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) });
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto('http://imago.test/');
    await page.waitForFunction(() => '__imagoSmoke' in globalThis || false, undefined, { timeout: 30_000 }).catch(() => {
      throw new Error(`the smoke module did not start in Chromium: ${errors.join('\n') || 'no page error'}`);
    });
    return await page.evaluate(() => (globalThis as unknown as { __imagoSmoke: Promise<SmokeReport> }).__imagoSmoke);
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

async function runWorkerd(main: string, nodeCompat: boolean): Promise<SmokeReport> {
  const { Miniflare } = await import('miniflare');
  const dir = resolve(main, '..');
  // The modules are listed, not discovered: miniflare's discovery refuses any `node:*` import
  // without nodejs_compat, even a dynamic one that the code guards, and workerd itself only
  // fails such an import when it runs.
  const files = readdirSync(dir).filter((f) => f.endsWith('.js'));
  files.sort((a, b) => (a === 'main.js' ? -1 : b === 'main.js' ? 1 : a.localeCompare(b)));
  const mf = new Miniflare({
    modulesRoot: dir,
    modules: [
      ...files.map((f) => ({ type: 'ESModule' as const, path: join(dir, f), contents: readFileSync(join(dir, f), 'utf8') })),
      ...['over-kernel.wasm', 'block-sums.wasm'].map((f) => ({ type: 'CompiledWasm' as const, path: join(dir, f), contents: readFileSync(join(dir, f)) })),
    ],
    compatibilityDate: COMPAT_DATE,
    compatibilityFlags: nodeCompat ? ['nodejs_compat'] : [],
    // A fixed `request.cf`: by default miniflare would download one from the internet.
    cf: false,
  });
  try {
    const res = await mf.dispatchFetch('http://imago.test/');
    const text = await res.text();
    if (!res.ok) throw new Error(`workerd answered ${res.status}: ${text}`);
    const report = JSON.parse(text) as SmokeReport;
    if (report.runtime.nodeCompat !== nodeCompat) {
      throw new Error(`workerd reports nodeCompat=${report.runtime.nodeCompat}, configured ${nodeCompat}`);
    }
    return report;
  } finally {
    await mf.dispose();
  }
}

const RUNTIMES: Runtime[] = [
  { label: 'node', expect: 'node', bundle: 'node', run: (m) => runCommand(process.execPath, ['--expose-gc', m]) },
  {
    label: 'deno',
    expect: 'deno',
    bundle: 'node',
    // Only loopback networking (handlerServedNatively): no file or environment access.
    run: (m) => runCommand(bin('deno'), ['run', '--no-config', '--no-lock', '--allow-net=127.0.0.1', '--v8-flags=--expose-gc', m]),
  },
  { label: 'bun', expect: 'bun', bundle: 'node', run: (m) => runCommand(bin('bun'), ['run', m]) },
  { label: 'chromium', expect: 'chromium', bundle: 'browser', run: runChromium },
  { label: 'workerd', expect: 'workerd', bundle: 'workerd', run: (m) => runWorkerd(m, false) },
  { label: 'workerd+compat', expect: 'workerd', bundle: 'workerd', run: (m) => runWorkerd(m, true) },
];

const ENTRY: Record<BundleKind, string> = { node: 'cli.ts', browser: 'browser.ts', workerd: 'worker.ts' };

// ---- main ----

const argv = process.argv.slice(2);
const onlyArg = argv.find((a) => a.startsWith('--only='))?.slice(7) ?? (argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined);
const verbose = argv.includes('--verbose');
const only = onlyArg ? new Set(onlyArg.split(',')) : undefined;
const selected = RUNTIMES.filter((r) => !only || only.has(r.label));
if (selected.length === 0) {
  console.error(`no runtime matches --only ${onlyArg}; known: ${RUNTIMES.map((r) => r.label).join(', ')}`);
  process.exit(2);
}

const t0 = Date.now();
const mains = new Map<BundleKind, string>();
for (const kind of new Set(selected.map((r) => r.bundle))) mains.set(kind, await bundle(kind, ENTRY[kind]));
console.log(`bundled ${[...mains.keys()].join(', ')} in ${Date.now() - t0} ms`);

interface Column {
  rt: Runtime;
  report?: SmokeReport;
  error?: string;
  ms: number;
}
const columns: Column[] = [];
for (const rt of selected) {
  const t = Date.now();
  try {
    const report = await rt.run(mains.get(rt.bundle)!);
    if (report.runtime.name !== rt.expect) throw new Error(`expected to run in ${rt.expect}, but the suite detected ${report.runtime.name}`);
    columns.push({ rt, report, ms: Date.now() - t });
  } catch (e) {
    columns.push({ rt, error: e instanceof Error ? (e.stack ?? e.message) : String(e), ms: Date.now() - t });
  }
  const c = columns[columns.length - 1];
  console.log(`${rt.label}: ${c.report ? `${c.report.runtime.name} ${c.report.runtime.version}` : 'FAILED TO RUN'} (${c.ms} ms)`);
}

// The table: one row per check, one column per runtime.
const names: string[] = [];
for (const c of columns) for (const r of c.report?.results ?? []) if (!names.includes(r.name)) names.push(r.name);
const cell = (c: Column, name: string): CheckResult | undefined => c.report?.results.find((r) => r.name === name);
const mark = (r: CheckResult | undefined, c: Column) => (c.error ? 'ERROR' : !r ? 'missing' : r.status === 'pass' ? 'ok' : r.status === 'skip' ? 'skip' : 'FAIL');
const width0 = Math.max(5, ...names.map((n) => n.length));
const widths = columns.map((c) => Math.max(c.rt.label.length, 7));
const row = (first: string, cells: string[]) => [first.padEnd(width0), ...cells.map((s, i) => s.padEnd(widths[i]))].join('  ');
console.log('');
console.log(row('check', columns.map((c) => c.rt.label)));
console.log(row('-'.repeat(width0), widths.map((w) => '-'.repeat(w))));
for (const name of names) console.log(row(name, columns.map((c) => mark(cell(c, name), c))));

let passed = 0;
let failed = 0;
let skipped = 0;
const details: string[] = [];
for (const c of columns) {
  if (c.error) {
    failed++;
    details.push(`[${c.rt.label}] did not run:\n${c.error}`);
    continue;
  }
  for (const name of names) {
    const r = cell(c, name);
    if (!r) {
      failed++;
      details.push(`[${c.rt.label}] ${name}: missing from the report`);
    } else if (r.status === 'pass') passed++;
    else if (r.status === 'skip') {
      skipped++;
      if (verbose) details.push(`[${c.rt.label}] ${name} skipped: ${r.message}`);
    } else {
      failed++;
      details.push(`[${c.rt.label}] ${name} FAILED:\n${r.message}`);
    }
  }
}
const skipReasons = new Map<string, string>();
for (const c of columns) for (const r of c.report?.results ?? []) if (r.status === 'skip') skipReasons.set(`${r.name}`, r.message ?? '');
if (skipReasons.size && !verbose) {
  console.log('');
  for (const [name, why] of skipReasons) console.log(`skip ${name}: ${why}`);
}
for (const d of details) console.log(`\n${d}`);
console.log(`\nruntime matrix, ${columns.length} runtimes in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 ? 1 : 0;
