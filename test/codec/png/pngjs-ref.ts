import { createRequire } from 'node:module';
import { NRGBA, NRGBA64 } from '../../../src/color/nrgba.js';

/**
 * pngjs (a root dependency) as an independent reference decoder: a PNG's pixels as premultiplied
 * 16-bit RGBA, Go's `Color.RGBA()`, the common type both decoders expand to.
 */
const require = createRequire(import.meta.url);
const { PNG } = require('pngjs') as {
  PNG: { sync: { read(b: Buffer, o?: object): { width: number; height: number; depth: number; data: Uint8Array | Uint16Array } } };
};

/** Decodes with pngjs; 16-bit files unscaled (skipRescale), so no rounding stands between the two. */
export function pngjsRGBA64(bytes: Uint8Array): { width: number; height: number; rgba: Uint32Array } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const probe = PNG.sync.read(buf);
  // 16-bit files are read unscaled, so that no rounding stands between the two.
  const wide = probe.depth === 16;
  const img = wide ? PNG.sync.read(buf, { skipRescale: true }) : probe;
  const n = img.width * img.height;
  const out = new Uint32Array(4 * n);
  for (let i = 0; i < n; i++) {
    const d = img.data;
    const c = wide ? new NRGBA64(d[4 * i], d[4 * i + 1], d[4 * i + 2], d[4 * i + 3]) : new NRGBA(d[4 * i], d[4 * i + 1], d[4 * i + 2], d[4 * i + 3]);
    out.set(c.rgba(), 4 * i);
  }
  return { width: img.width, height: img.height, rgba: out };
}

