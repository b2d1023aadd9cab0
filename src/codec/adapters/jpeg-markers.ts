import { FormatError, UnsupportedError } from '../../errors.js';
import { readExifOrientation } from '../exif.js';
import type { Orientation } from '../orient.js';

/**
 * A JPEG marker walker for the jpeg-js adapter. Pure TypeScript, no Node.
 *
 * A JPEG (ITU T.81 Annex B) is a sequence of segments, each `FF xx` then, for most markers, a
 * 2-byte big-endian length that counts itself. Entropy-coded data follows an SOS segment and ends
 * at the next `FF` that is not followed by `00` (a stuffed FF) or `D0`..`D7` (a restart marker).
 *
 * {@link readJpegHeader} walks segment headers up to the frame header (SOFn), skipping every
 * other segment by its length: O(number of segments), never O(file). {@link checkJpegStructure}
 * walks the whole file once before jpeg-js decodes it, to name what jpeg-js cannot handle
 * (arithmetic coding, lossless, hierarchical, 12-bit, missing Huffman or quantisation tables)
 * instead of letting it crash.
 */

/** One frame component (T.81 B.2.2). */
export interface JpegComponent {
  id: number;
  /** Horizontal and vertical sampling factors, 1..4. */
  h: number;
  v: number;
  /** Quantisation table selector, 0..3. */
  tq: number;
}

/** What the header says. */
export interface JpegHeader {
  /** The SOF marker's second byte: 0xC0 baseline, 0xC1 extended, 0xC2 progressive. */
  sof: number;
  width: number;
  height: number;
  precision: number;
  components: JpegComponent[];
  /** EXIF orientation 1..8 from an APP1 `Exif` segment before the frame, if any. */
  orientation?: Orientation;
  /** Whether a JFIF APP0 segment came before the frame. */
  jfif: boolean;
  /** The Adobe APP14 transform flag (0 none/RGB/CMYK, 1 YCbCr, 2 YCCK), if that segment exists. */
  adobeTransform?: number;
}

/** What the whole-file walk adds: the table sizes jpeg-js will allocate. */
export interface JpegStructure extends JpegHeader {
  /** Number of quantisation tables defined (jpeg-js allocates 256 bytes for each). */
  dqtCount: number;
  /** Sum over Huffman tables of 16 + the number of codes (jpeg-js's allocation for each). */
  dhtBytes: number;
}

const SOF_NAMES: Record<number, string> = {
  0xc3: 'lossless (SOF3)',
  0xc5: 'hierarchical differential sequential (SOF5)',
  0xc6: 'hierarchical differential progressive (SOF6)',
  0xc7: 'hierarchical differential lossless (SOF7)',
  0xc9: 'arithmetic coding, extended sequential (SOF9)',
  0xca: 'arithmetic coding, progressive (SOF10)',
  0xcb: 'arithmetic coding, lossless (SOF11)',
  0xcd: 'arithmetic coding, hierarchical differential sequential (SOF13)',
  0xce: 'arithmetic coding, hierarchical differential progressive (SOF14)',
  0xcf: 'arithmetic coding, hierarchical differential lossless (SOF15)',
};

const hex = (n: number) => '0x' + n.toString(16);
const markerName = (m: number) => 'FF' + m.toString(16).toUpperCase().padStart(2, '0');

/** Cursor state of the walk. */
interface Walk {
  bytes: Uint8Array;
  header: Partial<JpegHeader> & { jfif: boolean };
}

/**
 * Reads the frame header, walking only segment headers.
 * @throws FormatError for a missing SOI, a segment that runs past the end, a bad SOF, or no SOF.
 * @throws UnsupportedError for a frame type, precision or layout jpeg-js cannot decode, naming it.
 */
