/**
 * The pipeline's order of stages, limits, abort points and memory discipline, with instrumented
 * stages (the real registry, resize and orient are bound in src/pipeline/thumbnail.ts).
 */
import { describe, expect, test } from 'vitest';
import type { Codec, ImageConfig, Limits } from '../../src/codec/codec.js';
import { RGBAModel } from '../../src/color/models.js';
import { AbortError, FormatError, LimitError, OptionError } from '../../src/errors.js';
import { rect } from '../../src/geom/rectangle.js';
import type { Image } from '../../src/image/image.js';
import { RGBAImage } from '../../src/image/rgba-image.js';
import { checkThumbnailOptions, type ThumbnailOptions } from '../../src/pipeline/options.js';
import { prepareThumbnailWith, thumbnailWith, UnknownFormatError, type ThumbnailSteps } from '../../src/pipeline/run.js';
import { forceGC } from '../helpers/gc.js';

const LIMITS: Limits = { maxPixels: 2 ** 26, maxWidth: 65535, maxHeight: 65535, maxBytes: 2 ** 28 };
const codec = (name: string): Codec => ({
  name,
  mime: `image/${name}`,
  extensions: [name],
  magic: [name.toUpperCase()],
  decodeConfig: () => ({ format: name, width: 0, height: 0, colorModel: RGBAModel }),
  decode: () => new RGBAImage(rect(0, 0, 1, 1)),
  encode: () => new Uint8Array(0),
});
const JPEG = codec('jpeg');
const PNG = codec('png');

interface Log {
  stages: string[];
  decodeScale?: number;
  resizeBox?: unknown;
  refs: Record<string, WeakRef<object>>;
  /** What was still alive when each stage started (names of refs not yet collected). */
  aliveAt: Record<string, string[]>;
}

/**
 * Steps over a fake header: decode makes an RGBAImage of the (scaled) size, resize one of the
 * box, orient a transposed or same-size copy. With `gcBetween`, each stage first forces GC and
 * records which earlier images are still alive.
 */
function fakeSteps(header: Partial<ImageConfig> & { width: number; height: number }, opts: { gcBetween?: boolean; abortAt?: [string, AbortController] } = {}) {
  const log: Log = { stages: [], refs: {}, aliveAt: {} };
  const enter = async (stage: string) => {
    log.stages.push(stage);
    if (opts.abortAt && opts.abortAt[0] === stage) opts.abortAt[1].abort('stop');
    if (opts.gcBetween) {
      await forceGC();
      log.aliveAt[stage] = Object.entries(log.refs)
        .filter(([, r]) => r.deref() !== undefined)
        .map(([k]) => k);
    }
  };
  const steps: ThumbnailSteps = {
    sniff(bytes) {
      if (bytes[0] === 0x3c) return undefined; // '<': not an image
      return header.format === 'png' ? PNG : JPEG;
    },
    async readHeader(_codec, bytes, limits) {
      await enter('header');
      if (bytes.length > (limits?.maxBytes ?? LIMITS.maxBytes)) throw new LimitError('too many bytes');
      return { config: { format: 'jpeg', colorModel: RGBAModel, ...header }, limits: { ...LIMITS, ...limits } };
    },
    encoder(format, input) {
      log.stages.push('encoder');
      if (format === undefined) return input!;
      if (format === 'png') return PNG;
      if (format === 'jpeg') return JPEG;
      throw new FormatError(`no ${format}`);
    },
    async decode(_c, _b, o) {
      await enter('decode');
      log.decodeScale = o.scale;
      const img = new RGBAImage(rect(0, 0, Math.ceil(header.width * o.scale), Math.ceil(header.height * o.scale)));
      log.refs.source = new WeakRef(img);
      return img;
    },
    async resize(src, box) {
      await enter('resize');
      log.resizeBox = box;
      expect(src.bounds().dx()).toBeGreaterThan(0);
      const img = new RGBAImage(rect(0, 0, box.width, box.height));
      log.refs.resized = new WeakRef(img);
      return img;
    },
    async orient(img, o) {
      await enter('orient');
      const b = img.bounds();
      const out = o >= 5 ? new RGBAImage(rect(0, 0, b.dy(), b.dx())) : new RGBAImage(b);
      log.refs.oriented = new WeakRef(out);
      return out;
    },
    async encode(c, img, o) {
      await enter('encode');
      return new TextEncoder().encode(`${c.name} ${img.bounds().dx()}x${img.bounds().dy()} q${o.quality ?? '-'}`);
    },
  };
  return { steps, log };
}

