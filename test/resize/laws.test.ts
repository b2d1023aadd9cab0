import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  NRGBA,
  NRGBAImage,
  NRGBAModel,
  RGBA,
  RGBA64,
  RGBAImage,
  RGBAModel,
  rect,
  type Color,
  type Image,
} from '../../src/index.js';
import {
  ApproxBiLinear,
  BiLinear,
  Box,
  CatmullRom,
  Lanczos3,
  NearestNeighbor,
  resize,
  type Scaler,
} from '../../src/resize/index.js';
import { SOURCE_KINDS, arbBounds, arbImage, arbRect, makeImage, type SourceKind } from './arb.js';
import { fill, premul } from './helpers.js';

/** The laws of scaling, as fast-check properties. Each law is one test per scaler. */

const SCALERS: Array<[string, Scaler]> = [
  ['NearestNeighbor', NearestNeighbor],
  ['ApproxBiLinear', ApproxBiLinear],
  ['BiLinear', BiLinear],
  ['CatmullRom', CatmullRom],
  ['Box', Box],
  ['Lanczos3', Lanczos3],
];
const RUNS = { numRuns: Number(process.env.LAW_RUNS ?? 120) };
const bytes = (m: { pix: Uint8Array }) => Buffer.from(m.pix);

function randomRGBA(w: number, h: number, seed: number): RGBAImage {
  const m = new RGBAImage(rect(0, 0, w, h));
  fill(seed, m.pix);
  premul(m.pix);
  return m;
}

describe('same-size scaling is the identity', () => {
  for (const [name, q] of SCALERS) {
    test(name, () => {
      fc.assert(
        fc.property(arbImage(['rgba', 'nrgba'] as SourceKind[]), fc.integer({ min: -9, max: 9 }), fc.integer({ min: -9, max: 9 }), (s, dx, dy) => {
          const b = s.bounds;
          const dst = s.kind === 'nrgba' ? new NRGBAImage(b.add({ x: dx, y: dy } as never)) : new RGBAImage(b.add({ x: dx, y: dy } as never));
          q.scale(dst, dst.bounds(), s.image, b, 'src');
          const src = s.image as RGBAImage;
          if (s.kind === 'rgba' || q === NearestNeighbor || q === ApproxBiLinear) {
            // RGBA, and Go's Copy (what these two do at the same size), keep the bytes.
            expect(bytes(dst)).toEqual(bytes(src.clone()));
          } else {
            // NRGBA through premultiplied maths keeps each pixel's premultiplied colour (the
            // byte copy is only Go's Copy): compare the colours the two images denote.
            for (let y = 0; y < b.dy(); y++) {
              for (let x = 0; x < b.dx(); x++) {
                const want = NRGBAModel.convert(new RGBA64(...src.at(b.min.x + x, b.min.y + y).rgba()));
                expect(dst.at(dst.rect.min.x + x, dst.rect.min.y + y)).toEqual(want);
              }
            }
          }
        }),
        RUNS,
      );
    });
  }
  test('resize to the same size returns an equal copy, never the source or a view of it', () => {
    fc.assert(
      fc.property(arbImage(['rgba', 'nrgba'] as SourceKind[]), (s) => {
        const b = s.bounds;
        const out = resize(s.image, { width: b.dx(), height: b.dy() });
        expect(out).not.toBe(s.image);
        expect(out.pix.buffer).not.toBe((s.image as RGBAImage).pix.buffer);
        expect(bytes(out)).toEqual(bytes((s.image as RGBAImage).clone()));
      }),
      RUNS,
    );
  });
});

describe('a uniform image stays uniform', () => {
  const arbColor = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }));
  for (const [name, q] of SCALERS) {
    test(name, () => {
      fc.assert(
        fc.property(arbBounds(20), arbBounds(30), arbColor, fc.boolean(), (sb, db, [r, g, b, a], nrgba) => {
          // ApproxBiLinear blends in float64 and truncates: (1 − f)·v + f·v can land just below v,
          // which RGBA's >> 8 absorbs but un-premultiplying can expose. As in Go.
          if (q === ApproxBiLinear) nrgba = false;
          const c: Color = nrgba ? new NRGBA(r, g, b, a) : new RGBA(Math.floor((r * a) / 255), Math.floor((g * a) / 255), Math.floor((b * a) / 255), a);
          const src = nrgba ? new NRGBAImage(sb) : new RGBAImage(sb);
          for (let y = sb.min.y; y < sb.max.y; y++) for (let x = sb.min.x; x < sb.max.x; x++) src.set(x, y, c);
          const dst = nrgba ? new NRGBAImage(db) : new RGBAImage(db);
          q.scale(dst, db, src, sb, 'src');
          // Same size with NearestNeighbor is Go's Copy, which moves NRGBA bytes unchanged.
          const copy = q === NearestNeighbor && sb.dx() === db.dx() && sb.dy() === db.dy();
          const want = nrgba && copy ? src.at(sb.min.x, sb.min.y) : (nrgba ? NRGBAModel : RGBAModel).convert(new RGBA64(...src.at(sb.min.x, sb.min.y).rgba()));
          for (let y = db.min.y; y < db.max.y; y++) for (let x = db.min.x; x < db.max.x; x++) expect(dst.at(x, y)).toEqual(want);
        }),
        RUNS,
      );
    });
  }
});

/** Go's translatedImage: m moved by (tx, ty), seen only through `at`. */
function translated(m: Image, tx: number, ty: number): Image {
  return { bounds: () => m.bounds().add({ x: tx, y: ty } as never), colorModel: () => m.colorModel(), at: (x, y) => m.at(x - tx, y - ty) };
}

