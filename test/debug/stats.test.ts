import { describe, expect, test } from 'vitest';
// Importing the debug entry installs the hook for this test file (each file runs in its own fork).
import { installDebug, leakReports, memStats, uninstallDebug } from '../../src/debug/index.js';
import { BufferPool, PaletteCache, Palette, RGBA, RGBAImage, ResourceRegistry, YCbCrImage, plan9, rect } from '../../src/index.js';
import { reportCache } from '../../src/lifetime/hooks.js';
import { forceGC } from '../helpers/gc.js';

/** Runs fn and returns the change of each numeric stat after a forced GC. */
async function delta(fn: () => void): Promise<Record<string, number>> {
  await forceGC();
  const before = memStats();
  fn();
  await forceGC();
  const after = memStats();
  const d: Record<string, number> = {};
  for (const k of Object.keys(after) as (keyof typeof after)[]) {
    const a = after[k];
    const b = before[k];
    if (typeof a === 'number' && typeof b === 'number' && ['heapUsed', 'arrayBuffers', 'rss'].indexOf(k) < 0) d[k] = a - b;
  }
  return d;
}

// Keeps objects alive across a delta() call.
const keep: unknown[] = [];

describe('imago/debug memStats', () => {
  test('counts live images and the bytes their buffers hold', async () => {
    const d = await delta(() => {
      const a = new RGBAImage(rect(0, 0, 10, 10)); // 400 bytes
      keep.push(a, a.subImage(rect(0, 0, 5, 5)), new YCbCrImage(rect(0, 0, 4, 4), '420')); // 16 + 2·4
    });
    expect(d).toMatchObject({ liveImages: 3, imageBytes: 400 + 24, imagesCreated: 3 });
  });

  test('disposal and collection both end an image; a dropped owner’s bytes stay while a view holds the buffer', async () => {
    keep.length = 0;
    await forceGC();
    const base = memStats();
    let view: RGBAImage | undefined;
    let disposed: RGBAImage | undefined;
    (() => {
      const owner = new RGBAImage(rect(0, 0, 8, 8)); // 256 bytes, dropped without dispose
      view = owner.subImage(rect(0, 0, 2, 2));
      disposed = new RGBAImage(rect(0, 0, 4, 4)); // 64 bytes
      disposed.clone()[Symbol.dispose](); // a clone, disposed at once
    })();
    disposed![Symbol.dispose]();
    await forceGC();
    let s = memStats();
    expect(s.imageBytes - base.imageBytes).toBe(256); // the view keeps the owner's buffer
    expect(s.liveImages - base.liveImages).toBe(1); // only the view
    expect(s.imagesDisposed - base.imagesDisposed).toBe(2);
    expect(s.imagesCollected - base.imagesCollected).toBe(1);
    view = undefined;
    await forceGC();
    s = memStats();
    expect(s.imageBytes - base.imageBytes).toBe(0);
    expect(s.liveImages - base.liveImages).toBe(0);
    expect(view).toBeUndefined();
  });

  test('pool bytes, and the pooled image bytes they trade with', async () => {
    const pool = new BufferPool();
    keep.push(pool);
    const img = pool.adopt(4000, (b) => new RGBAImage(rect(0, 0, 10, 100), b));
    let s = memStats();
    expect(s.pools).toBeGreaterThanOrEqual(1);
    const imageBytes = s.imageBytes;
    img[Symbol.dispose]();
    s = memStats();
    expect(s.poolBytes).toBe(4096);
    expect(s.imageBytes).toBe(imageBytes - 4096);
  });

  test('new pools detach on release by default under debug', () => {
    expect(new BufferPool().detachOnRelease).toBe(true);
    installDebug({ detachOnRelease: false });
    expect(new BufferPool().detachOnRelease).toBe(false);
    installDebug({ detachOnRelease: true });
  });

  test('cache entries of live caches', async () => {
    await forceGC();
    const before = memStats(); // the shared paletteCache is already counted
    const cache = { size: 7 };
    keep.push(cache);
    reportCache(cache);
    reportCache({ size: 100 }); // dropped at once
    await forceGC();
    const s = memStats();
    expect(s.caches - before.caches).toBe(1);
    expect(s.cacheEntries - before.cacheEntries).toBe(7);
  });

  test('the palette cache reports its entries; a dropped cache stops counting', async () => {
    await forceGC();
    const before = memStats();
    const held: PaletteCache[] = [];
    (() => {
      const cache = new PaletteCache();
      held.push(cache);
      cache.table(plan9);
      cache.table(new Palette([new RGBA(0, 0, 0, 255), new RGBA(255, 255, 255, 255)]));
    })();
    let s = memStats();
    expect(s.caches - before.caches).toBe(1);
    expect(s.cacheEntries - before.cacheEntries).toBe(2);
    held.length = 0;
    // Finalisation callbacks can lag a collection on a busy machine: collect up to 10 times (a
    // cache that stays reachable still fails).
    for (let i = 0; i < 10; i++) {
      await forceGC();
      s = memStats();
      if (s.caches === before.caches) break;
    }
    expect(s.caches - before.caches).toBe(0);
  });

  test('resources, and leaked resources with their allocation stack', async () => {
    const reg = new ResourceRegistry(); // no onLeak: reports go to imago/debug
    expect(reg.captureStacks).toBe(true);
    const live = reg.register(1, () => {}, { label: 'kept', bytes: 50 });
    keep.push(live);
    (function allocateAndForget() {
      reg.register(2, () => {}, { label: 'forgotten', bytes: 70 });
    })();
    let s = memStats();
    expect(s.liveResources).toBe(2);
    expect(s.resourceBytes).toBe(120);
    await forceGC();
    s = memStats();
    expect(s.liveResources).toBe(1);
    expect(s.resourceBytes).toBe(50);
    expect(s.leakedResources).toBe(1);
    const [report] = leakReports().filter((r) => r.label === 'forgotten');
    expect(report.stack).toMatch(/allocateAndForget/);
  });

  test('the runtime figures are there in Node', () => {
    const s = memStats();
    expect(s.heapUsed).toBeGreaterThan(0);
    expect(s.arrayBuffers).toBeGreaterThanOrEqual(0);
  });

  test('uninstalling stops the bookkeeping', async () => {
    uninstallDebug();
    const d = await delta(() => keep.push(new RGBAImage(rect(0, 0, 3, 3))));
    expect(d.imagesCreated).toBe(0);
    installDebug();
    const e = await delta(() => keep.push(new RGBAImage(rect(0, 0, 3, 3))));
    expect(e.imagesCreated).toBe(1);
  });

  test('the debug hook keeps nothing alive', async () => {
    let img: RGBAImage | undefined = new RGBAImage(rect(0, 0, 64, 64));
    const ref = new WeakRef(img.pix.buffer);
    const iref = new WeakRef(img);
    const pref = (() => {
      const pool = new BufferPool();
      pool.release(pool.acquire(100));
      return new WeakRef(pool);
    })();
    img = undefined;
    await forceGC();
    expect(ref.deref()).toBeUndefined();
    expect(iref.deref()).toBeUndefined();
    expect(pref.deref()).toBeUndefined();
  });
});
