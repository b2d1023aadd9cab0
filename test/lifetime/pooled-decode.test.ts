import { describe, expect, test } from 'vitest';
import { BufferPool, OptionError, type BufferPoolOptions, type TypedArrayConstructor } from '../../src/index.js';
import { decodeJpeg, type JpegImage } from '../../src/codec/jpeg/index.js';
import { decode } from '../../src/codecs.js';
import { forceGC } from '../helpers/gc.js';
import { buffersOf, planesOf, type AnyImage } from '../helpers/images.js';
import { corpusHas, readFixtureFile } from '../codec/jpeg/helpers.js';

/**
 * `decodeJpeg(bytes, { pool })` and `decode(bytes, { pool })` (spec/lifetime.md, "Where the pool
 * is used"): the result's buffer comes from the pool and goes back when the result is disposed;
 * the progressive coefficient stores are acquired and released inside the call; pixels are
 * byte-equal to an unpooled decode, whatever the previous user of a pooled buffer left in it.
 */

/**
 * One of each layout and path: baseline and progressive at every subsampling, separate DC
 * progression, restarts, grey, Adobe RGB (the Y'CbCr planes a temporary, an RGBA result), CMYK and
 * YCCK (a CMYK result), a truncated progressive file Go decodes, and the crafted WIDEN files.
 */
const FILES = [
  ...['q50.410', 'q50.411', 'q50.420', 'q50.422', 'q50.440', 'q50.444'].flatMap((r) => [`gotestdata/video-001.${r}.jpeg`, `gotestdata/video-001.${r}.progressive.jpeg`]),
  'gotestdata/video-001.separate.dc.progression.progressive.jpeg',
  'gotestdata/video-001.restart2.jpeg',
  'gotestdata/video-001.rgb.jpeg',
  'gotestdata/video-001.cmyk.jpeg',
  'gotestdata/video-001.progressive.truncated.jpeg',
  'gotestdata/video-005.gray.q50.2x2.progressive.jpeg',
  'jpeg/jpeg-decoder/reftest/ycck.jpg',
  'jpeg/jpeg-decoder/reftest/mozilla/jpg-size-33x33.jpg',
  'jpeg/jpeg-decoder/reftest/mozilla/jpg-size-1x1.jpg',
  'crafted/wide-ac.progressive.jpeg',
  'crafted/wide-dc.progressive.jpeg',
].filter((f) => f.startsWith('crafted/') || corpusHas(f));

/** A larger, busy progressive file: the previous user of the pool's buffers in the secret test. */
const BUSY = 'jpeg/jpeg-decoder/reftest/progressive3.jpg';

/** The samples of an image, all planes including the MCU padding the buffer holds. */
function samples(img: AnyImage): Uint8Array[] {
  return planesOf(img).map((p) => p.slice());
}

function expectSameImage(a: JpegImage, b: JpegImage): void {
  expect(a.constructor).toBe(b.constructor);
  expect(a.bounds().eq(b.bounds())).toBe(true);
  expect(samples(a as AnyImage)).toEqual(samples(b as AnyImage));
}

/** Every buffer the pool handed out went back (hits + misses + unpooled = releases). */
function allReturned(pool: BufferPool): boolean {
  const s = pool.stats();
  return s.hits + s.misses + s.unpooled === s.releases;
}

