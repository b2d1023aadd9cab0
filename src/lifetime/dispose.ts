/**
 * The disposal symbol every imago owner implements, and helpers for owners.
 *
 * `DISPOSE` is `Symbol.dispose` where the runtime has it (Node 20+, Deno, Bun, current Chrome and
 * Firefox). Where it does not, it is `Symbol.for('Symbol.dispose')`, the key that polyfills and
 * TypeScript's downlevelled `using` agree on, so a polyfill installed later still finds our method.
 */
export const DISPOSE: typeof Symbol.dispose = (Symbol.dispose ??
  Symbol.for('Symbol.dispose')) as typeof Symbol.dispose;

/** Anything with an idempotent `[Symbol.dispose]()`. */
export type Owner = Disposable;

/**
 * Disposes each value that has a `[Symbol.dispose]` method, in order, and ignores the rest
 * (`null`, `undefined`, plain values). Every value is attempted even if one throws; the first
 * error is rethrown at the end.
 */
export function disposeAll(...values: unknown[]): void {
  let first: { error: unknown } | undefined;
  for (const v of values) {
    const d = v !== null && (typeof v === 'object' || typeof v === 'function') ? (v as Partial<Disposable>)[DISPOSE] : undefined;
    if (typeof d !== 'function') continue;
    try {
      d.call(v);
    } catch (error) {
      first ??= { error };
    }
  }
  if (first) throw first.error;
}
