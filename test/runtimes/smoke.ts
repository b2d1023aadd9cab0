/**
 * The runtime smoke suite: one set of checks that runs unchanged in Node, Deno, Bun, headless
 * Chromium and workerd (with and without nodejs_compat). Each named export is a check (see
 * harness.ts): it throws on failure, or throws Skip with the reason it cannot run here.
 *
 * Expected values come from Go's image/color (worked out in the comments), never from imago's
 * own output.
 */
import {
  Gray,
  GrayModel,
  ImagoError,
  NRGBA,
  NRGBAImage,
  OptionError,
  pt,
  RGBA,
  RGBAImage,
  SizeError,
  UniformImage,
  UnsupportedError,
  rect,
  rgbToYCbCr,
  yCbCrToRGB,
} from '../../src/index.js';
import { defaultRegistry, jpegjsCodec, pngjsCodec } from '../../src/codecs.js';
import { pngCodec } from '../../src/codec/png/index.js';
import { createRegistry } from '../../src/codec/registry.js';
import type { Image } from '../../src/image/image.js';
import { createThumbnailHandler } from '../../src/serve/index.js';
import { draw } from '../../src/draw/index.js';
import { prepareThumbnail, thumbnail } from '../../src/pipeline/index.js';
import { resize } from '../../src/resize/index.js';
import { encodeStream, toResponse } from '../../src/stream/index.js';
import { createHandlerWith } from '../../src/serve/handler.js';
import { oneShotCodec, pattern, readAll, streamingCodec } from '../helpers/fake-codecs.js';
import { sha256Hex } from '../helpers/sha256.js';
import { fakeFormatSteps, fakeImage } from '../helpers/fake-steps.js';
import { assert, assertDeepEqual, assertEqual, assertThrows, collectedInSomeRun, Skip, type SmokeEnv } from './harness.js';

/** The core entry loaded: its classes exist and construct. */
export function coreLoads(): void {
  const m = new RGBAImage(rect(0, 0, 3, 2));
  assertEqual(m.kind, 'rgba', 'layout tag');
  assertEqual(m.pix.length, 3 * 2 * 4, 'tight buffer length');
  assertEqual(m.stride, 12, 'stride');
}

/** Pixels round-trip through set/at, and straight alpha is premultiplied as Go does. */
export function imagesAndColours(): void {
  const m = new RGBAImage(rect(0, 0, 2, 2));
  m.set(1, 1, new RGBA(10, 20, 30, 40));
  assertDeepEqual(Array.from(m.pix.subarray(m.pixOffset(1, 1), m.pixOffset(1, 1) + 4)), [10, 20, 30, 40], 'RGBA bytes');

  const n = new NRGBAImage(rect(0, 0, 1, 1));
  n.set(0, 0, new NRGBA(0xff, 0x80, 0, 0x80));
  // Go: color.NRGBA{0xff, 0x80, 0, 0x80}.RGBA() = 32896 16512 0 32896 (r = 0xffff * 0x8080 / 0xffff).
  assertDeepEqual(n.at(0, 0).rgba(), [32896, 16512, 0, 32896], 'NRGBA premultiplied 16-bit');
}

/** Colour conversions match Go's image/color bit for bit. */
export function colourConversions(): void {
  // Go: color.RGBToYCbCr(255, 0, 0) = 76 85 255; (12, 200, 99) = 132 109 42.
  assertDeepEqual(rgbToYCbCr(255, 0, 0), [76, 85, 255], 'RGBToYCbCr(255,0,0)');
  assertDeepEqual(rgbToYCbCr(12, 200, 99), [132, 109, 42], 'RGBToYCbCr(12,200,99)');
  // Go: color.YCbCrToRGB(100, 200, 50) = 0 131 227.
  assertDeepEqual(yCbCrToRGB(100, 200, 50), [0, 131, 227], 'YCbCrToRGB(100,200,50)');
  // Go: color.GrayModel.Convert(color.RGBA{10, 200, 30, 255}) = {124}.
  const g = GrayModel.convert(new RGBA(10, 200, 30, 255));
  assert(g instanceof Gray, 'GrayModel.convert returns a Gray');
  assertEqual(g.y, 124, 'GrayModel.convert');
}

