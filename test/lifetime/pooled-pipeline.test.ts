import { describe, expect, test } from 'vitest';
import { BufferPool, NRGBAImage, OptionError, RGBAImage, rect } from '../../src/index.js';
import { resize, type KernelName } from '../../src/resize/index.js';
import { decodeJpeg } from '../../src/codec/jpeg/index.js';
import { prepareThumbnail, thumbnail } from '../../src/pipeline/thumbnail.js';
import { forceGC } from '../helpers/gc.js';
import { fillSeeded } from '../helpers/images.js';
import { corpusHas, readFixtureFile } from '../codec/jpeg/helpers.js';

/**
 * `resize(src, { pool })` and `thumbnail(bytes, { pool })` (spec/lifetime.md, "Where the pool is
 * used"): byte-equal to unpooled calls; resize's result owns a pool buffer that disposal returns;
 * thumbnail returns every intermediate buffer before it resolves, and its bytes are never pooled.
 */

function allReturned(pool: BufferPool): boolean {
  const s = pool.stats();
  return s.hits + s.misses + s.unpooled === s.releases;
}

describe('pooled resize', () => {
  const kernels: KernelName[] = ['nearest', 'approx-bilinear', 'bilinear', 'catmull-rom', 'box', 'lanczos3'];

  test('byte-equal to an unpooled resize for every kernel, fit and preshrink; disposal returns the buffer', () => {
    const pool = new BufferPool();
    for (const Src of [RGBAImage, NRGBAImage]) {
      const src = new Src(rect(3, -2, 83, 58));
      fillSeeded(src, 7);
      for (const kernel of kernels) {
        for (const fit of ['fill', 'inside', 'contain', 'cover'] as const) {
          for (const preshrink of [false, true]) {
            const o = { width: 17, height: 9, fit, kernel, preshrink };
            const plain = resize(src, o);
            const pooled = resize(src, { ...o, pool });
            expect(pooled.constructor).toBe(plain.constructor);
            expect(pooled.rect.eq(plain.rect)).toBe(true);
            expect(pooled.stride).toBe(plain.stride);
            expect(pooled.pix).toEqual(plain.pix);
            expect(allReturned(pool)).toBe(false);
            pooled[Symbol.dispose]();
            expect(allReturned(pool), JSON.stringify(pool.stats())).toBe(true);
          }
        }
      }
    }
    expect(pool.stats().hits).toBeGreaterThan(0);
  });

  test('preshrink takes only the result from the pool (its block means are computed two rows at a time)', () => {
    const pool = new BufferPool();
    const src = new RGBAImage(rect(0, 0, 200, 120));
    fillSeeded(src, 3);
    using out = resize(src, { width: 20, height: 12, kernel: 'lanczos3', preshrink: true, pool });
    const s = pool.stats();
    expect(s.misses).toBe(1); // the result; there is no temporary image
    expect(s.releases).toBe(0);
    expect(out.pix).toEqual(resize(src, { width: 20, height: 12, kernel: 'lanczos3', preshrink: true }).pix);
  });

  test('a pooled result dropped without disposal is collected; the pool does not get it back', async () => {
    const pool = new BufferPool();
    const src = new RGBAImage(rect(0, 0, 40, 40));
    let out: RGBAImage | undefined = resize(src, { width: 30, height: 30, pool });
    const ref = new WeakRef(out.pix.buffer);
    out = undefined;
    await forceGC();
    expect(ref.deref()).toBeUndefined();
    expect(pool.retainedBytes).toBe(0);
    expect(pool.stats().releases).toBe(0);
  });

  test('a pool that is not a BufferPool is an OptionError naming the option', () => {
    expect(() => resize(new RGBAImage(rect(0, 0, 4, 4)), { width: 2, pool: {} as BufferPool })).toThrow(OptionError);
    expect(() => resize(new RGBAImage(rect(0, 0, 4, 4)), { width: 2, pool: {} as BufferPool })).toThrow(/option pool/);
  });
});

