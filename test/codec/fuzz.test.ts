import { expect, test } from 'vitest';
import { fuzzCodecs } from './fuzz-property.js';

// 2,000 damaged real files through decode and decodeConfig (about 20 s on one core); run
// `npm run fuzz:codecs -- 100000` for a long run. See fuzz-property.ts for the property.
test('truncated, bit-flipped, overwritten and spliced files give an ImagoError or a valid image', async () => {
  const stats = await fuzzCodecs(2_000);
  expect(stats.runs).toBe(2_000);
  // The property must exercise both outcomes, or it proves nothing.
  expect(stats.decoded).toBeGreaterThan(100);
  expect(stats.rejected.ERR_FORMAT).toBeGreaterThan(100);
}, 120_000);
