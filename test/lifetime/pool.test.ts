import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  BufferPool,
  DetachedError,
  DisposedError,
  OptionError,
  RGBA,
  RGBAImage,
  ReleaseError,
  SizeError,
  YCbCrImage,
  rect,
  sizeClass,
} from '../../src/index.js';

const allZero = (ab: ArrayBufferLike) => new Uint8Array(ab).every((b) => b === 0);

describe('BufferPool: no data crosses between users', () => {
  for (const zero of ['acquire', 'release'] as const) {
    test(`zero on ${zero}: a secret written and released is not readable by the next acquirer`, () => {
      const pool = new BufferPool({ zero });
      const a = pool.acquire(1000);
      new Uint8Array(a.buffer).fill(0x5e); // the secret, to the end of the ArrayBuffer
      pool.release(a);
      const b = pool.acquire(900); // same class (1024)
      expect(b.buffer.byteLength).toBe(1024);
      expect(pool.stats().hits).toBe(1); // it really is the reused buffer
      expect(allZero(b.buffer)).toBe(true);
    });

    test(`zero on ${zero}: every acquired buffer is zero, over random acquire/release/write sequences`, () => {
      fc.assert(
        fc.property(
          fc.array(fc.record({ size: fc.integer({ min: 0, max: 3000 }), release: fc.boolean(), fill: fc.integer({ min: 1, max: 255 }) }), { maxLength: 40 }),
          (steps) => {
            const pool = new BufferPool({ zero, maxRetainedBytes: 8192 });
            const held: Uint8Array[] = [];
            for (const s of steps) {
              const b = pool.acquire(s.size);
              expect(b.length).toBe(s.size);
              expect(allZero(b.buffer)).toBe(true);
              new Uint8Array(b.buffer).fill(s.fill);
              held.push(b);
              if (s.release) pool.release(held.shift()!);
            }
          },
        ),
      );
    });
  }

  test('with zero on acquire, even a stale writer after release cannot pass data on', () => {
    const pool = new BufferPool({ zero: 'acquire' });
    const a = pool.acquire(300);
    pool.release(a);
    a.fill(0x77); // a bug: writing after release
    expect(allZero(pool.acquire(300).buffer)).toBe(true);
  });
});

describe('BufferPool: caps', () => {
  test('retained bytes never exceed maxRetainedBytes, and no retained buffer exceeds maxBufferBytes (model-based)', () => {
    // The model is the free lists as counts per class: release retains a class-sized buffer iff it
    // is poolable and fits under the cap; acquire takes one if the class has any.
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 16384 }),
        fc.integer({ min: 0, max: 8192 }),
        fc.array(fc.oneof(
          fc.record({ op: fc.constant('acquire' as const), size: fc.integer({ min: 0, max: 10000 }) }),
          fc.record({ op: fc.constant('release' as const), pick: fc.nat() }),
          fc.record({ op: fc.constant('trim' as const), to: fc.integer({ min: 0, max: 8192 }) }),
        ), { maxLength: 60 }),
        (maxRetainedBytes, maxBufferBytes, ops) => {
          const pool = new BufferPool({ maxRetainedBytes, maxBufferBytes });
          const model = new Map<number, number>();
          const modelBytes = () => [...model].reduce((s, [c, n]) => s + c * n, 0);
          const out: Uint8Array[] = [];
          for (const o of ops) {
            if (o.op === 'acquire') {
              const c = sizeClass(o.size);
              const b = pool.acquire(o.size);
              if ((model.get(c) ?? 0) > 0 && c <= maxBufferBytes && maxRetainedBytes > 0) {
                model.set(c, model.get(c)! - 1);
                expect(b.buffer.byteLength).toBe(c);
              }
              out.push(b);
            } else if (o.op === 'release' && out.length > 0) {
              const b = out.splice(o.pick % out.length, 1)[0];
              const c = b.buffer.byteLength;
              const poolable = c <= maxBufferBytes && sizeClass(c) === c;
              pool.release(b);
              if (poolable && modelBytes() + c <= maxRetainedBytes) model.set(c, (model.get(c) ?? 0) + 1);
            } else if (o.op === 'trim') {
              pool.trim(o.to);
              // Largest classes go first.
              for (const c of [...model.keys()].sort((a, b) => b - a)) {
                while ((model.get(c) ?? 0) > 0 && modelBytes() > o.to) model.set(c, model.get(c)! - 1);
              }
            }
            expect(pool.retainedBytes).toBeLessThanOrEqual(maxRetainedBytes);
            expect(pool.retainedBytes).toBe(modelBytes());
            for (const [c, n] of model) if (n > 0) expect(c).toBeLessThanOrEqual(maxBufferBytes);
          }
        },
      ),
    );
  });

  test('a buffer larger than maxBufferBytes is exact-sized and never retained', () => {
    const pool = new BufferPool({ maxBufferBytes: 4096 });
    const big = pool.acquire(5000);
    expect(big.buffer.byteLength).toBe(5000);
    pool.release(big);
    expect(pool.retainedBytes).toBe(0);
    expect(pool.stats()).toMatchObject({ unpooled: 1, dropped: 1, releases: 1 });
  });

  test('trim drops free buffers, largest first, down to the target', () => {
    const pool = new BufferPool();
    const bufs = [pool.acquire(256), pool.acquire(1024), pool.acquire(4096)];
    bufs.forEach((b) => pool.release(b));
    expect(pool.retainedBytes).toBe(256 + 1024 + 4096);
    expect(pool.trim(2000)).toBe(4096);
    expect(pool.retainedBytes).toBe(1280);
    expect(pool.trim()).toBe(1280);
    expect(pool.stats().retainedBuffers).toBe(0);
  });
});