describe('scaling commutes with translating the source', () => {
  for (const [name, q] of SCALERS) {
    test(`${name}, through a translating wrapper (any shift)`, () => {
      fc.assert(
        fc.property(arbImage(), arbRect(-4, 28), arbRect(0, 14), fc.integer({ min: -30, max: 30 }), fc.integer({ min: -30, max: 30 }), (s, dr, srRel, tx, ty) => {
          const sr = srRel.add(s.bounds.min);
          const a = new RGBAImage(rect(0, 0, 20, 20));
          const b = new RGBAImage(rect(0, 0, 20, 20));
          q.scale(a, dr, s.image, sr, 'over');
          q.scale(b, dr, translated(s.image, tx, ty), sr.add({ x: tx, y: ty } as never), 'over');
          expect(bytes(b)).toEqual(bytes(a));
        }),
        RUNS,
      );
    });
    test(`${name}, the same pixels stored at another origin (fast paths)`, () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...SOURCE_KINDS),
          arbBounds(20),
          fc.integer({ min: 0, max: 1e6 }),
          arbRect(-4, 28),
          fc.integer({ min: -8, max: 8 }),
          fc.integer({ min: -8, max: 8 }),
          (kind, b0, seed, dr, tx, ty) => {
            // Shifts by multiples of 4 keep every chroma subsampling grid aligned, as long as the
            // coordinates do not cross 0 (chroma indices truncate toward zero, as in Go).
            const ycbcr = kind.startsWith('ycbcr');
            const bounds = ycbcr ? b0.add({ x: 25, y: 25 } as never) : b0;
            const d = { x: 4 * (ycbcr ? Math.abs(tx) : tx), y: 4 * (ycbcr ? Math.abs(ty) : ty) } as never;
            const a = new RGBAImage(rect(0, 0, 20, 20));
            const b = new RGBAImage(rect(0, 0, 20, 20));
            q.scale(a, dr, makeImage(kind, bounds, seed, 1), bounds, 'src');
            q.scale(b, dr, makeImage(kind, bounds.add(d), seed, 1), bounds.add(d), 'src');
            expect(bytes(b)).toEqual(bytes(a));
          },
        ),
        RUNS,
      );
    });
  }
});

describe('clipping to the destination commutes with scaling', () => {
  for (const [name, q] of SCALERS) {
    test(name, () => {
      fc.assert(
        fc.property(arbImage(), arbRect(-4, 24), arbRect(-2, 22), fc.constantFrom('over' as const, 'src' as const), fc.integer({ min: 0, max: 1e6 }), (s, dr, inner, op, seed) => {
          const full = randomRGBA(20, 20, seed);
          const clipped = randomRGBA(20, 20, seed);
          q.scale(full, dr, s.image, s.bounds, op);
          q.scale(clipped.subImage(inner), dr, s.image, s.bounds, op);
          const before = randomRGBA(20, 20, seed);
          for (let y = 0; y < 20; y++) {
            for (let x = 0; x < 20; x++) {
              const inside = inner.min.x <= x && x < inner.max.x && inner.min.y <= y && y < inner.max.y;
              expect(clipped.rgbaAt(x, y)).toEqual((inside ? full : before).rgbaAt(x, y));
            }
          }
        }),
        RUNS,
      );
    });
  }
});

describe('an opaque source gives an opaque result', () => {
  const OPAQUE: Array<SourceKind | 'rgba-opaque'> = ['rgba-opaque', 'gray', 'ycbcr420', 'ycbcr422', 'ycbcr444'];
  for (const [name, q] of SCALERS) {
    test(name, () => {
      fc.assert(
        fc.property(fc.constantFrom(...OPAQUE), arbBounds(20), fc.integer({ min: 0, max: 1e6 }), arbBounds(30), fc.constantFrom('over' as const, 'src' as const), (kind, sb, seed, db, op) => {
          const dst = randomRGBA(db.dx(), db.dy(), seed + 1);
          q.scale(dst, dst.bounds(), makeImage(kind as SourceKind, sb, seed, 1), sb, op);
          for (let i = 3; i < dst.pix.length; i += 4) expect(dst.pix[i]).toBe(0xff);
        }),
        RUNS,
      );
    });
  }
});

describe('Box with an integer shrink factor is the block mean', () => {
  /**
   * The independent reference: the 16-bit premultiplied values (Go's `RGBA()`) of each kx × ky
   * block, summed; the mean rounded half up, floor((2·S + n) / 2n); stored in RGBA as mean >> 8
   * (Go's 16-to-8-bit rule). spec/resize.md states this rounding.
   */
  test('on every fast source layout, shrinking by kx × ky', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SOURCE_KINDS),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: -5, max: 5 }),
        (kind, dw, dh, kx, ky, seed, o) => {
          const sb = rect(o, -o, o + dw * kx, -o + dh * ky);
          const src = makeImage(kind, sb, seed, 1);
          const dst = new RGBAImage(rect(0, 0, dw, dh));
          Box.scale(dst, dst.bounds(), src, sb, 'src');
          const n = kx * ky;
          for (let y = 0; y < dh; y++) {
            for (let x = 0; x < dw; x++) {
              const sum = [0, 0, 0, 0];
              for (let j = 0; j < ky; j++) {
                for (let i = 0; i < kx; i++) {
                  const c = src.at(sb.min.x + x * kx + i, sb.min.y + y * ky + j).rgba();
                  for (let k = 0; k < 4; k++) sum[k] += c[k];
                }
              }
              const want = sum.map((s) => Math.floor((2 * s + n) / (2 * n)) >> 8);
              const p = dst.pixOffset(x, y);
              expect([...dst.pix.subarray(p, p + 4)]).toEqual(want);
            }
          }
        },
      ),
      RUNS,
    );
  });
});
