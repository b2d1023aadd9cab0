import type { Codec, ImageConfig, Limits } from '../../src/codec/codec.js';
import { RGBAModel } from '../../src/color/models.js';
import { FormatError, LimitError, UnsupportedError } from '../../src/errors.js';
import { rect } from '../../src/geom/rectangle.js';
import { RGBAImage } from '../../src/image/rgba-image.js';
import type { ThumbnailSteps } from '../../src/pipeline/run.js';
import { oneShotCodec } from './fake-codecs.js';

/**
 * A text image format for handler tests until real codecs are bound: `FAKEIMG <w> <h> [o]`.
 * Its header is checked against the limits like a real one; `FAKEIMG` with missing numbers is
 * "truncated" (FormatError); `FAKEIMG-X` is a valid file using an unsupported feature. Output is
 * the fake1 codec (bytes = the pattern of fake-codecs.ts, 4 per pixel).
 */
export const FAKE_LIMITS: Limits = { maxPixels: 2 ** 26, maxWidth: 65535, maxHeight: 65535, maxBytes: 2 ** 28 };

export function fakeImage(w: number, h: number, o?: number): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`FAKEIMG ${w} ${h}${o ? ` ${o}` : ''}`);
}

export function fakeFormatSteps(opts: { out?: Codec } = {}) {
  const one = oneShotCodec();
  const out = opts.out ?? one.codec;
  const probe = one.probe;
  /** WeakRefs to every decoded source image and request body the steps saw. */
  const seen = { sources: [] as WeakRef<object>[], bodies: [] as WeakRef<object>[] };
  const input: Codec = {
    name: 'fakeimg',
    mime: 'image/x-fakeimg',
    extensions: ['fakeimg'],
    magic: ['FAKEIMG'],
    decodeConfig: (bytes) => parse(bytes),
    decode: (bytes) => {
      const c = parse(bytes);
      return new RGBAImage(rect(0, 0, c.width, c.height));
    },
  };
  const parse = (bytes: Uint8Array): ImageConfig => {
    const text = new TextDecoder().decode(bytes);
    if (text.startsWith('FAKEIMG-X')) throw new UnsupportedError('imago: fakeimg feature X is not supported');
    const m = /^FAKEIMG (\d+) (\d+)(?: (\d))?$/.exec(text);
    if (!m) throw new FormatError(`imago: fakeimg header is truncated or corrupt at byte ${Math.min(text.length, 8)}`);
    return { format: 'fakeimg', width: +m[1], height: +m[2], colorModel: RGBAModel, orientation: m[3] ? +m[3] : undefined };
  };
  let decodes = 0;
  const steps: ThumbnailSteps = {
    sniff: (bytes) => (new TextDecoder().decode(bytes.subarray(0, 7)) === 'FAKEIMG' ? input : undefined),
    async readHeader(_codec, bytes, limits) {
      const l = { ...FAKE_LIMITS, ...limits };
      if (bytes.length > l.maxBytes) throw new LimitError(`imago: input of ${bytes.length} bytes exceeds limits.maxBytes = ${l.maxBytes}`);
      const config = parse(bytes);
      if (config.width * config.height > l.maxPixels) {
        throw new LimitError(`imago: fakeimg image of ${config.width}x${config.height} exceeds limits.maxPixels = ${l.maxPixels}`);
      }
      return { config, limits: l };
    },
    encoder(format, inputCodec) {
      if (format === undefined || format === out.name) return out;
      throw new UnsupportedError(`imago: no codec writes ${JSON.stringify(format)} (registered: fake1)`);
      void inputCodec;
    },
    decode(_c, bytes, o) {
      decodes++;
      const c = parse(bytes);
      const img = new RGBAImage(rect(0, 0, Math.ceil(c.width * o.scale), Math.ceil(c.height * o.scale)));
      seen.sources.push(new WeakRef(img));
      seen.bodies.push(new WeakRef(bytes.buffer));
      return img;
    },
    resize: (_src, box) => new RGBAImage(rect(0, 0, box.width, box.height)),
    orient: (img, o) => (o >= 5 ? new RGBAImage(rect(0, 0, img.bounds().dy(), img.bounds().dx())) : img),
    encode: async (c, img, o) => (await c.encode!(img, { quality: o.quality, signal: o.signal })) as Uint8Array,
  };
  return { steps, probe, seen, decodes: () => decodes };
}