describe('BufferPool: release errors', () => {
  test('a double release throws ReleaseError', () => {
    const pool = new BufferPool();
    const b = pool.acquire(100);
    pool.release(b);
    expect(() => pool.release(b)).toThrow(ReleaseError);
    expect(() => pool.release(b)).toThrow(/released twice/);
  });

  test('a double release throws even when the buffer was dropped, or detached on release', () => {
    const tiny = new BufferPool({ maxRetainedBytes: 0 });
    const b = tiny.acquire(100);
    tiny.release(b);
    expect(() => tiny.release(b)).toThrow(/released twice/);
    const detaching = new BufferPool({ detachOnRelease: true });
    const c = detaching.acquire(100);
    detaching.release(c);
    expect(c.length).toBe(0);
    expect(() => detaching.release(c)).toThrow(/released twice/);
  });

  test('a buffer the pool did not hand out throws ReleaseError, also when it came from another pool', () => {
    const pool = new BufferPool();
    expect(() => pool.release(new Uint8Array(256))).toThrow(/did not hand out/);
    expect(() => pool.release(new BufferPool().acquire(10))).toThrow(ReleaseError);
    expect(() => pool.release(undefined as unknown as Uint8Array)).toThrow(ReleaseError);
  });

  test('a re-acquired buffer can be released again', () => {
    const pool = new BufferPool();
    const a = pool.acquire(100);
    pool.release(a);
    const b = pool.acquire(100);
    expect(b.buffer).toBe(a.buffer);
    expect(() => pool.release(b)).not.toThrow();
  });
});

describe('BufferPool: detach on release', () => {
  test('stale views read nothing and images over them throw DetachedError; the pool keeps the memory', () => {
    const pool = new BufferPool({ detachOnRelease: true });
    const b = pool.acquire(4 * 4 * 4);
    const stale = new RGBAImage(rect(0, 0, 4, 4), b);
    pool.release(b);
    expect(b.length).toBe(0);
    expect(() => stale.rgbaAt(0, 0)).toThrow(DetachedError);
    expect(pool.retainedBytes).toBe(256);
    const again = pool.acquire(64);
    expect(again.buffer).not.toBe(b.buffer);
    expect(again.buffer.byteLength).toBe(256);
    expect(pool.stats().hits).toBe(1);
  });

  test('acquireAs gives typed arrays of other element types, released the same way', () => {
    const pool = new BufferPool({ detachOnRelease: true });
    const f = pool.acquireAs(Float32Array, 100);
    expect(f).toBeInstanceOf(Float32Array);
    expect(f.length).toBe(100);
    f.fill(1.5);
    pool.release(f);
    expect(f.length).toBe(0);
    const g = pool.acquireAs(Int32Array, 100);
    expect(g.every((v) => v === 0)).toBe(true);
    expect(pool.stats().hits).toBe(1);
  });
});

