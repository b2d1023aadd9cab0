import type { Color, Model } from '../color/color.js';
import { RGBA64 } from '../color/rgba.js';
import { ZR, type Rectangle } from '../geom/rectangle.js';
import { allocBytes, checkPixBuffer, checkStride, minBufferLength, pixelBufferLength } from '../lifetime/alloc.js';
import type { Layout, RGBA64Writable } from './image.js';

/**
 * The shared shape of every image stored as one interleaved byte buffer: `pix`, `stride`, `rect`.
 *
 * Pixel (x, y) starts at `pix[(y - rect.min.y) * stride + (x - rect.min.x) * bytesPerPixel]`.
 * Rows are `stride` bytes apart, and stride may exceed `rect.dx() * bytesPerPixel`: sub-images and
 * caller-given buffers are normal. 16-bit samples are big-endian, as in Go.
 *
 * Ownership (spec/lifetime.md):
 * - `new X(rect)` allocates and owns a zeroed buffer.
 * - `new X(rect, pix, stride)` wraps the caller's buffer without copying; the image shares it.
 * - {@link subImage} returns a view that shares `pix` with this image and keeps its whole
 *   `ArrayBuffer` alive.
 * - {@link clone} returns an owned, tight copy that keeps nothing of this image alive.
 */
export abstract class BufferImage implements RGBA64Writable {
  /** The pixel layout, for fast-path dispatch. */
  abstract readonly kind: Layout;
  /** Bytes per pixel. */
  readonly bytesPerPixel: number;
  /** The pixel bytes. May be a view into a larger buffer (see the class notes). */
  readonly pix: Uint8Array;
  /** Bytes between the starts of vertically adjacent pixels. */
  readonly stride: number;
  /** The image bounds. */
  readonly rect: Rectangle;

  /**
   * @param what the type name, for error messages.
   * @throws SizeError for a bad rectangle or stride, or a `pix` too short for `rect` and `stride`.
   * @throws OptionError when `pix` is not a Uint8Array.
   * @throws LimitError when the pixel count exceeds the allocation limit.
   */
  protected constructor(what: string, bytesPerPixel: number, rect: Rectangle, pix?: Uint8Array, stride?: number) {
    this.bytesPerPixel = bytesPerPixel;
    this.rect = rect;
    pixelBufferLength(what, rect, bytesPerPixel); // validates the size and the pixel limit
    const rowBytes = rect.dx() * bytesPerPixel;
    this.stride = stride ?? rowBytes;
    if (pix === undefined) {
      // A caller-chosen stride without a buffer gets a padded buffer of its own.
      checkStride(what, this.stride, rect, bytesPerPixel);
      const length = stride === undefined ? rowBytes * rect.dy() : minBufferLength(rect.dy(), this.stride, rowBytes);
      pix = allocBytes(what, length);
    }
    checkPixBuffer(what, pix, rect, this.stride, bytesPerPixel);
    this.pix = pix;
  }

  /** Makes an image of the same type and settings over the given buffer. */
  protected abstract derive(rect: Rectangle, pix: Uint8Array, stride: number): this;

  abstract colorModel(): Model;
  abstract at(x: number, y: number): Color;
  abstract set(x: number, y: number, c: Color): void;
  abstract loadRGBA64(x: number, y: number, out: Uint32Array | number[]): void;
  abstract storeRGBA64(x: number, y: number, r: number, g: number, b: number, a: number): void;
  /** Whether every pixel is fully opaque. */
  abstract opaque(): boolean;

  bounds(): Rectangle {
    return this.rect;
  }

  /** The index of the first byte of pixel (x, y) in `pix`. */
  pixOffset(x: number, y: number): number {
    return (y - this.rect.min.y) * this.stride + (x - this.rect.min.x) * this.bytesPerPixel;
  }

  /** Whether (x, y) is inside the bounds. */
  protected inBounds(x: number, y: number): boolean {
    const r = this.rect;
    return r.min.x <= x && x < r.max.x && r.min.y <= y && y < r.max.y;
  }

  rgba64At(x: number, y: number): RGBA64 {
    const o = [0, 0, 0, 0];
    this.loadRGBA64(x, y, o);
    return new RGBA64(o[0], o[1], o[2], o[3]);
  }

  setRGBA64(x: number, y: number, c: RGBA64): void {
    this.storeRGBA64(x, y, c.r, c.g, c.b, c.a);
  }

  /**
   * The part of the image inside r, as a **view**: it shares `pix` with this image (writes show in
   * both) and keeps this image's whole `ArrayBuffer` alive. Use {@link clone} on the result to
   * detach it. An r that does not overlap the bounds gives an empty image with no pixels.
   */
  subImage(r: Rectangle): this {
    r = r.intersect(this.rect);
    if (r.empty()) return this.derive(ZR, new Uint8Array(0), 0);
    const i = this.pixOffset(r.min.x, r.min.y);
    const len = minBufferLength(r.dy(), this.stride, r.dx() * this.bytesPerPixel);
    return this.derive(r, this.pix.subarray(i, i + len), this.stride);
  }

  /**
   * An **owned** copy: same type, same bounds, a tight new buffer (stride = width × bytes per
   * pixel). It keeps nothing of this image, or of the buffer this image views, alive.
   */
  clone(): this {
    const r = this.rect;
    const rowBytes = r.dx() * this.bytesPerPixel;
    const h = r.dy();
    const out = allocBytes(this.constructor.name, rowBytes * h);
    const pix = this.pix;
    if (this.stride === rowBytes) {
      out.set(pix.subarray(0, rowBytes * h));
    } else {
      for (let y = 0, s = 0, d = 0; y < h; y++, s += this.stride, d += rowBytes) {
        out.set(pix.subarray(s, s + rowBytes), d);
      }
    }
    return this.derive(r, out, rowBytes);
  }

  /**
   * This image when it already owns exactly its pixels (a tight buffer that spans its whole
   * `ArrayBuffer`), otherwise {@link clone}. Either way the result holds no other image's buffer.
   */
  compact(): this {
    const rowBytes = this.rect.dx() * this.bytesPerPixel;
    const pix = this.pix;
    const tight =
      this.stride === rowBytes &&
      pix.byteOffset === 0 &&
      pix.length === rowBytes * this.rect.dy() &&
      pix.buffer.byteLength === pix.length;
    return tight ? this : this.clone();
  }

  /** Whether every byte at offsets `first`, `first + step`, … of every row equals 0xff. */
  protected allRowsFF(first: number, step: number, count: number): boolean {
    const r = this.rect;
    if (r.empty()) return true;
    const pix = this.pix;
    const rowBytes = r.dx() * this.bytesPerPixel;
    for (let y = r.min.y, row = 0; y < r.max.y; y++, row += this.stride) {
      for (let i = row + first; i < row + rowBytes; i += step) {
        for (let k = 0; k < count; k++) if (pix[i + k] !== 0xff) return false;
      }
    }
    return true;
  }
}
