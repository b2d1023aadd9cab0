import { describe, expect, test } from 'vitest';
import {
  AbortError,
  DEFAULT_LIMITS,
  FormatError,
  GrayImage,
  GrayModel,
  ImagoError,
  LimitError,
  OptionError,
  UnsupportedError,
  createRegistry,
  rect,
  type Codec,
  type DecodeOptions,
  type Image,
} from '../../src/index.js';
import { decode, decodeConfig, defaultCodecs, defaultRegistry, encode } from '../../src/codecs.js';

/** A fake codec: magic 'FAKE', header = 4 magic bytes + width + height (one byte each). */
function fakeCodec(name = 'fake', over: Partial<Codec> = {}): Codec & { decoded: number } {
  const c = {
    name,
    mime: 'image/x-fake',
    extensions: ['fake'],
    magic: ['FAKE'],
    decoded: 0,
    decodeConfig(bytes: Uint8Array) {
      return { format: name, width: bytes[4], height: bytes[5], colorModel: GrayModel };
    },
    decode(bytes: Uint8Array, _opts: DecodeOptions): Image {
      c.decoded++;
      return new GrayImage(rect(0, 0, bytes[4], bytes[5]));
    },
    ...over,
  };
  return c;
}
const FAKE = (w: number, h: number) => new Uint8Array([0x46, 0x41, 0x4b, 0x45, w, h]);

describe('createRegistry and register', () => {
  test('register returns false for a duplicate name and keeps the first', () => {
    const a = fakeCodec('x');
    const b = fakeCodec('x');
    const reg = createRegistry([a]);
    expect(reg.register(b)).toBe(false);
    expect(reg.get('x')).toBe(a);
    expect(reg.register(fakeCodec('y'))).toBe(true);
    expect(reg.codecs().map((c) => c.name)).toEqual(['x', 'y']);
  });

  test('createRegistry refuses duplicates outright', () => {
    expect(() => createRegistry([fakeCodec('x'), fakeCodec('x')])).toThrow(OptionError);
  });

  test('a malformed codec is an OptionError naming the problem', () => {
    const reg = createRegistry();
    expect(() => reg.register({ ...fakeCodec(), name: '' })).toThrow(/non-empty string name/);
    expect(() => reg.register({ ...fakeCodec(), magic: undefined })).toThrow(/magic prefixes or a sniff/);
    expect(() => reg.register({ ...fakeCodec(), magic: ['\u0100'] })).toThrow(/U\+0100/);
    expect(() => reg.register({ ...fakeCodec(), decode: undefined as never })).toThrow(/decode and decodeConfig/);
  });

  test('importing creates nothing: a new registry is empty, and the default one is read-only', () => {
    expect(createRegistry().codecs()).toEqual([]);
    expect(defaultRegistry.codecs()).toEqual([...defaultCodecs]);
    expect(defaultRegistry.readOnly).toBe(true);
    expect(() => defaultRegistry.register(fakeCodec())).toThrow(/read-only/);
  });
});

describe('sniffing', () => {
  test('magic with ? wildcards, as Go', () => {
    const reg = createRegistry([fakeCodec('riff', { magic: ['RIFF????WEBP'] })]);
    expect(reg.sniff(new TextEncoder().encode('RIFF\x01\x02\x03\x04WEBPVP8 '))?.name).toBe('riff');
    expect(reg.sniff(new TextEncoder().encode('RIFF\x01\x02\x03\x04WAVE'))).toBeUndefined();
    expect(reg.sniff(new TextEncoder().encode('RIFF'))).toBeUndefined(); // shorter than the magic
  });

  test('Uint8Array magic matches exactly, and sniff functions are consulted', () => {
    const reg = createRegistry([
      fakeCodec('bytes', { magic: [new Uint8Array([0x3f, 0x00])] }), // a literal '?'
      fakeCodec('fn', { magic: undefined, sniff: (b: Uint8Array) => b[0] === 0x42 }),
    ]);
    expect(reg.sniff(new Uint8Array([0x3f, 0x00]))?.name).toBe('bytes');
    expect(reg.sniff(new Uint8Array([0x41, 0x00]))).toBeUndefined();
    expect(reg.sniff(new Uint8Array([0x42]))?.name).toBe('fn');
  });

  test('the first registered codec wins a magic both claim; a throwing sniff is a non-match', () => {
    const reg = createRegistry([
      fakeCodec('broken', { magic: undefined, sniff: () => { throw new Error('boom'); } }),
      fakeCodec('first'),
      fakeCodec('second'),
    ]);
    expect(reg.sniff(FAKE(1, 1))?.name).toBe('first');
  });

  test('detection never looks at names: PNG bytes are PNG whatever the caller thinks', async () => {
    const png = await encode(new GrayImage(rect(0, 0, 2, 2)), 'png');
    expect((await decodeConfig(png)).format).toBe('png');
    const reg = createRegistry([fakeCodec()]);
    await expect(reg.decode(png)).rejects.toThrow(/unknown image format: no registered codec \(fake\) recognises the first bytes 89 50 4e 47/);
  });

  test('unknown bytes are a FormatError', async () => {
    await expect(decode(new Uint8Array([1, 2, 3]))).rejects.toBeInstanceOf(FormatError);
    await expect(decode(new Uint8Array(0))).rejects.toThrow(/\(empty\)/);
  });
});

