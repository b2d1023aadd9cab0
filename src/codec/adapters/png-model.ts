import type { Color, Model } from '../../color/color.js';
import { GrayModel, Gray16Model, NRGBAModel, NRGBA64Model, RGBAModel, RGBA64Model } from '../../color/models.js';
import { NRGBA } from '../../color/nrgba.js';
import { Palette } from '../../color/palette.js';
import { RGBA } from '../../color/rgba.js';
import type { PngHeader } from './png-chunks.js';

/**
 * The image type a PNG decodes to, as Go's image/png chooses it (reader.go, `readImagePass`):
 *
 * | colour type          | depth 1-8              | depth 16      |
 * |----------------------|------------------------|---------------|
 * | 0 grey               | Gray                   | Gray16        |
 * | 0 grey + tRNS        | NRGBA                  | NRGBA64       |
 * | 2 truecolour         | RGBA (opaque)          | RGBA64        |
 * | 2 truecolour + tRNS  | NRGBA                  | NRGBA64       |
 * | 3 indexed            | Paletted               | (invalid)     |
 * | 4 grey + alpha       | NRGBA                  | NRGBA64       |
 * | 6 truecolour + alpha | NRGBA                  | NRGBA64       |
 */
export type PngLayout = 'gray' | 'gray16' | 'rgba' | 'rgba64' | 'nrgba' | 'nrgba64' | 'paletted';

export function pngLayout(h: PngHeader): PngLayout {
  const wide = h.bitDepth === 16;
  switch (h.colorType) {
    case 0:
      if (h.trns === undefined) return wide ? 'gray16' : 'gray';
      return wide ? 'nrgba64' : 'nrgba';
    case 2:
      if (h.trns === undefined) return wide ? 'rgba64' : 'rgba';
      return wide ? 'nrgba64' : 'nrgba';
    case 3:
      return 'paletted';
    default:
      return wide ? 'nrgba64' : 'nrgba';
  }
}

/**
 * The palette of an indexed PNG, as Go builds it: PLTE entry i is `RGBA{r, g, b, 0xff}`, or
 * `NRGBA{r, g, b, alpha[i]}` for the entries tRNS covers.
 */
export function pngPalette(h: PngHeader): Palette {
  const p = h.palette ?? new Uint8Array(0);
  const t = h.trns;
  const colors: Color[] = [];
  for (let i = 0; i * 3 < p.length; i++) {
    const [r, g, b] = [p[i * 3], p[i * 3 + 1], p[i * 3 + 2]];
    colors.push(t !== undefined && i < t.length ? new NRGBA(r, g, b, t[i]) : new RGBA(r, g, b, 0xff));
  }
  return new Palette(colors);
}

/** The colour model `decode` returns for this header. */
export function pngModel(h: PngHeader): Model {
  switch (pngLayout(h)) {
    case 'gray': return GrayModel;
    case 'gray16': return Gray16Model;
    case 'rgba': return RGBAModel;
    case 'rgba64': return RGBA64Model;
    case 'nrgba': return NRGBAModel;
    case 'nrgba64': return NRGBA64Model;
    case 'paletted': return pngPalette(h);
  }
}
