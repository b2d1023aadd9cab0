/**
 * A parser for the .sng text dumps in ../shared/corpus/pngsuite/golang-sng/: the approximation of
 * the `sng` tool that Go's image/png tests write (reader_test.go, func sng). It turns a dump into
 * the colour of every pixel, independently of any PNG decoder.
 *
 * Pixel rows are hex, laid out by the IHDR "using" line and bit depth:
 * grayscale 8 → 2 digits; grayscale 16 → 4; grayscale alpha 16 → 8 (hand-edited basn4a16); color 8 → 6; color 16 → 12; color alpha 8 → 8;
 * color alpha 16 → 16; color palette → indices packed 8/bitdepth per byte, rows padded to a byte.
 * A tRNS with `gray:` or `red: green: blue:` makes the matching pixels transparent (Go decodes such
 * files to NRGBA/NRGBA64, keeping the colour under zero alpha).
 */
import { Gray, Gray16, NRGBA, NRGBA64, RGBA, RGBA64, type Color } from '../../src/index.js';

export interface Sng {
  width: number;
  height: number;
  bitdepth: number;
  using: string;
  /** Row-major colours, width × height. */
  pixels: Color[];
}

export function parseSng(text: string): Sng {
  const ihdr = /IHDR\s*\{([^}]*)\}/.exec(text)?.[1];
  if (ihdr === undefined) throw new Error('sng: no IHDR');
  const num = (key: string, s: string) => {
    const m = new RegExp(`${key}:\\s*(\\d+)`).exec(s);
    if (m === null) throw new Error(`sng: no ${key}`);
    return Number(m[1]);
  };
  const width = num('width', ihdr);
  const height = num('height', ihdr);
  const bitdepth = num('bitdepth', ihdr);
  const using = /using ([a-z ]+);/.exec(ihdr)?.[1] ?? '';

  const plte = /PLTE\s*\{([^}]*)\}/.exec(text)?.[1];
  const palette: Array<[number, number, number]> = [];
  if (plte !== undefined) {
    for (const m of plte.matchAll(/\(\s*(\d+),\s*(\d+),\s*(\d+)\)/g)) palette.push([Number(m[1]), Number(m[2]), Number(m[3])]);
  }
  const trns = /tRNS\s*\{([^}]*)\}/.exec(text)?.[1];
  let alphas: number[] = [];
  let transparent: number[] | undefined;
  if (trns !== undefined) {
    if (/gray:/.test(trns)) transparent = [num('gray', trns)];
    else if (/red:/.test(trns)) transparent = [num('red', trns), num('green', trns), num('blue', trns)];
    else alphas = trns.trim().split(/\s+/).map(Number);
  }

  const image = /IMAGE\s*\{\s*pixels hex\s*\n([\s\S]*?)\}/.exec(text)?.[1];
  if (image === undefined) throw new Error('sng: no IMAGE');
  const rows = image.split('\n').map((l) => l.replace(/\s+/g, '')).filter((l) => l.length > 0);
  if (rows.length !== height) throw new Error(`sng: ${rows.length} rows, expected ${height}`);

  const pixels: Color[] = [];
  const hex = (s: string, i: number, n: number) => parseInt(s.slice(i, i + n), 16);
  for (const row of rows) {
    if (using === 'color palette') {
      const perByte = 8 / bitdepth;
      for (let x = 0; x < width; x++) {
        const byte = hex(row, Math.floor(x / perByte) * 2, 2);
        const shift = 8 - bitdepth * ((x % perByte) + 1);
        const idx = (byte >> shift) & ((1 << bitdepth) - 1);
        const [r, g, b] = palette[idx];
        pixels.push(idx < alphas.length ? new NRGBA(r, g, b, alphas[idx]) : new RGBA(r, g, b, 0xff));
      }
      continue;
    }
    const wide = bitdepth === 16;
    const d = wide ? 4 : 2; // hex digits per sample
    const samples = { grayscale: 1, 'grayscale alpha': 2, color: 3, 'color alpha': 4 }[using];
    if (samples === undefined) throw new Error(`sng: unknown "using ${using}"`);
    for (let x = 0; x < width; x++) {
      const at = x * samples * d;
      const s = Array.from({ length: samples }, (_, k) => hex(row, at + k * d, d));
      if (samples === 1) {
        const v = s[0];
        if (transparent !== undefined) {
          const a = v === transparent[0] ? 0 : wide ? 0xffff : 0xff;
          pixels.push(wide ? new NRGBA64(v, v, v, a) : new NRGBA(v, v, v, a));
        } else pixels.push(wide ? new Gray16(v) : new Gray(v));
      } else if (samples === 2) {
        const [v, a] = s;
        pixels.push(wide ? new NRGBA64(v, v, v, a) : new NRGBA(v, v, v, a));
      } else if (samples === 3) {
        const [r, g, b] = s;
        if (transparent !== undefined) {
          const match = r === transparent[0] && g === transparent[1] && b === transparent[2];
          const a = match ? 0 : wide ? 0xffff : 0xff;
          pixels.push(wide ? new NRGBA64(r, g, b, a) : new NRGBA(r, g, b, a));
        } else pixels.push(wide ? new RGBA64(r, g, b, 0xffff) : new RGBA(r, g, b, 0xff));
      } else {
        const [r, g, b, a] = s;
        pixels.push(wide ? new NRGBA64(r, g, b, a) : new NRGBA(r, g, b, a));
      }
    }
  }
  return { width, height, bitdepth, using, pixels };
}
