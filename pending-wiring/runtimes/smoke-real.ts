/**
 * Smoke checks over imago's own PNG codec (pure TypeScript over Compression Streams), which must
 * pass in every runtime, workerd without nodejs_compat and Chromium included. To be appended to
 * test/runtimes/smoke.ts once src/codec/png (issue 8) is on main; add imago's own JPEG codec
 * (issue 9) to `own` when it has a Codec value.
 */
import { createRegistry } from '../../src/codec/registry.js';
import { pngCodec } from '../../src/codec/png/index.js';
import type { Image } from '../../src/image/image.js';
import { thumbnail } from '../../src/pipeline/index.js';
import { createThumbnailHandler } from '../../src/serve/index.js';
import { encodeStream } from '../../src/stream/index.js';
import { readAll } from '../helpers/fake-codecs.js';
import { assertDeepEqual, assertEqual, type SmokeEnv } from './harness.js';

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

