import { RGBA64 } from '../color/rgba.js';
import type { BufferImage } from '../image/buffer-image.js';
import type { MutableImage } from '../image/image.js';
import type { ScaleOp } from './scaler.js';

/**
 * Destination writers. A writer composes a row of alpha-premultiplied 16-bit RGBA values
 * v[4i .. 4i + 3] onto pixels (x + i, y), 0 <= i < n, all inside the destination bounds.
 *
 * The formulas are Go's (x/image/draw's generated code and image/draw):
 * - `'src'`:  the destination takes v, converted by its model (`set` with a `color.RGBA64`).
 * - `'over'`: d' = d × (0xffff − a) / 0xffff + v, per channel, in 16 bits (truncated, and wrapped
 *   to 16 bits as Go's `uint16(...)`), then stored as for `'src'`.
 * The RGBA and NRGBA writers compute the same numbers straight on `pix`; the generic writer goes
 * through `storeRGBA64` (or `set`). test/resize/fast-paths.test.ts proves them equal.
 */
export type RowWriter = (x: number, y: number, v: Uint16Array, n: number) => void;

/** The fast writers: destination layout → op → writer. Every other destination is generic. */
const FAST_WRITERS: Record<string, Record<ScaleOp, (m: BufferImage) => RowWriter>> = {
  rgba: { src: (m) => rgbaSrc(m), over: (m) => rgbaOver(m) },
  nrgba: { src: (m) => nrgbaSrc(m), over: (m) => nrgbaOver(m) },
};

/** The destination layouts with fast writers (for both ops). */
export const FAST_DEST_KINDS: readonly string[] = Object.keys(FAST_WRITERS);

/** The writer for dst and op: a fast one for the layouts above, else the generic one. */
export function rowWriter(dst: MutableImage, op: ScaleOp): RowWriter {
  const fast = FAST_WRITERS[(dst as { kind?: string }).kind ?? '']?.[op];
  if (fast !== undefined) return fast(dst as unknown as BufferImage);
  return op === 'src' ? genericSrc(dst) : genericOver(dst);
}

/*
 * The loops are top-level functions and the writers thin closures around them, so that every
 * scale call shares the same optimised code.
 */

function rgbaSrcRow(p: Uint8Array, d: number, v: Uint16Array, n: number): void {
  for (let i = 0, j = 0; i < n; i++, d += 4, j += 4) {
    p[d] = v[j] >> 8;
    p[d + 1] = v[j + 1] >> 8;
    p[d + 2] = v[j + 2] >> 8;
    p[d + 3] = v[j + 3] >> 8;
  }
}

function rgbaSrc(m: BufferImage): RowWriter {
  return (x, y, v, n) => rgbaSrcRow(m.pix, m.pixOffset(x, y), v, n);
}

/**
 * Go: a1 = (0xffff − a) × 0x101; d = uint8((d8 × a1 / 0xffff + v) >> 8). The product is below
 * 255 × 0xffff × 0x101 < 2^32, and the quotient below 2^16, so `| 0` truncates exactly.
 */
function rgbaOverRow(p: Uint8Array, d: number, v: Uint16Array, n: number): void {
  for (let i = 0, j = 0; i < n; i++, d += 4, j += 4) {
    const a1 = (0xffff - v[j + 3]) * 0x101;
    p[d] = (((p[d] * a1) / 0xffff) | 0) + v[j] >> 8;
    p[d + 1] = (((p[d + 1] * a1) / 0xffff) | 0) + v[j + 1] >> 8;
    p[d + 2] = (((p[d + 2] * a1) / 0xffff) | 0) + v[j + 2] >> 8;
    p[d + 3] = (((p[d + 3] * a1) / 0xffff) | 0) + v[j + 3] >> 8;
  }
}

function rgbaOver(m: BufferImage): RowWriter {
  return (x, y, v, n) => rgbaOverRow(m.pix, m.pixOffset(x, y), v, n);
}

/**
 * Go's `color.NRGBAModel`: opaque keeps c >> 8, transparent becomes 0, otherwise
 * c × 0xffff / a (truncated) >> 8. Bytes wrap as Go's `uint8(...)`.
 */
