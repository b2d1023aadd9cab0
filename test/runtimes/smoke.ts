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
import { jpegCodec } from '../../src/codec/jpeg/index.js';
import { chromaSize, CMYKImage, GrayImage, YCbCrImage } from '../../src/index.js';
import { createRegistry } from '../../src/codec/registry.js';
import type { Image } from '../../src/image/image.js';
import { createThumbnailHandler } from '../../src/serve/index.js';
import { configureDraw, draw, drawBackend } from '../../src/draw/index.js';
import { prepareThumbnail, thumbnail } from '../../src/pipeline/index.js';
import { configureResize, resize, resizeBackend } from '../../src/resize/index.js';
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
 * A large NRGBA Over RGBA draw gives Go's bytes with both backends: the WebAssembly SIMD kernel
 * (compiled at run time in the V8 runtimes; in workerd, which forbids that, imported as a compiled
 * module by the worker target) and the JavaScript loop (everywhere).
 */
export function drawOverBackends(env: SmokeEnv): void {
  const run = (wasm: boolean): [Uint8Array, string] => {
    configureDraw({ wasm });
    try {
      const w = 300;
      const h = 40;
      const dst = new RGBAImage(rect(0, 0, w, h));
      for (let i = 0; i < dst.pix.length; i += 4) dst.pix.set([0, 0, 255, 255], i);
      const src = new NRGBAImage(rect(0, 0, w, h));
      for (let i = 0; i < src.pix.length; i += 4) src.pix.set(i % 8 === 0 ? [255, 0, 0, 128] : [10, 200, 30, 0], i);
      draw(dst, dst.rect, src, pt(0, 0), 'over');
      return [dst.pix, drawBackend()];
    } finally {
      configureDraw({ wasm: true });
    }
  };
  const [a, backend] = run(true);
  const [b, js] = run(false);
  assertEqual(js, 'js', 'wasm: false pins the JavaScript loop');
  // V8 runtimes compile the kernel; the workerd target imports it as a compiled module.
  if (['node', 'deno', 'chromium', 'workerd'].includes(env.runtime.name)) assertEqual(backend, 'wasm-simd', 'the SIMD kernel runs');
  // Go: NRGBA{255,0,0,128} over opaque blue = RGBA{128,0,127,255}; a transparent source keeps blue.
  assertDeepEqual(Array.from(a.subarray(0, 8)), [128, 0, 127, 255, 0, 0, 255, 255], `Go draw.Over result (${backend})`);
  let same = a.length === b.length;
  for (let i = 0; same && i < a.length; i++) same = a[i] === b[i];
  assert(same, `the ${backend} and js backends give the same bytes`);
}

/**
 * resize({ preshrink }) gives the same bytes with both backends of its block sums: the WebAssembly
 * SIMD kernel (compiled at run time in the V8 runtimes; imported as a compiled module by the
 * workerd target) and the JavaScript lane sums. The 4 × 4 block means of a two-colour checker are
 * worked out here: each block holds 8 of each colour.
 */
