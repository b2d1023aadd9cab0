/** Streaming encode: `encodeStream`, `toResponse`. See spec/streaming.md. */
export { encodeStream, DEFAULT_CHUNK_SIZE, type EncodeStreamOptions } from './encode-stream.js';
export { toResponse, type ToResponseOptions } from './response.js';
export { findEncoder, type CodecList } from './find-codec.js';