export function readJpegHeader(bytes: Uint8Array): JpegHeader {
  const w: Walk = { bytes, header: { jfif: false } };
  let i = expectSOI(bytes);
  for (;;) {
    const at = nextMarker(bytes, i);
    if (at < 0) throw new FormatError('imago: jpeg has no frame header (SOFn) before the end of the data');
    const m = bytes[at + 1];
    if (m === 0xd9) throw new FormatError(`imago: jpeg reaches EOI at offset ${at} without a frame header (SOFn)`);
    if (m === 0xda) throw new FormatError(`imago: jpeg has a scan (SOS) at offset ${at} before any frame header (SOFn)`);
    if (standalone(m)) {
      i = at + 2;
      continue;
    }
    const len = segmentLength(bytes, at, m);
    if (isSOF(m)) {
      parseSOF(w, at, m, len);
      return w.header as JpegHeader;
    }
    parseApp(w, at, m, len);
    i = at + 2 + len;
  }
}

/**
 * Walks the whole file and checks that jpeg-js can decode it: one frame, every scan's Huffman
 * tables defined before the scan, every component's quantisation table defined, no arithmetic
 * coding. Costs one pass over the bytes (entropy-coded data is skipped with `indexOf(0xFF)`).
 * `onSOF` runs as soon as the frame header is read (the limit check), before the scans are walked.
 * @throws FormatError, UnsupportedError as {@link readJpegHeader}, and for the problems above.
 */
export function checkJpegStructure(bytes: Uint8Array, onSOF?: (h: JpegHeader) => void): JpegStructure {
  const w: Walk = { bytes, header: { jfif: false } };
  let i = expectSOI(bytes);
  let haveFrame = false;
  let dqtCount = 0;
  let dhtBytes = 0;
  const quant = new Set<number>();
  const huff = new Set<string>(); // 'dc0', 'ac1', …
  for (;;) {
    const at = nextMarker(bytes, i);
    if (at < 0) break; // truncated after the last segment: jpeg-js decodes what it has
    const m = bytes[at + 1];
    if (m === 0xd9) break; // EOI: anything after it is ignored
    if (standalone(m)) {
      i = at + 2;
      continue;
    }
    const len = segmentLength(bytes, at, m);
    const body = at + 4;
    const end = at + 2 + len;
    if (isSOF(m)) {
      if (haveFrame) throw new UnsupportedError(`imago: jpeg has a second frame header (${markerName(m)}) at offset ${at}; multi-frame (hierarchical) JPEG is not supported`);
      parseSOF(w, at, m, len);
      haveFrame = true;
      onSOF?.(w.header as JpegHeader);
    } else if (m === 0xcc) {
      throw new UnsupportedError(`imago: jpeg uses arithmetic coding (DAC marker at offset ${at}), which jpeg-js cannot decode`);
    } else if (m === 0xdb) {
      for (let p = body; p < end; ) {
        const pq = bytes[p] >> 4;
        const tq = bytes[p] & 15;
        if (pq > 1 || tq > 3) throw new FormatError(`imago: jpeg DQT at offset ${at} has a bad table spec ${hex(bytes[p])}`);
        p += 1 + 64 * (pq + 1);
        if (p > end) throw new FormatError(`imago: jpeg DQT at offset ${at} is shorter than its tables`);
        quant.add(tq);
        dqtCount++;
      }
    } else if (m === 0xc4) {
      for (let p = body; p < end; ) {
        if (p + 17 > end) throw new FormatError(`imago: jpeg DHT at offset ${at} is shorter than its tables`);
        const tc = bytes[p] >> 4;
        const th = bytes[p] & 15;
        if (tc > 1 || th > 3) throw new FormatError(`imago: jpeg DHT at offset ${at} has a bad table spec ${hex(bytes[p])}`);
        let n = 0;
        for (let k = 1; k <= 16; k++) n += bytes[p + k];
        if (n > 256) throw new FormatError(`imago: jpeg DHT at offset ${at} declares ${n} codes (at most 256)`);
        p += 17 + n;
        if (p > end) throw new FormatError(`imago: jpeg DHT at offset ${at} is shorter than its tables`);
        huff.add((tc === 0 ? 'dc' : 'ac') + th);
        dhtBytes += 16 + n;
      }
    } else if (m === 0xda) {
      if (!haveFrame) throw new FormatError(`imago: jpeg has a scan (SOS) at offset ${at} before any frame header (SOFn)`);
      checkScan(w.header as JpegHeader, bytes, at, len, huff);
      i = skipEntropyData(bytes, end);
      continue;
    } else {
      parseApp(w, at, m, len);
    }
    i = end;
  }
  if (!haveFrame) throw new FormatError('imago: jpeg has no frame header (SOFn)');
  const header = w.header as JpegHeader;
  for (const c of header.components) {
    if (!quant.has(c.tq)) {
      throw new FormatError(`imago: jpeg component ${c.id} uses quantisation table ${c.tq}, which no DQT segment defines`);
    }
  }
  return { ...header, dqtCount, dhtBytes };
}

