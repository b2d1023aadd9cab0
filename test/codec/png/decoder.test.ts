import { afterEach, describe, expect, test } from 'vitest';
import { NRGBA } from '../../../src/color/nrgba.js';
import { RGBA } from '../../../src/color/rgba.js';
import { AbortError, FormatError, LimitError, OptionError } from '../../../src/errors.js';
import { getAllocationLimits, setAllocationLimits } from '../../../src/lifetime/alloc.js';
import { readPng, readPngInfo } from '../../../src/codec/png/decoder.js';
import { inflateIccProfile } from '../../../src/codec/png/metadata.js';
import { GrayImage } from '../../../src/image/gray-image.js';
import { rect } from '../../../src/geom/rectangle.js';
import { encodePng } from '../../../src/codec/png/encoder.js';
import { cat, chunk, firstDifference, fixtureBytes, ihdr, rejection } from './helpers.js';

/** Bytes from a Go string literal of \\x escapes and plain characters. */
function goBytes(s: string): Uint8Array {
  return new Uint8Array(Array.from(s, (c) => c.charCodeAt(0)));
}

const HEADER = '\x89PNG\r\n\x1a\n';

async function zlib(data: Uint8Array): Promise<Uint8Array> {
  const s = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(s).arrayBuffer());
}

describe("Go's reader tests", () => {
  test('TestIncompleteIDATOnRowBoundary: one row of two is an error', async () => {
    const png = goBytes(
      HEADER +
        '\x00\x00\x00\x0dIHDR\x00\x00\x00\x01\x00\x00\x00\x02\x08\x00\x00\x00\x00\xbc\xea\xe9\xfb' +
        '\x00\x00\x00\x0eIDAT\x78\x9c\x62\x62\x00\x04\x00\x00\xff\xff\x00\x06\x00\x03\xfa\xd0\x59\xae' +
        '\x00\x00\x00\x00IEND\xae\x42\x60\x82',
    );
    const e = await rejection(readPng(png));
    expect(e).toBeInstanceOf(FormatError);
    expect(e.message).toMatch(/IDAT/);
  });

  test('TestTrailingIDATChunks: trailing IDAT chunks are ignored', async () => {
    const ihdr1 = '\x00\x00\x00\x0dIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x00\x00\x00\x00\x3a\x7e\x9b\x55';
    const white = '\x00\x00\x00\x0eIDAT\x78\x9c\x62\xfa\x0f\x08\x00\x00\xff\xff\x01\x05\x01\x02\x5a\xdd\x39\xcd';
    const zero = '\x00\x00\x00\x00IDAT\x35\xaf\x06\x1e';
    const black = '\x00\x00\x00\x0eIDAT\x78\x9c\x62\x62\x00\x04\x00\x00\xff\xff\x00\x06\x00\x03\xfa\xd0\x59\xae';
    const iend = '\x00\x00\x00\x00IEND\xae\x42\x60\x82';
    const a = await readPng(goBytes(HEADER + ihdr1 + white + zero + iend));
    expect(a.image.at(0, 0)).toEqual(new (await import('../../../src/color/gray.js')).Gray(255));
    const b = await readPng(goBytes(HEADER + ihdr1 + white + black + iend));
    expect((b.image as GrayImage).pix[0]).toBe(255);
  });

  test('TestMultipletRNSChunks: zero or one tRNS decode, two or three are out of order', async () => {
    const ihdr1 = '\x00\x00\x00\x0dIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x03\x00\x00\x00\x28\xcb\x34\xbb';
    const plte = '\x00\x00\x00\x03PLTE\xff\x00\x00\x19\xe2\x09\x37';
    const trns = '\x00\x00\x00\x01tRNS\x7f\x80\x5c\xb4\xcb';
    const idat = '\x00\x00\x00\x0eIDAT\x78\x9c\x62\x62\x00\x04\x00\x00\xff\xff\x00\x06\x00\x03\xfa\xd0\x59\xae';
    const iend = '\x00\x00\x00\x00IEND\xae\x42\x60\x82';
    for (let i = 0; i < 4; i++) {
      const png = goBytes(HEADER + ihdr1 + plte + trns.repeat(i) + idat + iend);
      if (i >= 2) {
        const e = await rejection(readPng(png));
        expect(e).toBeInstanceOf(FormatError);
        expect(e.message).toMatch(/chunk out of order in chunk tRNS at byte \d+/);
        continue;
      }
      const { image } = await readPng(png);
      expect(image.at(0, 0)).toEqual(i === 0 ? new RGBA(0xff, 0, 0, 0xff) : new NRGBA(0xff, 0, 0, 0x7f));
    }
  });

  test('TestUnknownChunkLengthUnderflow: a chunk length of 0xffffffff is an error', async () => {
    const data = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x06, 0xf4, 0x7c, 0x55, 0x04, 0x1a, 0xd3, 0x11, 0x9a,
      0x73, 0x00, 0x00, 0xf8, 0x1e, 0xf3, 0x2e, 0x00, 0x00, 0x01, 0x00, 0xff, 0xff, 0xff, 0xff, 0x07, 0xf4, 0x7c, 0x55, 0x04, 0x1a, 0xd3,
    ]);
    const e = await rejection(readPng(data));
    expect(e).toBeInstanceOf(FormatError);
    expect(e.message).toMatch(/chunk length 4294967295 .* at byte 8/);
  });

  test('TestPaletted8OutOfRangePixel: indices past the palette read as opaque black', async () => {
    const { image } = await readPng(fixtureBytes('go-testdata/invalid-palette.png'));
    expect(image.at(15, 15)).toEqual(new RGBA(0, 0, 0, 0xff));
  });

  test('TestGray8Transparent: grey with tRNS decodes to NRGBA with the key transparent', async () => {
    const m = (
      await readPng(
        new Uint8Array([
          0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x0f, 0x00, 0x00, 0x00, 0x0b,
          0x08, 0x00, 0x00, 0x00, 0x00, 0x85, 0x2c, 0x88, 0x80, 0x00, 0x00, 0x00, 0x02, 0x74, 0x52, 0x4e, 0x53, 0x00, 0xff, 0x5b, 0x91, 0x22, 0xb5, 0x00,
          0x00, 0x00, 0x02, 0x62, 0x4b, 0x47, 0x44, 0x00, 0xff, 0x87, 0x8f, 0xcc, 0xbf, 0x00, 0x00, 0x00, 0x09, 0x70, 0x48, 0x59, 0x73, 0x00, 0x00, 0x0a,
          0xf0, 0x00, 0x00, 0x0a, 0xf0, 0x01, 0x42, 0xac, 0x34, 0x98, 0x00, 0x00, 0x00, 0x07, 0x74, 0x49, 0x4d, 0x45, 0x07, 0xd5, 0x04, 0x02, 0x12, 0x11,
          0x11, 0xf7, 0x65, 0x3d, 0x8b, 0x00, 0x00, 0x00, 0x4f, 0x49, 0x44, 0x41, 0x54, 0x08, 0xd7, 0x63, 0xf8, 0xff, 0xff, 0xff, 0xb9, 0xbd, 0x70, 0xf0,
          0x8c, 0x01, 0xc8, 0xaf, 0x6e, 0x99, 0x02, 0x05, 0xd9, 0x7b, 0xc1, 0xfc, 0x6b, 0xff, 0xa1, 0xa0, 0x87, 0x30, 0xff, 0xd9, 0xde, 0xbd, 0xd5, 0x4b,
          0xf7, 0xee, 0xfd, 0x0e, 0xe3, 0xef, 0xcd, 0x06, 0x19, 0x14, 0xf5, 0x1e, 0xce, 0xef, 0x01, 0x31, 0x92, 0xd7, 0x82, 0x41, 0x31, 0x9c, 0x3f, 0x07,
          0x02, 0xee, 0xa1, 0xaa, 0xff, 0xff, 0x9f, 0xe1, 0xd9, 0x56, 0x30, 0xf8, 0x0e, 0xe5, 0x03, 0x00, 0xa9, 0x42, 0x84, 0x3d, 0xdf, 0x8f, 0xa6, 0x8f,
          0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
        ]),
      )
    ).image;
    expect(m.kind).toBe('nrgba');
    const hex = '0123456789abcdef';
    let got = '';
    const b = m.bounds();
    for (let y = b.min.y; y < b.max.y; y++) {
      for (let x = b.min.x; x < b.max.x; x++) {
        const [r, , , a] = m.at(x, y).rgba();
        got += a !== 0 ? hex[0x0f & (r >> 12)] + hex[0x0f & (r >> 8)] + ' ' : '.. ';
      }
      got += '\n';
    }
    expect(got).toBe(
      '.. .. .. ce bd bd bd bd bd bd bd bd bd bd e6 \n' +
        '.. .. .. 7b 84 94 94 94 94 94 94 94 94 6b bd \n' +
        '.. .. .. 7b d6 .. .. .. .. .. .. .. .. 8c bd \n' +
        '.. .. .. 7b d6 .. .. .. .. .. .. .. .. 8c bd \n' +
        '.. .. .. 7b d6 .. .. .. .. .. .. .. .. 8c bd \n' +
        'e6 bd bd 7b a5 bd bd f7 .. .. .. .. .. 8c bd \n' +
        'bd 6b 94 94 94 94 5a ef .. .. .. .. .. 8c bd \n' +
        'bd 8c .. .. .. .. 63 ad ad ad ad ad ad 73 bd \n' +
        'bd 8c .. .. .. .. 63 9c 9c 9c 9c 9c 9c 9c de \n' +
        'bd 6b 94 94 94 94 5a ef .. .. .. .. .. .. .. \n' +
        'e6 b5 b5 b5 b5 b5 b5 f7 .. .. .. .. .. .. .. \n',
    );
  });

  test('TestDimensionOverflow: huge claims are reported by readPngInfo and refused by readPng', async () => {
    const idat = goBytes(
      '\x00\x00\x00\x15IDAT\x78\x9c\x62\x62\x20\x12\x8c\x2a\xa4\xb3\x42\x40\x00\x00\x00\xff\xff\x13\x38\x00\x15\x2d\xef\x5f\x0f' + '\x00\x00\x00\x00IEND\xae\x42\x60\x82',
    );
    const unlimited = { maxPixels: Infinity, maxWidth: Infinity, maxHeight: Infinity };
    for (const [w, h] of [
      [0x7ffffffe, 0x7ffffffe],
      [0xb504, 0xb504],
      [0x04000000, 1],
      [0x08000000, 1],
    ]) {
      const png = cat(goBytes(HEADER), ihdr(w, h, 8, 6), idat);
      const info = await readPngInfo(png, { limits: unlimited });
      expect([info.header.width, info.header.height]).toEqual([w, h]);
      // The default limits refuse each claim; with no limits, 21 bytes of IDAT cannot fill the
      // image. Either way nothing is allocated.
      expect(await rejection(readPng(png))).toBeInstanceOf(LimitError);
      expect(await rejection(readPngInfo(png))).toBeInstanceOf(LimitError);
      const e = await rejection(readPng(png, { limits: unlimited }));
      expect(e).toBeInstanceOf(FormatError);
      expect(e.message).toMatch(/not enough pixel data: 21 bytes of IDAT can inflate to at most 21672/);
    }
  });

  test('TestInterlaced: the interlaced file decodes to the same image', async () => {
    const a = await readPng(fixtureBytes('go-testdata/gray-gradient.png'));
    const b = await readPng(fixtureBytes('go-testdata/gray-gradient.interlaced.png'));
    expect(b.header.interlaced).toBe(true);
    expect(b.image.kind).toBe(a.image.kind);
    expect(firstDifference(b.image.pix, a.image.pix)).toBe('');
  });
});

