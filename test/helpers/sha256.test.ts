import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { sha256Hex } from './sha256.js';

test('the plain SHA-256 helper equals node:crypto, at every padding boundary', () => {
  expect(sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  for (const n of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000]) {
    const p = new Uint8Array(n).map((_, i) => i * 7);
    expect(sha256Hex(p)).toBe(createHash('sha256').update(p).digest('hex'));
  }
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (p) => {
      expect(sha256Hex(p)).toBe(createHash('sha256').update(p).digest('hex'));
    }),
  );
});
