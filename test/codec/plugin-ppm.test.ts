import { describe, expect, test } from 'vitest';
import { FormatError, GrayImage, LimitError, RGBA64Image, RGBAImage, createRegistry, rect } from '../../src/index.js';
import { decode, defaultCodecs, encode } from '../../src/codecs.js';
import { corpus } from '../helpers/corpus.js';
import { sameColours } from '../helpers/pixels.js';
import { ppmCodec } from './ppm-codec.js';

const registry = createRegistry([...defaultCodecs, ppmCodec]);
const bytes = (s: string, raster: number[]) => new Uint8Array([...new TextEncoder().encode(s), ...raster]);

describe('a third-party codec (binary PPM/PGM) added through the public API', () => {
  test('it plugs in beside PNG and JPEG and is found by sniffing', async () => {
    const ppm = bytes('P6\n# a comment\n2 1\n255\n', [255, 0, 0, 0, 0, 255]);
    expect(registry.sniff(ppm)).toBe(ppmCodec);
    const img = await decode(ppm, { registry });
    expect(img).toBeInstanceOf(RGBAImage);
    expect((img as RGBAImage).pix).toEqual(new Uint8Array([255, 0, 0, 255, 0, 0, 255, 255]));
    const config = await registry.decodeConfig(ppm);
    expect(config).toMatchObject({ format: 'ppm', width: 2, height: 1, bitDepth: 8 });
  });

  test('16-bit samples and a maxval other than 255 are read', async () => {
    const pgm16 = await registry.decode(bytes('P5 1 1 65535\n', [0x12, 0x34]));
    expect((pgm16 as GrayImage).pix).toEqual(new Uint8Array([0x12, 0x34]));
    const ppm16 = await registry.decode(bytes('P6 1 1 1000\n', [0x03, 0xe8, 0, 0, 0x01, 0xf4]));
    expect(ppm16).toBeInstanceOf(RGBA64Image);
    expect((ppm16 as RGBA64Image).rgba64At(0, 0)).toEqual({ r: 0xffff, g: 0, b: Math.round((500 * 65535) / 1000), a: 0xffff });
    const pgm = await registry.decode(bytes('P5 1 1 15\n', [15]));
    expect((pgm as GrayImage).pix[0]).toBe(255);
  });

  test("the registry's limits reach the plugin, before it allocates", async () => {
    const huge = bytes('P6 65535 65535 255\n', []);
    await expect(registry.decode(huge)).rejects.toBeInstanceOf(LimitError);
    await expect(registry.decodeConfig(bytes('P5 10 10 255\n', []), { limits: { maxPixels: 99 } })).rejects.toThrow(/ppm image of 10x10 = 100 pixels/);
  });

  test('bad files are FormatErrors that say where', async () => {
    await expect(registry.decode(bytes('P6 2 2 255\n', [1, 2, 3]))).rejects.toThrow(/raster at offset 11 has 3 bytes, 2x2 needs 12/);
    await expect(registry.decode(bytes('P5 x', []))).rejects.toThrow(/decimal number at offset 3/);
    await expect(registry.decode(bytes('P5 1 1 9\n', [10]))).rejects.toBeInstanceOf(FormatError);
  });

  test('PNG → PPM → PNG keeps every pixel of an opaque photo', async () => {
    const png = await decode(corpus('photos/skimage-coffee.png'));
    const ppm = await encode(png, 'ppm', { registry });
    expect(new TextDecoder().decode(ppm.subarray(0, 2))).toBe('P6');
    const back = await decode(await encode(await decode(ppm, { registry }), 'png'));
    expect(sameColours(back, png)).toBe(true);
  });

  test('encode by extension and round trip a grey image', async () => {
    const g = new GrayImage(rect(3, 4, 6, 6));
    for (let i = 0; i < g.pix.length; i++) g.pix[i] = i * 40;
    const out = await registry.encode(g, 'pgm');
    const back = await registry.decode(out);
    expect(sameColours(back, g)).toBe(true);
  });
});
