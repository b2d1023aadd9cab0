import { expect, test } from 'vitest';
import { FloydSteinberg, Palette, PalettedImage, RGBA, RGBAImage, draw, paletteCache, pt, rect, type NearestTable } from '../../src/index.js';
import { forceGC, isCollected } from '../helpers/gc.js';

/*
 * The palette cache holds nothing alive that its user dropped: not images, not palettes, and not
 * its own tables once neither a palette nor the LRU tier refers to them; the key map shrinks back.
 */

interface Refs {
  table: WeakRef<NearestTable>;
  palette: WeakRef<Palette>;
  src: WeakRef<RGBAImage>;
  dst: WeakRef<PalettedImage>;
}

/** Draws through the shared cache, keeping only weak references. */
function use(): Refs {
  const palette = new Palette(Array.from({ length: 40 }, (_, i) => new RGBA(i * 6, 255 - i * 6, (i * 37) & 0xff, 255)));
  const src = new RGBAImage(rect(0, 0, 32, 32));
  for (let i = 0; i < src.pix.length; i++) src.pix[i] = (i * 131) & 0xff;
  for (let i = 3; i < src.pix.length; i += 4) src.pix[i] = 255;
  const dst = new PalettedImage(src.rect, palette);
  draw(dst, dst.rect, src, pt(0, 0), 'src');
  FloydSteinberg.draw(dst, dst.rect, src, pt(0, 0));
  const table = paletteCache.table(palette)!;
  return { table: new WeakRef(table), palette: new WeakRef(palette), src: new WeakRef(src), dst: new WeakRef(dst) };
}

test('after the palette and images are dropped and the LRU tier is cleared, the table is collected and its key removed', async () => {
  paletteCache.clear();
  await forceGC();
  const refs = use();
  expect(paletteCache.stats().keys).toBe(1);

  // Images and the palette are never held by the cache: they go even while the LRU tier
  // still holds the table.
  expect(await isCollected(refs.src)).toBe(true);
  expect(await isCollected(refs.dst)).toBe(true);
  expect(await isCollected(refs.palette)).toBe(true);
  expect(refs.table.deref()).toBeDefined();
  expect(paletteCache.stats()).toMatchObject({ keys: 1, liveEntries: 1, lruEntries: 1 });

  paletteCache.evictAll();
  expect(await isCollected(refs.table)).toBe(true);
  await forceGC();
  expect(paletteCache.stats()).toMatchObject({ keys: 0, liveEntries: 0, lruEntries: 0 });
});

test('a live palette keeps its table alive without the LRU tier', async () => {
  paletteCache.clear();
  const palette = new Palette([new RGBA(1, 2, 3, 255), new RGBA(4, 5, 6, 255), ...Array.from({ length: 20 }, (_, i) => new RGBA(i, i, i, 255))]);
  const ref = new WeakRef(paletteCache.table(palette)!);
  paletteCache.evictAll();
  await forceGC();
  expect(ref.deref()).toBeDefined();
  expect(paletteCache.table(palette)).toBe(ref.deref());
  expect(palette.length).toBe(22); // keeps `palette` reachable up to here
});
