import type { Color, RGBA16 } from './color.js';

/**
 * An 8-bit grey, always opaque.
 * Like a Go uint8 field, each field keeps the low 8 bits of its argument (`x & 0xff`).
 */
export class Gray implements Color {
  readonly y: number;

  constructor(y: number) {
    this.y = y & 0xff;
  }

  rgba(): RGBA16 {
    const y = this.y * 0x101;
    return [y, y, y, 0xffff];
  }
}

/**
 * A 16-bit grey, always opaque.
 * Like a Go uint16 field, each field keeps the low 16 bits of its argument (`x & 0xffff`).
 */
export class Gray16 implements Color {
  readonly y: number;

  constructor(y: number) {
    this.y = y & 0xffff;
  }

  rgba(): RGBA16 {
    const y = this.y;
    return [y, y, y, 0xffff];
  }
}
