/*
 * Lookup tables shared by the 8-bit fast paths. Each is built on first use (about 0.3 ms) and
 * then kept for the life of the process: 642 KiB in all (OVER and PREMUL16 128 KiB each, PREMUL8
 * and UNPREMUL8 64 KiB each, LUMA_RG 256 KiB, OVER_SCALE 2 KiB).
 *
 * Every entry is the exact result of the integer expression that Go's draw.go evaluates, so a
 * table lookup and the expression agree bit for bit (test/draw/fast/luts.test.ts checks each).
 */

/** Go's `m`, the largest 16-bit channel value. */
const M = 0xffff;

let over: Uint16Array | null = null;
let premul16: Uint16Array | null = null;
let premul8: Uint8Array | null = null;

/**
 * OVER[sa8 << 8 | d8] = floor(d8 × a / 0xffff) with a = (0xffff - sa8 × 0x101) × 0x101: the
 * destination's surviving share, in 16 bits, under a source of 8-bit alpha sa8 (Go's
 * `uint32(d)*a/m` in drawCopyOver and drawNRGBAOver). The product is below 2^32, and the
 * quotient below 2^16.
 */
export function overTable(): Uint16Array {
  if (over === null) {
    const t = new Uint16Array(65536);
    for (let sa = 0; sa < 256; sa++) {
      const a = (M - sa * 0x101) * 0x101;
      for (let d = 0; d < 256; d++) t[(sa << 8) | d] = Math.floor((d * a) / M);
    }
    over = t;
  }
  return over;
}

/**
 * PREMUL16[a8 << 8 | c8] = floor(c8 × (a8 × 0x101) / 0xff): a non-premultiplied 8-bit channel
 * premultiplied into 16 bits, as Go's `NRGBA.RGBA` (c × 0x101 × a × 0x101 / 0xffff, which is the
 * same number because 0xffff = 0xff × 0x101).
 */
export function premul16Table(): Uint16Array {
  if (premul16 === null) {
    const t = new Uint16Array(65536);
    for (let a = 0; a < 256; a++) {
      const a16 = a * 0x101;
      for (let c = 0; c < 256; c++) t[(a << 8) | c] = Math.floor((c * a16) / 0xff);
    }
    premul16 = t;
  }
  return premul16;
}

/** PREMUL8[a8 << 8 | c8] = PREMUL16[a8 << 8 | c8] >> 8: the same, narrowed to 8 bits. */
export function premul8Table(): Uint8Array {
  if (premul8 === null) {
    const p = premul16Table();
    const t = new Uint8Array(65536);
    for (let i = 0; i < 65536; i++) t[i] = p[i] >>> 8;
    premul8 = t;
  }
  return premul8;
}

let overScale: Int32Array | null = null;

/**
 * OVER_SCALE: per 8-bit source alpha α, two multipliers that turn each of the two terms of Go's
 * drawNRGBAOver into one multiply and a shift, for bytes v in [0, 255]:
 *
 *   OVER_SCALE[α]       = ceil(257 × (255 - α) × 2^16 / 255):  (v × it) >>> 16 = OVER[α, v]
 *   OVER_SCALE[256 + α] = ceil(257 × α × 2^16 / 255):          (v × it) >>> 16 = PREMUL16[α, v]
 *
 * Why: OVER[α, v] = floor(v × a / 0xffff) with a = (0xffff - α × 0x101) × 0x101 = (255 - α) × 257²,
 * and 257² / 0xffff = 257 / 255, so it is floor(v × k) with k = 257 (255 - α) / 255; likewise
 * PREMUL16 with k = 257 α / 255. Each multiplier K exceeds k × 2^16 by less than 1, so
 * v × K / 2^16 exceeds v × k by less than 255 / 2^16 < 1 / 255; and v × k, a multiple of 1/255,
 * is either an integer or at least 1/255 below the next one, so the floors agree. The product is
 * below 255 × 257 × 2^16 < 2^32, so `Math.imul` and `>>> 16` compute it exactly. (Checked for
 * every α and v by test/draw/fast/luts.test.ts.) 2 KiB.
 */
export function overScaleTable(): Int32Array {
  if (overScale === null) {
    const t = new Int32Array(512);
    for (let a = 0; a < 256; a++) {
      t[a] = Math.ceil((257 * (255 - a) * 65536) / 255);
      t[256 + a] = Math.ceil((257 * a * 65536) / 255);
    }
    overScale = t;
  }
  return overScale;
}

let lumaRG: Int32Array | null = null;

/**
 * LUMA_RG[G << 8 | R] = 19595 R + 38470 G: the red and green terms of Go's luma weights for 8-bit
 * channels (the low 16 bits of a little-endian RGBA word), so that RGBA to Gray needs one load
 * and one multiply (for blue) per pixel. 256 KiB.
 */
export function lumaRGTable(): Int32Array {
  if (lumaRG === null) {
    const t = new Int32Array(65536);
    for (let i = 0; i < 65536; i++) t[i] = 19595 * (i & 0xff) + 38470 * (i >>> 8);
    lumaRG = t;
  }
  return lumaRG;
}

let unpremul8: Uint8Array | null = null;

/**
 * UNPREMUL8[a8 << 8 | c8]: a premultiplied 8-bit channel stored into NRGBA, as Go's
 * `NRGBA.SetRGBA64` does with (c × 0x101, a × 0x101): for a ∉ {0, 0xff},
 * ((c × 0x101 × 0xffff / (a × 0x101)) >> 8) & 0xff; otherwise c itself.
 */
export function unpremul8Table(): Uint8Array {
  if (unpremul8 === null) {
    const t = new Uint8Array(65536);
    for (let a = 0; a < 256; a++) {
      for (let c = 0; c < 256; c++) {
        t[(a << 8) | c] = a === 0 || a === 0xff ? c : Math.floor((c * 0x101 * M) / (a * 0x101)) >>> 8;
      }
    }
    unpremul8 = t;
  }
  return unpremul8;
}
