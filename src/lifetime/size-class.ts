/**
 * Pool size classes: four per power of two, so a pooled buffer wastes less than a quarter of its
 * size. Class sizes are 256, then for each k ≥ 8: 2^k, 1.25·2^k, 1.5·2^k, 1.75·2^k.
 *
 * Derivation: for n in (2^k, 2^(k+1)] the step is 2^k / 4 and the class is the next multiple of
 * the step above 2^k; the worst case is n = 2^k + 1, which gets 2^k + 2^k/4, a waste just under
 * 2^k/4 < n/4.
 */

/** The smallest class; smaller requests share it (a pool is for buffers, not for tiny arrays). */
export const MIN_CLASS_BYTES = 256;

/**
 * The class size for a request of n bytes: the smallest class ≥ n. Defined for 0 ≤ n ≤ 2^32.
 */
export function sizeClass(n: number): number {
  if (n <= MIN_CLASS_BYTES) return MIN_CLASS_BYTES;
  // 2^k is the largest power of two below n: k = floor(log2(n - 1)).
  const k = n - 1 > 0xffff_ffff ? 32 : 31 - Math.clz32(n - 1);
  const base = 2 ** k;
  const step = base / 4;
  return base + Math.ceil((n - base) / step) * step;
}