export function resizeBackends(env: SmokeEnv): void {
  const run = (wasm: boolean): [Uint8Array, string] => {
    configureResize({ wasm });
    try {
      const src = new RGBAImage(rect(0, 0, 64, 32));
      for (let y = 0; y < 32; y++) for (let x = 0; x < 64; x++) src.pix.set((x + y) % 2 === 0 ? [200, 100, 0, 255] : [0, 50, 100, 255], 4 * (64 * y + x));
      // 64 × 32 to 8 × 4 with a factor-of-8 reduction: blocks of 4 × 4 (f = floor(64 / 16)), then BiLinear 2×.
      return [resize(src, { width: 8, height: 4, kernel: 'bilinear', preshrink: true }).pix, resizeBackend()];
    } finally {
      configureResize({ wasm: true });
    }
  };
  const [a, backend] = run(true);
  const [b, js] = run(false);
  assertEqual(js, 'js', 'wasm: false pins the JavaScript sums');
  if (['node', 'deno', 'chromium', 'workerd'].includes(env.runtime.name)) assertEqual(backend, 'wasm-simd', 'the SIMD kernel runs');
  // Every block mean is the mean of the two colours, (100, 75, 50, 255), so is the result.
  assertDeepEqual(Array.from(a.subarray(0, 4)), [100, 75, 50, 255], `the mean of the two colours (${backend})`);
  let same = a.length === b.length;
  for (let i = 0; same && i < a.length; i++) same = a[i] === b[i];
  assert(same, `the ${backend} and js backends give the same bytes`);
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
 * The pipeline up to the encode (sniff, header, limits, decode, resize) runs everywhere: the
 * default registry decodes JPEG with imago's own codec, pure TypeScript. The planned size is exact.
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
 * The whole thumbnail, encode included, must work in every runtime: the default registry decodes
 * and encodes JPEG with imago's own codec (pure TypeScript).
 */
export async function thumbnailJpeg(env: SmokeEnv): Promise<void> {
  const out = await thumbnail(env.fixtures['video-001.q50.420.jpeg'], { width: 50, quality: 80 });
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


// ---- imago's own JPEG codec (pure TypeScript): decode, scaled decode and encode everywhere ----

/** imago's own codecs only: nothing here may depend on the runtime. */
const ownJpeg = createRegistry([pngCodec, jpegCodec]);

/** The `rows` rows of `width` bytes, `stride` apart, back to back: what Go's fixtures hash. */
function tightRows(pix: Uint8Array, stride: number, width: number, rows: number): Uint8Array {
  const out = new Uint8Array(width * rows);
  for (let y = 0; y < rows; y++) out.set(pix.subarray(y * stride, y * stride + width), y * width);
  return out;
}

/** One 8-bit sample plane: samples, stride, width, height. */
type Plane = [pix: Uint8Array, stride: number, width: number, height: number];

/** The sample planes of a decoded JPEG: Y, Cb, Cr (chroma at its stored size), or one per channel. */
function jpegPlanes(img: Image): Plane[] {
  const r = img.bounds();
  if (img instanceof YCbCrImage) {
    const [cw, ch] = chromaSize(r, img.subsampleRatio);
    return [
      [img.y, img.yStride, r.dx(), r.dy()],
      [img.cb, img.cStride, cw, ch],
      [img.cr, img.cStride, cw, ch],
    ];
  }
  if (!(img instanceof GrayImage || img instanceof CMYKImage || img instanceof RGBAImage)) throw new Error(`unexpected JPEG output ${img.constructor.name}`);
  const n = img.bytesPerPixel;
  const out: Plane[] = [];
  for (let c = 0; c < n; c++) {
    const p = new Uint8Array(r.dx() * r.dy());
    for (let y = 0; y < r.dy(); y++) for (let x = 0; x < r.dx(); x++) p[y * r.dx() + x] = img.pix[y * img.stride + x * n + c];
    out.push([p, r.dx(), r.dx(), r.dy()]);
  }
  return out;
}

/** PSNR in dB of 8-bit samples from a summed squared error over n samples. */
const psnr = (se: number, n: number): number => 10 * Math.log10((255 * 255 * n) / se);

/**
 * Corpus JPEGs decode to exactly Go's pixels in every runtime: the type Go returns, its
 * subsampling, and the SHA-256 of each plane's rows, from test/fixtures/jpeg/go-decode.json
 * (written by scripts/golden/jpeg/main.go from Go's image/jpeg).
 */
export async function jpegMatchesGo(env: SmokeEnv): Promise<void> {
  // The baseline and progressive files store the same coefficients, so Go gives the same planes.
  const Y420 = '5b76cdd42c081a3d920ced869433e12688f2afbfc7f025fa80a587444f34cdab';
  const CB420 = '79fc4ee802e87914b8e0407aa8e85281ad8f31d80411a308b1368d98144a3f31';
  const CR420 = '42e21d45e28e68e9a45479c776b221f093438a230293030357f324a991ea1766';
  const want: [file: string, type: string, hashes: Record<string, string>][] = [
    ['video-001.q50.420.jpeg', 'ycbcr 420', { y: Y420, cb: CB420, cr: CR420 }],
    ['video-001.q50.420.progressive.jpeg', 'ycbcr 420', { y: Y420, cb: CB420, cr: CR420 }],
    [
      'video-001.restart2.jpeg',
      'ycbcr 420',
      {
        y: '2dd9c5714a8d50249957099865dcb597781ca97078b4165ea2b558bfa6831468',
        cb: '6cca4f10b0ef2ed3034c21af4a2ff4a3e5ae237bcd09f3f617835539f034e106',
        cr: 'd99dd6f02c1b747e7919808c48ddc648425a939e6839cdcd72764fc45dbe4061',
      },
    ],
    ['video-005.gray.q50.jpeg', 'gray', { pix: '954bd6c236c29a725541ee26a9d403d92eb09e1fa7fe8be2913163466ba38624' }],
    ['video-001.cmyk.jpeg', 'cmyk', { pix: '6e42e5372ba2bc3386304d034ec340b4613c8e18b191e11217fb9288a957bd25' }],
    ['video-001.rgb.jpeg', 'rgba', { pix: '75c1b55eed6db5efe5ce436061fd06f3784f96500278af9090d5045bd38c5719' }],
  ];
  for (const [file, type, sha] of want) {
    const img = await ownJpeg.decode(env.fixtures[file]);
    assertDeepEqual([img.bounds().dx(), img.bounds().dy()], [150, 103], `${file} size`);
    const got: Record<string, string> = {};
    let kind: string;
    if (img instanceof YCbCrImage) {
      kind = `ycbcr ${img.subsampleRatio}`;
      const [y, cb, cr] = jpegPlanes(img);
      for (const [name, [pix, stride, w, h]] of [['y', y], ['cb', cb], ['cr', cr]] as const) got[name] = sha256Hex(tightRows(pix, stride, w, h));
    } else if (img instanceof GrayImage || img instanceof CMYKImage || img instanceof RGBAImage) {
      kind = img.kind;
      got.pix = sha256Hex(tightRows(img.pix, img.stride, img.bytesPerPixel * 150, 103));
    } else throw new Error(`${file}: unexpected type ${img.constructor.name}`);
    assertEqual(kind, type, `${file} type`);
    assertDeepEqual(got, sha, `${file} pixels`);
  }
}

/**
 * Decoding at 1/2, 1/4 and 1/8 in the DCT domain: the size is the full size divided and rounded
 * up, the type and subsampling are the full decode's, and every plane is within PSNR 38 dB of an
 * exact box average (the unrounded mean of each box's in-bounds samples) of the full decode,
 * computed here. (Adobe RGB is left out: it stores G and B at half resolution, see spec/jpeg.md.)
 */
export async function jpegScaledDecode(env: SmokeEnv): Promise<void> {
  for (const file of ['video-001.q50.420.jpeg', 'video-001.q50.420.progressive.jpeg', 'video-001.restart2.jpeg', 'video-005.gray.q50.jpeg', 'video-001.cmyk.jpeg']) {
    const bytes = env.fixtures[file];
    const full = await ownJpeg.decode(bytes);
    for (const g of [2, 4, 8]) {
      const small = await ownJpeg.decode(bytes, { scale: 1 / g });
      // 150 / g and 103 / g rounded up.
      assertDeepEqual([small.bounds().dx(), small.bounds().dy()], [Math.ceil(150 / g), Math.ceil(103 / g)], `${file} at 1/${g}: size`);
      assertEqual(small.constructor, full.constructor, `${file} at 1/${g}: type`);
      if (full instanceof YCbCrImage) assertEqual((small as YCbCrImage).subsampleRatio, full.subsampleRatio, `${file} at 1/${g}: subsampling`);
      const F = jpegPlanes(full);
      const S = jpegPlanes(small);
      let se = 0;
      let n = 0;
      for (let k = 0; k < F.length; k++) {
        const [fp, fs, fw, fh] = F[k];
        const [sp, ss, sw, sh] = S[k];
        assertDeepEqual([sw, sh], [Math.ceil(fw / g), Math.ceil(fh / g)], `${file} at 1/${g}: plane ${k} size`);
        for (let Y = 0; Y < sh; Y++) {
          for (let X = 0; X < sw; X++) {
            let sum = 0;
            let c = 0;
            for (let y = Y * g; y < Math.min(Y * g + g, fh); y++) for (let x = X * g; x < Math.min(X * g + g, fw); x++, c++) sum += fp[y * fs + x];
            se += (sp[Y * ss + X] - sum / c) ** 2;
          }
        }
        n += sw * sh;
      }
      const db = psnr(se, n);
      assert(db >= 38, `${file} at 1/${g}: PSNR ${db.toFixed(1)} dB against the box average, want >= 38`);
    }
  }
}

/**
 * Encoding at quality 90, 4:4:4 and 4:2:0, of a real picture (Go's video-001, decoded from PNG):
 * decoded again by imago, Y′CbCr pooled (4:4:4) or luma (4:2:0) is within PSNR 38 dB of the
 * source's Go conversion (color.RGBToYCbCr, which the encoder also uses); the jpeg-js adapter, an
 * independent decoder that runs everywhere, decodes the same bytes to within 38 dB on luma. The
 * streamed encoding is the same bytes.
 */
export async function jpegEncodeRoundTrip(env: SmokeEnv): Promise<void> {
  const src = await ownJpeg.decode(env.fixtures['video-001.png']);
  const r = src.bounds();
  const w = r.dx();
  const h = r.dy();
  /** Y, Cb, Cr at full resolution, by Go's conversion of each pixel's 8-bit RGB. */
  const ycc = (img: Image): Uint8Array[] => {
    const P = [new Uint8Array(w * h), new Uint8Array(w * h), new Uint8Array(w * h)];
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const c = img.at(img.bounds().min.x + x, img.bounds().min.y + y).rgba();
        const [Y, cb, cr] = rgbToYCbCr(c[0] >> 8, c[1] >> 8, c[2] >> 8);
        P[0][y * w + x] = Y;
        P[1][y * w + x] = cb;
        P[2][y * w + x] = cr;
      }
    }
    return P;
  };
  const sqErr = (a: Uint8Array, b: Uint8Array): number => a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0);
  const want = ycc(src);
  const jpegjs = createRegistry([jpegjsCodec]);
  for (const subsample of ['444', '420'] as const) {
    const bytes = await ownJpeg.encode(src, 'jpeg', { quality: 90, subsample });
    const back = await ownJpeg.decode(bytes);
    assert(back instanceof YCbCrImage, `${subsample}: decodes to a YCbCrImage`);
    assertEqual(back.subsampleRatio, subsample, 'subsampling');
    assertDeepEqual([back.bounds().dx(), back.bounds().dy()], [w, h], `${subsample}: size`);
    const got = jpegPlanes(back).map(([pix, stride, pw, ph]) => tightRows(pix, stride, pw, ph));
    const luma = psnr(sqErr(got[0], want[0]), w * h);
    assert(luma >= 38, `q90 ${subsample}: luma PSNR ${luma.toFixed(1)} dB, want >= 38`);
    if (subsample === '444') {
      const pooled = psnr(sqErr(got[0], want[0]) + sqErr(got[1], want[1]) + sqErr(got[2], want[2]), 3 * w * h);
      assert(pooled >= 38, `q90 444: Y′CbCr PSNR ${pooled.toFixed(1)} dB, want >= 38`);
    }
    const js = await jpegjs.decode(bytes);
    assertDeepEqual([js.bounds().dx(), js.bounds().dy()], [w, h], `${subsample}: jpeg-js size`);
    const jsLuma = psnr(sqErr(ycc(js)[0], want[0]), w * h);
    assert(jsLuma >= 38, `q90 ${subsample}: jpeg-js luma PSNR ${jsLuma.toFixed(1)} dB, want >= 38`);
    const streamed = (await readAll(encodeStream(src, 'jpeg', { registry: ownJpeg, quality: 90, subsample, chunkSize: 1024 }))).bytes;
    assertDeepEqual(streamed, bytes, `${subsample}: encodeStream gives the encode's bytes`);
  }
}