/** subImage is a view (writes show in both); clone is an owned, tight copy. */
export function subImageAndClone(): void {
  const m = new RGBAImage(rect(0, 0, 4, 4));
  const view = m.subImage(rect(1, 1, 3, 3));
  assert(view.pix.buffer === m.pix.buffer, 'subImage shares the parent buffer');
  view.set(2, 2, new RGBA(1, 2, 3, 4));
  assertEqual(m.pix[m.pixOffset(2, 2)], 1, 'a write through the view shows in the parent');

  const own = view.clone();
  assert(own.pix.buffer !== m.pix.buffer, 'clone has its own buffer');
  assertEqual(own.stride, 2 * 4, 'clone is tight');
  assertEqual(own.pix.length, 2 * 2 * 4, 'clone holds only its pixels');
  own.set(2, 2, new RGBA(9, 9, 9, 9));
  assertEqual(m.pix[m.pixOffset(2, 2)], 1, 'a write to the clone does not show in the parent');
}

/** Errors are typed: ImagoError subclasses with codes, and the built-in types users expect. */
export function typedErrors(): void {
  const err = assertThrows(
    () => new RGBAImage(rect(0, 0, 2, 2), new Uint8Array(3)),
    (e) => e instanceof SizeError,
    'a too-short buffer',
  ) as SizeError;
  assert(err instanceof RangeError, 'SizeError is a RangeError');
  assert(err instanceof ImagoError, 'SizeError is an ImagoError');
  assertEqual(err.code, 'ERR_SIZE', 'code');
  assert(new OptionError('x') instanceof TypeError, 'OptionError is a TypeError');
}

/** The core never needs Node's Buffer: an image built over a plain Uint8Array works. */
export function plainTypedArrays(): void {
  const pix = new Uint8Array(16).fill(0xff);
  const m = new RGBAImage(rect(0, 0, 2, 2), pix, 8);
  assert(m.opaque(), 'a white buffer is opaque');
  assert(m.pix === pix, 'the image wraps the caller buffer without copying');
}

/**
 * Retention: a clone of a small view keeps nothing of the big parent alive, so the parent's
 * buffer is collected once dropped, while a view keeps it (the control that shows GC really ran
 * and the check can fail). Needs forced GC.
 */
export async function cloneReleasesParent(env: SmokeEnv): Promise<void> {
  if (!env.gc) throw new Skip(`${env.runtime.name} cannot force garbage collection from a script`);
  const make = () => {
    const big = new RGBAImage(rect(0, 0, 1024, 1024)); // 4 MiB
    const view = big.subImage(rect(0, 0, 2, 2));
    return { ref: new WeakRef(big.pix.buffer), view, small: view.clone() };
  };
  const held = make();
  const dropped = make();
  const { ref, small } = dropped;
  dropped.view = undefined as unknown as RGBAImage;
  await env.gc();
  assert(held.ref.deref() !== undefined, 'a live view keeps its parent buffer alive');
  assertEqual(held.view.pix.length, 4096 + 8, 'the view spans two rows of its parent (stride 4096)');
  assertEqual(ref.deref(), undefined, 'the parent buffer is collected once only its clone is held');
  assertEqual(small.pix.length, 16, 'the clone is still usable');
}

// ---- streaming (src/stream), with instrumented stand-in codecs until real ones are wired ----