describe('limits and decompression bombs', () => {
  let saved = getAllocationLimits();
  afterEach(() => {
    setAllocationLimits(saved);
  });

  /** A ~1 KB file claiming 20000x20000 grey: IHDR, a 1000-byte IDAT, IEND. */
  function claim20000(): Uint8Array {
    const junk = new Uint8Array(1000).fill(0x55);
    return cat(goBytes(HEADER), ihdr(20000, 20000, 8, 0), chunk('IDAT', junk), chunk('IEND'));
  }

  test('a 1 KB file claiming 20000x20000 is refused with LimitError, allocating nothing', async () => {
    const png = claim20000();
    expect(png.length).toBeLessThan(1100);
    const before = process.memoryUsage().arrayBuffers;
    const e = await rejection(readPng(png));
    expect(e).toBeInstanceOf(LimitError);
    expect(e.message).toMatch(/png image of 20000x20000 = 400000000 pixels exceeds limits.maxPixels = 67108864 \(IHDR at byte 8\)/);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(1 << 20);
  });

  test('with the limits raised, the same file is refused before allocation: 1000 bytes cannot inflate to 400 MB', async () => {
    saved = setAllocationLimits({ maxPixels: 1e9 });
    const before = process.memoryUsage().arrayBuffers;
    const e = await rejection(readPng(claim20000(), { limits: { maxPixels: 1e9 } }));
    expect(e).toBeInstanceOf(FormatError);
    expect(e.message).toMatch(/not enough pixel data: 1000 bytes of IDAT can inflate to at most 1032000/);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(1 << 20);
  });

  /**
   * A hand-made deflate stream: a literal 0, then `matches` copies of (length 258, distance 1),
   * in fixed-Huffman blocks. Each match costs 13 bits (code 285 is 8 bits, distance code 0 is 5),
   * so it inflates about 158 times larger than itself.
   */
  function bombStream(matches: number): Uint8Array {
    const out: number[] = [0x78, 0x01];
    let acc = 0;
    let n = 0;
    const bits = (v: number, k: number): void => {
      acc |= v << n;
      n += k;
      while (n >= 8) {
        out.push(acc & 0xff);
        acc >>>= 8;
        n -= 8;
      }
    };
    // Huffman codes are sent most significant bit first.
    const huff = (code: number, len: number): void => {
      for (let i = len - 1; i >= 0; i--) bits((code >> i) & 1, 1);
    };
    bits(1, 1); // BFINAL
    bits(1, 2); // BTYPE 01, fixed Huffman
    huff(0x30, 8); // literal 0
    for (let i = 0; i < matches; i++) {
      huff(0xc5, 8); // length code 285 (258), fixed code 11000101
      huff(0, 5); // distance code 0 (distance 1)
    }
    huff(0, 7); // end of block
    if (n > 0) out.push(acc & 0xff);
    out.push(0, 0, 0, 0); // Adler-32 (never reached)
    return new Uint8Array(out);
  }

  test('a tiny IDAT that inflates far past the image stops at the first byte too many', async () => {
    // 64x64 grey needs 64 × 65 = 4160 inflated bytes; this stream holds 400,000 × 258 ≈ 103 MB.
    const z = bombStream(400_000);
    const png = cat(goBytes(HEADER), ihdr(64, 64, 8, 0), chunk('IDAT', z), chunk('IEND'));
    // Fed as a stream, counting what the decoder pulls: it must stop long before the end.
    let pulled = 0;
    let i = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (i >= png.length) return c.close();
        const piece = png.slice(i, i + 4096);
        i += piece.length;
        pulled += piece.length;
        c.enqueue(piece);
      },
    });
    const e = await rejection(readPng(stream));
    expect(e).toBeInstanceOf(FormatError);
    expect(e.message).toMatch(/too much pixel data: the image data inflates past the 4160 bytes that a 64x64 image needs/);
    expect(e.message).toMatch(/in chunk IDAT at byte \d+/);
    // The IDAT is ~650 KB; the decoder read at most one 256 KiB feed plus stream read-ahead.
    expect(pulled).toBeLessThan(z.length / 2);
  });

  test('maxWidth, maxHeight, maxPixels and maxBytes are enforced with named limits', async () => {
    const png = await encodePng(new GrayImage(rect(0, 0, 30, 20)));
    await expect(readPng(png, { limits: { maxWidth: 29 } })).rejects.toThrow(/width 30 exceeds limits.maxWidth = 29 \(IHDR at byte 8\)/);
    await expect(readPng(png, { limits: { maxHeight: 19 } })).rejects.toThrow(/height 20 exceeds limits.maxHeight = 19/);
    await expect(readPng(png, { limits: { maxPixels: 599 } })).rejects.toThrow(/600 pixels exceeds limits.maxPixels = 599/);
    await expect(readPng(png, { limits: { maxBytes: png.length - 1 } })).rejects.toBeInstanceOf(LimitError);
    const stream = new Blob([png as Uint8Array<ArrayBuffer>]).stream();
    await expect(readPng(stream, { limits: { maxBytes: 50 } })).rejects.toThrow(/over limits.maxBytes = 50/);
    expect((await readPng(png, { limits: { maxWidth: 30, maxHeight: 20, maxPixels: 600, maxBytes: png.length } })).image.rect.dx()).toBe(30);
  });

  test('the allocation limit of lifetime/alloc applies too', async () => {
    const png = await encodePng(new GrayImage(rect(0, 0, 30, 20)));
    saved = setAllocationLimits({ maxPixels: 100 });
    await expect(readPng(png)).rejects.toBeInstanceOf(LimitError);
  });
});

