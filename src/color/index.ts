export type { Color, Model, RGBA16 } from './color.js';
export { RGBA, RGBA64 } from './rgba.js';
export { NRGBA, NRGBA64 } from './nrgba.js';
export { Alpha, Alpha16 } from './alpha.js';
export { Gray, Gray16 } from './gray.js';
export { CMYK, rgbToCMYK, cmykToRGB } from './cmyk.js';
export { YCbCr, NYCbCrA, rgbToYCbCr, yCbCrToRGB } from './ycbcr.js';
export {
  RGBAModel,
  RGBA64Model,
  NRGBAModel,
  NRGBA64Model,
  AlphaModel,
  Alpha16Model,
  GrayModel,
  Gray16Model,
  CMYKModel,
  YCbCrModel,
  NYCbCrAModel,
  Black,
  White,
  Transparent,
  Opaque,
} from './models.js';
export { Palette } from './palette.js';
export { plan9, webSafe } from './palettes.js';
