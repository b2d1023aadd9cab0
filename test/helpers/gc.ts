/**
 * Forcing garbage collection in tests. vitest runs tests in forks with --expose-gc (see
 * vitest.config.ts), so `globalThis.gc` exists. The reliable pattern is: let pending microtasks
 * and timers settle, collect, and settle again so FinalizationRegistry callbacks can run.
 */

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Collects garbage as thoroughly as a test can. Throws if gc is not exposed. */
export async function forceGC(rounds = 3): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== 'function') throw new Error('gc() is not exposed: run tests with --expose-gc');
  for (let i = 0; i < rounds; i++) {
    await tick();
    gc();
    await tick();
  }
}

/** Whether the target of `ref` has been collected after forcing GC. */
export async function isCollected(ref: WeakRef<object>): Promise<boolean> {
  await forceGC();
  return ref.deref() === undefined;
}