describe('errors name the place', () => {
  test('a bad CRC names the chunk and offset', async () => {
    const png = (await encodePng(new GrayImage(rect(0, 0, 3, 3)))).slice();
    png[8 + 25 + 8] ^= 1; // the first byte of IDAT data (IHDR spans bytes 8 to 32)
    const e = await rejection(readPng(png));
    expect(e).toBeInstanceOf(FormatError);
    expect(e.message).toMatch(/^imago: png: invalid checksum: CRC-32 is 0x[0-9a-f]{8}, the file says 0x[0-9a-f]{8} in chunk IDAT at byte \d+$/);
  });

  test('bad signature, missing IEND, trailing bytes', async () => {
    const png = await encodePng(new GrayImage(rect(0, 0, 3, 3)));
    await expect(readPng(png.subarray(1))).rejects.toThrow(/not a PNG file: bad signature at byte 0/);
    await expect(readPng(png.subarray(0, png.length - 12))).rejects.toThrow(/unexpected end of file, expected a chunk header .* at byte \d+/);
    // Bytes after IEND are never read, as in Go.
    const { image } = await readPng(cat(png, new Uint8Array([1, 2, 3])));
    expect(image.rect.dx()).toBe(3);
  });

  test('bad filter type names the row', async () => {
    const raw = new Uint8Array([0, 1, 2, 3, 7, 4, 5, 6]); // rows of 3 grey pixels; the second filter byte is 7
    const png = cat(goBytes(HEADER), ihdr(3, 2, 8, 0), chunk('IDAT', await zlib(raw)), chunk('IEND'));
    await expect(readPng(png)).rejects.toThrow(/bad filter type 7 in row 1 in chunk IDAT at byte \d+/);
  });

  test('IHDR values outside the spec are FormatErrors (Go calls some of them UnsupportedError)', async () => {
    const idat = chunk('IDAT', await zlib(new Uint8Array(4)));
    for (const [depth, ct, msg] of [
      [8, 1, /invalid combination of bit depth 8 and colour type 1/],
      [3, 2, /invalid combination of bit depth 3 and colour type 2/],
      [16, 3, /invalid combination of bit depth 16 and colour type 3/],
    ] as const) {
      const png = cat(goBytes(HEADER), ihdr(1, 1, depth, ct), idat, chunk('IEND'));
      const e = await rejection(readPng(png));
      expect(e).toBeInstanceOf(FormatError);
      expect(e.message).toMatch(msg);
      expect(e.message).toMatch(/in chunk IHDR at byte 8/);
    }
    await expect(readPng(cat(goBytes(HEADER), ihdr(1, 1, 8, 0, 2), idat, chunk('IEND')))).rejects.toThrow(/unknown interlace method 2/);
    await expect(readPng(cat(goBytes(HEADER), ihdr(0, 5, 8, 0), idat, chunk('IEND')))).rejects.toThrow(/invalid dimensions 0x5/);
  });

  test('a failing input stream is a FormatError carrying the cause', async () => {
    const png = await encodePng(new GrayImage(rect(0, 0, 30, 20)));
    const boom = new Error('disk on fire');
    let sent = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent) return c.error(boom);
        c.enqueue(png.slice(0, 40));
        sent = true;
      },
    });
    const e = await rejection(readPng(stream));
    expect(e).toBeInstanceOf(FormatError);
    expect(e.message).toMatch(/the input stream failed at byte 40: disk on fire/);
    expect(e.cause).toBe(boom);
  });

  test('bad options and inputs are OptionErrors', async () => {
    await expect(readPng(42 as never)).rejects.toBeInstanceOf(OptionError);
    await expect(readPng(new Uint8Array(8), { limits: { maxPixels: -1 } })).rejects.toThrow(/limits.maxPixels must be a positive integer or Infinity/);
    await expect(readPng(new Uint8Array(8), { signal: {} as never })).rejects.toBeInstanceOf(OptionError);
  });
});

