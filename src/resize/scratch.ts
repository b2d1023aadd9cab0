/**
 * Scratch buffers of the scalers: weights, the ring of intermediate rows, one accumulator row and
 * one row of 16-bit pixels. They are allocated per `scale` call (weights once per scaler) and
 * dropped when it returns; nothing here is pooled or global. The byte tally exists so the
 * benchmarks can report the memory one resize needs beyond its destination.
 * @internal
 */
export const scratchStats = { bytes: 0 };

export function scratchF64(n: number): Float64Array {
  scratchStats.bytes += n * 8;
  return new Float64Array(n);
}

export function scratchU16(n: number): Uint16Array {
  scratchStats.bytes += n * 2;
  return new Uint16Array(n);
}

export function scratchI32(n: number): Int32Array {
  scratchStats.bytes += n * 4;
  return new Int32Array(n);
}
