/**
 * Decodes or encodes the benchmark photo a few times and prints wall and CPU time per run, for
 * profiling and quick comparisons on a busy machine (CPU time includes zlib's worker threads):
 *
 *   npx tsc -p bench/tsconfig.json && node --expose-gc .tmp/bench-out/bench/png-profile.js decode
 *   node --cpu-prof .tmp/bench-out/bench/png-profile.js encode
 *
 * Needs .tmp/bench/kleiber.png, which `npm run bench:png` writes.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { readPng } from '../src/codec/png/decoder.js';
import { encodePng } from '../src/codec/png/encoder.js';

const peers = createRequire(resolve(process.cwd(), 'bench/package.json'));
const { PNG } = peers('pngjs') as { PNG: { sync: { read(b: Buffer): unknown; write(p: unknown, o: object): Buffer } } & (new (o: object) => { data: Uint8Array }) };

const buf = readFileSync('.tmp/bench/kleiber.png');
const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
const mode = process.argv[2] ?? 'decode';
const rounds = Number(process.argv[3] ?? 3);
const { image } = await readPng(bytes);

async function measure(name: string, fn: () => unknown): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  const c = process.cpuUsage();
  const t = performance.now();
  await fn();
  const wall = performance.now() - t;
  const cpu = process.cpuUsage(c);
  console.log(`${mode} ${name.padEnd(6)} wall ${wall.toFixed(0).padStart(5)} ms  cpu ${((cpu.user + cpu.system) / 1000).toFixed(0).padStart(5)} ms`);
}

for (let i = 0; i < rounds; i++) {
  if (mode === 'decode') {
    await measure('imago', () => readPng(bytes));
    await measure('pngjs', () => PNG.sync.read(buf));
  } else {
    await measure('imago', () => encodePng(image));
    const pj = new PNG({ width: image.rect.dx(), height: image.rect.dy() });
    pj.data = image.pix;
    await measure('pngjs', () => PNG.sync.write(pj, { colorType: 2, inputHasAlpha: true, deflateLevel: 6, deflateStrategy: 0, filterType: -1 }));
  }
}
