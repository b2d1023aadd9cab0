import { RGBA } from './rgba.js';
import { Palette } from './palette.js';

/**
 * Plan 9's 256-colour palette: the RGB cube diced 4×4×4, with 4 shades in each subcube, which
 * gives 16 greys and better continuous tones than {@link webSafe}. The entries are computed here
 * the way Go's `palette/gen.go` computes them, and a golden test checks them against Go's table.
 */
export const plan9: Palette = new Palette(
  (() => {
    const out: RGBA[] = new Array(256);
    for (let r = 0, i = 0; r !== 4; r++) {
      for (let v = 0; v !== 4; v++, i += 16) {
        for (let g = 0, j = v - r; g !== 4; g++) {
          for (let b = 0; b !== 4; b++, j++) {
            const den = Math.max(r, g, b);
            let c: RGBA;
            if (den === 0) {
              c = new RGBA(0x11 * v, 0x11 * v, 0x11 * v, 0xff);
            } else {
              const num = 17 * (4 * den + v);
              c = new RGBA(Math.trunc((r * num) / den), Math.trunc((g * num) / den), Math.trunc((b * num) / den), 0xff);
            }
            out[i + (j & 0x0f)] = c;
          }
        }
      }
    }
    return out;
  })(),
);

/** The 216-colour "web-safe" palette: every combination of 0x00, 0x33, …, 0xff, blue fastest. */
export const webSafe: Palette = new Palette(
  Array.from({ length: 216 }, (_, i) => new RGBA(0x33 * Math.floor(i / 36), 0x33 * (Math.floor(i / 6) % 6), 0x33 * (i % 6), 0xff)),
);
