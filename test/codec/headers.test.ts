import { describe, expect, test } from 'vitest';
import { FormatError, GrayModel, LimitError, RGBAModel, UnsupportedError } from '../../src/index.js';
import {
  decode as decodeWith,
  decodeConfig as decodeConfigWith,
  jpegjsCodec,
  pngCodec,
  pngjsCodec,
  type WithRegistry,
} from '../../src/codecs.js';
import { createRegistry, type DecodeCallOptions } from '../../src/codec/registry.js';

/**
 * The JPEG cases here are about the jpeg-js adapter's header reading, which the default registry
 * reaches only by name (its 'jpeg' is imago's own codec, tested in test/codec/jpeg/): decode
 * through imago's PNG codec and the jpeg-js adapter.
 */
const viaJpegjs = createRegistry([pngCodec, jpegjsCodec]);
const decode = (b: Uint8Array, o: DecodeCallOptions & WithRegistry = {}) => decodeWith(b, { registry: viaJpegjs, ...o });
const decodeConfig = (b: Uint8Array, o: DecodeCallOptions & WithRegistry = {}) => decodeConfigWith(b, { registry: viaJpegjs, ...o });
import { corpus } from '../helpers/corpus.js';

/** A JPEG segment: FF marker, then a length that counts itself, then the body. */
const seg = (marker: number, body: number[]) => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
const SOI = [0xff, 0xd8];
const EOI = [0xff, 0xd9];
/** SOF with the given marker, precision, size and components [id, hv, tq]. */
const sof = (m: number, w: number, h: number, comps: number[][], precision = 8) =>
  seg(m, [precision, h >> 8, h & 0xff, w >> 8, w & 0xff, comps.length, ...comps.flat()]);
const DQT0 = seg(0xdb, [0x00, ...new Array(64).fill(1)]);
/** A DHT with one code of length 1 for symbol 0, for table class/id `tcth`. */
const dht = (tcth: number) => seg(0xc4, [tcth, 1, ...new Array(15).fill(0), 0]);
const sos = (comps: number[][], ss = 0, se = 63, a = 0) => seg(0xda, [comps.length, ...comps.flat(), ss, se, a]);
const jpeg = (...parts: number[][]) => new Uint8Array(parts.flat());

describe('decodeConfig reads only the header', () => {
  test('a PNG declaring 10000x10000 with 100 MB of (absent) IDAT: header facts in microseconds, no pixels read', async () => {
    const real = corpus('pngsuite/basn6a08.png');
    const b = real.slice(0, 33 + 8); // signature + IHDR + the next chunk's length and type (IDAT)
    new DataView(b.buffer).setUint32(16, 10_000); // width
    new DataView(b.buffer).setUint32(20, 10_000); // height
    fixIHDRCrc(b);
    new DataView(b.buffer).setUint32(33, 100_000_000); // IDAT claims 100 MB
    const c = await decodeConfig(b, { limits: { maxPixels: Infinity } });
    expect([c.width, c.height, c.bitDepth]).toEqual([10_000, 10_000, 8]);
    await expect(decode(b, { limits: { maxPixels: Infinity } })).rejects.toThrow(/unexpected end of file, .* in chunk gAMA at byte 41/);
    // The pngjs adapter (by name) reads the same prefix the same way.
    const viaPngjs = createRegistry([pngjsCodec]);
    expect((await viaPngjs.decodeConfig(b, { limits: { maxPixels: Infinity } })).width).toBe(10_000);
    await expect(viaPngjs.decode(b, { limits: { maxPixels: Infinity } })).rejects.toThrow(/png is truncated at offset 33/);
  });

  test('a prefix of a real file is enough', async () => {
    const png = corpus('photos/skimage-astronaut.png');
    expect(await decodeConfig(png.subarray(0, 64))).toMatchObject({ format: 'png', width: 512, height: 512, colorModel: RGBAModel });
    const jpg = corpus('photos/lomiri-Kleiber_by_Lukas_Baubkus.jpg');
    const c = await decodeConfig(jpg.subarray(0, 64 * 1024));
    expect(c).toMatchObject({ format: 'jpeg', width: 6028, height: 3391, orientation: 1, colorModel: RGBAModel });
  });

  test('a JPEG header followed by garbage: decodeConfig never looks past the frame header', async () => {
    const b = jpeg(SOI, sof(0xc0, 9000, 11000, [[1, 0x11, 0]]), new Array(1000).fill(0x55));
    const c = await decodeConfig(b, { limits: { maxPixels: Infinity } });
    expect([c.width, c.height, c.colorModel]).toEqual([9000, 11000, GrayModel]);
  });
});

