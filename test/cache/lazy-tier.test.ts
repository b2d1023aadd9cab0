import { expect, test } from 'vitest';
import { Palette, PaletteCache, RGBA, type NearestTable } from '../../src/index.js';

/*
 * The strong tier loads lru-cache on first use (a dynamic import), so importing imago does not
 * load it (test/scripts/bundle.test.ts checks the published build). This file runs in a fresh
 * module graph (vitest isolates files), so nothing has loaded lru-cache before the first test.
 */

test('tables used before the tier has loaded are held, then join it in order, within the budget', async () => {
  const evicted: NearestTable[] = [];
  const pals = Array.from({ length: 6 }, (_, i) => new Palette([new RGBA(i, 0, 0, 255)]));
  const c = new PaletteCache({ onEvict: (t) => evicted.push(t) });
  const tables = pals.map((p) => c.table(p)!);
  c.table(pals[1]); // least recent first: 0, 2, 3, 4, 5, 1
  const one = tables[0].byteSize; // one-colour palettes: every table the same size
  expect(tables.every((t) => t.byteSize === one)).toBe(true);
  c.configure({ maxBytes: one * 3 });
  // Not loaded yet: nothing is in the tier, and nothing was evicted.
  expect(c.stats()).toMatchObject({ lruEntries: 0, lruBytes: 0, evictions: 0, maxBytes: one * 3, hits: 1, misses: 6 });
  await c.ready();
  expect(c.stats()).toMatchObject({ lruEntries: 3, lruBytes: one * 3, evictions: 3 });
  expect(evicted).toEqual([tables[0], tables[2], tables[3]]);
  // A cache made now has its tier at once.
  const d = new PaletteCache();
  d.table(pals[0]);
  expect(d.stats().lruEntries).toBe(1);
});
