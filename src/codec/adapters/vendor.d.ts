/**
 * The slice of pngjs 7's API that the adapter uses (pngjs ships no types). Kept here so that no
 * pngjs type leaks into imago's public types.
 */
declare module 'pngjs' {
  interface PngjsReadOptions {
    skipRescale?: boolean;
    checkCRC?: boolean;
  }
  interface PngjsWriteOptions {
    colorType?: number;
    inputColorType?: number;
    bitDepth?: number;
    inputHasAlpha?: boolean;
    deflateLevel?: number;
    filterType?: number;
  }
  interface PngjsMetadata {
    width: number;
    height: number;
    depth: number;
    colorType: number;
    data: Uint8Array | Uint16Array;
  }
  const pngjs: {
    PNG: {
      sync: {
        read(buffer: Uint8Array, options?: PngjsReadOptions): PngjsMetadata;
        write(png: { width: number; height: number; data: Uint8Array | Uint16Array }, options?: PngjsWriteOptions): Uint8Array;
      };
    };
  };
  export default pngjs;
}
