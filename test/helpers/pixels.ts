/**
 * Pixel comparison helpers for codec tests. Everything goes through each image's own
 * `loadRGBA64`/`at` (premultiplied 16-bit), so images of different types compare by colour.
 */
import { createHash } from 'node:crypto';
import { BufferImage, type Image } from '../../src/index.js';

/** Premultiplied 16-bit RGBA of (x, y), read the allocation-free way when the image offers it. */
export function rgba64(img: Image, x: number, y: number, out: number[] = [0, 0, 0, 0]): number[] {
  const m = img as { loadRGBA64?: (x: number, y: number, o: number[]) => void };
  if (typeof m.loadRGBA64 === 'function') m.loadRGBA64(x, y, out);
  else [out[0], out[1], out[2], out[3]] = img.at(x, y).rgba();
  return out;
}

/** SHA-256 of every pixel's premultiplied RGBA, 2 big-endian bytes per component, row order (Go's golden format). */
export function rgba64Hash(img: Image): string {
  const b = img.bounds();
  const h = createHash('sha256');
  const row = new Uint8Array(b.dx() * 8);
  const c = [0, 0, 0, 0];
  for (let y = b.min.y; y < b.max.y; y++) {
    for (let x = b.min.x, i = 0; x < b.max.x; x++, i += 8) {
      rgba64(img, x, y, c);
      for (let k = 0; k < 4; k++) {
        row[i + k * 2] = c[k] >>> 8;
        row[i + k * 2 + 1] = c[k] & 0xff;
      }
    }
    h.update(row);
  }
  return h.digest('hex');
}

/** SHA-256 of a buffer image's pixel bytes, rows packed tight. */
export function pixHash(img: BufferImage): string {
  const rowBytes = img.rect.dx() * img.bytesPerPixel;
  const h = createHash('sha256');
  for (let y = 0; y < img.rect.dy(); y++) h.update(img.pix.subarray(y * img.stride, y * img.stride + rowBytes));
  return h.digest('hex');
}

/**
 * Per-channel differences between two same-size images (each read from its own origin), in 8-bit
 * units. `step` > 1 samples every step-th pixel of every step-th row (for big photos).
 */
export function diffStats(a: Image, b: Image, step = 1): { max: number; mean: number; psnr: number } {
  const ra = a.bounds();
  const rb = b.bounds();
  if (ra.dx() !== rb.dx() || ra.dy() !== rb.dy()) throw new Error(`size ${ra} vs ${rb}`);
  const ca = [0, 0, 0, 0];
  const cb = [0, 0, 0, 0];
  let max = 0;
  let sum = 0;
  let sq = 0;
  let n = 0;
  if (a instanceof BufferImage && b instanceof BufferImage && a.kind === 'rgba' && b.kind === 'rgba') {
    // Both opaque-or-premultiplied 8-bit: compare bytes directly (same numbers, much faster).
    for (let y = 0; y < ra.dy(); y += step) {
      for (let x = 0, i = y * a.stride, j = y * b.stride; x < ra.dx(); x += step, i += 4 * step, j += 4 * step) {
        for (let k = 0; k < 4; k++) {
          const d = Math.abs(a.pix[i + k] - b.pix[j + k]);
          if (d > max) max = d;
          sum += d;
          sq += d * d;
          n++;
        }
      }
    }
    const mse = sq / n;
    return { max, mean: sum / n, psnr: mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse) };
  }
  for (let y = 0; y < ra.dy(); y += step) {
    for (let x = 0; x < ra.dx(); x += step) {
      rgba64(a, ra.min.x + x, ra.min.y + y, ca);
      rgba64(b, rb.min.x + x, rb.min.y + y, cb);
      for (let k = 0; k < 4; k++) {
        const d = Math.abs(ca[k] - cb[k]) / 257;
        max = Math.max(max, d);
        sum += d;
        sq += d * d;
        n++;
      }
    }
  }
  const mse = sq / n;
  return { max, mean: sum / n, psnr: mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse) };
}

/** Whether two images have the same size and every pixel the same premultiplied colour. */
export function sameColours(a: Image, b: Image): boolean {
  const ra = a.bounds();
  const rb = b.bounds();
  if (ra.dx() !== rb.dx() || ra.dy() !== rb.dy()) return false;
  const ca = [0, 0, 0, 0];
  const cb = [0, 0, 0, 0];
  for (let y = 0; y < ra.dy(); y++) {
    for (let x = 0; x < ra.dx(); x++) {
      rgba64(a, ra.min.x + x, ra.min.y + y, ca);
      rgba64(b, rb.min.x + x, rb.min.y + y, cb);
      if (ca[0] !== cb[0] || ca[1] !== cb[1] || ca[2] !== cb[2] || ca[3] !== cb[3]) return false;
    }
  }
  return true;
}
