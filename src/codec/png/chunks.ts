import type { ByteSource } from './byte-source.js';
import { crc32Update } from '../crc32.js';
import { formatError, truncatedError } from './errors.js';
import { chunkName, readU32 } from './format.js';

/**
 * Chunk framing (PNG section 5.3): a 4-byte big-endian length, a 4-byte type, the data, and a
 * CRC-32 of the type and the data.
 * @internal
 */

/** The largest chunk length PNG allows, 2^31 - 1. */
export const MAX_CHUNK_LENGTH = 0x7fff_ffff;

/** A chunk's header, read; its data comes next. */
export interface ChunkHeader {
  /** The data length in bytes. */
  readonly length: number;
  /** The four type characters (escaped when not printable). */
  readonly type: string;
  /** The CRC-32 of the type bytes, to be continued over the data. */
  readonly typeCrc: number;
  /** The absolute offset of the chunk's length field. */
  readonly offset: number;
}

/**
 * Reads the next chunk header.
 * @throws FormatError at the end of the input, or for a length over 2^31 - 1.
 */
export async function readChunkHeader(src: ByteSource): Promise<ChunkHeader> {
  const offset = src.offset;
  const b = await src.read(8);
  if (b === null) throw truncatedError('expected a chunk header (is IEND missing?)', { offset });
  const length = readU32(b, 0);
  const type = chunkName(b, 4);
  if (length > MAX_CHUNK_LENGTH) {
    throw formatError(`chunk length ${length} is over the maximum of 2^31-1`, { chunk: type, offset });
  }
  return { length, type, typeCrc: crc32Update(0, b, 4, 8), offset };
}

/** The offset of the first data byte of a chunk. */
export function dataOffset(h: ChunkHeader): number {
  return h.offset + 8;
}

/**
 * Reads the 4-byte CRC that ends a chunk and compares it with `crc`.
 * @throws FormatError when it differs or the input ends.
 */
export async function verifyCrc(src: ByteSource, h: ChunkHeader, crc: number): Promise<void> {
  const offset = src.offset;
  const b = await src.read(4);
  if (b === null) throw truncatedError('in the CRC', { chunk: h.type, offset });
  const want = readU32(b, 0);
  if (want !== crc) {
    throw formatError(
      `invalid checksum: CRC-32 is 0x${crc.toString(16).padStart(8, '0')}, the file says 0x${want.toString(16).padStart(8, '0')}`,
      { chunk: h.type, offset },
    );
  }
}

/**
 * Reads a chunk's data and checks its CRC. The result may be a view of the input: copy what you
 * keep.
 * @throws FormatError for a short read or a bad CRC.
 */
export async function readChunkData(src: ByteSource, h: ChunkHeader): Promise<Uint8Array> {
  const data = await src.read(h.length);
  if (data === null) throw truncatedError(`in ${h.length} bytes of chunk data`, { chunk: h.type, offset: dataOffset(h) });
  await verifyCrc(src, h, crc32Update(h.typeCrc, data));
  return data;
}

/**
 * Skips a chunk's data without holding it, checking its CRC as Go does for every chunk.
 * @throws FormatError for a short read or a bad CRC.
 */
export async function skipChunk(src: ByteSource, h: ChunkHeader): Promise<void> {
  let crc = h.typeCrc;
  let left = h.length;
  while (left > 0) {
    const v = await src.take(left);
    if (v === null) throw truncatedError(`${left} bytes before the end of the chunk`, { chunk: h.type, offset: src.offset });
    crc = crc32Update(crc, v);
    left -= v.length;
  }
  await verifyCrc(src, h, crc);
}