function storeNRGBA(p: Uint8Array, d: number, r: number, g: number, b: number, a: number): void {
  if (a === 0xffff) {
    p[d] = r >> 8;
    p[d + 1] = g >> 8;
    p[d + 2] = b >> 8;
    p[d + 3] = 0xff;
  } else if (a === 0) {
    p[d] = p[d + 1] = p[d + 2] = p[d + 3] = 0;
  } else {
    p[d] = Math.floor((r * 0xffff) / a) >>> 8;
    p[d + 1] = Math.floor((g * 0xffff) / a) >>> 8;
    p[d + 2] = Math.floor((b * 0xffff) / a) >>> 8;
    p[d + 3] = a >> 8;
  }
}

function nrgbaSrcRow(p: Uint8Array, d: number, v: Uint16Array, n: number): void {
  for (let i = 0, j = 0; i < n; i++, d += 4, j += 4) storeNRGBA(p, d, v[j], v[j + 1], v[j + 2], v[j + 3]);
}

function nrgbaSrc(m: BufferImage): RowWriter {
  return (x, y, v, n) => nrgbaSrcRow(m.pix, m.pixOffset(x, y), v, n);
}

/** Reads the destination as Go's `color.NRGBA.RGBA` (c × 0x101 × a / 0xff), blends, stores. */
function nrgbaOver(m: BufferImage): RowWriter {
  return (x, y, v, n) => nrgbaOverRow(m.pix, m.pixOffset(x, y), v, n);
}

function nrgbaOverRow(p: Uint8Array, d: number, v: Uint16Array, n: number): void {
  for (let i = 0, j = 0; i < n; i++, d += 4, j += 4) {
    const qa = p[d + 3] * 0x101;
    const qr = ((p[d] * 0x101 * p[d + 3]) / 0xff) | 0;
    const qg = ((p[d + 1] * 0x101 * p[d + 3]) / 0xff) | 0;
    const qb = ((p[d + 2] * 0x101 * p[d + 3]) / 0xff) | 0;
    const a1 = 0xffff - v[j + 3];
    storeNRGBA(
      p,
      d,
      (((qr * a1) / 0xffff) | 0) + v[j] & 0xffff,
      (((qg * a1) / 0xffff) | 0) + v[j + 1] & 0xffff,
      (((qb * a1) / 0xffff) | 0) + v[j + 2] & 0xffff,
      (((qa * a1) / 0xffff) | 0) + v[j + 3] & 0xffff,
    );
  }
}

type Store = { storeRGBA64?: (x: number, y: number, r: number, g: number, b: number, a: number) => void };
type Load = { loadRGBA64?: (x: number, y: number, out: Uint32Array) => void };

function genericStore(dst: MutableImage): (x: number, y: number, r: number, g: number, b: number, a: number) => void {
  const s = dst as MutableImage & Store;
  if (typeof s.storeRGBA64 === 'function') return (x, y, r, g, b, a) => s.storeRGBA64!(x, y, r, g, b, a);
  return (x, y, r, g, b, a) => dst.set(x, y, new RGBA64(r, g, b, a));
}

function genericSrc(dst: MutableImage): RowWriter {
  const store = genericStore(dst);
  return (x, y, v, n) => {
    for (let i = 0, j = 0; i < n; i++, j += 4) store(x + i, y, v[j], v[j + 1], v[j + 2], v[j + 3]);
  };
}

function genericOver(dst: MutableImage): RowWriter {
  const store = genericStore(dst);
  const l = dst as MutableImage & Load;
  const q = new Uint32Array(4);
  const load =
    typeof l.loadRGBA64 === 'function'
      ? (x: number, y: number) => l.loadRGBA64!(x, y, q)
      : (x: number, y: number) => q.set(dst.at(x, y).rgba());
  return (x, y, v, n) => {
    for (let i = 0, j = 0; i < n; i++, j += 4) {
      load(x + i, y);
      const a1 = 0xffff - v[j + 3];
      store(
        x + i,
        y,
        (((q[0] * a1) / 0xffff) | 0) + v[j] & 0xffff,
        (((q[1] * a1) / 0xffff) | 0) + v[j + 1] & 0xffff,
        (((q[2] * a1) / 0xffff) | 0) + v[j + 2] & 0xffff,
        (((q[3] * a1) / 0xffff) | 0) + v[j + 3] & 0xffff,
      );
    }
  };
}
