export {
  PaletteCache,
  paletteCache,
  configurePaletteCache,
  paletteCacheStats,
  type PaletteCacheOptions,
  type PaletteCacheStats,
  type PaletteCacheEvictReason,
} from './palette-cache.js';
export { NearestTable } from './nearest-table.js';
export { paletteKey } from './palette-key.js';
