/// <reference types="node" />
/**
 * The Node-only half of the pngjs adapter: it imports pngjs, which imports Node's `zlib`, `stream`
 * and `buffer`. Only pngjs.ts loads this module, with a dynamic `import()`, so a runtime without
 * `node:zlib` fails with an UnsupportedError instead of failing to load imago.
 *
 * The reference to Node's types above is for this file alone: the core is built without them
 * (tsconfig.build.json `types: []`), and test/codec/runtime.test.ts checks that no other codec file
 * uses a Node built-in or `Buffer`.
 */
import { Buffer } from 'node:buffer';
import { inflateSync } from 'node:zlib';
import pngjs from 'pngjs';
import { FormatError } from '../../errors.js';
import type { Image } from '../../image/image.js';
import { ownedBytes } from './owned.js';
import { findBadIdatCrc, inflatedLength, type PngStructure } from './png-chunks.js';
import { FILTERS, type PngPlan } from './png-encode-plan.js';
import { wrapPngjsOutput } from './png-wrap.js';

/**
 * Decodes a PNG whose structure {@link checkPngStructure} has already checked (chunk order, IEND,
 * the CRC of every chunk but IDAT). pngjs sees the bytes up to IEND (it rejects trailing data), as a
 * Buffer view of the caller's memory (no copy), and checks the IDAT CRCs itself; when it reports a
 * mismatch, the bad chunk is located for the message.
 *
 * pngjs bounds the inflated size for non-interlaced images but not for interlaced ones, so for
 * those the IDAT stream is inflated once first with `maxOutputLength` set to the size the header
 * implies: a zlib bomb fails there, before pngjs allocates.
 */
export function decodePng(bytes: Uint8Array, s: PngStructure): Image {
  const expected = inflatedLength(s);
  if (s.interlaced) {
    const total = s.idat.reduce((n, [, len]) => n + len, 0);
    const z = Buffer.allocUnsafeSlow(total);
    let o = 0;
    for (const [at, len] of s.idat) {
      z.set(bytes.subarray(at, at + len), o);
      o += len;
    }
    let got: number;
    try {
      got = inflateSync(z, { maxOutputLength: expected + 1 }).length;
    } catch (err) {
      throw new FormatError(
        `imago: png IDAT data does not inflate to the ${expected} bytes an interlaced ${s.width}x${s.height} image needs: ${(err as Error).message}`,
        { cause: err },
      );
    }
    if (got !== expected) {
      throw new FormatError(`imago: png IDAT data inflates to ${got} bytes; an interlaced ${s.width}x${s.height} image needs ${expected}`);
    }
  }
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, s.end);
  let out;
  try {
    out = pngjs.PNG.sync.read(input, { skipRescale: s.bitDepth === 16, checkCRC: true });
  } catch (err) {
    const bad = findBadIdatCrc(bytes, s);
    if (bad >= 0) throw new FormatError(`imago: png chunk IDAT at offset ${bad} has a bad CRC`, { cause: err });
    throw err;
  }
  return wrapPngjsOutput(s, out.data);
}

/** Encodes a plan with pngjs. Returns bytes the caller owns (copied out of Node's pool if small). */
export function encodePng(plan: PngPlan, level: number, filter: keyof typeof FILTERS): Uint8Array {
  const { width, height, colorType, bitDepth, data } = plan;
  const out = pngjs.PNG.sync.write(
    { width, height, data },
    {
      colorType,
      inputColorType: colorType,
      inputHasAlpha: colorType === 6,
      bitDepth,
      deflateLevel: level,
      filterType: FILTERS[filter],
    },
  );
  return ownedBytes(out);
}
