import { expect, test } from 'vitest';
import { INV255 } from '../../src/resize/source-rows.js';

test('floor(x × (1/255)) equals floor(x / 255) for every x in [0, 255 × 0xffff] (premultiplying NRGBA)', () => {
  let bad = 0;
  for (let x = 0; x <= 255 * 0xffff; x++) if (Math.floor(x * INV255) !== Math.floor(x / 255)) bad++;
  expect(bad).toBe(0);
});