// Decoding is slow on a shared 2-core machine; the 1800×1200 orientation photo takes seconds.
describe('pooled JPEG decode', { timeout: 300_000 }, () => {
  test('the corpus list is not empty', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(20);
  });

  for (const file of FILES) {
    test(`${file}: byte-equal to an unpooled decode, at every scale, and disposal returns every buffer`, () => {
      const bytes = readFixtureFile(file);
      for (const scale of [1, 1 / 4, 1 / 8]) {
        const pool = new BufferPool({ maxRetainedBytes: 64 << 20, maxBufferBytes: 32 << 20 });
        const plain = decodeJpeg(bytes, { scale });
        // Twice: the second decode reuses buffers the first one returned.
        for (let round = 0; round < 2; round++) {
          const pooled = decodeJpeg(bytes, { scale, pool });
          expectSameImage(pooled, plain);
          expect(allReturned(pool)).toBe(false); // the result still holds its buffer
          pooled[Symbol.dispose]();
          expect(allReturned(pool), JSON.stringify(pool.stats())).toBe(true);
          expect(pool.retainedBytes).toBeGreaterThan(0);
        }
        expect(pool.stats().hits).toBeGreaterThan(0);
      }
    });
  }

  test('the list covers every result type: Y\'CbCr, grey, RGBA (Adobe RGB) and CMYK', () => {
    const types = new Set(FILES.map((f) => decodeJpeg(readFixtureFile(f)).constructor.name.replace(/^_/, '')));
    expect([...types].sort()).toEqual(['CMYKImage', 'GrayImage', 'RGBAImage', 'YCbCrImage']);
  });

  test('an RGB result: the Y\'CbCr planes are a temporary that goes back inside the call', () => {
    const pool = new BufferPool();
    using img = decodeJpeg(readFixtureFile('gotestdata/video-001.rgb.jpeg'), { pool });
    expect(img.constructor.name).toMatch(/RGBAImage/);
    expect(pool.stats().misses).toBe(2);
    expect(pool.stats().releases).toBe(1);
  });

  test("a pooled buffer carries nothing to the next decode: decode A, dispose, decode B equals unpooled B", () => {
    // A is a larger busy progressive photo; B each file of the list, most of whose buffers land in
    // size classes A's decodes filled with its pixels and coefficients.
    const a = readFixtureFile(BUSY);
    for (const zero of ['acquire', 'release'] as const) {
      for (const file of FILES) {
        const pool = new BufferPool({ zero, maxRetainedBytes: 64 << 20 });
        for (const scale of [1, 1 / 2]) {
          const first = decodeJpeg(a, { scale, pool });
          first[Symbol.dispose]();
        }
        const b = readFixtureFile(file);
        const plain = decodeJpeg(b);
        using pooled = decodeJpeg(b, { pool });
        expectSameImage(pooled, plain);
      }
    }
  });

  test('the secret test can fail: a pool that hands out dirty buffers changes a pooled decode', () => {
    // A deliberately broken pool: every buffer it hands out is full of 0x5a ("a secret").
    class DirtyPool extends BufferPool {
      override acquire(n: number): Uint8Array {
        return super.acquire(n).fill(0x5a);
      }
      override acquireAs<T extends ArrayBufferView>(ctor: TypedArrayConstructor<T>, n: number): T {
        const t = super.acquireAs(ctor, n);
        new Uint8Array(t.buffer, t.byteOffset, t.byteLength).fill(0x5a);
        return t;
      }
    }
    const bytes = readFixtureFile('jpeg/jpeg-decoder/reftest/mozilla/jpg-progressive.jpg');
    const plain = decodeJpeg(bytes);
    // Dirty coefficient stores either make the entropy decoder fail or change the pixels.
    let dirty: JpegImage | undefined;
    try {
      dirty = decodeJpeg(bytes, { pool: new DirtyPool() });
    } catch (e) {
      expect((e as Error).name).toMatch(/FormatError/);
      return;
    }
    expect(samples(dirty as AnyImage)).not.toEqual(samples(plain as AnyImage));
  });

  test('a corrupt file returns every pooled buffer before the error propagates', () => {
    const full = readFixtureFile('jpeg/jpeg-decoder/reftest/mozilla/jpg-progressive.jpg');
    const pool = new BufferPool();
    // Cut inside the scans: the planes and coefficient stores exist when the decoder fails.
    const sos = full.findIndex((_, i) => full[i] === 0xff && full[i + 1] === 0xda);
    const cut = full.slice(0, sos + Math.floor((full.length - sos) / 2));
    expect(() => decodeJpeg(cut, { pool })).toThrow();
    const s = pool.stats();
    expect(s.misses).toBeGreaterThan(1);
    expect(allReturned(pool), JSON.stringify(s)).toBe(true);
  });

  test('a WIDEN restart (a coefficient beyond 16 bits) returns the first attempt\'s buffers too', () => {
    const pool = new BufferPool();
    const img = decodeJpeg(readFixtureFile('crafted/wide-ac.progressive.jpeg'), { pool });
    expectSameImage(img, decodeJpeg(readFixtureFile('crafted/wide-ac.progressive.jpeg')));
    img[Symbol.dispose]();
    expect(allReturned(pool), JSON.stringify(pool.stats())).toBe(true);
  });

  test('a pooled result dropped without disposal is collected and never comes back to the pool', async () => {
    const pool = new BufferPool();
    const bytes = readFixtureFile('jpeg/jpeg-decoder/reftest/mozilla/jpg-progressive.jpg');
    let img: JpegImage | undefined = decodeJpeg(bytes, { pool });
    const retainedBefore = pool.retainedBytes; // the coefficient stores, returned inside the call
    const refs = buffersOf(img as AnyImage).map((b) => new WeakRef(b));
    const imgRef = new WeakRef(img);
    img = undefined;
    await forceGC();
    expect(imgRef.deref()).toBeUndefined();
    for (const r of refs) expect(r.deref()).toBeUndefined();
    expect(pool.retainedBytes).toBe(retainedBefore);
    expect(pool.stats().releases).toBe(pool.stats().hits + pool.stats().misses - 1);
  });

  test('disposing a view of a pooled result does not return the buffer; disposing the owner does, once', () => {
    const pool = new BufferPool();
    const img = decodeJpeg(readFixtureFile('gotestdata/video-001.jpeg'), { pool });
    const view = img.subImage(img.bounds().inset(10));
    view[Symbol.dispose]();
    expect(pool.stats().releases).toBe(0);
    img[Symbol.dispose]();
    img[Symbol.dispose]();
    expect(pool.stats().releases).toBe(1);
  });

  test.each<BufferPoolOptions>([{ detachOnRelease: true }, { zero: 'release' }, { maxRetainedBytes: 0 }, { maxBufferBytes: 256 }])(
    'works with pool options %j',
    (o) => {
      const pool = new BufferPool(o);
      const bytes = readFixtureFile('jpeg/jpeg-decoder/reftest/mozilla/jpg-progressive.jpg');
      const plain = decodeJpeg(bytes);
      for (let i = 0; i < 2; i++) {
        using img = decodeJpeg(bytes, { pool });
        expectSameImage(img, plain);
      }
    },
  );

  test('registry decode passes the pool to the JPEG codec; with autoOrient the stored image goes back', async () => {
    const pool = new BufferPool();
    const bytes = readFixtureFile('gotestdata/video-001.q50.420.progressive.jpeg');
    const img = (await decode(bytes, { pool })) as JpegImage;
    expectSameImage(img, decodeJpeg(bytes));
    img[Symbol.dispose]();
    expect(allReturned(pool)).toBe(true);
    expect(pool.stats().misses).toBe(4); // planes and three coefficient stores
    const oriented = 'jpeg/exif-orientation/Landscape_6.jpg';
    if (corpusHas(oriented)) {
      const p2 = new BufferPool();
      const upright = await decode(readFixtureFile(oriented), { pool: p2, autoOrient: true });
      const plainUpright = await decode(readFixtureFile(oriented), { autoOrient: true });
      expect(samples(upright as AnyImage)).toEqual(samples(plainUpright as AnyImage));
      // The stored-orientation image was pooled and is back; the upright copy is a plain allocation.
      expect(allReturned(p2), JSON.stringify(p2.stats())).toBe(true);
    }
  });

  test('a pool option that is not a BufferPool is an OptionError naming the option', async () => {
    const bytes = readFixtureFile('gotestdata/video-001.jpeg');
    expect(() => decodeJpeg(bytes, { pool: {} as BufferPool })).toThrow(OptionError);
    expect(() => decodeJpeg(bytes, { pool: {} as BufferPool })).toThrow(/option pool/);
    await expect(decode(bytes, { pool: {} as BufferPool })).rejects.toThrow(/pool must be a BufferPool/);
  });
});
