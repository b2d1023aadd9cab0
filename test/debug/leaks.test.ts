import { describe, expect, test } from 'vitest';
import { checkLeaks } from '../../src/debug/index.js';
import { OptionError, RGBAImage, UnsupportedError, rect } from '../../src/index.js';

const leaked: unknown[] = [];

describe('checkLeaks', () => {
  test('finds a function that keeps 64 KiB per run', async () => {
    const report = await checkLeaks(() => leaked.push(new RGBAImage(rect(0, 0, 128, 128))), { iterations: 40, warmup: 2, maxGrowthBytes: 512 * 1024 });
    expect(report.ok).toBe(false);
    // 40 runs × 65,536 bytes of pixels = 2.5 MiB, nearly all of it in ArrayBuffers.
    expect(report.arrayBuffersGrowthBytes).toBeGreaterThan(40 * 65536 * 0.9);
    expect(report.bytesPerIteration).toBeGreaterThan(60_000);
    expect(report.summary).toMatch(/^LEAK/);
    expect(report.samples).toHaveLength(6);
    leaked.length = 0;
  });

  test('passes a function that allocates as much but keeps nothing', async () => {
    const report = await checkLeaks(
      () => {
        using img = new RGBAImage(rect(0, 0, 128, 128));
        img.clone().subImage(rect(0, 0, 4, 4));
      },
      { iterations: 200, maxGrowthBytes: 512 * 1024 },
    );
    expect(report.ok, report.summary).toBe(true);
    expect(report.gcForced).toBe(true);
    expect(Math.abs(report.arrayBuffersGrowthBytes!)).toBeLessThan(256 * 1024);
  });

  test('awaits async functions', async () => {
    let runs = 0;
    const report = await checkLeaks(async () => {
      await new Promise((r) => setTimeout(r, 0));
      runs++;
    }, { iterations: 10, warmup: 3, samples: 2 });
    expect(runs).toBe(13);
    expect(report.samples.map((s) => s.iteration)).toEqual([0, 5, 10]);
  });

  test('refuses to run without a collector unless told to', async () => {
    await expect(checkLeaks(() => {}, { gc: undefined, iterations: 1, requireGC: true })).resolves.toBeDefined(); // globalThis.gc exists here
    const g = globalThis as { gc?: () => void };
    const saved = g.gc;
    g.gc = undefined;
    try {
      await expect(checkLeaks(() => {}, { iterations: 1 })).rejects.toThrow(UnsupportedError);
      const r = await checkLeaks(() => {}, { iterations: 1, requireGC: false });
      expect(r.gcForced).toBe(false);
      expect(r.summary).toMatch(/GC NOT forced/);
    } finally {
      g.gc = saved;
    }
  });

  test('bad options throw OptionError naming the option', async () => {
    await expect(checkLeaks(() => {}, { iterations: 0 })).rejects.toThrow(/iterations/);
    await expect(checkLeaks(() => {}, { maxGrowthBytes: -1 })).rejects.toThrow(OptionError);
    await expect(checkLeaks(undefined as unknown as () => void)).rejects.toThrow(OptionError);
  });
});