/** encodeStream is pull-based, whole, and cancel aborts the codec. */
export async function streamingEncode(): Promise<void> {
  const { codec, probe } = streamingCodec(1000);
  const s = encodeStream(new RGBAImage(rect(0, 0, 50, 50)), codec); // 10,000 bytes
  await new Promise((r) => setTimeout(r, 5));
  assertEqual(probe.pulls, 0, 'no pull before the first read');
  const r = s.getReader();
  const first = await r.read();
  assertDeepEqual(first.value, pattern(1000), 'the first chunk');
  await r.cancel('bye');
  assert(probe.cancelled && probe.lastSignal?.aborted === true, 'cancel reaches the codec');

  const whole = await readAll(encodeStream(new RGBAImage(rect(0, 0, 50, 50)), oneShotCodec().codec, { chunkSize: 3000 }));
  assertDeepEqual(whole.chunks, [3000, 3000, 3000, 1000], 'one-shot chunk sizes');
  assertDeepEqual(whole.bytes, pattern(10_000), 'one-shot bytes');
}

/** toResponse gives a Response whose body is the encoding. */
export async function streamingResponse(): Promise<void> {
  const res = toResponse(new RGBAImage(rect(0, 0, 10, 10)), oneShotCodec().codec);
  assertEqual(res.headers.get('content-type'), 'image/x-fake1', 'content-type');
  assertDeepEqual(new Uint8Array(await res.arrayBuffer()), pattern(400), 'body');
}

/** Cancelling a stream releases the encoded bytes. Needs forced GC. */
export async function streamingCancelReleases(env: SmokeEnv): Promise<void> {
  if (!env.gc) throw new Skip(`${env.runtime.name} cannot force garbage collection from a script`);
  const collected = await collectedInSomeRun(env, async () => {
    const { codec, probe } = oneShotCodec();
    const s = encodeStream(new RGBAImage(rect(0, 0, 256, 256)), codec, { chunkSize: 1000 });
    const r = s.getReader();
    await r.read();
    await env.gc!();
    assert(probe.outputs[0].deref() !== undefined, 'mid-stream the encoded bytes are held (control)');
    await r.cancel();
    return probe.outputs[0];
  });
  assert(collected, 'after cancel the encoded bytes are collected');
}

// ---- the fetch handler (src/serve), over the instrumented text format until real codecs are wired ----

/** The handler answers 200 (streamed), 400, 413 and 415 with the same code in every runtime. */
export async function handlerStatuses(): Promise<void> {
  const handle = createHandlerWith(fakeFormatSteps().steps, { maxBytes: 10_000 });
  const post = (q: string, body: BodyInit) => handle(new Request(`http://127.0.0.1/${q}`, { method: 'POST', body }));
  const ok = await post('?width=100', fakeImage(400, 200));
  assertEqual(ok.status, 200, 'status');
  assertEqual(ok.headers.get('x-imago-size'), '100x50', 'size header');
  assertDeepEqual(new Uint8Array(await ok.arrayBuffer()), pattern(100 * 50 * 4), 'body');
  assertEqual((await post('?width=abc', fakeImage(4, 2))).status, 400, 'bad parameter');
  assertEqual((await post('?width=10', new TextEncoder().encode('FAKEIMG 10'))).status, 400, 'truncated');
  assertEqual((await post('?width=10', new Uint8Array(20_000))).status, 413, 'body over maxBytes');
  assertEqual((await post('?width=10', fakeImage(100_000, 100_000))).status, 413, 'header over the limits');
  const unknown = await post('?width=10', '<html></html>');
  assertEqual(unknown.status, 415, 'unknown format');
  assertEqual(((await unknown.json()) as { error: { code: string } }).error.code, 'ERR_FORMAT', 'error code');
}

/**
 * The handler served by the runtime's own HTTP server on 127.0.0.1 (Deno.serve, Bun.serve), as
 * the README's examples do. Node's server is tested under vitest (test/serve/node-server.test.ts);
 * in workerd this whole suite already runs inside a served fetch handler.
 */