// Decoding and encoding real photos is slow on a shared 2-core machine.
describe('pooled thumbnail()', { timeout: 300_000 }, () => {
  const inputs = [
    'gotestdata/video-001.q50.420.progressive.jpeg',
    'gotestdata/video-001.q50.444.jpeg',
    'gotestdata/video-001.rgb.jpeg',
    'gotestdata/video-001.cmyk.jpeg',
    'gotestdata/video-005.gray.q50.jpeg',
    'gotestdata/video-001.png',
    'jpeg/exif-orientation/Landscape_6.jpg',
  ].filter(corpusHas);

  test('the inputs exist', () => {
    expect(inputs.length).toBe(7);
  });

  for (const file of inputs) {
    test(`${file}: byte-equal to an unpooled thumbnail; every intermediate buffer is back when it resolves`, async () => {
      const bytes = readFixtureFile(file);
      const pool = new BufferPool();
      for (const o of [
        { width: 40, height: 40, format: 'jpeg', quality: 80 },
        { width: 64, fit: 'cover' as const, height: 20, format: 'png' },
        { width: 30, height: 30, shrinkOnLoad: false, format: 'png' },
      ]) {
        const plain = await thumbnail(bytes, o);
        const pooled = await thumbnail(bytes, { ...o, pool });
        expect(pooled).toEqual(plain);
        expect(allReturned(pool), JSON.stringify(pool.stats())).toBe(true);
        // The returned bytes are not a pool buffer: the pool does not hold them, and another
        // pooled thumbnail (which reuses every retained buffer) leaves them intact.
        expect(pool.retains(pooled.buffer)).toBe(false);
        const copy = pooled.slice();
        await thumbnail(readFixtureFile('jpeg/jpeg-decoder/reftest/progressive3.jpg'), { ...o, pool });
        expect(pooled).toEqual(copy);
        expect(allReturned(pool)).toBe(true);
      }
      expect(pool.stats().misses).toBeGreaterThan(0);
    });
  }

  test('a pooled thumbnail after another user leaves its buffers is byte-equal (nothing crosses)', async () => {
    const pool = new BufferPool({ zero: 'release' });
    const a = readFixtureFile('jpeg/jpeg-decoder/reftest/progressive3.jpg');
    const b = readFixtureFile('gotestdata/video-001.q50.420.progressive.jpeg');
    await thumbnail(a, { width: 200, height: 200, format: 'png', pool });
    const plain = await thumbnail(b, { width: 120, height: 120, format: 'png' });
    expect(await thumbnail(b, { width: 120, height: 120, format: 'png', pool })).toEqual(plain);
  });

  test('a failing encode still returns every buffer', async () => {
    const pool = new BufferPool();
    const bytes = readFixtureFile('gotestdata/video-001.q50.420.jpeg');
    const ctl = new AbortController();
    // The encoder sees an aborted signal: the decode and resize ran, the encode throws.
    const p = thumbnail(bytes, { width: 40, height: 40, format: 'jpeg', pool, signal: ctl.signal });
    await Promise.resolve();
    ctl.abort('stop');
    await expect(p).rejects.toThrow();
    expect(allReturned(pool), JSON.stringify(pool.stats())).toBe(true);
  });

  test('a corrupt input returns every buffer', async () => {
    const pool = new BufferPool();
    const full = readFixtureFile('gotestdata/video-001.progressive.jpeg');
    const sos = full.findIndex((_, i) => full[i] === 0xff && full[i + 1] === 0xda);
    const cut = full.slice(0, sos + 40);
    cut.set([0xff, 0xd9], cut.length - 2); // EOI inside the first scan's data
    await expect(thumbnail(cut, { width: 40, format: 'png', pool })).rejects.toThrow();
    expect(allReturned(pool), JSON.stringify(pool.stats())).toBe(true);
  });

  test('prepareThumbnail with a pool: the image owns a pool buffer; disposing it gives the buffer back', async () => {
    const pool = new BufferPool();
    const bytes = readFixtureFile('gotestdata/video-001.q50.420.jpeg');
    const prepared = await prepareThumbnail(bytes, { width: 50, height: 50, pool });
    const plain = await prepareThumbnail(bytes, { width: 50, height: 50 });
    expect((prepared.image as RGBAImage).pix).toEqual((plain.image as RGBAImage).pix);
    expect(allReturned(pool)).toBe(false);
    (prepared.image as RGBAImage)[Symbol.dispose]();
    expect(allReturned(pool)).toBe(true);
  });

  test('thumbnail refuses a pool that is not a BufferPool', async () => {
    const bytes = readFixtureFile('gotestdata/video-001.q50.420.jpeg');
    await expect(thumbnail(bytes, { width: 10, pool: {} as BufferPool })).rejects.toThrow(/option pool must be a BufferPool/);
  });

  test('a decoded JPEG and the pooled thumbnail agree with the plain decode path (sanity)', () => {
    const img = decodeJpeg(readFixtureFile('gotestdata/video-001.q50.420.jpeg'));
    expect(img.bounds().dx()).toBe(150);
  });
});
