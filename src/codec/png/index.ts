/**
 * imago's own PNG codec: pure TypeScript over the Compression Streams API, bit-exact with Go's
 * image/png. See spec/png.md.
 */
export { readPng, readPngInfo, type PngDecodeOptions, type PngDecoded, type PngInfo } from './decoder.js';
export type { PngInput } from './byte-source.js';
export type { PngHeader } from './header.js';
export type { PngMetadata, PngText, PngPhysical, PngIccProfile } from './metadata.js';
export type { PngImage, PngLayout } from './pixels.js';