export async function handlerServedNatively(env: SmokeEnv): Promise<void> {
  const handle = createHandlerWith(fakeFormatSteps().steps);
  type Served = { url: string; stop(): Promise<void> };
  const g = globalThis as {
    Deno?: { serve(o: { hostname: string; port: number; onListen?(a: { port: number }): void }, h: typeof handle): { shutdown(): Promise<void>; addr: { port: number } } };
    Bun?: { serve(o: { hostname: string; port: number; fetch: typeof handle }): { port: number; stop(force?: boolean): void } };
  };
  let served: Served;
  if (g.Deno) {
    const s = g.Deno.serve({ hostname: '127.0.0.1', port: 0, onListen() {} }, handle);
    served = { url: `http://127.0.0.1:${s.addr.port}`, stop: () => s.shutdown() };
  } else if (g.Bun) {
    const s = g.Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: handle });
    served = { url: `http://127.0.0.1:${s.port}`, stop: async () => s.stop(true) };
  } else throw new Skip(`${env.runtime.name}: no native server here (see the comment)`);
  try {
    const res = await fetch(`${served.url}/?width=30`, { method: 'POST', body: fakeImage(60, 40) });
    assertEqual(res.status, 200, 'status over HTTP');
    assertDeepEqual(new Uint8Array(await res.arrayBuffer()), pattern(30 * 20 * 4), 'body over HTTP');
    assertEqual((await fetch(`${served.url}/?width=x`, { method: 'POST', body: fakeImage(6, 4) })).status, 400, 'a 400 over HTTP');
  } finally {
    await served.stop();
  }
}

// ---- drawing and the default registry's adapters ----

/** draw Over matches Go: NRGBA{255,0,0,128} over opaque blue gives RGBA{128,0,127,255}. */
export function drawOver(): void {
  const dst = new RGBAImage(rect(0, 0, 4, 4));
  draw(dst, dst.bounds(), new UniformImage(new RGBA(0, 0, 255, 255)), pt(0, 0), 'src');
  draw(dst, rect(1, 1, 3, 3), new UniformImage(new NRGBA(255, 0, 0, 128)), pt(0, 0), 'over');
  // Go: draw.Draw(dst, image.Rect(1,1,3,3), &image.Uniform{color.NRGBA{255,0,0,128}}, image.Point{}, draw.Over)
  assertDeepEqual(Array.from(dst.pix.subarray(dst.pixOffset(1, 1), dst.pixOffset(1, 1) + 4)), [128, 0, 127, 255], 'Go draw.Over result');
  assertDeepEqual(Array.from(dst.pix.subarray(0, 4)), [0, 0, 255, 255], 'outside the rectangle');
}

/**
 * The pngjs and jpeg-js adapters (loaded lazily): in Node, Deno and Bun every operation works;
 * elsewhere an operation either works or fails with UnsupportedError, never another error.
 * jpeg-js decoding is pure JavaScript and must work everywhere.
 */
export async function adaptersWorkOrSayUnsupported(env: SmokeEnv): Promise<void> {
  const adapters = createRegistry([pngjsCodec, jpegjsCodec]);
  const nodeLike = ['node', 'deno', 'bun'].includes(env.runtime.name);
  const attempt = async (what: string, f: () => Promise<unknown>) => {
    try {
      await f();
      return 'ok';
    } catch (err) {
      assert(err instanceof UnsupportedError, `${what}: expected success or UnsupportedError, got ${(err as Error)?.name}: ${(err as Error)?.message}`);
      return 'unsupported';
    }
  };
  const pngDecode = await attempt('pngjs decode', () => adapters.decode(env.fixtures['video-001.png']));
  const pngEncode = await attempt('pngjs encode', () => adapters.encode(new RGBAImage(rect(0, 0, 8, 8)), 'png'));
  const jpgDecode = await attempt('jpeg-js decode', () => adapters.decode(env.fixtures['video-001.q50.420.jpeg']));
  const jpgEncode = await attempt('jpeg-js encode', () => adapters.encode(new RGBAImage(rect(0, 0, 8, 8)), 'jpeg'));
  if (nodeLike) assertDeepEqual([pngDecode, pngEncode, jpgDecode, jpgEncode], ['ok', 'ok', 'ok', 'ok'], 'adapters in a Node-like runtime');
  assertEqual(jpgDecode, 'ok', 'jpeg-js decode runs everywhere');
  const c = await adapters.decodeConfig(env.fixtures['video-001.q50.420.jpeg']);
  assertDeepEqual([c.format, c.width, c.height], ['jpeg', 150, 103], 'decodeConfig (pure TypeScript) runs everywhere');
}

