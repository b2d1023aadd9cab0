/**
 * The forward DCT of Go's image/jpeg (fdct.go), itself the integer "slow but accurate" DCT of the
 * Independent JPEG Group's jfdctint.c (this software is based in part on the work of the
 * Independent JPEG Group). Bit for bit equal to Go's.
 *
 * Input: 64 samples 0..255 in natural order. Output, in place: the DCT coefficients scaled up by 8
 * (the quantizer divides by 8·Q). Sums stay far inside int32 for 8-bit input; `>>` truncates to
 * int32 first, as Go's int32 arithmetic would.
 *
 * The constants are FIX(x) = round(x · 2^13).
 */

const FIX_0_298631336 = 2446;
const FIX_0_390180644 = 3196;
const FIX_0_541196100 = 4433;
const FIX_0_765366865 = 6270;
const FIX_0_899976223 = 7373;
const FIX_1_175875602 = 9633;
const FIX_1_501321110 = 12299;
const FIX_1_847759065 = 15137;
const FIX_1_961570560 = 16069;
const FIX_2_053119869 = 16819;
const FIX_2_562915447 = 20995;
const FIX_3_072711026 = 25172;

const CONST_BITS = 13;
const PASS1_BITS = 2;
/** 8 × 128: the level shift of a row of eight samples. */
const ROW_CENTER = 8 * 128;

export function fdct(b: Int32Array): void {
  // Rows; the output is scaled up by 2^PASS1_BITS.
  for (let y = 0; y < 64; y += 8) {
    const x0 = b[y];
    const x1 = b[y + 1];
    const x2 = b[y + 2];
    const x3 = b[y + 3];
    const x4 = b[y + 4];
    const x5 = b[y + 5];
    const x6 = b[y + 6];
    const x7 = b[y + 7];

    let tmp0 = x0 + x7;
    let tmp1 = x1 + x6;
    let tmp2 = x2 + x5;
    let tmp3 = x3 + x4;
    let tmp10 = tmp0 + tmp3;
    let tmp12 = tmp0 - tmp3;
    let tmp11 = tmp1 + tmp2;
    let tmp13 = tmp1 - tmp2;
    tmp0 = x0 - x7;
    tmp1 = x1 - x6;
    tmp2 = x2 - x5;
    tmp3 = x3 - x4;

    b[y] = (tmp10 + tmp11 - ROW_CENTER) << PASS1_BITS;
    b[y + 4] = (tmp10 - tmp11) << PASS1_BITS;
    let z1 = (tmp12 + tmp13) * FIX_0_541196100 + (1 << (CONST_BITS - PASS1_BITS - 1));
    b[y + 2] = (z1 + tmp12 * FIX_0_765366865) >> (CONST_BITS - PASS1_BITS);
    b[y + 6] = (z1 - tmp13 * FIX_1_847759065) >> (CONST_BITS - PASS1_BITS);

    tmp10 = tmp0 + tmp3;
    tmp11 = tmp1 + tmp2;
    tmp12 = tmp0 + tmp2;
    tmp13 = tmp1 + tmp3;
    z1 = (tmp12 + tmp13) * FIX_1_175875602 + (1 << (CONST_BITS - PASS1_BITS - 1));
    tmp0 *= FIX_1_501321110;
    tmp1 *= FIX_3_072711026;
    tmp2 *= FIX_2_053119869;
    tmp3 *= FIX_0_298631336;
    tmp10 *= -FIX_0_899976223;
    tmp11 *= -FIX_2_562915447;
    tmp12 = tmp12 * -FIX_0_390180644 + z1;
    tmp13 = tmp13 * -FIX_1_961570560 + z1;
    b[y + 1] = (tmp0 + tmp10 + tmp12) >> (CONST_BITS - PASS1_BITS);
    b[y + 3] = (tmp1 + tmp11 + tmp13) >> (CONST_BITS - PASS1_BITS);
    b[y + 5] = (tmp2 + tmp11 + tmp12) >> (CONST_BITS - PASS1_BITS);
    b[y + 7] = (tmp3 + tmp10 + tmp13) >> (CONST_BITS - PASS1_BITS);
  }
  // Columns; the output is scaled down by 2^PASS1_BITS, leaving the factor 8.
  for (let x = 0; x < 8; x++) {
    const c0 = b[x];
    const c1 = b[8 + x];
    const c2 = b[16 + x];
    const c3 = b[24 + x];
    const c4 = b[32 + x];
    const c5 = b[40 + x];
    const c6 = b[48 + x];
    const c7 = b[56 + x];

    let tmp0 = c0 + c7;
    let tmp1 = c1 + c6;
    let tmp2 = c2 + c5;
    let tmp3 = c3 + c4;
    let tmp10 = tmp0 + tmp3 + (1 << (PASS1_BITS - 1));
    let tmp12 = tmp0 - tmp3;
    let tmp11 = tmp1 + tmp2;
    let tmp13 = tmp1 - tmp2;
    tmp0 = c0 - c7;
    tmp1 = c1 - c6;
    tmp2 = c2 - c5;
    tmp3 = c3 - c4;

    b[x] = (tmp10 + tmp11) >> PASS1_BITS;
    b[32 + x] = (tmp10 - tmp11) >> PASS1_BITS;
    let z1 = (tmp12 + tmp13) * FIX_0_541196100 + (1 << (CONST_BITS + PASS1_BITS - 1));
    b[16 + x] = (z1 + tmp12 * FIX_0_765366865) >> (CONST_BITS + PASS1_BITS);
    b[48 + x] = (z1 - tmp13 * FIX_1_847759065) >> (CONST_BITS + PASS1_BITS);

    tmp10 = tmp0 + tmp3;
    tmp11 = tmp1 + tmp2;
    tmp12 = tmp0 + tmp2;
    tmp13 = tmp1 + tmp3;
    z1 = (tmp12 + tmp13) * FIX_1_175875602 + (1 << (CONST_BITS + PASS1_BITS - 1));
    tmp0 *= FIX_1_501321110;
    tmp1 *= FIX_3_072711026;
    tmp2 *= FIX_2_053119869;
    tmp3 *= FIX_0_298631336;
    tmp10 *= -FIX_0_899976223;
    tmp11 *= -FIX_2_562915447;
    tmp12 = tmp12 * -FIX_0_390180644 + z1;
    tmp13 = tmp13 * -FIX_1_961570560 + z1;
    b[8 + x] = (tmp0 + tmp10 + tmp12) >> (CONST_BITS + PASS1_BITS);
    b[24 + x] = (tmp1 + tmp11 + tmp13) >> (CONST_BITS + PASS1_BITS);
    b[40 + x] = (tmp2 + tmp11 + tmp12) >> (CONST_BITS + PASS1_BITS);
    b[56 + x] = (tmp3 + tmp10 + tmp13) >> (CONST_BITS + PASS1_BITS);
  }
}
