import type { JpegDecoder } from './decoder.js';
import { JpegFormatError } from './errors.js';
import { RST0, RST7 } from './markers.js';
import { allocatePlanes, skipEntropyData, storeBlock, storeDC } from './reconstruct.js';

/** What a block of the current scan does, fixed for the whole scan. */
const enum Mode {
  /** Sequential: decode, dequantize, inverse DCT (full or reduced) into the plane. */
  Sequential,
  /** Sequential at 1/8: decode, keep only DC. */
  SequentialDC,
  /** Progressive, first scan of a band: coefficients into the component's store. */
  First,
  /** Progressive refinement scan. */
  Refine,
  /** Progressive at 1/8, first DC scan: DC into the DC store. */
  FirstDC,
  /** Progressive at 1/8, DC refinement scan. */
  RefineDC,
}

/**
 * Decodes one scan (SOS, B.2.3, and the entropy-coded data after it), as Go's processSOS: the same
 * header checks, the same MCU and block order (including Go's order for non-interleaved scans and
 * its restart count), the same restart marker handling. `n` is the header length after the length
 * field, `at` the offset of the marker.
 */
export function decodeScan(d: JpegDecoder, n: number, at: number): void {
  if (d.nComp === 0) throw new JpegFormatError('missing SOF marker', at);
  if (n < 6 || 4 + 2 * d.nComp < n || n % 2 !== 0) throw new JpegFormatError('SOS has wrong length', at);
  const data = d.data;
  const p = d.readFull(n);
  const nComp = data[p];
  if (n !== 4 + 2 * nComp) throw new JpegFormatError('SOS length inconsistent with number of components', p);
  const compIndex = [0, 0, 0, 0];
  const td = [0, 0, 0, 0];
  const ta = [0, 0, 0, 0];
  let totalHV = 0;
  for (let i = 0; i < nComp; i++) {
    const cs = data[p + 1 + 2 * i];
    let ci = -1;
    for (let j = 0; j < d.nComp; j++) if (cs === d.comp[j].id) ci = j;
    if (ci < 0) throw new JpegFormatError('unknown component selector', p + 1 + 2 * i);
    compIndex[i] = ci;
    for (let j = 0; j < i; j++) {
      if (compIndex[i] === compIndex[j]) throw new JpegFormatError('repeated component selector', p + 1 + 2 * i);
    }
    totalHV += d.comp[ci].h * d.comp[ci].v;
    td[i] = data[p + 2 + 2 * i] >> 4;
    if (td[i] > 3 || (d.baseline && td[i] > 1)) throw new JpegFormatError('bad Td value', p + 2 + 2 * i);
    ta[i] = data[p + 2 + 2 * i] & 0x0f;
    if (ta[i] > 3 || (d.baseline && ta[i] > 1)) throw new JpegFormatError('bad Ta value', p + 2 + 2 * i);
  }
  if (d.nComp > 1 && totalHV > 10) throw new JpegFormatError('total sampling factors too large', p);

  let zs = 0;
  let ze = 63;
  let ah = 0;
  let al = 0;
  if (d.progressive) {
    const q = p + 1 + 2 * nComp;
    zs = data[q];
    ze = data[q + 1];
    ah = data[q + 2] >> 4;
    al = data[q + 2] & 0x0f;
    if ((zs === 0 && ze !== 0) || zs > ze || 64 <= ze) throw new JpegFormatError('bad spectral selection bounds', q);
    if (zs !== 0 && nComp !== 1) throw new JpegFormatError('progressive AC coefficients for more than one component', q);
    if (ah !== 0 && ah !== al + 1) throw new JpegFormatError('bad successive approximation values', q + 2);
  }

  // mxx and myy count the MCUs of the frame, from the first component's sampling factors.
  const h0 = d.comp[0].h;
  const v0 = d.comp[0].v;
  const mxx = Math.trunc((d.width + 8 * h0 - 1) / (8 * h0));
  const myy = Math.trunc((d.height + 8 * v0 - 1) / (8 * v0));
  if (d.planes === null) d.planes = allocatePlanes(d, mxx, myy);
  const planes = d.planes;
  const dcOnly = d.scaleShift === 3;

  let mode: Mode;
  if (!d.progressive) {
    mode = dcOnly ? Mode.SequentialDC : Mode.Sequential;
  } else if (dcOnly) {
    if (zs !== 0) {
      // At 1/8 only the DC terms matter: AC scans are skipped unread.
      d.pos = skipEntropyData(data, d.pos);
      return;
    }
    mode = ah === 0 ? Mode.FirstDC : Mode.RefineDC;
  } else {
    mode = ah === 0 ? Mode.First : Mode.Refine;
  }
  if (d.progressive) {
    for (let i = 0; i < nComp; i++) planes.ensureCoefficients(compIndex[i], dcOnly);
  }

  const e = d.entropy;
  e.reset(data, d.pos);
  e.dc.fill(0);
  const blk = planes.block;
  const huff = d.huff;
  const width = d.width;
  const height = d.height;
  const delta = 1 << al;
  const mcus = mxx * myy;
  let mcu = 0;
  let expectedRST = RST0;
  let blockCount = 0;

  for (let my = 0; my < myy; my++) {
    d.abortCheck();
    for (let mx = 0; mx < mxx; mx++) {
      for (let i = 0; i < nComp; i++) {
        const ci = compIndex[i];
        const comp = d.comp[ci];
        const hi = comp.h;
        const vi = comp.v;
        const dcT = huff[0][td[i]];
        const acT = huff[1][ta[i]];
        const q = d.quant[comp.tq];
        for (let j = 0; j < hi * vi; j++) {
          let bx: number;
          let by: number;
          if (nComp !== 1) {
            bx = hi * mx + (j % hi);
            by = vi * my + Math.trunc(j / hi);
          } else {
            // Non-interleaved: blocks in raster order, none for blocks wholly outside the image
            // (Go compares with the full image size for every component).
            const qq = mxx * hi;
            bx = blockCount % qq;
            by = Math.trunc(blockCount / qq);
            blockCount++;
            if (bx * 8 >= width || by * 8 >= height) continue;
          }
          switch (mode) {
            case Mode.Sequential: {
              const rows = e.decodeSequential(blk, dcT, acT, q, ci);
              e.check();
              storeBlock(planes, ci, bx, by, rows);
              break;
            }
            case Mode.SequentialDC: {
              const dc = e.decodeSequentialDC(dcT, acT, ci);
              e.check();
              storeDC(planes, ci, bx, by, Math.imul(dc, q[0]));
              break;
            }
            case Mode.First:
              e.decodeFirst(planes.coef[ci]!, (by * mxx * hi + bx) * 64, dcT, acT, zs, ze, al, ci);
              e.check();
              break;
            case Mode.Refine:
              e.refine(planes.coef[ci]!, (by * mxx * hi + bx) * 64, acT, zs, ze, delta);
              e.check();
              break;
            case Mode.FirstDC:
              e.decodeFirstDC(planes.coefDC[ci]!, by * mxx * hi + bx, dcT, al, ci);
              e.check();
              break;
            case Mode.RefineDC:
              e.refineDC(planes.coefDC[ci]!, by * mxx * hi + bx, delta);
              e.check();
              break;
          }
        }
      }
      mcu++;
      if (d.ri > 0 && mcu % d.ri === 0 && mcu < mcus) {
        // The restart marker must follow at once (Go tolerates one stray "\xff\x00" before it).
        d.pos = e.syncPosition();
        let r = d.readFull(2);
        if (data[r] === 0xff && data[r + 1] === 0x00) r = d.readFull(2);
        if (data[r] !== 0xff || data[r + 1] !== expectedRST) throw new JpegFormatError('bad RST marker', r);
        expectedRST = expectedRST === RST7 ? RST0 : expectedRST + 1;
        e.reset(data, d.pos);
        e.dc.fill(0);
        e.eobRun = 0;
      }
    }
  }
  d.pos = e.syncPosition();
}
