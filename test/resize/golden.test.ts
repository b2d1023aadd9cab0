import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { ApproxBiLinear, BiLinear, CatmullRom, Kernel, NearestNeighbor, type ScaleOp, type Scaler } from '../../src/resize/index.js';
import { fnv, makeDest, makeSource, rectOf, type DestSpec, type R4, type SourceSpec } from './helpers.js';

/**
 * Bit-exactness against Go: test/fixtures/resize/golden.json holds hashes of what x/image/draw's
 * scalers wrote for seeded inputs (scripts/golden/resize/main.go). Every input is rebuilt here from
 * its description and scaled by our scaler of the same name.
 */
interface Golden {
  scalers: string[];
  ops: ScaleOp[];
  grid: { sources: SourceSpec[]; dests: DestSpec[]; drs: R4[]; srs: R4[]; hashes: string };
  sizes: { sources: SourceSpec[]; dests: DestSpec[]; hashes: string };
  photo: { sources: SourceSpec[]; dests: DestSpec[]; hashes: string };
  plugins: { kernels: string[]; sources: SourceSpec[]; dests: DestSpec[]; hashes: string };
}

/** The generator's plugin kernels, made the way a plugin would: new Kernel(support, at). */
const PLUGINS: Record<string, Kernel> = {
  hole: new Kernel(1.5, (t) => (t < 0.25 ? 0 : 1.5 - t)),
  cubic: new Kernel(2.5, (t) => ((2.5 - t) * (2.5 - t) * (1 + t)) / 4),
  negative: new Kernel(2, (t) => (t < 1 ? 1 - 2 * t * t : -0.75 * (2 - t))),
};

const golden = JSON.parse(readFileSync(new URL('../fixtures/resize/golden.json', import.meta.url), 'utf8')) as Golden;
const SCALERS: Record<string, Scaler> = { NearestNeighbor, ApproxBiLinear, BiLinear, CatmullRom };
const add = (r: R4, dx: number, dy: number): R4 => [r[0] + dx, r[1] + dy, r[2] + dx, r[3] + dy];

/** Runs one case and returns its hash. */
function run(s: SourceSpec, d: DestSpec, dr: R4, sr: R4, q: string, op: ScaleOp): string {
  const src = makeSource(s);
  const [dst, pix] = makeDest(d);
  SCALERS[q].scale(dst, rectOf(dr), src, rectOf(sr), op);
  return fnv(pix);
}

function check(label: string, cases: Array<() => [string, string]>, hashes: string): void {
  expect(hashes.length).toBe(cases.length * 8);
  const wrong: string[] = [];
  cases.forEach((c, i) => {
    const [name, got] = c();
    const want = hashes.slice(8 * i, 8 * i + 8);
    if (got !== want) wrong.push(`${name}: got ${got}, Go ${want}`);
  });
  expect(wrong.slice(0, 20), `${label}: ${wrong.length} of ${cases.length} cases differ from Go`).toEqual([]);
}

describe('golden: equal to Go x/image/draw', () => {
  for (const s of golden.grid.sources) {
    test(`grid (Go's TestFastPaths rectangles), source ${s.name}`, () => {
      const { dests, drs, srs } = golden.grid;
      const cases: Array<() => [string, string]> = [];
      const sIndex = golden.grid.sources.indexOf(s);
      for (const d of dests) {
        for (const dr of drs) {
          for (const sr of srs) {
            for (const q of golden.scalers) {
              for (const op of golden.ops) {
                const dr1 = add(dr, d.rect[0], d.rect[1]);
                const sr1 = add(sr, s.rect[0], s.rect[1]);
                cases.push(() => [`${q} ${op} dst=${d.kind}${d.rect} dr=${dr1} sr=${sr1}`, run(s, d, dr1, sr1, q, op)]);
              }
            }
          }
        }
      }
      const per = cases.length;
      check(`grid ${s.name}`, cases, golden.grid.hashes.slice(8 * per * sIndex, 8 * per * (sIndex + 1)));
    });
  }

  test('sizes: up, down, same size, odd and mixed, whole source onto whole destination', () => {
    const cases: Array<() => [string, string]> = [];
    for (const s of golden.sizes.sources) {
      for (const d of golden.sizes.dests) {
        for (const q of golden.scalers) {
          for (const op of golden.ops) cases.push(() => [`${s.name} -> ${d.kind}${d.rect} ${q} ${op}`, run(s, d, d.rect, s.rect, q, op)]);
        }
      }
    }
    check('sizes', cases, golden.sizes.hashes);
  });

  test('plugin kernels (new Kernel(support, at)) equal Go draw.Kernel{Support, At}', () => {
    const cases: Array<() => [string, string]> = [];
    for (const s of golden.plugins.sources) {
      for (const d of golden.plugins.dests) {
        for (const k of golden.plugins.kernels) {
          for (const op of golden.ops) {
            cases.push(() => {
              const src = makeSource(s);
              const [dst, pix] = makeDest(d);
              PLUGINS[k].scale(dst, rectOf(d.rect), src, rectOf(s.rect), op);
              return [`${s.name} -> ${d.kind}${d.rect} ${k} ${op}`, fnv(pix)];
            });
          }
        }
      }
    }
    check('plugins', cases, golden.plugins.hashes);
  });

  test("a real picture (Go's video-001.png) at four sizes", () => {
    const cases: Array<() => [string, string]> = [];
    const s = { ...golden.photo.sources[0], file: '../shared/corpus/gotestdata/video-001.png' };
    for (const d of golden.photo.dests) {
      for (const q of golden.scalers) {
        for (const op of golden.ops) cases.push(() => [`${d.rect} ${q} ${op}`, run(s, d, d.rect, s.rect, q, op)]);
      }
    }
    check('photo', cases, golden.photo.hashes);
  });
});
