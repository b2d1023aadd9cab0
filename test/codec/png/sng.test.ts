import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { readPng } from '../../../src/codec/png/decoder.js';
import type { PngImage } from '../../../src/codec/png/pixels.js';
import { SUITE, entryString, paletteEntry } from './helpers.js';

/**
 * The pixels of the hand-checked `.sng` text dumps that ship with Go's PngSuite copy
 * (../shared/corpus/pngsuite/golang-sng/). The dump is parsed into expected colours (or palette
 * indices and palette), independently of Go's and of imago's code, and every pixel of imago's
 * decode must match. Grey files of 1, 2 and 4 bits were dumped after conversion to 8 bits, as the
 * folder's README says; tRNS keys in the dump mark which pixels are transparent.
 */
const DIR = `${SUITE}/golang-sng`;

interface Sng {
  width: number;
  height: number;
  depth: number;
  using: string;
  palette: [number, number, number][];
  paletteAlpha: number[];
  key: number[] | null;
  rows: string[];
}

function parseSng(text: string): Sng {
  const lines = text.split('\n');
  const s: Sng = { width: 0, height: 0, depth: 0, using: '', palette: [], paletteAlpha: [], key: null, rows: [] };
  let section = '';
  for (const line of lines) {
    const head = /^(\w+) \{/.exec(line);
    if (head) {
      section = head[1];
      const inline = /\{(.*)\}/.exec(line);
      if (section === 'tRNS' && inline) s.paletteAlpha.push(...inline[1].trim().split(/\s+/).map(Number));
      if (inline) section = '';
      continue;
    }
    if (line.startsWith('}')) {
      section = '';
      continue;
    }
    if (section === 'IHDR') {
      const m = /width: (\d+); height: (\d+); bitdepth: (\d+);/.exec(line);
      if (m) [s.width, s.height, s.depth] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const u = /using (.*);/.exec(line);
      if (u) s.using = u[1];
    } else if (section === 'PLTE') {
      const m = /\(\s*(\d+),\s*(\d+),\s*(\d+)\)/.exec(line);
      if (m) s.palette.push([Number(m[1]), Number(m[2]), Number(m[3])]);
    } else if (section === 'tRNS') {
      const g = /gray: (\d+);/.exec(line);
      const c = /red: (\d+); green: (\d+); blue: (\d+);/.exec(line);
      if (g) s.key = [Number(g[1])];
      else if (c) s.key = [Number(c[1]), Number(c[2]), Number(c[3])];
      else {
        // Palette alphas, possibly ending the section on the same line: " 0 12 255}".
        const body = line.replace('}', '').trim();
        if (body !== '') s.paletteAlpha.push(...body.split(/\s+/).map(Number));
        if (line.includes('}')) section = '';
      }
    } else if (section === 'IMAGE' && !line.includes('pixels hex')) {
      s.rows.push(line.replace(/\s+/g, ''));
    }
  }
  return s;
}

/** The straight (non-premultiplied) colour of a decoded pixel at 8 or 16 bits per channel. */
function straight(img: PngImage, x: number, y: number, depth: number): number[] {
  const i = img.pixOffset(x, y);
  const p = img.pix;
  let c: number[];
  let wide: boolean;
  switch (img.kind) {
    case 'gray':
      [c, wide] = [[p[i], p[i], p[i], 0xff], false];
      break;
    case 'gray16': {
      const v = (p[i] << 8) | p[i + 1];
      [c, wide] = [[v, v, v, 0xffff], true];
      break;
    }
    case 'rgba':
    case 'nrgba':
      [c, wide] = [[p[i], p[i + 1], p[i + 2], p[i + 3]], false];
      break;
    case 'rgba64':
    case 'nrgba64':
      [c, wide] = [[0, 2, 4, 6].map((k) => (p[i + k] << 8) | p[i + k + 1]), true];
      break;
    default:
      throw new Error(`no straight colour for ${img.kind}`);
  }
  if (depth === 16 && !wide) return c.map((v) => v * 0x101);
  if (depth !== 16 && wide) throw new Error('the dump is narrower than the image');
  return c;
}

/** The expected colour of pixel (x, y) in the dump, straight, at the dump's depth. */
function expected(s: Sng, x: number, y: number): number[] {
  const row = s.rows[y];
  const depth = s.depth === 16 ? 16 : 8;
  const hexPer = depth / 4;
  const channels = s.using === 'color alpha' ? 4 : s.using === 'grayscale alpha' ? 2 : s.using === 'color' ? 3 : 1;
  const at = (k: number): number => parseInt(row.substr((x * channels + k) * hexPer, hexPer), 16);
  const max = depth === 16 ? 0xffff : 0xff;
  let c: number[];
  switch (s.using) {
    case 'grayscale':
      c = [at(0), at(0), at(0), max];
      break;
    case 'grayscale alpha':
      c = [at(0), at(0), at(0), at(1)];
      break;
    case 'color':
      c = [at(0), at(1), at(2), max];
      break;
    default:
      c = [at(0), at(1), at(2), at(3)];
  }
  if (s.key !== null) {
    const hit = s.key.length === 1 ? c[0] === s.key[0] : c[0] === s.key[0] && c[1] === s.key[1] && c[2] === s.key[2];
    if (hit) c[3] = 0;
  }
  return c;
}

const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.sng'))
  .map((f) => f.slice(0, -4))
  .sort();

describe('decode equals the .sng dumps', () => {
  test('every dump is checked', () => {
    expect(files.length).toBe(35);
  });
  for (const name of files) {
    test(name, async () => {
      const s = parseSng(readFileSync(`${DIR}/${name}.sng`, 'utf8'));
      const { image } = await readPng(new Uint8Array(readFileSync(`${DIR}/${name}.png`)));
      expect([image.rect.dx(), image.rect.dy()]).toEqual([s.width, s.height]);
      expect(s.rows.length).toBe(s.height);
      if (s.using === 'color palette') {
        expect(image.kind).toBe('paletted');
        if (image.kind !== 'paletted') return;
        // The palette: PLTE colours, tRNS alphas for the first entries, opaque after.
        const want = s.palette.map(([r, g, b], i) =>
          i < s.paletteAlpha.length ? entryString('N', r, g, b, s.paletteAlpha[i]) : entryString('R', r, g, b, 255),
        );
        expect(image.palette.colors.map(paletteEntry)).toEqual(want);
        const perByte = 8 / s.depth;
        for (let y = 0; y < s.height; y++) {
          const got: number[] = [];
          const wantRow: number[] = [];
          for (let x = 0; x < s.width; x++) {
            const byte = parseInt(s.rows[y].substr(Math.floor(x / perByte) * 2, 2), 16);
            const shift = 8 - s.depth * ((x % perByte) + 1);
            wantRow.push((byte >> shift) & ((1 << s.depth) - 1));
            got.push(image.colorIndexAt(x, y));
          }
          expect(got).toEqual(wantRow);
        }
        return;
      }
      if (name === 'basn4a16') {
        // As in Go's own test: this dump is grey + alpha but the image is NRGBA64, checked at one
        // known pixel (2, 1).
        expect(straight(image, 2, 1, 16)).toEqual([0x11a7, 0x11a7, 0x11a7, 0x1085]);
      }
      const depth = s.depth === 16 ? 16 : 8;
      for (let y = 0; y < s.height; y++) {
        const got: number[] = [];
        const want: number[] = [];
        for (let x = 0; x < s.width; x++) {
          got.push(...straight(image, x, y, depth));
          want.push(...expected(s, x, y));
        }
        expect(got, `row ${y}`).toEqual(want);
      }
    });
  }
});