// ---- resize and the thumbnail pipeline over the default registry ----

/** Box-resizing a uniform image keeps its colour exactly. */
export function resizeUniform(): void {
  const src = new RGBAImage(rect(0, 0, 40, 30));
  draw(src, src.bounds(), new UniformImage(new RGBA(10, 20, 30, 255)), pt(0, 0), 'src');
  const out = resize(src, { width: 13, height: 7 });
  assertDeepEqual([out.bounds().dx(), out.bounds().dy()], [13, 7], 'size');
  assertDeepEqual(out.at(6, 3).rgba().map((v) => v >> 8), [10, 20, 30, 255], 'colour kept');
}

/**
 * The pipeline up to the encode (sniff, header, limits, decode, resize) runs everywhere: JPEG
 * decoding (jpeg-js) is pure JavaScript. The planned size is exact.
 */
export async function prepareThumbnailJpeg(env: SmokeEnv): Promise<void> {
  const p = await prepareThumbnail(env.fixtures['video-001.q50.420.jpeg'], { width: 50 });
  // 103 × 50 / 150 = 34.3 → 34
  assertDeepEqual([p.image.bounds().dx(), p.image.bounds().dy(), p.source.width, p.codec.name], [50, 34, 150, 'jpeg'], 'prepared');
  // The thumbnail of a dark-cornered frame: its mean is close to the source's (not blank).
  const c = p.image.at(25, 17).rgba();
  assert(c[3] === 0xffff, 'opaque');
}

/**
 * The whole thumbnail, encode included: in Node, Deno and Bun it must work; elsewhere the
 * default registry's encoders (pngjs, jpeg-js) may be unsupported, and must say so.
 */
export async function thumbnailJpeg(env: SmokeEnv): Promise<void> {
  let out: Uint8Array;
  try {
    out = await thumbnail(env.fixtures['video-001.q50.420.jpeg'], { width: 50, quality: 80 });
  } catch (err) {
    if (!['node', 'deno', 'bun'].includes(env.runtime.name) && err instanceof UnsupportedError) {
      throw new Skip(`the default registry cannot encode here: ${err.message.slice(0, 120)}`);
    }
    throw err;
  }
  const c = await defaultRegistry.decodeConfig(out);
  assertDeepEqual([c.format, c.width, c.height], ['jpeg', 50, 34], 'thumbnail header');
}

// ---- imago's own PNG codec (pure TypeScript; CompressionStream to compress): must pass everywhere ----

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

/**
 * PngSuite files decode to exactly Go's pixels in every runtime: the type Go returns and the
 * SHA-256 of its Pix, from test/fixtures/png/decode-go.json (written by scripts/golden/png/main.go).
 */
export async function pngSuiteMatchesGo(env: SmokeEnv): Promise<void> {
  const want: [string, string, string][] = [
    ['basi0g01.png', 'gray', 'e61c0d2907693264ab8d875e0451880096322f07dc733a0dceaf28e810bdd2d5'],
    ['basi3p04.png', 'paletted', 'bf91537a2275dca669cda244206fb228bffe1f34737a3e6db92e9bd0f95d0a54'],
    ['tbrn2c08.png', 'nrgba', '053eb9d28b7ac85c3639b5169a175df61856cef7ffdaa7ad218cafdde9646d08'],
    ['basn6a16.png', 'nrgba64', '165b1f18ae3a6b43badb788ea6ee9040d4fcf1d47ee28ee66c48e36f6a52768b'],
  ];
  for (const [file, kind, sha] of want) {
    const img = (await own.decode(env.fixtures[file])) as unknown as { kind: string; pix: Uint8Array };
    assertEqual(img.kind, kind, `${file} type`);
    // Plain-TypeScript SHA-256: crypto.subtle is missing on the matrix's plain-http Chromium page.
    assertEqual(sha256Hex(img.pix), sha, `${file} pixels`);
  }
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

