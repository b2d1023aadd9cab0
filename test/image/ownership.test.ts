/**
 * Who owns the pixels: subImage is a view (shares the buffer, both ways), clone an owned tight
 * copy (shares nothing, keeps nothing alive), compact is clone unless already tight and alone.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  NYCbCrAImage,
  RGBA64,
  YCbCrImage,
  ZR,
  rect,
  type BufferImage,
  type SubsampleRatio,
} from '../../src/index.js';
import { arbColor, arbImageCase, arbRect, BUFFER_KINDS, BYTES_PER_PIXEL, makeImage, type BufferKind } from '../helpers/arb-image.js';
import { isCollected } from '../helpers/gc.js';

function forEachPixel(img: { rect: { min: { x: number; y: number }; max: { x: number; y: number } } }, fn: (x: number, y: number) => void): void {
  for (let y = img.rect.min.y; y < img.rect.max.y; y++) for (let x = img.rect.min.x; x < img.rect.max.x; x++) fn(x, y);
}

describe('subImage shares', () => {
  test('bounds are r ∩ bounds; every pixel reads as the parent; writes show both ways; same ArrayBuffer', () => {
    fc.assert(
      fc.property(arbImageCase(), arbRect, arbColor, arbColor, ({ img }, r, c1, c2) => {
        const sub = img.subImage(r);
        const want = r.intersect(img.rect);
        expect(sub.rect.eq(want)).toBe(true);
        expect(sub.kind).toBe(img.kind);
        if (want.empty()) {
          expect(sub.rect).toEqual(ZR);
          expect(sub.pix.length).toBe(0);
          return;
        }
        expect(sub.pix.buffer).toBe(img.pix.buffer);
        expect(sub.stride).toBe(img.stride);
        forEachPixel(sub, (x, y) => expect(sub.at(x, y)).toEqual(img.at(x, y)));
        const { x, y } = want.min;
        sub.set(x, y, c1);
        expect(img.at(x, y)).toEqual(sub.at(x, y));
        img.set(want.max.x - 1, want.max.y - 1, c2);
        expect(sub.at(want.max.x - 1, want.max.y - 1)).toEqual(img.at(want.max.x - 1, want.max.y - 1));
        // Its pix is exactly the rows it spans, starting at the parent's pixOffset.
        expect(sub.pix.byteOffset - img.pix.byteOffset).toBe(img.pixOffset(x, y));
        expect(sub.pix.length).toBe((want.dy() - 1) * img.stride + want.dx() * img.bytesPerPixel);
      }),
      { numRuns: 1000 },
    );
  });

  test('a sub-image of a sub-image is a view of the original', () => {
    fc.assert(
      fc.property(arbImageCase(), arbRect, arbRect, ({ img }, r1, r2) => {
        const s2 = img.subImage(r1).subImage(r2);
        const want = r2.intersect(r1.intersect(img.rect));
        expect(s2.rect.eq(want)).toBe(true);
        if (!want.empty()) {
          expect(s2.pix.buffer).toBe(img.pix.buffer);
          forEachPixel(s2, (x, y) => expect(s2.at(x, y)).toEqual(img.at(x, y)));
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('clone owns', () => {
  test('same bounds and colours, a tight buffer of its own at offset 0, and no shared writes', () => {
    fc.assert(
      fc.property(arbImageCase(), arbColor, ({ kind, img, whole }, c) => {
        const snapshot = whole.slice();
        const own = img.clone();
        expect(own.kind).toBe(img.kind);
        expect(own.rect.eq(img.rect) && own.rect.min.eq(img.rect.min)).toBe(true);
        expect(own.stride).toBe(img.rect.dx() * BYTES_PER_PIXEL[kind]);
        expect(own.pix.buffer).not.toBe(img.pix.buffer);
        expect(own.pix.byteOffset).toBe(0);
        expect(own.pix.buffer.byteLength).toBe(img.rect.dx() * img.rect.dy() * BYTES_PER_PIXEL[kind]);
        forEachPixel(img, (x, y) => expect(own.at(x, y)).toEqual(img.at(x, y)));
        forEachPixel(own, (x, y) => own.set(x, y, c));
        expect(whole).toEqual(snapshot);
      }),
      { numRuns: 500 },
    );
  });

  test('compact() returns the image itself only when it owns exactly its pixels', () => {
    for (const kind of BUFFER_KINDS) {
      const tight = makeImage(kind, rect(1, 2, 5, 6));
      expect(tight.compact()).toBe(tight);
      const view = tight.subImage(rect(1, 2, 3, 4));
      const c = view.compact();
      expect(c).not.toBe(view);
      expect(c.pix.buffer).not.toBe(tight.pix.buffer);
      // A full-width sub-image is tight in stride but still shares the parent's buffer.
      const rows = tight.subImage(rect(1, 3, 5, 5));
      expect(rows.compact()).not.toBe(rows);
    }
  });
});

const RATIOS: SubsampleRatio[] = ['444', '422', '420', '440', '411', '410'];

describe('Y\'CbCr sharing and cloning', () => {
  test('subImage shares every plane; clone copies them into one new buffer', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RATIOS), fc.boolean(), arbRect, arbRect, (ratio, alpha, r, sr) => {
        const m = alpha ? new NYCbCrAImage(r, ratio) : new YCbCrImage(r, ratio);
        m.y.forEach((_, i) => (m.y[i] = i * 7 + 1));
        m.cb.forEach((_, i) => (m.cb[i] = i * 5 + 2));
        m.cr.forEach((_, i) => (m.cr[i] = i * 3 + 3));
        if (m instanceof NYCbCrAImage) m.a.forEach((_, i) => (m.a[i] = i * 11 + 4));
        const sub = m.subImage(sr);
        expect(sub.rect.eq(sr.intersect(r))).toBe(true);
        if (!sub.rect.empty()) {
          expect(sub.y.buffer).toBe(m.y.buffer);
          expect(sub.cb.buffer).toBe(m.cb.buffer);
          forEachPixel(sub, (x, y) => expect(sub.at(x, y)).toEqual(m.at(x, y)));
          sub.y[0] ^= 0xff;
          expect(m.y[m.yOffset(sub.rect.min.x, sub.rect.min.y)]).toBe(sub.y[0]);
          sub.y[0] ^= 0xff;
        }
        const own = m.clone();
        expect(own.y.buffer).not.toBe(m.y.buffer);
        expect(own.cb.buffer).toBe(own.y.buffer);
        forEachPixel(m, (x, y) => expect(own.at(x, y)).toEqual(m.at(x, y)));
        const ownSub = sub.clone();
        forEachPixel(sub, (x, y) => expect(ownSub.at(x, y)).toEqual(sub.at(x, y)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('retention: clone keeps nothing of its parent alive', () => {
  async function dropParent(make: () => { buffer: ArrayBufferLike; derive: () => unknown }): Promise<{ collected: boolean; kept: unknown }> {
    let parent: ReturnType<typeof make> | undefined = make();
    const ref = new WeakRef(parent.buffer);
    const kept = parent.derive();
    parent = undefined;
    return { collected: await isCollected(ref as WeakRef<object>), kept };
  }

  test.each(BUFFER_KINDS.map((k) => [k] as const))('%s: the parent ArrayBuffer is collected after clone; a view keeps it alive', async (kind: BufferKind) => {
    const big = rect(-7, 3, 505, 515); // 512 x 512
    const cloned = await dropParent(() => {
      const img = makeImage(kind, big);
      return { buffer: img.pix.buffer, derive: () => img.subImage(rect(0, 10, 20, 30)).clone() };
    });
    expect(cloned.collected).toBe(true);
    const own = cloned.kept as BufferImage;
    const white = new RGBA64(0xffff, 0xffff, 0xffff, 0xffff);
    own.setRGBA64(0, 10, white);
    expect(own.at(0, 10)).toEqual(own.colorModel().convert(white)); // the clone is alive and usable
    // Control: the same steps keeping the view instead of a clone must keep the buffer alive,
    // which shows the GC check above can fail.
    const viewed = await dropParent(() => {
      const img = makeImage(kind, big);
      return { buffer: img.pix.buffer, derive: () => img.subImage(rect(0, 10, 20, 30)) };
    });
    expect(viewed.collected).toBe(false);
    expect((viewed.kept as BufferImage).rect.dx()).toBe(20);
  });

  test.each([['YCbCrImage'], ['NYCbCrAImage']] as const)('%s: collected after clone; a view keeps it alive', async (name) => {
    const make = (): YCbCrImage => (name === 'YCbCrImage' ? new YCbCrImage(rect(0, 0, 600, 600), '420') : new NYCbCrAImage(rect(0, 0, 600, 600), '420'));
    const cloned = await dropParent(() => {
      const m = make();
      return { buffer: m.y.buffer, derive: () => m.subImage(rect(5, 5, 9, 9)).clone() };
    });
    expect(cloned.collected).toBe(true);
    expect((cloned.kept as YCbCrImage).rect.dx()).toBe(4);
    const viewed = await dropParent(() => {
      const m = make();
      return { buffer: m.y.buffer, derive: () => m.subImage(rect(5, 5, 9, 9)) };
    });
    expect(viewed.collected).toBe(false);
    expect((viewed.kept as YCbCrImage).rect.dx()).toBe(4);
  });
});
