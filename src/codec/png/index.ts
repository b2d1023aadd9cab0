/**
 * imago's own PNG codec: pure TypeScript (its own inflate; CompressionStream to compress),
 * bit-exact with Go's image/png. See spec/png.md.
 */
export { pngCodec } from './codec.js';
export { setPngDecodeConcurrency } from './concurrency.js';
export { readPng, readPngInfo, type PngDecodeOptions, type PngDecoded, type PngInfo } from './decoder.js';
export type { PngInput } from './byte-source.js';
export type { PngHeader } from './header.js';
export { inflateIccProfile, type PngMetadata, type PngText, type PngPhysical, type PngIccProfile } from './metadata.js';
export { encodePng, encodePngStream, type PngEncodeOptions, type PngFilterOption } from './encoder.js';
export type { PngImage, PngLayout } from './pixels.js';
