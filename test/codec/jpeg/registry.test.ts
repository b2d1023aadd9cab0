import { describe, expect, test } from 'vitest';
import { FormatError, GrayImage, YCbCrImage, rect } from '../../../src/index.js';
import { decode, decodeConfig, defaultCodecs, defaultRegistry, encode, jpegCodec, jpegjsByName, jpegjsCodec } from '../../../src/codecs.js';
import { decodeJpeg, encodeJpeg } from '../../../src/codec/jpeg/index.js';
import { readFixtureFile } from './helpers.js';

describe('the default registry prefers imago’s JPEG codec and keeps jpeg-js by name', () => {
  test('order and names', () => {
    expect(defaultCodecs.map((c) => c.name)).toEqual(['png', 'jpeg', 'jpeg-js', 'pngjs']);
    expect(defaultRegistry.sniff(readFixtureFile('gotestdata/video-001.jpeg'))).toBe(jpegCodec);
    expect(defaultRegistry.get('jpeg')).toBe(jpegCodec);
    expect(defaultRegistry.get('jpeg-js')).toBe(jpegjsByName);
    expect(jpegjsByName.decode).toBe(jpegjsCodec.decode);
  });

  test('decode gives Go’s type and samples; decodeConfig the JPEG config', async () => {
    const bytes = readFixtureFile('gotestdata/video-001.q50.420.jpeg');
    const img = (await decode(bytes)) as YCbCrImage;
    expect(img).toBeInstanceOf(YCbCrImage);
    expect(img.y).toEqual((decodeJpeg(bytes) as YCbCrImage).y);
    expect(await decodeConfig(bytes)).toMatchObject({ format: 'jpeg', width: 150, height: 103, subsampleRatio: '420' });
  });

  test('the scale option goes through the registry', async () => {
    const bytes = readFixtureFile('photos/lomiri-Kleiber_by_Lukas_Baubkus.jpg');
    const img = await decode(bytes, { scale: 1 / 8 });
    expect([img.bounds().dx(), img.bounds().dy()]).toEqual([754, 424]);
  });

  test('autoOrient with a scaled decode turns the small image upright', async () => {
    const bytes = readFixtureFile('jpeg/exif-orientation/Landscape_6.jpg'); // stored 1200x1800
    const img = await decode(bytes, { scale: 1 / 8, autoOrient: true });
    expect([img.bounds().dx(), img.bounds().dy()]).toEqual([225, 150]);
  });

  test('a codec that returns another size is still refused', async () => {
    const liar = { ...jpegCodec, name: 'liar', decode: () => decodeJpeg(readFixtureFile('gotestdata/video-001.q50.420.jpeg'), { scale: 1 / 2 }) };
    const { createRegistry } = await import('../../../src/index.js');
    const reg = createRegistry([liar]);
    await expect(reg.decode(readFixtureFile('gotestdata/video-001.jpeg'))).rejects.toBeInstanceOf(FormatError);
    await expect(reg.decode(readFixtureFile('gotestdata/video-001.jpeg'), { scale: 1 / 4 })).rejects.toBeInstanceOf(FormatError);
    expect((await reg.decode(readFixtureFile('gotestdata/video-001.jpeg'), { scale: 1 / 2 })).bounds().dx()).toBe(75);
  });

  test("encode 'jpeg' / 'jpg' / 'image/jpeg' is imago's encoder; 'jpeg-js' is the adapter", async () => {
    const g = new GrayImage(rect(0, 0, 30, 20));
    g.pix.forEach((_, i, a) => (a[i] = (i * 5) & 0xff));
    const ours = encodeJpeg(g, { quality: 80 });
    for (const f of ['jpeg', 'jpg', 'image/jpeg']) expect(await encode(g, f, { quality: 80 })).toEqual(ours);
    const js = await encode(g, 'jpeg-js', { quality: 80 });
    expect(js).not.toEqual(ours);
    expect((await decode(js)).bounds().dx()).toBe(30); // jpeg-js writes 3 components, even for grey
  });
});