describe('BufferPool: images', () => {
  test('disposing an adopted image returns its buffer to the pool, and ends its views', () => {
    const pool = new BufferPool();
    const img = pool.adopt(8 * 8 * 4, (b) => new RGBAImage(rect(0, 0, 8, 8), b));
    img.set(1, 1, new RGBA(9, 9, 9, 9));
    const buffer = img.pix.buffer;
    const view = img.subImage(rect(0, 0, 4, 4));
    expect(pool.retains(buffer)).toBe(false);
    img[Symbol.dispose]();
    expect(pool.retains(buffer)).toBe(true);
    expect(() => view.rgbaAt(1, 1)).toThrow(DisposedError);
    img[Symbol.dispose](); // idempotent: no double release
    const next = pool.adopt(8 * 8 * 4, (b) => new RGBAImage(rect(0, 0, 8, 8), b));
    expect(next.pix.buffer).toBe(buffer);
    expect(next.rgbaAt(1, 1)).toEqual(new RGBA(0, 0, 0, 0));
  });

  test('a planar image can be adopted too', () => {
    const pool = new BufferPool();
    const r = rect(0, 0, 4, 4);
    const img = pool.adopt(16 + 4 + 4, (b) => new YCbCrImage(r, '420', { y: b.subarray(0, 16), cb: b.subarray(16, 20), cr: b.subarray(20, 24), yStride: 4, cStride: 2 }));
    const buffer = img.y.buffer;
    img[Symbol.dispose]();
    expect(pool.retains(buffer)).toBe(true);
  });

  test('disposing a view of an adopted image does not return the buffer', () => {
    const pool = new BufferPool();
    const img = pool.adopt(64, (b) => new RGBAImage(rect(0, 0, 4, 4), b));
    img.subImage(rect(0, 0, 2, 2))[Symbol.dispose]();
    expect(pool.retainedBytes).toBe(0);
    expect(img.rgbaAt(0, 0)).toEqual(new RGBA(0, 0, 0, 0));
  });

  test('adopt releases the buffer when make throws or returns something that is not a new owner', () => {
    const pool = new BufferPool();
    expect(() => pool.adopt(64, () => { throw new Error('make failed'); })).toThrow('make failed');
    const owner = new RGBAImage(rect(0, 0, 4, 4));
    expect(() => pool.adopt(64, () => owner.subImage(rect(0, 0, 2, 2)))).toThrow(TypeError);
    expect(() => pool.adopt(64, () => ({}))).toThrow(TypeError);
    const adopted = pool.adopt(64, (b) => new RGBAImage(rect(0, 0, 4, 4), b));
    expect(() => pool.adopt(64, () => adopted)).toThrow(/not adopted/);
    expect(pool.stats().releases).toBe(4);
  });

  test('tie gives an acquired buffer to an image built later: disposing the image returns it, once', () => {
    const pool = new BufferPool();
    const buf = pool.acquire(24);
    buf.fill(7); // filled before the image exists, as a decoder fills its planes
    const img = pool.tie(buf, new YCbCrImage(rect(0, 0, 4, 4), '420', { y: buf.subarray(0, 16), cb: buf.subarray(16, 20), cr: buf.subarray(20, 24), yStride: 4, cStride: 2 }));
    expect(img.y[0]).toBe(7);
    expect(pool.stats().releases).toBe(0);
    img[Symbol.dispose]();
    img[Symbol.dispose]();
    expect(pool.stats().releases).toBe(1);
    expect(pool.retains(buf.buffer)).toBe(true);
    expect(() => pool.release(buf)).toThrow(ReleaseError); // the image gave it back already
  });

  test('tie refuses a foreign or released buffer (ReleaseError) and a view or a tied image (TypeError, the buffer stays the caller\'s)', () => {
    const pool = new BufferPool();
    expect(() => pool.tie(new Uint8Array(64), new RGBAImage(rect(0, 0, 4, 4)))).toThrow(ReleaseError);
    const gone = pool.acquire(64);
    pool.release(gone);
    expect(() => pool.tie(gone, new RGBAImage(rect(0, 0, 4, 4), gone))).toThrow(ReleaseError);
    const buf = pool.acquire(64);
    const owner = new RGBAImage(rect(0, 0, 4, 4), buf);
    expect(() => pool.tie(buf, owner.subImage(rect(0, 0, 2, 2)))).toThrow(TypeError);
    pool.tie(buf, owner);
    const other = pool.acquire(64);
    expect(() => pool.tie(other, owner)).toThrow(TypeError);
    pool.release(other); // still the caller's after the refusal
    owner[Symbol.dispose]();
    expect(pool.stats().releases).toBe(3);
  });
});

describe('BufferPool: options and lifetime', () => {
  test('bad options throw OptionError naming the option', () => {
    expect(() => new BufferPool({ maxRetainedBytes: -1 })).toThrow(OptionError);
    expect(() => new BufferPool({ maxBufferBytes: 1.5 })).toThrow(/maxBufferBytes/);
    expect(() => new BufferPool({ zero: 'never' as 'acquire' })).toThrow(/zero must be/);
    expect(() => new BufferPool().trim(-3)).toThrow(/trim maxBytes/);
  });

  test('bad lengths throw SizeError', () => {
    const pool = new BufferPool();
    expect(() => pool.acquire(-1)).toThrow(SizeError);
    expect(() => pool.acquire(2.5)).toThrow(SizeError);
    expect(() => pool.acquireAs(Float64Array, Number.NaN)).toThrow(SizeError);
  });

  test('a disposed pool drops its buffers and refuses to hand out more; late releases are dropped', () => {
    const pool = new BufferPool();
    const a = pool.acquire(100);
    pool.release(pool.acquire(100));
    pool[Symbol.dispose]();
    expect(pool.retainedBytes).toBe(0);
    expect(() => pool.acquire(1)).toThrow(DisposedError);
    pool.release(a);
    expect(pool.retainedBytes).toBe(0);
    pool[Symbol.dispose]();
  });
});
