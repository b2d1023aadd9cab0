import { describe, expect, test } from 'vitest';
import { readPng } from '../../../src/codec/png/decoder.js';
import { firstDifference, fixtureBytes, goDecodes } from './helpers.js';
import { pngjsRGBA64 } from './pngjs-ref.js';

/**
 * A second, independent decoder: every valid PngSuite file decodes to the same colours in imago
 * and in pngjs, compared as premultiplied 16-bit RGBA (Go's `Color.RGBA()`), the common type both
 * expand to. Premultiplying is what makes them comparable: for a tRNS-transparent pixel pngjs
 * zeroes R, G and B while Go (and imago) keep them under alpha 0.
 */
describe('decode equals pngjs after expansion to premultiplied RGBA64', () => {
  const files = goDecodes().filter((c) => c.ok && c.file.startsWith('pngsuite/') && !c.file.includes('golang-sng'));
  test('covers every valid PngSuite file', () => {
    expect(files.length).toBe(162);
  });
  for (const c of files) {
    test(c.file, async () => {
      const bytes = fixtureBytes(c.file);
      const ref = pngjsRGBA64(bytes);
      const { image } = await readPng(bytes);
      const b = image.bounds();
      expect([b.dx(), b.dy()]).toEqual([ref.width, ref.height]);
      const ours = new Uint32Array(4 * ref.width * ref.height);
      const px = new Uint32Array(4);
      for (let y = 0; y < ref.height; y++) {
        for (let x = 0; x < ref.width; x++) {
          image.loadRGBA64(x, y, px);
          ours.set(px, 4 * (y * ref.width + x));
        }
      }
      // Compare whole buffers (one assertion; a mismatch reports the first differing index).
      expect(firstDifference(ours, ref.rgba)).toBe('');
    });
  }
});
