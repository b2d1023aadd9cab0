import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  FloydSteinberg,
  Palette,
  PalettedImage,
  SizeError,
  configurePaletteCache,
  plan9,
  webSafe,
  pt,
  rect,
  type Image,
  type Layout,
} from '../../src/index.js';
import { arbSpec, buildSpec, randomPalette, rng } from '../helpers/draw-arb.js';

const SRC_KINDS: Layout[] = ['rgba', 'nrgba', 'rgba64', 'gray', 'paletted', 'ycbcr', 'uniform', 'cmyk'];

describe('FloydSteinberg', () => {
  test('gives the same indices with the palette cache on and off', () => {
    fc.assert(
      // Opaque palettes and sources take the three-channel loop; the others the four-channel one.
      fc.property(fc.constantFrom(...SRC_KINDS).chain((k) => arbSpec(k)), fc.integer(), fc.boolean(), (src, seed, opaque) => {
        const pal = new Palette(randomPalette(rng(seed), opaque));
        const s = buildSpec(src);
        const on = new PalettedImage(rect(-2, -1, 8, 7), pal);
        FloydSteinberg.draw(on, on.rect, s, src.rect.min);
        configurePaletteCache({ enabled: false });
        try {
          const off = new PalettedImage(rect(-2, -1, 8, 7), pal);
          FloydSteinberg.draw(off, off.rect, s, src.rect.min);
          expect(Array.from(on.pix)).toEqual(Array.from(off.pix));
        } finally {
          configurePaletteCache({ enabled: true });
        }
      }),
      { numRuns: 150 },
    );
  });

  test('the opaque loop with the inlined table lookup: cache on equals off on larger images', () => {
    // Opaque sources read from bytes (rgba, nrgba) and through the row reader (ycbcr, gray),
    // into plan9, webSafe and a 40-colour palette with repeated colours (ties), with cells built
    // during the draw and again warm.
    const r = rng(7);
    const dup = randomPalette(r, true);
    while (dup.length < 40) dup.push(dup[Math.floor(r() * dup.length)]);
    const palettes = [plan9, webSafe, new Palette(dup)];
    const kinds: Layout[] = ['rgba', 'nrgba', 'ycbcr', 'gray'];
    for (const [k, kind] of kinds.entries()) {
      const src = buildSpec({ kind, rect: rect(3, -2, 67, 46), pad: k, seed: 11 + k, ratio: '420', opaque: true });
      for (const pal of palettes) {
        const run = () => {
          const dst = new PalettedImage(rect(0, 0, 64, 48), pal);
          FloydSteinberg.draw(dst, dst.rect, src, pt(3, -2));
          return Array.from(dst.pix);
        };
        const cold = run();
        const warm = run();
        configurePaletteCache({ enabled: false });
        try {
          const off = run();
          expect(cold, `${kind} ${pal.length} cold`).toEqual(off);
          expect(warm, `${kind} ${pal.length} warm`).toEqual(off);
        } finally {
          configurePaletteCache({ enabled: true });
        }
      }
    }
  });

  test('drawing an image onto itself quantises a snapshot', () => {
    fc.assert(
      fc.property(arbSpec('paletted'), fc.integer({ min: -2, max: 2 }), fc.integer({ min: -2, max: 2 }), (spec, dx, dy) => {
        const a = buildSpec(spec) as PalettedImage;
        const b = buildSpec(spec) as PalettedImage;
        const r = a.rect;
        FloydSteinberg.draw(a, r, a, r.min.add(pt(dx, dy)));
        FloydSteinberg.draw(b, r, b.clone(), r.min.add(pt(dx, dy)));
        expect(Array.from(a.pix)).toEqual(Array.from(b.pix));
      }),
      { numRuns: 100 },
    );
  });

  test('an empty destination palette throws SizeError (Go panics)', () => {
    const dst = new PalettedImage(rect(0, 0, 2, 2), []);
    const src = buildSpec({ kind: 'rgba', rect: rect(0, 0, 2, 2), pad: 0, seed: 1, ratio: '444', opaque: true }) as Image;
    expect(() => FloydSteinberg.draw(dst, dst.rect, src, pt(0, 0))).toThrow(SizeError);
    // An empty rectangle draws nothing, so nothing is wrong.
    expect(() => FloydSteinberg.draw(dst, rect(0, 0, 0, 0), src, pt(0, 0))).not.toThrow();
  });
});