const run = (steps: ThumbnailSteps, o: ThumbnailOptions, bytes = new Uint8Array(10)) => thumbnailWith(steps, bytes, checkThumbnailOptions(o));
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('thumbnail pipeline order', () => {
  test('header, output codec, decode, resize, encode; the result has the planned size', async () => {
    const { steps, log } = fakeSteps({ width: 6028, height: 3391 });
    expect(text(await run(steps, { width: 320, quality: 80 }))).toBe('jpeg 320x180 q80');
    expect(log.stages).toEqual(['header', 'encoder', 'decode', 'resize', 'encode']);
    expect(log.decodeScale).toBe(1 / 8);
  });

  test('orientation 6 resizes in the stored frame, then orients the small image', async () => {
    const { steps, log } = fakeSteps({ width: 4000, height: 3000, orientation: 6 });
    expect(text(await run(steps, { width: 300 }))).toBe('jpeg 300x400 q-');
    expect(log.stages).toEqual(['header', 'encoder', 'decode', 'resize', 'orient', 'encode']);
    expect(log.resizeBox).toEqual({ width: 400, height: 300, fit: 'fill', kernel: undefined });
  });

  test('autoOrient false keeps the stored frame', async () => {
    const { steps, log } = fakeSteps({ width: 4000, height: 3000, orientation: 6 });
    expect(text(await run(steps, { width: 300, autoOrient: false }))).toBe('jpeg 300x225 q-');
    expect(log.stages).not.toContain('orient');
  });

  test('shrinkOnLoad false decodes at full size', async () => {
    const { steps, log } = fakeSteps({ width: 4000, height: 3000 });
    await run(steps, { width: 300, shrinkOnLoad: false });
    expect(log.decodeScale).toBe(1);
  });

  test('the output format is resolved before decoding', async () => {
    const { steps, log } = fakeSteps({ width: 100, height: 100 });
    await expect(run(steps, { width: 10, format: 'webp' })).rejects.toBeInstanceOf(FormatError);
    expect(log.stages).toEqual(['header', 'encoder']);
    const png = fakeSteps({ width: 100, height: 100 });
    expect(text(await run(png.steps, { width: 10, format: 'png' }))).toBe('png 10x10 q-');
  });

  test('the kernel reaches resize', async () => {
    const { steps, log } = fakeSteps({ width: 100, height: 100 });
    await run(steps, { width: 10, kernel: 'lanczos3' });
    expect((log.resizeBox as { kernel: string }).kernel).toBe('lanczos3');
  });
});

