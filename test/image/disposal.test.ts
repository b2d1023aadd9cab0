import { describe, expect, test } from 'vitest';
import {
  BufferImage,
  DetachedError,
  DisposedError,
  NRGBAImage,
  NYCbCrAImage,
  RGBA,
  RGBAImage,
  SizeError,
  UniformImage,
  YCbCrImage,
  black,
  disposeAll,
  rect,
} from '../../src/index.js';
import { ALL_KINDS, BUFFER_KINDS, fillSeeded, planesOf, type AnyImage } from '../helpers/images.js';

/** Every use of an image that must throw once it is disposed or detached. */
const USES: [string, (m: AnyImage) => unknown][] = [
  ['bounds()', (m) => m.bounds()],
  ['rect', (m) => m.rect],
  ['at() inside', (m) => m.at(1, 1)],
  ['at() outside', (m) => m.at(-100, -100)],
  ['rgba64At()', (m) => m.rgba64At(1, 1)],
  ['loadRGBA64() inside', (m) => m.loadRGBA64(1, 1, [0, 0, 0, 0])],
  ['loadRGBA64() outside', (m) => m.loadRGBA64(-100, 0, [0, 0, 0, 0])],
  ['subImage()', (m) => m.subImage(rect(0, 0, 2, 2))],
  ['clone()', (m) => m.clone()],
  ['planes / pix', (m) => planesOf(m)],
];
const SET_USES: [string, (m: AnyImage) => unknown][] = [
  ['set() inside', (m) => (m as RGBAImage).set(1, 1, new RGBA(1, 2, 3, 4))],
  ['set() outside', (m) => (m as RGBAImage).set(-100, 1, new RGBA(1, 2, 3, 4))],
  ['storeRGBA64()', (m) => (m as RGBAImage).storeRGBA64(1, 1, 0, 0, 0, 0xffff)],
  ['compact()', (m) => (m as RGBAImage).compact()],
];

function usesOf(kind: { settable: boolean }) {
  return kind.settable ? [...USES, ...SET_USES] : USES;
}

describe('use after dispose throws DisposedError', () => {
  for (const kind of ALL_KINDS) {
    for (const [use, fn] of usesOf(kind)) {
      test(`${kind.name}: ${use}`, () => {
        const m = kind.make(rect(0, 0, 4, 3));
        fn(m); // usable before
        m[Symbol.dispose]();
        expect(m.disposed).toBe(true);
        expect(() => fn(m)).toThrow(DisposedError);
        expect(() => fn(m)).toThrow(/used after \[Symbol\.dispose\]\(\)/);
      });
    }
  }

  test('a uniform image throws after dispose; the shared constants ignore disposal', () => {
    const u = new UniformImage(new RGBA(1, 2, 3, 4));
    expect(u.rgba()).toEqual([0x101, 0x202, 0x303, 0x404]);
    u[Symbol.dispose]();
    for (const fn of [() => u.rgba(), () => u.at(0, 0), () => u.bounds(), () => u.convert(black as UniformImage), () => u.loadRGBA64(0, 0, [0, 0, 0, 0]), () => u.opaque()]) {
      expect(fn).toThrow(DisposedError);
    }
    (black as UniformImage)[Symbol.dispose]();
    expect((black as UniformImage).disposed).toBe(false);
    expect(black.at(0, 0).rgba()).toEqual([0, 0, 0, 0xffff]);
  });
});

describe('dispose is idempotent', () => {
  for (const kind of ALL_KINDS) {
    test(kind.name, () => {
      const m = kind.make(rect(0, 0, 3, 3));
      m[Symbol.dispose]();
      expect(() => m[Symbol.dispose]()).not.toThrow();
      m[Symbol.dispose]();
      expect(m.disposed).toBe(true);
    });
  }

  test('disposeAll disposes every disposable, skips the rest, and rethrows the first error after trying all', () => {
    const a = new RGBAImage(rect(0, 0, 1, 1));
    const b = new YCbCrImage(rect(0, 0, 2, 2), '420');
    const bad = { [Symbol.dispose]() { throw new Error('boom'); } };
    const c = new RGBAImage(rect(0, 0, 1, 1));
    expect(() => disposeAll(a, null, 7, bad, b, undefined, c)).toThrow('boom');
    expect([a.disposed, b.disposed, c.disposed]).toEqual([true, true, true]);
  });
});

describe('owners and views', () => {
  for (const kind of ALL_KINDS) {
    test(`${kind.name}: disposing the owner ends its views, with a message that says so`, () => {
      const owner = kind.make(rect(0, 0, 6, 6));
      const view = owner.subImage(rect(1, 1, 5, 5));
      const viewOfView = view.subImage(rect(2, 2, 4, 4));
      const copy = view.clone();
      owner[Symbol.dispose]();
      for (const v of [view, viewOfView]) {
        expect(v.disposed).toBe(true);
        expect(() => planesOf(v)).toThrow(DisposedError);
        expect(() => v.at(2, 2)).toThrow(/is a view \(subImage\) of an image that was disposed/);
      }
      expect(copy.disposed).toBe(false);
      expect(copy.bounds()).toEqual(rect(1, 1, 5, 5));
    });

    test(`${kind.name}: disposing a view ends only the view`, () => {
      const owner = kind.make(rect(0, 0, 6, 6));
      fillSeeded(owner, 7);
      const before = owner.at(3, 3).rgba();
      const view = owner.subImage(rect(1, 1, 5, 5));
      view[Symbol.dispose]();
      expect(() => view.at(3, 3)).toThrow(DisposedError);
      expect(owner.disposed).toBe(false);
      expect(owner.at(3, 3).rgba()).toEqual(before);
    });
  }

  test('a disposed image drops its buffer; a caller-given buffer is neither zeroed nor detached', () => {
    const pix = new Uint8Array(16).fill(0xab);
    const m = new RGBAImage(rect(0, 0, 2, 2), pix);
    m[Symbol.dispose]();
    expect(pix.every((b) => b === 0xab)).toBe(true);
    expect(pix.buffer.byteLength).toBe(16);
  });
});

