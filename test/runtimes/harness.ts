/**
 * The runtime smoke harness: plain TypeScript with no test-framework API, so the same checks run
 * in Node, Deno, Bun, headless Chromium and workerd (see test/runtimes/matrix.ts), and under
 * vitest in Node (test/runtimes/smoke.test.ts).
 *
 * A check is an async function that throws on failure, or throws {@link Skip} (with a reason) when
 * the runtime cannot do what the check needs, such as forcing garbage collection.
 */

/** What a check may use from the runtime it runs in. */
export interface SmokeEnv {
  /** The runtime, as detected by {@link detectRuntime}. */
  readonly runtime: RuntimeInfo;
  /**
   * Collects garbage as thoroughly as the runtime lets a script (settling microtasks and timers
   * around it, so FinalizationRegistry callbacks can run); undefined where GC cannot be forced.
   */
  readonly gc?: () => Promise<void>;
  /** Small test images by file name (test/fixtures/runtimes/), embedded in the bundle. */
  readonly fixtures: Readonly<Record<string, Uint8Array<ArrayBuffer>>>;
}

/** A smoke check. Throws on failure; throws {@link Skip} when it cannot run here. */
export type Check = (env: SmokeEnv) => void | Promise<void>;

/** Thrown by a check that cannot run in this runtime. The message is the reason. */
export class Skip extends Error {
  override readonly name = 'Skip';
}

export interface RuntimeInfo {
  /** 'node' | 'deno' | 'bun' | 'chromium' | 'workerd' | 'unknown'. */
  readonly name: string;
  readonly version: string;
  /** workerd only: whether Node built-ins (node:buffer, node:zlib) can be imported. */
  readonly nodeCompat?: boolean;
}

export interface CheckResult {
  readonly name: string;
  readonly status: 'pass' | 'fail' | 'skip';
  /** Wall time of the check in milliseconds. */
  readonly ms: number;
  /** The failure message (with stack) or the skip reason. */
  readonly message?: string;
}

export interface SmokeReport {
  readonly runtime: RuntimeInfo;
  readonly results: CheckResult[];
}

/** The line prefix a command-line runtime prints before its JSON report. */
export const REPORT_MARKER = 'IMAGO_SMOKE_REPORT ';

type AnyGlobal = {
  Deno?: { version: { deno: string } };
  Bun?: { version: string; gc(force: boolean): void };
  navigator?: { userAgent?: string };
  process?: { versions?: { node?: string } };
  document?: unknown;
  gc?: () => void;
};

/** Works out which runtime this is. Order matters: Deno and workerd also define `process`. */
export function detectRuntime(): RuntimeInfo {
  const g = globalThis as AnyGlobal;
  if (g.Deno) return { name: 'deno', version: g.Deno.version.deno };
  if (g.Bun) return { name: 'bun', version: g.Bun.version };
  const ua = g.navigator?.userAgent ?? '';
  if (ua === 'Cloudflare-Workers') return { name: 'workerd', version: 'workerd' };
  if (g.document !== undefined) {
    const m = /(?:Headless)?Chrome\/([\d.]+)/.exec(ua);
    return { name: m ? 'chromium' : 'browser', version: m ? m[1] : ua };
  }
  if (g.process?.versions?.node) return { name: 'node', version: g.process.versions.node };
  return { name: 'unknown', version: ua };
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * A GC function for this runtime: `globalThis.gc` (Node with --expose-gc, Deno with
 * --v8-flags=--expose-gc, Chromium with --js-flags=--expose-gc) or `Bun.gc(true)`. Undefined when
 * neither exists (workerd).
 */
export function findGC(): (() => Promise<void>) | undefined {
  const g = globalThis as AnyGlobal;
  let collect: (() => void) | undefined;
  if (typeof g.gc === 'function') collect = () => g.gc!();
  else if (g.Bun && typeof g.Bun.gc === 'function') collect = () => g.Bun!.gc(true);
  if (!collect) return undefined;
  const run = collect;
  return async () => {
    for (let i = 0; i < 3; i++) {
      await tick();
      run();
      await tick();
    }
  };
}

/**
 * Whether `scenario` leaves its object collectable: runs it (each run returns a WeakRef to what
 * it dropped), forces GC, and answers true as soon as one run's target was collected, trying up to
 * `tries` times. Bun's JavaScriptCore scans the stack conservatively, so a stale pointer can
 * keep a dead object alive once (seen: the first of several identical runs); a real leak keeps it
 * in every run, and then this answers false.
 */
export async function collectedInSomeRun(env: SmokeEnv, scenario: () => Promise<WeakRef<object>>, tries = 3): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    const ref = await scenario();
    await env.gc!();
    if (ref.deref() === undefined) return true;
  }
  return false;
}

/** Runs every check in order and collects the results; never throws. */
export async function runChecks(checks: Readonly<Record<string, Check>>, env: SmokeEnv): Promise<SmokeReport> {
  const results: CheckResult[] = [];
  for (const [name, check] of Object.entries(checks)) {
    if (typeof check !== 'function') continue;
    const t0 = Date.now();
    try {
      await check(env);
      results.push({ name, status: 'pass', ms: Date.now() - t0 });
    } catch (err) {
      const ms = Date.now() - t0;
      if (err instanceof Skip) results.push({ name, status: 'skip', ms, message: err.message });
      else results.push({ name, status: 'fail', ms, message: describe(err) });
    }
  }
  return { runtime: env.runtime, results };
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.stack && err.stack.includes(err.message) ? err.stack : `${err.name}: ${err.message}\n${err.stack ?? ''}`;
  return String(err);
}

// ---- assertions (no framework: each throws an Error with a message naming the values) ----

export function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(`assertion failed: ${message}`);
}

export function assertEqual<T>(actual: T, expected: T, message: string): void {
  if (!Object.is(actual, expected)) {
    throw new Error(`${message}: expected ${show(expected)}, got ${show(actual)}`);
  }
}

/** Deep equality for arrays, typed arrays and plain objects of primitives. */
export function assertDeepEqual(actual: unknown, expected: unknown, message: string): void {
  if (!deepEqual(actual, expected)) {
    throw new Error(`${message}: expected ${show(expected)}, got ${show(actual)}`);
  }
}

/** Runs fn and checks that it throws an error accepted by `accept`. Returns the error. */
export function assertThrows(fn: () => unknown, accept: (err: unknown) => boolean, message: string): unknown {
  try {
    fn();
  } catch (err) {
    if (!accept(err)) throw new Error(`${message}: threw the wrong error: ${show(err)}`);
    return err;
  }
  throw new Error(`${message}: did not throw`);
}

/** Awaits p and checks that it rejects with an error accepted by `accept`. Returns the error. */
export async function assertRejects(p: Promise<unknown>, accept: (err: unknown) => boolean, message: string): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    if (!accept(err)) throw new Error(`${message}: rejected with the wrong error: ${show(err)}`);
    return err;
  }
  throw new Error(`${message}: did not reject`);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (ArrayBuffer.isView(a) || Array.isArray(a)) {
    if (!(ArrayBuffer.isView(b) || Array.isArray(b))) return false;
    const x = a as ArrayLike<unknown>;
    const y = b as ArrayLike<unknown>;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
    return true;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function show(v: unknown): string {
  if (v instanceof Error) return `${v.name}(${(v as { code?: string }).code ?? ''}): ${v.message}`;
  if (ArrayBuffer.isView(v)) {
    const arr = Array.from(v as unknown as ArrayLike<number>);
    return `${v.constructor.name}[${arr.slice(0, 16).join(',')}${arr.length > 16 ? `,… (${arr.length})` : ''}]`;
  }
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}
