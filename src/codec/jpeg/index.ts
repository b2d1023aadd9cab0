/**
 * imago's own JPEG codec: a decoder bit-exact with Go's image/jpeg, with DCT-domain downscaling,
 * and a baseline encoder. Pure TypeScript, no Node built-ins. See spec/jpeg.md.
 */
export { decodeJpeg, decodeJpegConfig, jpegScaleFor, type JpegConfig, type JpegDecodeOptions } from './decode.js';
export { JpegFormatError, JpegUnsupportedError } from './errors.js';
export { exifOrientation, exifWithOrientation, readJpegMetadata, type JpegMetadata } from './metadata.js';
export type { JpegImage } from './output.js';
export { encodeJpeg, encodeJpegStream, type JpegEncodeOptions } from './encoder.js';
export { jpegCodec } from './codec.js';