describe('using', () => {
  test('a using block disposes the image at its end', () => {
    let escaped: RGBAImage | undefined;
    {
      using m = new RGBAImage(rect(0, 0, 2, 2));
      m.set(0, 0, new RGBA(1, 2, 3, 4));
      escaped = m;
      expect(m.disposed).toBe(false);
    }
    expect(escaped.disposed).toBe(true);
    expect(() => escaped!.rgbaAt(0, 0)).toThrow(DisposedError);
  });

  test('a using block disposes on throw too, in reverse order', () => {
    const order: string[] = [];
    const track = <T extends AnyImage>(name: string, m: T): T => {
      const d = m[Symbol.dispose].bind(m);
      Object.defineProperty(m, Symbol.dispose, { value: () => { order.push(name); d(); } });
      return m;
    };
    let a: RGBAImage | undefined;
    let b: YCbCrImage | undefined;
    expect(() => {
      using x = track('a', new RGBAImage(rect(0, 0, 1, 1)));
      using y = track('b', new YCbCrImage(rect(0, 0, 2, 2), '420'));
      a = x;
      b = y;
      throw new Error('inside');
    }).toThrow('inside');
    expect(order).toEqual(['b', 'a']);
    expect([a!.disposed, b!.disposed]).toEqual([true, true]);
  });
});

describe('detached buffers throw DetachedError', () => {
  const detach = (buf: ArrayBufferLike) => structuredClone(buf, { transfer: [buf as ArrayBuffer] });

  for (const kind of BUFFER_KINDS) {
    test(`${kind.name}: every use after the buffer is transferred`, () => {
      const m = kind.make(rect(0, 0, 4, 3)) as BufferImage;
      const view = m.subImage(rect(1, 1, 3, 3));
      const moved = detach(m.pix.buffer);
      expect(moved.byteLength).toBe(4 * 3 * kind.bpp!);
      for (const img of [m, view]) {
        for (const [use, fn] of usesOf(kind)) {
          if (use === 'bounds()' || use === 'rect' || use.endsWith('outside')) continue; // no pixel read
          expect(() => fn(img), use).toThrow(DetachedError);
        }
      }
      expect(() => m.pix).toThrow(/pix had 48 bytes|pix had \d+ bytes but now has 0: its ArrayBuffer was detached/);
    });
  }

  test('Y\'CbCr planes and the NYCbCrA alpha plane are checked', () => {
    const y = new YCbCrImage(rect(0, 0, 4, 4), '420');
    detach(y.y.buffer);
    expect(() => y.cb).toThrow(DetachedError);
    expect(() => y.at(0, 0)).toThrow(/y had 16 bytes but now has 0/);
    const a = new NYCbCrAImage(rect(0, 0, 2, 2), '444', {
      y: new Uint8Array(4), cb: new Uint8Array(4), cr: new Uint8Array(4), yStride: 2, cStride: 2,
      a: new Uint8Array(4), aStride: 2,
    });
    detach(a.a.buffer);
    expect(() => a.at(0, 0)).toThrow(/a had 4 bytes but now has 0/);
    expect(() => a.opaque()).toThrow(DetachedError);
    expect(() => a.y).not.toThrow();
  });

  test('an image wrapping ImageData fails loudly after the data is transferred', () => {
    const data = new Uint8ClampedArray(2 * 2 * 4);
    const m = NRGBAImage.fromImageData({ width: 2, height: 2, data });
    detach(data.buffer);
    expect(() => m.nrgbaAt(0, 0)).toThrow(DetachedError);
    expect(() => m.toImageData()).toThrow(DetachedError);
  });

  test('wrapping a buffer that is already detached throws DetachedError, not a size error', () => {
    const pix = new Uint8Array(16);
    detach(pix.buffer);
    expect(() => new RGBAImage(rect(0, 0, 2, 2), pix)).toThrow(DetachedError);
    expect(() => new RGBAImage(rect(0, 0, 2, 2), pix)).toThrow(/RGBAImage pix needs 16 bytes but its ArrayBuffer was detached/);
    const data = new Uint8ClampedArray(4);
    detach(data.buffer);
    expect(() => NRGBAImage.fromImageData({ width: 1, height: 1, data })).toThrow(DetachedError);
    const plane = new Uint8Array(4);
    detach(plane.buffer);
    const ok = new Uint8Array(4);
    expect(() => new YCbCrImage(rect(0, 0, 2, 2), '444', { y: ok, cb: plane, cr: ok, yStride: 2, cStride: 2 })).toThrow(/plane cb needs 4 bytes/);
    expect(() => new NYCbCrAImage(rect(0, 0, 2, 2), '444', { y: ok, cb: ok, cr: ok, yStride: 2, cStride: 2, a: plane, aStride: 2 })).toThrow(DetachedError);
    // An empty image over an empty buffer is fine, and an empty (not detached) buffer that is too
    // short stays a size error.
    expect(new RGBAImage(rect(0, 0, 0, 0), new Uint8Array(0)).bounds().empty()).toBe(true);
    expect(() => new RGBAImage(rect(0, 0, 1, 1), new Uint8Array(0))).toThrow(SizeError);
  });

  test('a detached image is not disposed, and disposing it still works', () => {
    const m = new RGBAImage(rect(0, 0, 1, 1));
    detach(m.pix.buffer);
    expect(m.disposed).toBe(false);
    m[Symbol.dispose]();
    expect(() => m.pix).toThrow(DisposedError);
  });
});