describe('JPEG structure errors name the feature and the offset', () => {
  const FRAME = sof(0xc0, 8, 8, [[1, 0x11, 0]]);
  const GOOD_TABLES = [DQT0, dht(0x00), dht(0x10)];
  const cases: Array<[string, Uint8Array, typeof FormatError | typeof UnsupportedError, RegExp]> = [
    ['no SOI', jpeg([0xff, 0xd9]), FormatError, /unknown image format/],
    ['no frame header', jpeg(SOI, DQT0, EOI), FormatError, /EOI at offset \d+ without a frame header/],
    ['a scan before the frame', jpeg(SOI, sos([[1, 0]]), EOI), FormatError, /scan \(SOS\) at offset 2 before any frame/],
    ['a segment past the end', jpeg(SOI, [0xff, 0xe1, 0x10, 0x00, 1, 2]), FormatError, /FFE1 at offset 2 .* runs past the end/],
    ['lossless', jpeg(SOI, sof(0xc3, 8, 8, [[1, 0x11, 0]])), UnsupportedError, /offset 2 uses lossless \(SOF3\)/],
    ['arithmetic', jpeg(SOI, sof(0xc9, 8, 8, [[1, 0x11, 0]])), UnsupportedError, /arithmetic coding, extended sequential \(SOF9\)/],
    ['hierarchical', jpeg(SOI, sof(0xc5, 8, 8, [[1, 0x11, 0]])), UnsupportedError, /hierarchical/],
    ['12-bit', jpeg(SOI, sof(0xc1, 8, 8, [[1, 0x11, 0]], 12)), UnsupportedError, /12-bit precision/],
    ['height 0 (DNL)', jpeg(SOI, sof(0xc0, 8, 0, [[1, 0x11, 0]])), UnsupportedError, /height 0.*DNL/],
    ['width 0', jpeg(SOI, sof(0xc0, 0, 8, [[1, 0x11, 0]])), FormatError, /width 0/],
    ['2 components', jpeg(SOI, sof(0xc0, 8, 8, [[1, 0x11, 0], [2, 0x11, 0]])), UnsupportedError, /2 components/],
    ['4 components without Adobe', jpeg(SOI, sof(0xc0, 8, 8, [[1, 0x11, 0], [2, 0x11, 0], [3, 0x11, 0], [4, 0x11, 0]])), UnsupportedError, /no Adobe APP14/],
    ['sampling 5x1', jpeg(SOI, sof(0xc0, 8, 8, [[1, 0x51, 0]])), FormatError, /sampling factors 5x1/],
    ['DAC (arithmetic tables)', jpeg(SOI, FRAME, seg(0xcc, [0, 0]), EOI), UnsupportedError, /arithmetic coding \(DAC marker at offset/],
    ['missing Huffman table', jpeg(SOI, DQT0, FRAME, dht(0x00), sos([[1, 0x00]]), [0], EOI), UnsupportedError, /Huffman table AC0, which the file does not define/],
    ['missing quantisation table', jpeg(SOI, FRAME, dht(0x00), dht(0x10), sos([[1, 0x00]]), [0], EOI), FormatError, /component 1 uses quantisation table 0, which no DQT/],
    ['a second frame', jpeg(SOI, ...GOOD_TABLES, FRAME, sos([[1, 0x00]]), [0], FRAME, EOI), UnsupportedError, /second frame header \(FFC0\) at offset/],
    ['a scan naming a missing component', jpeg(SOI, ...GOOD_TABLES, FRAME, sos([[7, 0x00]]), EOI), FormatError, /names component 7/],
  ];
  test.each(cases)('%s', async (_name, bytes, cls, message) => {
    const err = await decode(bytes).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(cls);
    expect((err as Error).message).toMatch(message);
  });

  test('progressive scans need only the tables they use', async () => {
    // A DC-first scan needs only the DC table; an AC scan only the AC table; refinements no DC table.
    const prog = sof(0xc2, 8, 8, [[1, 0x11, 0]]);
    const dcOnly = jpeg(SOI, DQT0, prog, dht(0x00), sos([[1, 0x00]], 0, 0, 0x00), [0], EOI);
    await expect(decode(dcOnly)).resolves.toBeDefined();
    const acWithoutTable = jpeg(SOI, DQT0, prog, dht(0x00), sos([[1, 0x00]], 0, 0, 0x00), [0], sos([[1, 0x00]], 1, 63, 0x00), [0], EOI);
    await expect(decode(acWithoutTable)).rejects.toThrow(/Huffman table AC0/);
  });

  test('the limits meet the SOF before the scans are read', async () => {
    const big = jpeg(SOI, sof(0xc0, 60000, 60000, [[1, 0x11, 0]]), sos([[1, 0]]));
    await expect(decode(big)).rejects.toBeInstanceOf(LimitError);
  });
});

function fixIHDRCrc(b: Uint8Array): void {
  let c = 0xffffffff;
  for (let i = 12; i < 29; i++) {
    c ^= b[i];
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  new DataView(b.buffer, b.byteOffset).setUint32(29, (c ^ 0xffffffff) >>> 0);
}
