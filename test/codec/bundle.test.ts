import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';

/**
 * End to end: `imago/codecs` bundled for the browser, then run where Node's built-ins cannot be
 * loaded (a module hook refuses zlib, stream, buffer, util, assert, as a browser or Workers without
 * nodejs_compat would). decodeConfig, PNG decoding (imago's own codec and inflater)
 * and JPEG decoding must work, the pngjs adapter (by name) must reject with UnsupportedError, and
 * nothing may fail at import.
 *
 * The bundler is rolldown, which vitest's vite brings along; without it the test is skipped.
 */
const rolldown = await import('rolldown').catch(() => undefined);

test.skipIf(rolldown === undefined)('a browser bundle loads without Node built-ins; PNG decodes; the pngjs adapter says what is missing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'imago-bundle-'));
  try {
    const bundle = await rolldown!.rolldown({
      input: join(process.cwd(), 'src/codecs.ts'),
      platform: 'browser',
      logLevel: 'silent', // pngjs's require('zlib') & co. stay external, as the warnings say
    });
    await bundle.write({ dir: join(dir, 'out'), format: 'esm' });
    await bundle.close();
    writeFileSync(
      join(dir, 'hooks.mjs'),
      `const BLOCK = new Set(['zlib', 'stream', 'buffer', 'util', 'assert'].flatMap((m) => [m, 'node:' + m]));
export async function resolve(spec, ctx, next) {
  if (BLOCK.has(spec) && ctx.parentURL?.includes('/out/')) throw new Error('No such built-in module: ' + spec);
  return next(spec, ctx);
}`,
    );
    writeFileSync(join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);`);
    writeFileSync(
      join(dir, 'run.mjs'),
      `import { readFileSync } from 'node:fs';
const { decode, decodeConfig, encode } = await import('./out/codecs.js');
const png = new Uint8Array(readFileSync(process.argv[2]));
const jpg = new Uint8Array(readFileSync(process.argv[3]));
const out = { pngWidth: (await decodeConfig(png)).width };
try { out.png = (await decode(png)).constructor.name; } catch (e) { out.png = e.name + ': ' + e.message; }
try { await encode(await decode(png), 'pngjs'); out.pngjs = 'encoded'; } catch (e) { out.pngjs = e.name + ': ' + e.message; }
out.jpeg = (await decode(jpg)).constructor.name;
console.log(JSON.stringify(out));`,
    );
    const corpus = join(process.cwd(), '..', 'shared', 'corpus');
    const stdout = execFileSync(
      process.execPath,
      ['--import', join(dir, 'register.mjs'), join(dir, 'run.mjs'), join(corpus, 'pngsuite/basn6a08.png'), join(corpus, 'gotestdata/video-001.q50.420.jpeg')],
      { encoding: 'utf8' },
    );
    const out = JSON.parse(stdout.trim().split('\n').at(-1)!) as { pngWidth: number; png: string; pngjs: string; jpeg: string };
    expect(out.pngWidth).toBe(32);
    expect(out.png).toBe('NRGBAImage');
    expect(out.pngjs).toMatch(/^UnsupportedError: imago: the png codec \(pngjs\) needs Node's zlib/);
    expect(out.jpeg).toBe('YCbCrImage'); // imago's own JPEG codec: planar Y′CbCr, as Go
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