describe('abort', () => {
  test('an aborted signal rejects with AbortError and cancels the stream', async () => {
    const noise = new GrayImage(rect(0, 0, 500, 500));
    let x = 2463534242;
    for (let k = 0; k < noise.pix.length; k++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      noise.pix[k] = x & 0xff;
    }
    const png = await encodePng(noise);
    expect(png.length).toBeGreaterThan(100_000);
    const ac = new AbortController();
    let cancelled = false;
    let i = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (i === 2048) ac.abort(new Error('stop'));
        if (i >= png.length) return c.close();
        c.enqueue(png.slice(i, i + 1024));
        i += 1024;
      },
      cancel() {
        cancelled = true;
      },
    });
    const e = await rejection(readPng(stream, { signal: ac.signal }));
    expect(e).toBeInstanceOf(AbortError);
    expect(cancelled).toBe(true);
    await expect(readPng(png, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
  });
});

describe('metadata', () => {
  test('gAMA, pHYs, tEXt and iTXt from PngSuite', async () => {
    expect((await readPng(fixtureBytes('pngsuite/g03n0g16.png'))).metadata.gamma).toBe(0.35);
    expect((await readPng(fixtureBytes('pngsuite/cdun2c08.png'))).metadata.physical).toEqual({ x: 1000, y: 1000, unit: 'metre' });
    expect((await readPng(fixtureBytes('pngsuite/cdfn2c08.png'))).metadata.physical).toEqual({ x: 1, y: 4, unit: 'unknown' });
    const t = (await readPng(fixtureBytes('pngsuite/ct1n0g04.png'))).metadata.text;
    expect(t.map((x) => x.keyword)).toEqual(['Title', 'Author', 'Copyright', 'Description', 'Software', 'Disclaimer']);
    expect(t[0].text).toBe('PngSuite');
    const g = (await readPng(fixtureBytes('pngsuite/ctgn0g04.png'))).metadata.text;
    expect(g[0]).toEqual({ keyword: 'Title', text: 'PngSuite', language: 'el', translatedKeyword: 'Τίτλος' });
  });

  test('iCCP and sRGB, read before the image data by readPngInfo', async () => {
    const profile = new Uint8Array(3000).map((_, i) => i * 7);
    const iccp = cat(goBytes('my profile\x00\x00'), await zlib(profile));
    const png = cat(goBytes(HEADER), ihdr(1, 1, 8, 0), chunk('sRGB', [1]), chunk('iCCP', iccp), chunk('IDAT', await zlib(new Uint8Array(2))), chunk('IEND'));
    const info = await readPngInfo(png);
    expect(info.metadata.srgbIntent).toBe(1);
    expect(info.metadata.iccProfile!.name).toBe('my profile');
    expect(await inflateIccProfile(info.metadata.iccProfile!)).toEqual(profile);
    await expect(inflateIccProfile(info.metadata.iccProfile!, 100)).rejects.toBeInstanceOf(LimitError);
    // The profile bytes are an owned copy, not a view of the input.
    expect(info.metadata.iccProfile!.compressed.buffer).not.toBe(png.buffer);
  });

  test('readPngInfo stops at the first IDAT without reading it', async () => {
    const png = await encodePng(new GrayImage(rect(0, 0, 300, 300)));
    let pulled = 0;
    let i = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (i >= png.length) return c.close();
        c.enqueue(png.slice(i, i + 16));
        i += 16;
        pulled += 16;
      },
    });
    const info = await readPngInfo(stream);
    expect(info.layout).toBe('gray');
    expect(pulled).toBeLessThanOrEqual(64);
  });
});
