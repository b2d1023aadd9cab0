import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runCli, type CliIO } from '../../src/cli/commands.js';
import type { CliEngine } from '../../src/cli/engine.js';
import { renderBar } from '../../src/cli/progress.js';
import { formatBytes, formatTable } from '../../src/cli/table.js';
import { checkThumbnailOptions } from '../../src/pipeline/options.js';
import { prepareThumbnailWith } from '../../src/pipeline/run.js';
import { pattern } from '../helpers/fake-codecs.js';
import { fakeFormatSteps, fakeImage } from '../helpers/fake-steps.js';

/** The CLI over the fake text format (test/helpers/fake-steps.ts). */
function fakeEngine(): CliEngine {
  const { steps } = fakeFormatSteps();
  return {
    async thumbnail(bytes, opts) {
      const p = await prepareThumbnailWith(steps, bytes, checkThumbnailOptions(opts));
      const out = (await p.codec.encode!(p.image, {})) as Uint8Array;
      return { bytes: out, extension: p.codec.extensions[0], width: p.image.bounds().dx(), height: p.image.bounds().dy() };
    },
    async info(bytes) {
      const c = steps.sniff(bytes);
      if (!c) throw new Error('imago: unknown image format');
      return (await steps.readHeader(c, bytes, undefined, undefined)).config;
    },
    async convert(bytes, format) {
      if (format !== 'fk1') throw new Error(`imago: no codec writes "${format}"`);
      const c = steps.sniff(bytes)!;
      const { config } = await steps.readHeader(c, bytes, undefined, undefined);
      return pattern(config.width * config.height * 4);
    },
  };
}

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  return { isTTY, columns: 60, write: (s: string) => chunks.push(s), text: () => chunks.join('') };
}

let dir: string;
let out: ReturnType<typeof sink>;
let err: ReturnType<typeof sink>;
const io = (tty = false): CliIO => {
  out = sink(false);
  err = sink(tty);
  return { stdout: out, stderr: err, engine: fakeEngine(), extensions: ['fakeimg'], rss: () => 50 * 1024 * 1024, now: () => Date.now() };
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'imago-cli-'));
  mkdirSync(join(dir, 'in', 'sub'), { recursive: true });
  writeFileSync(join(dir, 'in', 'a.fakeimg'), fakeImage(400, 200));
  writeFileSync(join(dir, 'in', 'sub', 'b.fakeimg'), fakeImage(100, 300, 6));
  writeFileSync(join(dir, 'in', 'LICENSES.md'), '# not an image');
  writeFileSync(join(dir, 'broken.fakeimg'), 'FAKEIMG 10');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('imago thumbnail', () => {
  test('a folder: every image, recursively, into --out with the same relative paths', async () => {
    const code = await runCli(['thumbnail', join(dir, 'in'), '--width', '40', '--out', join(dir, 'out')], io());
    expect(code).toBe(0);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['a.fk1', 'sub']);
    expect(new Uint8Array(readFileSync(join(dir, 'out', 'a.fk1')))).toEqual(pattern(40 * 20 * 4));
    // b is stored 100 × 300 with orientation 6: upright 300 × 100, so width 40 gives 40 × 13 (100 × 40 / 300 = 13.3).
    expect(readFileSync(join(dir, 'out', 'sub', 'b.fk1')).length).toBe(40 * 13 * 4);
    expect(out.text()).toMatch(/files\s+done\s+failed\s+time\s+bytes in\s+bytes out\s+peak memory/);
    expect(out.text()).toMatch(/\n\s*2\s+2\s+0\s+.*50\.0 MB RSS/);
  });

  test('bad files are reported and skipped; the exit status says so', async () => {
    const code = await runCli(['thumbnail', join(dir, 'in', 'a.fakeimg'), join(dir, 'broken.fakeimg'), join(dir, 'in', 'LICENSES.md'), '--out', join(dir, 'out')], io());
    expect(code).toBe(1);
    expect(err.text()).toMatch(/failed: .*broken.fakeimg: fakeimg header is truncated/);
    expect(err.text()).toMatch(/failed: .*LICENSES.md: unknown image format/);
    expect(existsSync(join(dir, 'out', 'a.fk1'))).toBe(true);
    expect(out.text()).toMatch(/\n\s*3\s+1\s+2\s/);
  });

  test('a progress bar on a TTY, none off it', async () => {
    await runCli(['thumbnail', join(dir, 'in'), '--out', join(dir, 'o1')], io(true));
    expect(err.text()).toContain('\r[');
    expect(err.text()).toContain('2/2');
    await runCli(['thumbnail', join(dir, 'in'), '--out', join(dir, 'o2')], io(false));
    expect(err.text()).not.toContain('\r');
  });

  test.each([
    [['thumbnail'], /at least one file/],
    [['thumbnail', 'x', '--width', 'big'], /--width must be a whole number/],
    [['thumbnail', 'x', '--fit', 'squash'], /fit must be one of/],
    [['thumbnail', 'x', '--colour', 'red'], /Unknown option '--colour'/],
    [['thumbnail', '/no/such/path'], /no such file or folder: \/no\/such\/path/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ])('usage error %j exits 2', async (argv, message) => {
    expect(await runCli(argv, io())).toBe(2);
    expect(err.text()).toMatch(message);
    expect(err.text()).toContain('usage:');
  });
});

describe('imago info and convert', () => {
  test('info prints the header; a bad file fails with status 1', async () => {
    expect(await runCli(['info', join(dir, 'in', 'sub', 'b.fakeimg')], io())).toBe(0);
    expect(out.text()).toMatch(/b\.fakeimg\s+fakeimg\s+100x300\s+rgba\s+-\s+6/);
    expect(await runCli(['info', join(dir, 'broken.fakeimg')], io())).toBe(1);
  });

  test('convert writes the output format named by the extension', async () => {
    expect(await runCli(['convert', join(dir, 'in', 'a.fakeimg'), join(dir, 'a.fk1')], io())).toBe(0);
    expect(readFileSync(join(dir, 'a.fk1')).length).toBe(400 * 200 * 4);
    expect(await runCli(['convert', join(dir, 'in', 'a.fakeimg'), join(dir, 'a.gif')], io())).toBe(1);
    expect(await runCli(['convert', join(dir, 'in', 'a.fakeimg')], io())).toBe(2);
  });
});

describe('output helpers', () => {
  test('renderBar fits the width and shows the count', () => {
    const s = renderBar(3, 12, 'samples/rocket.jpg', 60);
    expect(s.length).toBe(59);
    expect(s).toMatch(/^\[#{8}\.{22}\] 3\/12 {2}samples\/rocket\.jpg/);
    expect(renderBar(1, 2, 'x'.repeat(100), 40).length).toBe(39);
  });
  test('formatBytes and formatTable', () => {
    expect([formatBytes(0), formatBytes(1536), formatBytes(5 * 1024 * 1024)]).toEqual(['0 B', '1.5 KB', '5.0 MB']);
    expect(formatTable(['a', 'n'], [['x', '1 KB'], ['long', '10 KB']])).toBe('a         n\n----  -----\nx      1 KB\nlong  10 KB');
  });
});
