import type { Codec, EncodeOptions } from '../../src/codec/codec.js';
import { RGBAModel } from '../../src/color/models.js';
import type { Image } from '../../src/image/image.js';
import { RGBAImage } from '../../src/image/rgba-image.js';
import { rect } from '../../src/geom/rectangle.js';

/**
 * Instrumented stand-in codecs for the streaming tests: they count calls and pulls, expose the
 * buffers they make (for WeakRef checks) and record the signal they were given. Their output is
 * a pattern a test can rebuild independently: byte i of an encoding of n bytes is (i * 7 + 3) & 0xff.
 */

export function pattern(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 7 + 3) & 0xff;
  return out;
}

/** The encoded size the fake codecs produce for img: 4 bytes per pixel. */
export const encodedSize = (img: Image) => img.bounds().dx() * img.bounds().dy() * 4;

export interface OneShotProbe {
  calls: number;
  lastSignal?: AbortSignal;
  /** WeakRefs to every buffer encode returned. */
  outputs: WeakRef<ArrayBufferLike>[];
}

/** A codec with only `encode` (one owned buffer per call). `delayMs` makes encode async. */
export function oneShotCodec(opts: { delayMs?: number; fail?: Error } = {}): { codec: Codec; probe: OneShotProbe } {
  const probe: OneShotProbe = { calls: 0, outputs: [] };
  const codec: Codec = {
    name: 'fake1',
    mime: 'image/x-fake1',
    extensions: ['fk1'],
    magic: ['FAKE1'],
    decodeConfig: () => ({ format: 'fake1', width: 0, height: 0, colorModel: RGBAModel }),
    decode: () => new RGBAImage(rect(0, 0, 0, 0)),
    async encode(img: Image, o: EncodeOptions) {
      probe.calls++;
      probe.lastSignal = o.signal;
      if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
      if (opts.fail) throw opts.fail;
      const out = pattern(encodedSize(img));
      probe.outputs.push(new WeakRef(out.buffer));
      return out;
    },
  };
  return { codec, probe };
}

export interface StreamProbe {
  /** How many times the codec's own stream was pulled. */
  pulls: number;
  /** How many chunks it produced. */
  produced: number;
  cancelled: boolean;
  cancelReason?: unknown;
  lastSignal?: AbortSignal;
  chunks: WeakRef<ArrayBufferLike>[];
}

/**
 * A codec with `encodeStream`: a pull-based stream (high-water mark 0) of `chunk`-byte pieces of
 * the pattern, one per pull, each a fresh buffer.
 */
export function streamingCodec(chunk = 1000): { codec: Codec; probe: StreamProbe } {
  const probe: StreamProbe = { pulls: 0, produced: 0, cancelled: false, chunks: [] };
  const codec: Codec = {
    name: 'fake2',
    mime: 'image/x-fake2',
    extensions: ['fk2'],
    magic: ['FAKE2'],
    decodeConfig: () => ({ format: 'fake2', width: 0, height: 0, colorModel: RGBAModel }),
    decode: () => new RGBAImage(rect(0, 0, 0, 0)),
    encodeStream(img: Image, o: EncodeOptions) {
      probe.lastSignal = o.signal;
      const all = encodedSize(img);
      let offset = 0;
      return new ReadableStream<Uint8Array>(
        {
          pull(c) {
            probe.pulls++;
            if (offset >= all) return c.close();
            const n = Math.min(chunk, all - offset);
            const full = pattern(offset + n).subarray(offset); // bytes offset..offset+n of the pattern
            const piece = full.slice();
            probe.chunks.push(new WeakRef(piece.buffer));
            probe.produced++;
            offset += n;
            c.enqueue(piece);
          },
          cancel(reason) {
            probe.cancelled = true;
            probe.cancelReason = reason;
          },
        },
        { highWaterMark: 0 },
      );
    },
  };
  return { codec, probe };
}

/** Reads a whole stream into one array. */
export async function readAll(stream: ReadableStream<Uint8Array>): Promise<{ bytes: Uint8Array; chunks: number[] }> {
  const parts: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return { bytes: out, chunks: parts.map((p) => p.length) };
}
