import { describe, expect, test } from 'vitest';
import { BufferImage, FormatError, ImagoError, PalettedImage, NRGBAModel, type Image } from '../../src/index.js';
import { decode, decodeConfig, pngjsCodec } from '../../src/codecs.js';
import { createRegistry } from '../../src/codec/registry.js';
import { corpus, corpusFiles, corpusText } from '../helpers/corpus.js';
import { pixHash, rgba64, rgba64Hash } from '../helpers/pixels.js';
import { parseSng } from '../helpers/sng.js';
import golden from '../fixtures/codecs/pngsuite-go.json' with { type: 'json' };

/**
 * PngSuite through the pngjs adapter. The references are independent of pngjs:
 * - Go's image/png (scripts/golden/codecs/main.go → test/fixtures/codecs/pngsuite-go.json): the
 *   type Go returns, and SHA-256 hashes of its pixel bytes and of every pixel's premultiplied colour;
 * - the hand-checked .sng dumps in pngsuite/golang-sng/, parsed by test/helpers/sng.ts.
 */

const GO_TYPE: Record<string, string> = {
  '*image.Gray': 'gray',
  '*image.Gray16': 'gray16',
  '*image.RGBA': 'rgba',
  '*image.RGBA64': 'rgba64',
  '*image.NRGBA': 'nrgba',
  '*image.NRGBA64': 'nrgba64',
  '*image.Paletted': 'paletted',
};

type Golden = { type: string; width: number; height: number; pix: string; rgba64: string; palette?: string[] };
const GOLDEN = golden as Record<string, Golden>;
const VALID = corpusFiles('pngsuite', /^[^x].*\.png$/);
const CORRUPT = corpusFiles('pngsuite', /^x.*\.png$/);

describe('PngSuite: every valid file decodes as Go decodes it', () => {
  test('the corpus has the expected files', () => {
    expect(VALID.length).toBe(162);
    expect(Object.keys(GOLDEN).sort()).toEqual(VALID);
  });

  test.each(VALID)('%s', async (name) => {
    const bytes = corpus(`pngsuite/${name}`);
    const g = GOLDEN[name];
    const img = await decode(bytes);
    const kind = (img as BufferImage).kind;
    expect(kind).toBe(GO_TYPE[g.type]);
    expect([img.bounds().dx(), img.bounds().dy()]).toEqual([g.width, g.height]);
    expect(rgba64Hash(img)).toBe(g.rgba64);
    if (img instanceof PalettedImage) {
      const pal = img.palette.colors.map((c) => {
        const n = NRGBAModel.convert(c) as unknown as { r: number; g: number; b: number; a: number };
        return [n.r, n.g, n.b, n.a].map((v) => v.toString(16).padStart(2, '0')).join('');
      });
      expect(pal).toEqual(g.palette);
    }
    // Byte-for-byte equal to Go's Pix (for Paletted: the indices).
    expect(pixHash(img as BufferImage)).toBe(g.pix);
    // decodeConfig promises the model decode returns (Go's TestDecode checks the same).
    const config = await decodeConfig(bytes);
    expect(config.format).toBe('png');
    expect(config.colorModel.name).toBe(img.colorModel().name);
    if (img instanceof PalettedImage) expect((config.colorModel as typeof img.palette).colors).toEqual(img.palette.colors);
  });
});

describe('PngSuite: pixels equal the golang-sng dumps', () => {
  const SNG = corpusFiles('pngsuite/golang-sng', /\.sng$/);
  test('there are 35 dumps', () => expect(SNG.length).toBe(35));

  test.each(SNG)('%s', async (name) => {
    const sng = parseSng(corpusText(`pngsuite/golang-sng/${name}`));
    const img: Image = await decode(corpus(`pngsuite/golang-sng/${name.replace(/\.sng$/, '.png')}`));
    expect([img.bounds().dx(), img.bounds().dy()]).toEqual([sng.width, sng.height]);
    const c = [0, 0, 0, 0];
    let bad = 0;
    for (let y = 0; y < sng.height; y++) {
      for (let x = 0; x < sng.width; x++) {
        rgba64(img, x, y, c);
        if (c.join() !== sng.pixels[y * sng.width + x].rgba().join()) bad++;
      }
    }
    expect(bad).toBe(0);
  });
});

describe('PngSuite: the 14 corrupt files give FormatError', () => {
  test('there are 14', () => expect(CORRUPT.length).toBe(14));

  test.each(CORRUPT)('%s', async (name) => {
    const bytes = corpus(`pngsuite/${name}`);
    const err = await decode(bytes).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(FormatError);
    expect((err as ImagoError).code).toBe('ERR_FORMAT');
    expect((err as Error).message).toMatch(/imago: /);
  });

  // The header-level damage is caught by decodeConfig too; only a bad IDAT CRC (xcsn0g01) and a
  // missing IDAT (xdtn0g01) need the whole file.
  test.each(CORRUPT.filter((n) => n !== 'xcsn0g01.png' && n !== 'xdtn0g01.png'))('decodeConfig %s', async (name) => {
    await expect(decodeConfig(corpus(`pngsuite/${name}`))).rejects.toBeInstanceOf(FormatError);
  });

  test('messages say what and where', async () => {
    // The default registry decodes PNG with imago's own codec (spec/png.md has its messages).
    await expect(decode(corpus('pngsuite/xcsn0g01.png'))).rejects.toThrow(/invalid checksum: .* in chunk IDAT at byte \d+/);
    await expect(decode(corpus('pngsuite/xhdn0g08.png'))).rejects.toThrow(/invalid checksum: .* in chunk IHDR at byte 29/);
    await expect(decode(corpus('pngsuite/xd3n2c08.png'))).rejects.toThrow(/bit depth 3/);
    await expect(decode(corpus('pngsuite/xdtn0g01.png'))).rejects.toThrow(/chunk out of order in chunk IEND at byte \d+/);
    // The pngjs adapter, still available by name, words them its own way.
    const viaPngjs = createRegistry([pngjsCodec]);
    await expect(viaPngjs.decode(corpus('pngsuite/xcsn0g01.png'))).rejects.toThrow(/chunk IDAT at offset \d+ has a bad CRC/);
    await expect(viaPngjs.decode(corpus('pngsuite/xhdn0g08.png'))).rejects.toThrow(/chunk IHDR at offset 8 has a bad CRC/);
    await expect(viaPngjs.decode(corpus('pngsuite/xdtn0g01.png'))).rejects.toThrow(/without any IDAT/);
    await expect(decode(corpus('pngsuite/xs2n0g01.png'))).rejects.toThrow(/unknown image format.*89 51 4e 47/);
  });
});