describe('limits come first', () => {
  test('an output over maxPixels is refused after the header, before decoding', async () => {
    const { steps, log } = fakeSteps({ width: 100, height: 100 });
    const err = await run(steps, { width: 10000, height: 10000, fit: 'fill', limits: { maxPixels: 1_000_000 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LimitError);
    expect((err as Error).message).toMatch(/10000x10000 = 100000000 pixels exceeds limits.maxPixels = 1000000/);
    expect(log.stages).toEqual(['header', 'encoder']);
  });

  test('a header over the limits stops everything', async () => {
    const { steps, log } = fakeSteps({ width: 100, height: 100 });
    await expect(run(steps, { width: 10, limits: { maxBytes: 5 } })).rejects.toBeInstanceOf(LimitError);
    expect(log.stages).toEqual(['header']);
  });

  test('bytes no codec recognises are an UnknownFormatError (a FormatError), before the header', async () => {
    const { steps, log } = fakeSteps({ width: 100, height: 100 });
    const err = await run(steps, { width: 10 }, new TextEncoder().encode('<html>')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownFormatError);
    expect(err).toBeInstanceOf(FormatError);
    expect((err as Error).message).toMatch(/unknown image format.*3c 68 74 6d 6c 3e/);
    expect(log.stages).toEqual([]);
  });

  test('bad input type is an OptionError', async () => {
    const { steps } = fakeSteps({ width: 100, height: 100 });
    await expect(thumbnailWith(steps, 'bytes' as unknown as Uint8Array, checkThumbnailOptions({ width: 1 }))).rejects.toBeInstanceOf(OptionError);
  });
});

describe('abort between stages', () => {
  for (const stage of ['header', 'decode', 'resize', 'orient']) {
    test(`aborting during ${stage} stops before the next stage`, async () => {
      const ac = new AbortController();
      const { steps, log } = fakeSteps({ width: 4000, height: 3000, orientation: 6 }, { abortAt: [stage, ac] });
      const err = await run(steps, { width: 300, signal: ac.signal }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AbortError);
      expect((err as AbortError).cause).toBe('stop');
      expect(log.stages.filter((s) => s !== 'encoder').at(-1)).toBe(stage);
      expect(log.stages).not.toContain('encode');
    });
  }

  test('an aborted signal stops before the header', async () => {
    const { steps, log } = fakeSteps({ width: 100, height: 100 });
    await expect(run(steps, { width: 10, signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    expect(log.stages).toEqual([]);
  });
});

describe('memory: at most source + destination + one temporary', () => {
  test('the source is gone before orientation, and only the final image is alive at encode', async () => {
    const { steps, log } = fakeSteps({ width: 2000, height: 1000, orientation: 8 }, { gcBetween: true });
    await run(steps, { width: 200, shrinkOnLoad: false });
    expect(log.aliveAt.resize).toEqual(['source']);
    expect(log.aliveAt.orient).toEqual(['resized']); // the source was dropped after the resize
    expect(log.aliveAt.encode).toEqual(['oriented']); // the pre-orientation image too
  });

  test('without orientation, only the resized image is alive at encode', async () => {
    const { steps, log } = fakeSteps({ width: 2000, height: 1000 }, { gcBetween: true });
    await run(steps, { width: 200 });
    expect(log.aliveAt.encode).toEqual(['resized']);
  });

  test('prepare returns the image and the output codec', async () => {
    const { steps } = fakeSteps({ width: 2000, height: 1000, format: 'png' });
    const p = await prepareThumbnailWith(steps, new Uint8Array(4), checkThumbnailOptions({ width: 100 }));
    expect(p.codec).toBe(PNG);
    expect(p.image.bounds().dx()).toBe(100);
    expect(p.source.width).toBe(2000);
    expect((p.image as Image).bounds().dy()).toBe(50);
  });
});

describe('checkThumbnailOptions', () => {
  const bad: [ThumbnailOptions, RegExp][] = [
    [{}, /width or height/],
    [{ width: 0 }, /width must be an integer from 1 to 16384, got 0/],
    [{ width: 16385 }, /width/],
    [{ height: 1.5 }, /height/],
    [{ width: 10, fit: 'stretch' as never }, /fit must be one of inside, contain, cover, fill, got "stretch"/],
    [{ width: 10, quality: 0 }, /quality/],
    [{ width: 10, quality: 101 }, /quality/],
    [{ width: 10, kernel: 'cubic' as never }, /kernel/],
    [{ width: 10, format: '' }, /format/],
    [{ width: 10, limits: 5 as never }, /limits/],
    [{ width: 10, signal: {} as never }, /signal/],
    [{ width: 10, autoOrient: 'yes' as never }, /autoOrient/],
    [{ width: 10, widht: 5 } as never, /no option "widht"/],
  ];
  test.each(bad)('%o is an OptionError naming the option', (o, msg) => {
    expect(() => checkThumbnailOptions(o)).toThrow(OptionError);
    expect(() => checkThumbnailOptions(o)).toThrow(msg);
  });

  test('defaults', () => {
    expect(checkThumbnailOptions({ width: 10 })).toMatchObject({ fit: 'inside', autoOrient: true, shrinkOnLoad: true });
  });
});
