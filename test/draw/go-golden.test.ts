import { describe, expect, test } from 'vitest';
import { FloydSteinberg, drawMask, pt, rect, type Image, type MutableImage } from '../../src/index.js';
import { Hasher, buildDst, buildImage, bytes, loadDrawFixture } from '../helpers/draw-fixtures.js';

/*
 * Golden vectors from Go's image/draw (scripts/golden/draw/main.go). Every destination type ×
 * source type × mask type × op is drawn over six rectangle families, and the destination bytes
 * (padding included) must hash to what Go produced.
 */

const fx = loadDrawFixture();
const maskOf = (name: string): Image | null => (name === 'none' ? null : buildImage(fx, name));

describe('draw matches Go bit for bit', () => {
  for (const dn of fx.dsts) {
    test(`into ${dn}`, () => {
      const failures: string[] = [];
      for (const sn of fx.srcs) {
        const want = fx.draw[dn][sn].split(' ');
        let k = 0;
        for (const mn of fx.masks) {
          for (const op of fx.ops) {
            const h = new Hasher();
            for (const f of fx.families) {
              const { dst, pix } = buildDst(fx, dn);
              drawMask(dst as MutableImage, rect(...f.r), buildImage(fx, sn), pt(...f.sp), maskOf(mn), pt(...f.mp), op);
              h.add(pix);
            }
            if (h.digest() !== want[k]) failures.push(`${sn} ${mn} ${op}`);
            k++;
          }
        }
      }
      expect(failures).toEqual([]);
    });
  }

  test('full dumps of a few results', () => {
    expect(fx.dumps.length).toBeGreaterThan(0);
    for (const d of fx.dumps) {
      const f = fx.families.find((x) => x.name === d.family)!;
      const { dst, pix } = buildDst(fx, d.dst);
      drawMask(dst as MutableImage, rect(...f.r), buildImage(fx, d.src), pt(...f.sp), maskOf(d.mask), pt(...f.mp), d.op as 'over' | 'src');
      expect(Array.from(pix), `${d.dst} ${d.src} ${d.mask} ${d.op}`).toEqual(Array.from(bytes(d.pix)));
    }
  });
});

describe('overlapping draws match Go', () => {
  test('an image drawn onto itself, moved in every direction', () => {
    const failures: string[] = [];
    const r = rect(...fx.selfRect);
    for (const c of fx.self) {
      const h = new Hasher();
      for (let dy = -2; dy <= 2; dy++) {
        for (let dx = -2; dx <= 2; dx++) {
          const { dst, pix } = buildDst(fx, c.dst);
          drawMask(dst as MutableImage, r, dst, pt(r.min.x + dx, r.min.y + dy), maskOf(c.mask), pt(...fx.selfMp), c.op);
          h.add(pix);
        }
      }
      if (h.digest() !== c.hash) failures.push(`${c.dst} ${c.mask} ${c.op}`);
    }
    expect(failures).toEqual([]);
  });

  test('two sub-image views of one buffer equal drawing from a snapshot', () => {
    const failures: string[] = [];
    const r = rect(...fx.viewRect);
    for (const c of fx.views) {
      const h = new Hasher();
      for (let dy = -2; dy <= 2; dy++) {
        for (let dx = -2; dx <= 2; dx++) {
          const parent = buildImage(fx, c.dst) as Image & { subImage(r: ReturnType<typeof rect>): MutableImage; pix: Uint8Array };
          const dv = parent.subImage(r);
          const sv = parent.subImage(r.add(pt(dx, dy)));
          drawMask(dv, dv.bounds(), sv, sv.bounds().min, maskOf(c.mask), pt(...fx.selfMp), c.op);
          h.add(parent.pix);
        }
      }
      if (h.digest() !== c.hash) failures.push(`${c.dst} ${c.mask} ${c.op}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('FloydSteinberg matches Go', () => {
  for (const dn of fx.fsDsts) {
    test(`into ${dn}`, () => {
      const failures: string[] = [];
      for (const sn of fx.fsSrcs) {
        const h = new Hasher();
        for (const f of fx.families) {
          const { dst, pix } = buildDst(fx, dn);
          FloydSteinberg.draw(dst as MutableImage, rect(...f.r), buildImage(fx, sn), pt(...f.sp));
          h.add(pix);
        }
        if (h.digest() !== fx.fs[dn][sn]) failures.push(sn);
      }
      expect(failures).toEqual([]);
    });
  }

  test('full dumps', () => {
    expect(fx.fsDumps.length).toBeGreaterThan(0);
    for (const d of fx.fsDumps) {
      const f = fx.families.find((x) => x.name === d.family)!;
      const { dst, pix } = buildDst(fx, d.dst);
      FloydSteinberg.draw(dst as MutableImage, rect(...f.r), buildImage(fx, d.src), pt(...f.sp));
      expect(Array.from(pix), `${d.dst} ${d.src}`).toEqual(Array.from(bytes(d.pix)));
    }
  });
});
