import { describe, expect, test } from 'vitest';
import { CORE_OPS, EXTRA_OPS, checkRetention, type RetentionOp } from './retention.js';

/** A deliberately leaky variant: every op also keeps what it made in a module-level array. */
const KEPT_FOREVER: unknown[] = [];
const leaky = (op: RetentionOp<any>): RetentionOp<any> => ({
  ...op,
  name: `leaky ${op.name}`,
  run: async (w, p) => {
    const before = new Set(w.held.map((h) => h.img));
    await op.run(w, p);
    for (const h of w.held) if (!before.has(h.img)) KEPT_FOREVER.push(h.img);
  },
});

describe('retention: nothing outlives its last holder', () => {
  test('every intermediate image and buffer is collected; survivors are what the test holds and pool buffers within the cap', async () => {
    await checkRetention();
  });

  test('the same with a pool that detaches on release', async () => {
    await checkRetention({ pool: { detachOnRelease: true } });
  });

  test('the same with a pool that zeroes on release and retains nothing', async () => {
    await checkRetention({ pool: { zero: 'release', maxRetainedBytes: 0 }, numRuns: 20 });
  });

  test('every op of the list is exercised (the list is not silently empty)', () => {
    expect(CORE_OPS.map((o) => o.name)).toEqual(['new', 'subImage', 'clone', 'compact', 'set', 'convert', 'dispose', 'drop']);
    expect(EXTRA_OPS.map((o) => o.name)).toEqual(['resize', 'draw', 'encode+decode', 'resize+pool', 'encode+decode+pool']);
  });

  test('the property fails against a leaky variant that keeps every result in a module-level array', async () => {
    await expect(checkRetention({ ops: CORE_OPS.map(leaky), numRuns: 20, endOnFailure: true })).rejects.toThrow(
      /survived GC although not held: .*image from/,
    );
    expect(KEPT_FOREVER.length).toBeGreaterThan(0);
    KEPT_FOREVER.length = 0;
  });

  test('the property fails against a leaky variant of the pooled operations too', async () => {
    const pooled = EXTRA_OPS.filter((o) => o.name.endsWith('+pool'));
    expect(pooled.length).toBe(2);
    await expect(checkRetention({ ops: [CORE_OPS[0], ...pooled.map(leaky)], numRuns: 20, endOnFailure: true })).rejects.toThrow(
      /survived GC although not held: .*(image|buffer of an image) from (resize|decode)/,
    );
    KEPT_FOREVER.length = 0;
  });
});