function expectSOI(bytes: Uint8Array): number {
  if (bytes.length < 2 || bytes[0] !== 0xff || bytes[1] !== 0xd8) {
    throw new FormatError('imago: jpeg does not start with SOI (FF D8)');
  }
  return 2;
}

/**
 * The offset of the next marker at or after i: an FF followed by a byte other than 00 and FF.
 * Bytes before it that are not markers are skipped, as Go and libjpeg do ("extraneous data").
 * Returns -1 when the data ends first.
 */
function nextMarker(bytes: Uint8Array, i: number): number {
  for (;;) {
    const j = bytes.indexOf(0xff, i);
    if (j < 0 || j + 1 >= bytes.length) return -1;
    const m = bytes[j + 1];
    if (m !== 0x00 && m !== 0xff) return j;
    i = j + 1;
  }
}

/** Markers with no length field: TEM, RSTn, SOI, EOI. */
function standalone(m: number): boolean {
  return m === 0x01 || (m >= 0xd0 && m <= 0xd9);
}

function isSOF(m: number): boolean {
  return m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;
}

/** The segment length (counting its own two bytes), checked to fit the data. */
function segmentLength(bytes: Uint8Array, at: number, m: number): number {
  if (at + 4 > bytes.length) throw new FormatError(`imago: jpeg segment ${markerName(m)} at offset ${at} is truncated`);
  const len = (bytes[at + 2] << 8) | bytes[at + 3];
  if (len < 2) throw new FormatError(`imago: jpeg segment ${markerName(m)} at offset ${at} has a bad length ${len}`);
  if (at + 2 + len > bytes.length) {
    throw new FormatError(`imago: jpeg segment ${markerName(m)} at offset ${at} (${len} bytes) runs past the end of the data`);
  }
  return len;
}

function parseSOF(w: Walk, at: number, m: number, len: number): void {
  const b = w.bytes;
  const unsupported = SOF_NAMES[m];
  if (unsupported !== undefined) {
    throw new UnsupportedError(`imago: jpeg frame at offset ${at} uses ${unsupported}, which jpeg-js cannot decode`);
  }
  if (len < 8) throw new FormatError(`imago: jpeg frame header at offset ${at} is too short (${len} bytes)`);
  const p = at + 4;
  const precision = b[p];
  const height = (b[p + 1] << 8) | b[p + 2];
  const width = (b[p + 3] << 8) | b[p + 4];
  const nc = b[p + 5];
  if (precision !== 8) {
    if (precision === 12 || precision === 16) {
      throw new UnsupportedError(`imago: jpeg frame at offset ${at} has ${precision}-bit precision; only 8-bit is supported`);
    }
    throw new FormatError(`imago: jpeg frame at offset ${at} has an invalid precision ${precision}`);
  }
  if (width === 0) throw new FormatError(`imago: jpeg frame at offset ${at} has width 0`);
  if (height === 0) {
    throw new UnsupportedError(`imago: jpeg frame at offset ${at} has height 0 (height set later by a DNL marker), which is not supported`);
  }
  if (nc === 0) throw new FormatError(`imago: jpeg frame at offset ${at} has no components`);
  if (len !== 8 + 3 * nc) throw new FormatError(`imago: jpeg frame header at offset ${at} has length ${len}, but ${nc} components need ${8 + 3 * nc}`);
  if (nc !== 1 && nc !== 3 && nc !== 4) {
    throw new UnsupportedError(`imago: jpeg frame at offset ${at} has ${nc} components; only 1 (grey), 3 (YCbCr/RGB) and 4 (CMYK/YCCK) are supported`);
  }
  const components: JpegComponent[] = [];
  for (let k = 0, q = p + 6; k < nc; k++, q += 3) {
    const id = b[q];
    const h = b[q + 1] >> 4;
    const v = b[q + 1] & 15;
    const tq = b[q + 2];
    if (h < 1 || h > 4 || v < 1 || v > 4) {
      throw new FormatError(`imago: jpeg component ${id} at offset ${q} has sampling factors ${h}x${v} (each must be 1..4)`);
    }
    if (tq > 3) throw new FormatError(`imago: jpeg component ${id} at offset ${q} selects quantisation table ${tq} (0..3)`);
    if (components.some((c) => c.id === id)) throw new FormatError(`imago: jpeg frame at offset ${at} repeats component id ${id}`);
    components.push({ id, h, v, tq });
  }
  if (nc === 4 && w.header.adobeTransform === undefined) {
    throw new UnsupportedError(`imago: jpeg frame at offset ${at} has 4 components but no Adobe APP14 segment to say CMYK or YCCK`);
  }
  Object.assign(w.header, { sof: m, width, height, precision, components });
}

