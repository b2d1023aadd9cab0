import type { Color, RGBA16 } from './color.js';

/** An 8-bit grey, always opaque. */
export class Gray implements Color {
  constructor(readonly y: number) {}

  rgba(): RGBA16 {
    const y = this.y * 0x101;
    return [y, y, y, 0xffff];
  }
}

/** A 16-bit grey, always opaque. */
export class Gray16 implements Color {
  constructor(readonly y: number) {}

  rgba(): RGBA16 {
    const y = this.y;
    return [y, y, y, 0xffff];
  }
}
