import { describe, expect, test } from 'vitest';
import { FormatError, ImagoError, UnsupportedError } from '../../../src/index.js';
import { decodeJpeg, decodeJpegConfig, JpegFormatError, JpegUnsupportedError } from '../../../src/codec/jpeg/index.js';
import { goDecodes, imageHashes, readFixtureFile } from './helpers.js';

/**
 * Every JPEG in the shared corpus (and the files our encoder wrote), decoded by Go's image/jpeg
 * (scripts/golden/jpeg/main.go) and by imago: the same type, bounds and subsampling, the same
 * SHA-256 of every plane, or the same kind of error with Go's reason.
 */

/** Go's error kinds and the imago error class each must become. */
function expectedClass(kind: string): typeof FormatError | typeof UnsupportedError {
  return kind === 'UnsupportedError' ? UnsupportedError : FormatError;
}

/** Go's reason: its error text without the "invalid JPEG format: " / "unsupported JPEG feature: " prefix. */
function goReason(msg: string): string {
  return msg.replace(/^invalid JPEG format: /, '').replace(/^unsupported JPEG feature: /, '');
}

function expectGoError(fn: () => unknown, kind: string, msg: string): void {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err, 'expected an error').toBeInstanceOf(ImagoError);
  expect(err).toBeInstanceOf(expectedClass(kind));
  if (kind === 'FormatError') {
    expect(err).toBeInstanceOf(JpegFormatError);
    expect((err as JpegFormatError).reason).toBe(goReason(msg));
  } else if (kind === 'UnsupportedError') {
    expect(err).toBeInstanceOf(JpegUnsupportedError);
    expect((err as JpegUnsupportedError).reason).toBe(goReason(msg));
  } else {
    // io.EOF / io.ErrUnexpectedEOF: a truncated file.
    expect((err as JpegFormatError).reason).toBe('unexpected EOF');
  }
}

const MODEL: Record<string, string> = { YCbCr: 'ycbcr', Gray: 'gray', CMYK: 'cmyk', RGBA: 'rgba' };

describe('decoding equals Go image/jpeg on the corpus', () => {
  for (const f of goDecodes()) {
    test(f.file, () => {
      const bytes = readFixtureFile(f.file);
      expect(bytes.length).toBe(f.bytes);
      if (f.error !== undefined) {
        expectGoError(() => decodeJpeg(bytes), f.errorKind!, f.error);
      } else {
        const img = decodeJpeg(bytes);
        expect([img.rect.min.x, img.rect.min.y, img.rect.dx(), img.rect.dy()]).toEqual([0, 0, f.width, f.height]);
        const got = imageHashes(img);
        expect(got.type).toBe(f.type);
        if (f.ratio !== undefined) expect(got.ratio).toBe(f.ratio);
        expect(got.sha256).toEqual(f.sha256);
      }
      if (f.config.error !== undefined) {
        expectGoError(() => decodeJpegConfig(bytes), f.config.errorKind!, f.config.error);
      } else {
        const cfg = decodeJpegConfig(bytes);
        expect([cfg.width, cfg.height]).toEqual([f.config.width, f.config.height]);
        expect(cfg.colorModel.name).toBe(MODEL[f.config.colorModel!]);
      }
    });
  }
});
