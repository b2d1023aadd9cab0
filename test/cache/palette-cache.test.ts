import { describe, expect, test } from 'vitest';
import {
  NRGBA,
  NRGBA64,
  OptionError,
  Palette,
  PalettedImage,
  PaletteCache,
  RGBA,
  RGBAImage,
  configurePaletteCache,
  draw,
  paletteCache,
  paletteKey,
  plan9,
  pt,
  rect,
} from '../../src/index.js';

const red = () => new Palette([new RGBA(255, 0, 0, 255), new RGBA(0, 0, 0, 0), new RGBA(0, 128, 0, 128)]);

describe('paletteKey', () => {
  test('equal colours give equal keys, whatever holds them', () => {
    const a = red();
    // The same premultiplied colours, spelled with other types.
    const b = new Palette([new NRGBA64(0xffff, 0, 0, 0xffff), new NRGBA(9, 9, 9, 0), new NRGBA(0, 0xff, 0, 0x80)]);
    expect(paletteKey(a)).toBe(paletteKey(b));
  });
  test('order, count and every value matter', () => {
    const a = red();
    expect(paletteKey(a)).not.toBe(paletteKey(new Palette([...a.colors].reverse())));
    expect(paletteKey(a)).not.toBe(paletteKey(new Palette(a.colors.slice(0, 2))));
    expect(paletteKey(a)).not.toBe(paletteKey(new Palette([new RGBA(254, 0, 0, 255), ...a.colors.slice(1)])));
  });
});

describe('PaletteCache', () => {
  test('palettes with equal colours share one table; a hit is counted', async () => {
    const c = new PaletteCache();
    await c.ready();
    const t1 = c.table(red());
    const t2 = c.table(red());
    expect(t1).not.toBeNull();
    expect(t2).toBe(t1);
    expect(c.stats()).toMatchObject({ hits: 1, misses: 1, keys: 1, liveEntries: 1, lruEntries: 1 });
  });

  test('the same palette object hits without recomputing its key', () => {
    const c = new PaletteCache();
    const p = red();
    c.table(p);
    for (let i = 0; i < 10; i++) c.table(p);
    expect(c.stats()).toMatchObject({ hits: 10, misses: 1 });
  });

  test('the byte budget evicts the least recently used tables, and counts it', async () => {
    const evicted: string[] = [];
    const c = new PaletteCache({ maxBytes: 400, onEvict: (_t, key, reason) => evicted.push(`${reason}:${key.length}`) });
    await c.ready();
    const pals = Array.from({ length: 20 }, (_, i) => new Palette([new RGBA(i, 0, 0, 255)]));
    for (const p of pals) c.table(p);
    const s = c.stats();
    expect(s.lruBytes).toBeLessThanOrEqual(400);
    expect(s.evictions).toBeGreaterThan(0);
    expect(s.evictions).toBe(20 - s.lruEntries);
    expect(evicted.filter((e) => e.startsWith('evict:')).length).toBe(s.evictions);
    // Evicted tables are still alive while their palettes are: a lookup is still a hit.
    c.resetStats();
    c.table(pals[0]);
    expect(c.stats()).toMatchObject({ hits: 1, misses: 0 });
  });

  test('a table that grows is re-measured against the budget', async () => {
    const c = new PaletteCache({ maxBytes: 64 * 1024 * 1024 });
    await c.ready();
    const t = c.table(plan9)!;
    const before = c.stats().lruBytes;
    t.nearest(0x1234, 0x5678, 0x9abc, 0xffff);
    expect(c.stats().lruBytes).toBe(t.byteSize);
    expect(c.stats().lruBytes).toBeGreaterThan(before);
  });

  test('turned off, it returns null and holds nothing', () => {
    const c = new PaletteCache();
    c.table(red());
    c.configure({ enabled: false });
    expect(c.table(red())).toBeNull();
    expect(c.stats()).toMatchObject({ keys: 0, lruEntries: 0, enabled: false });
    c.configure({ enabled: true });
    expect(c.table(red())).not.toBeNull();
  });

  test('a smaller budget takes effect at once, keeping the most recent', async () => {
    const c = new PaletteCache();
    await c.ready();
    const pals = Array.from({ length: 10 }, (_, i) => new Palette([new RGBA(i, 0, 0, 255)]));
    for (const p of pals) c.table(p);
    const one = c.table(pals[9])!.byteSize;
    c.configure({ maxBytes: one * 2 });
    expect(c.stats().lruEntries).toBe(2);
    expect(c.stats().maxBytes).toBe(one * 2);
  });

  test('bad options throw OptionError naming the option', () => {
    expect(() => new PaletteCache({ maxBytes: 0 })).toThrow(OptionError);
    expect(() => new PaletteCache({ maxBytes: 1.5 })).toThrow(/maxBytes/);
    expect(() => new PaletteCache({ enabled: 'yes' as never })).toThrow(/enabled/);
    expect(() => configurePaletteCache({ onEvict: 3 as never })).toThrow(/onEvict/);
  });

  test('draws into Paletted images use the shared cache, and give the same pixels with it off', () => {
    paletteCache.clear();
    paletteCache.resetStats();
    const src = new RGBAImage(rect(0, 0, 64, 48));
    for (let i = 0; i < src.pix.length; i++) src.pix[i] = (i * 2654435761) >>> 24;
    for (let i = 3; i < src.pix.length; i += 4) src.pix[i] = 255;
    const on = new PalettedImage(src.rect, plan9);
    draw(on, on.rect, src, pt(0, 0), 'src');
    expect(paletteCache.stats().misses).toBe(1);
    configurePaletteCache({ enabled: false });
    try {
      const off = new PalettedImage(src.rect, plan9);
      draw(off, off.rect, src, pt(0, 0), 'src');
      expect(Array.from(off.pix)).toEqual(Array.from(on.pix));
    } finally {
      configurePaletteCache({ enabled: true });
    }
  });

  test('hit rate: 10,000 conversions through 20 palettes, half of them equal copies', () => {
    const c = new PaletteCache();
    const distinct = Array.from({ length: 10 }, (_, i) => Array.from({ length: 16 }, (_, j) => new RGBA((i * 16 + j) & 0xff, j * 16, i * 20, 255)));
    const pals = [...distinct.map((cs) => new Palette(cs)), ...distinct.map((cs) => new Palette(cs.map((x) => new RGBA(x.r, x.g, x.b, x.a))))];
    for (let k = 0; k < 10_000; k++) c.table(pals[(k * 7) % 20])!.nearest(k & 0xffff, 0, 0, 0xffff);
    const s = c.stats();
    expect(s.misses).toBe(10);
    expect(s.hits / (s.hits + s.misses)).toBeGreaterThanOrEqual(0.95);
  });
});