describe('decode through a registry', () => {
  test('decodes, checks the header against the limits first, and accepts ArrayBuffer', async () => {
    const c = fakeCodec();
    const reg = createRegistry([c]);
    const img = await reg.decode(FAKE(3, 2).buffer as ArrayBuffer);
    expect(img.bounds().eq(rect(0, 0, 3, 2))).toBe(true);
    await expect(reg.decode(FAKE(200, 200), { limits: { maxPixels: 100 } })).rejects.toBeInstanceOf(LimitError);
    expect(c.decoded).toBe(1); // the over-limit image never reached decode
  });

  test('limits: default, per registry, per call', async () => {
    const reg = createRegistry([fakeCodec()], { limits: { maxWidth: 10 } });
    expect(reg.limits).toEqual({ ...DEFAULT_LIMITS, maxWidth: 10 });
    await expect(reg.decode(FAKE(11, 1))).rejects.toThrow(/width 11 exceeds limits.maxWidth = 10/);
    await expect(reg.decode(FAKE(11, 1), { limits: { maxWidth: 20 } })).resolves.toBeDefined();
    await expect(reg.decode(FAKE(5, 9), { limits: { maxHeight: 8 } })).rejects.toThrow(/height 9 exceeds limits.maxHeight = 8/);
    await expect(reg.decode(FAKE(5, 5), { limits: { maxBytes: 5 } })).rejects.toThrow(/6 bytes exceeds limits.maxBytes = 5/);
    await expect(reg.decode(FAKE(5, 5), { limits: { maxPixels: Infinity } })).resolves.toBeDefined();
  });

  test('bad limits and options are OptionErrors naming the option', async () => {
    const reg = createRegistry([fakeCodec()]);
    await expect(reg.decode(FAKE(1, 1), { limits: { maxPixels: -1 } })).rejects.toThrow(/limits.maxPixels must be a positive integer/);
    await expect(reg.decode(FAKE(1, 1), { limits: { maxPixel: 5 } as never })).rejects.toThrow(/limits.maxPixel is not a limit/);
    await expect(reg.decode(FAKE(1, 1), { autoOrient: 'yes' as never })).rejects.toThrow(/autoOrient must be a boolean/);
    await expect(reg.decode('not bytes' as never)).rejects.toBeInstanceOf(OptionError);
    expect(() => createRegistry([], { limits: { maxBytes: 1.5 } })).toThrow(/maxBytes/);
  });

  test('a codec that throws something else is wrapped, with the original as cause', async () => {
    const boom = new TypeError('x is undefined');
    const reg = createRegistry([fakeCodec('f', { decode: () => { throw boom; } })]);
    const err = await reg.decode(FAKE(1, 1)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FormatError);
    expect((err as Error).cause).toBe(boom);
    expect((err as Error).message).toMatch(/f decode failed: x is undefined/);
    // A failed allocation is a LimitError.
    const oom = createRegistry([fakeCodec('g', { decode: () => { throw new RangeError('Array buffer allocation failed'); } })]);
    await expect(oom.decode(FAKE(1, 1))).rejects.toBeInstanceOf(LimitError);
    // An ImagoError passes through untouched.
    const own = new UnsupportedError('imago: nope');
    const pass = createRegistry([fakeCodec('h', { decodeConfig: () => { throw own; } })]);
    await expect(pass.decode(FAKE(1, 1))).rejects.toBe(own);
  });

  test('a decoder whose image disagrees with its header is a FormatError', async () => {
    const reg = createRegistry([fakeCodec('f', { decode: () => new GrayImage(rect(0, 0, 1, 1)) })]);
    await expect(reg.decode(FAKE(2, 2))).rejects.toThrow(/decoded a 1x1 image, but its header declares 2x2/);
  });

  test('an aborted signal rejects with AbortError before any work', async () => {
    const c = fakeCodec();
    const reg = createRegistry([c]);
    const ctl = new AbortController();
    ctl.abort(new Error('user left'));
    const err = await reg.decode(FAKE(1, 1), { signal: ctl.signal }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    expect((err as ImagoError).code).toBe('ERR_ABORTED');
    expect(c.decoded).toBe(0);
  });

  test('codec options pass through untouched, with the resolved limits', async () => {
    let seen: DecodeOptions | undefined;
    const reg = createRegistry([fakeCodec('f', { decodeConfig: (b: Uint8Array, o: DecodeOptions) => { seen = o; return { format: 'f', width: b[4], height: b[5], colorModel: GrayModel }; } })]);
    await reg.decodeConfig(FAKE(1, 1), { fancy: 42, limits: { maxWidth: 7 } });
    expect(seen?.fancy).toBe(42);
    expect(seen?.limits).toEqual({ ...DEFAULT_LIMITS, maxWidth: 7 });
    expect('autoOrient' in (seen ?? {})).toBe(false);
  });
});

describe('encode through a registry', () => {
  test('looks a codec up by name, MIME type or extension', async () => {
    const img = new GrayImage(rect(0, 0, 1, 1));
    for (const f of ['png', 'PNG', 'image/png', '.png', 'pngjs']) expect((await encode(img, f))[1]).toBe(0x50);
    for (const f of ['jpeg', 'jpg', 'image/jpeg']) expect((await encode(img, f))[0]).toBe(0xff);
  });

  test('an unknown format or a decode-only codec is an UnsupportedError; a bad argument an OptionError', async () => {
    const img = new GrayImage(rect(0, 0, 1, 1));
    await expect(encode(img, 'webp')).rejects.toThrow(/no registered codec encodes "webp" \(registered: png, jpeg, jpeg-js, pngjs\)/);
    await expect(createRegistry([fakeCodec()]).encode(img, 'fake')).rejects.toThrow(/decodes only/);
    await expect(encode(img, '')).rejects.toBeInstanceOf(OptionError);
    await expect(encode({} as Image, 'png')).rejects.toBeInstanceOf(OptionError);
  });
});

describe('limits are checked from the header, in microseconds', () => {
  /** A 34-byte PNG prefix: signature + IHDR claiming 65535x65535 (valid CRC), nothing else. */
  function hugePngHeader(): Uint8Array {
    const b = new Uint8Array(33 + 1);
    b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    b.set([0, 0, 0xff, 0xff, 0, 0, 0xff, 0xff, 8, 6, 0, 0, 0], 16);
    let c = 0xffffffff;
    for (let i = 12; i < 29; i++) {
      c ^= b[i];
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    c = (c ^ 0xffffffff) >>> 0;
    b.set([c >>> 24, (c >>> 16) & 0xff, (c >>> 8) & 0xff, c & 0xff], 29);
    return b;
  }

  test('a 34-byte PNG claiming 65535x65535 is a LimitError from decode and decodeConfig', async () => {
    const b = hugePngHeader();
    expect(b.length).toBe(34);
    await expect(decode(b)).rejects.toThrow(/65535x65535 = 4294836225 pixels exceeds limits.maxPixels = 67108864/);
    await expect(decodeConfig(b)).rejects.toBeInstanceOf(LimitError);
    const t0 = performance.now();
    for (let i = 0; i < 100; i++) await decode(b).catch(() => undefined);
    // Not a benchmark, a sanity bound: 100 refusals well under a second means nothing was allocated.
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  test('a JPEG SOF claiming 65535x65535 is refused the same way', async () => {
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xc0, 0, 11, 8, 0xff, 0xff, 0xff, 0xff, 1, 1, 0x11, 0]);
    await expect(decode(jpeg)).rejects.toBeInstanceOf(LimitError);
    await expect(decodeConfig(jpeg)).rejects.toThrow(/jpeg image of 65535x65535/);
  });
});
