/**
 * Smoke checks over imago's real codecs, resize, draw and pipeline. imago's own codecs run
 * everywhere (pure TypeScript over Compression Streams); the pngjs/jpeg-js adapters of the
 * default registry need Node built-ins for some operations and must fail there with a clear
 * UnsupportedError, never a crash.
 */
import { createRegistry } from '../../src/codec/registry.js';
import { pngCodec } from '../../src/codec/png/index.js';
import { defaultRegistry } from '../../src/codecs.js';
import { draw } from '../../src/draw/index.js';
import { ImagoError, UnsupportedError } from '../../src/errors.js';
import { NRGBA, RGBA } from '../../src/color/index.js';
import { rect, pt } from '../../src/geom/index.js';
import { RGBAImage, UniformImage } from '../../src/image/index.js';
import type { Image } from '../../src/image/image.js';
import { resize } from '../../src/resize/index.js';
import { thumbnail } from '../../src/pipeline/thumbnail.js';
import { encodeStream } from '../../src/stream/index.js';
import { createThumbnailHandler } from '../../src/serve/index.js';
import { assert, assertDeepEqual, assertEqual, type SmokeEnv } from './harness.js';
import { readAll } from '../helpers/fake-codecs.js';

/** The registry that must work in every runtime: imago's own codecs. */
const own = createRegistry([pngCodec]);

function rgba8(img: Image, x: number, y: number): number[] {
  return img.at(x, y).rgba().map((v) => v >> 8);
}

/** Decodes a real PNG (Go's video-001, 150 × 103) with imago's own PNG codec. */
export async function decodePng(env: SmokeEnv): Promise<void> {
  const img = await own.decode(env.fixtures['video-001.png']);
  assertEqual(img.bounds().dx(), 150, 'width');
  assertEqual(img.bounds().dy(), 103, 'height');
  const c = await own.decodeConfig(env.fixtures['basn2c08.png']);
  assertDeepEqual([c.format, c.width, c.height, c.bitDepth], ['png', 32, 32, 8], 'basn2c08 header');
}

/** PNG encode then decode gives the same pixels (lossless), through encodeStream too. */
export async function encodePngRoundTrip(env: SmokeEnv): Promise<void> {
  const img = await own.decode(env.fixtures['video-001.png']);
  const bytes = await own.encode(img, 'png');
  const back = await own.decode(bytes);
  for (const [x, y] of [[0, 0], [75, 51], [149, 102]]) assertDeepEqual(rgba8(back, x, y), rgba8(img, x, y), `pixel ${x},${y}`);
  const streamed = (await readAll(encodeStream(img, 'png', { registry: own, chunkSize: 4096 }))).bytes;
  const again = await own.decode(streamed);
  assertDeepEqual(rgba8(again, 10, 10), rgba8(img, 10, 10), 'streamed encode decodes to the same pixels');
}

/** Box-resizing a uniform image keeps its colour exactly. */
export function resizeUniform(): void {
  const src = new RGBAImage(rect(0, 0, 40, 30));
  draw(src, src.bounds(), new UniformImage(new RGBA(10, 20, 30, 255)), pt(0, 0), 'src');
  const out = resize(src, { width: 13, height: 7 });
  assertDeepEqual([out.bounds().dx(), out.bounds().dy()], [13, 7], 'size');
  assertDeepEqual(rgba8(out, 6, 3), [10, 20, 30, 255], 'colour kept');
}

/** draw Over matches Go: NRGBA{255,0,0,128} over opaque blue gives RGBA{128,0,127,255}. */
export function drawOver(): void {
  const dst = new RGBAImage(rect(0, 0, 4, 4));
  draw(dst, dst.bounds(), new UniformImage(new RGBA(0, 0, 255, 255)), pt(0, 0), 'src');
  draw(dst, rect(1, 1, 3, 3), new UniformImage(new NRGBA(255, 0, 0, 128)), pt(0, 0), 'over');
  assertDeepEqual(Array.from(dst.pix.subarray(dst.pixOffset(1, 1), dst.pixOffset(1, 1) + 4)), [128, 0, 127, 255], 'Go draw.Over result');
  assertDeepEqual(Array.from(dst.pix.subarray(0, 4)), [0, 0, 255, 255], 'outside the rectangle');
}

/** thumbnail of a real PNG with imago's own codec: the planned size, a decodable PNG. */
export async function thumbnailPng(env: SmokeEnv): Promise<void> {
  const out = await thumbnail(env.fixtures['video-001.png'], { width: 50, registry: own });
  const c = await own.decodeConfig(out);
  // 103 × 50 / 150 = 34.3 → 34
  assertDeepEqual([c.format, c.width, c.height], ['png', 50, 34], 'thumbnail header');
}

/** The handler over imago's own codec: a real PNG body streams back a PNG thumbnail. */
export async function handlerPng(env: SmokeEnv): Promise<void> {
  const handle = createThumbnailHandler({ registry: own });
  const res = await handle(new Request('http://127.0.0.1/?width=30', { method: 'POST', body: env.fixtures['video-001.png'] }));
  assertEqual(res.status, 200, 'status');
  const c = await own.decodeConfig(new Uint8Array(await res.arrayBuffer()));
  assertDeepEqual([c.width, c.height], [30, 21], 'size'); // 103 × 30 / 150 = 20.6 → 21
  const bad = await handle(new Request('http://127.0.0.1/?width=30', { method: 'POST', body: env.fixtures['video-001.png'].slice(0, 200) }));
  assertEqual(bad.status, 400, 'a truncated PNG');
}

/**
 * The default registry's adapters (pngjs, jpeg-js): they work where Node built-ins exist, and
 * elsewhere fail with UnsupportedError, never another error.
 */
export async function adaptersWorkOrSayUnsupported(env: SmokeEnv): Promise<void> {
  const nodeLike = ['node', 'deno', 'bun'].includes(env.runtime.name);
  const attempt = async (what: string, f: () => Promise<unknown>) => {
    try {
      await f();
      return 'ok';
    } catch (err) {
      assert(err instanceof UnsupportedError, `${what}: expected success or UnsupportedError, got ${(err as Error)?.name}: ${(err as Error)?.message}`);
      assert(err instanceof ImagoError, `${what}: an ImagoError`);
      return 'unsupported';
    }
  };
  const png = await attempt('pngjs decode', () => defaultRegistry.decode(env.fixtures['video-001.png']));
  const jpg = await attempt('jpeg-js decode', () => defaultRegistry.decode(env.fixtures['video-001.q50.420.jpeg']));
  const enc = await attempt('jpeg-js encode', () => defaultRegistry.encode(new RGBAImage(rect(0, 0, 8, 8)), 'jpeg'));
  if (nodeLike) assertDeepEqual([png, jpg, enc], ['ok', 'ok', 'ok'], 'adapters in a Node-like runtime');
  assertEqual(jpg, 'ok', 'jpeg-js decode is pure JavaScript and runs everywhere');
}