/** Notes the APP segments that matter: JFIF (APP0), EXIF orientation (APP1), Adobe (APP14). */
function parseApp(w: Walk, at: number, m: number, len: number): void {
  const b = w.bytes;
  const p = at + 4;
  const n = len - 2;
  const sig = (s: string) => n >= s.length && s.split('').every((ch, k) => b[p + k] === ch.charCodeAt(0));
  if (m === 0xe0 && sig('JFIF\0')) w.header.jfif = true;
  else if (m === 0xe1 && w.header.orientation === undefined && sig('Exif\0')) {
    // The TIFF block starts after "Exif\0\0" (some writers put a single NUL; accept both).
    const start = b[p + 5] === 0 ? p + 6 : p + 5;
    const o = readExifOrientation(b.subarray(start, p + n));
    if (o !== undefined) w.header.orientation = o;
  } else if (m === 0xee && n >= 12 && sig('Adobe')) w.header.adobeTransform = b[p + 11];
}

function checkScan(frame: JpegHeader, b: Uint8Array, at: number, len: number, huff: Set<string>): void {
  const p = at + 4;
  const ns = b[p];
  if (ns < 1 || ns > 4 || len !== 6 + 2 * ns) {
    throw new FormatError(`imago: jpeg scan header at offset ${at} is malformed (${ns} components, length ${len})`);
  }
  const ss = b[p + 1 + 2 * ns];
  const ah = b[p + 3 + 2 * ns] >> 4;
  const progressive = frame.sof === 0xc2;
  for (let k = 0, q = p + 1; k < ns; k++, q += 2) {
    const id = b[q];
    if (!frame.components.some((c) => c.id === id)) {
      throw new FormatError(`imago: jpeg scan at offset ${at} names component ${id}, which the frame does not have`);
    }
    const td = b[q + 1] >> 4;
    const ta = b[q + 1] & 15;
    const needDC = !progressive || (ss === 0 && ah === 0);
    const needAC = !progressive || ss > 0;
    for (const [need, table] of [[needDC, 'dc' + td], [needAC, 'ac' + ta]] as const) {
      if (need && !huff.has(table)) {
        throw new UnsupportedError(
          `imago: jpeg scan at offset ${at} uses Huffman table ${table.toUpperCase()}, which the file does not define ` +
            '(files relying on the standard tables, such as Motion-JPEG frames, are not supported)',
        );
      }
    }
  }
}

/** The offset just past the entropy-coded data that starts at i: the next real marker. */
function skipEntropyData(b: Uint8Array, i: number): number {
  for (;;) {
    const j = b.indexOf(0xff, i);
    if (j < 0 || j + 1 >= b.length) return b.length;
    const m = b[j + 1];
    if (m === 0x00 || m === 0xff || (m >= 0xd0 && m <= 0xd7)) {
      i = j + 1;
      continue;
    }
    return j;
  }
}
