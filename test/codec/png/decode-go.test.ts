import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { FormatError } from '../../../src/errors.js';
import { readPng, readPngInfo } from '../../../src/codec/png/decoder.js';
import { GO_TYPE, fixtureBytes, goDecodes, paletteEntry, sha256, streamOf } from './helpers.js';

/**
 * Every PngSuite file, Go's test data and the golang-sng copies decode exactly as Go's image/png
 * decodes them (test/fixtures/png/decode-go.json, written by scripts/golden/png/main.go): the same
 * image type, bounds, stride, pixel bytes and palette entries (type and value). Every file Go
 * rejects, imago rejects with a FormatError naming where.
 */
const cases = goDecodes();

describe('decode equals Go image/png', () => {
  test('the fixture covers the suite', () => {
    expect(cases.filter((c) => c.file.startsWith('pngsuite/') && !c.file.includes('golang-sng')).length).toBe(176);
    expect(cases.filter((c) => /^pngsuite\/x/.test(c.file)).length).toBe(14);
  });

  for (const c of cases) {
    test(c.file, async () => {
      const bytes = fixtureBytes(c.file);
      if (!c.ok) {
        const err = await readPng(bytes).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(FormatError);
        // Every message says where: a chunk name or a byte offset.
        expect((err as Error).message).toMatch(/at byte \d+/);
        return;
      }
      const { image } = await readPng(bytes);
      expect(GO_TYPE[image.kind]).toBe(c.type);
      const r = image.bounds();
      expect([r.min.x, r.min.y, r.max.x, r.max.y]).toEqual(c.bounds);
      expect(image.stride).toBe(c.stride);
      expect(await sha256(image.pix)).toBe(c.pixSha256);
      if (image.kind === 'paletted') expect(image.palette.colors.map(paletteEntry).join('')).toBe(c.palette);
    });
  }
});

describe('streamed input decodes the same as bytes', () => {
  // Odd piece sizes put chunk headers, CRCs and scanlines across piece boundaries.
  for (const c of cases.filter((c) => c.ok && /basi|basn|tp1n3p08|oi9n|z09n/.test(c.file))) {
    test(c.file, async () => {
      const bytes = fixtureBytes(c.file);
      const { image } = await readPng(streamOf(bytes, [1, 7, 13, 3, 64]));
      expect(GO_TYPE[image.kind]).toBe(c.type);
      expect(await sha256(image.pix)).toBe(c.pixSha256);
    });
  }
});

describe('any split of the input into stream pieces decodes the same', () => {
  const valid = cases.filter((c) => c.ok);
  test('property over every file that Go decodes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(valid.length - 1), fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 8 }), async (k, sizes) => {
        const c = valid[k];
        const { image } = await readPng(streamOf(fixtureBytes(c.file), sizes));
        expect(await sha256(image.pix)).toBe(c.pixSha256);
      }),
      { numRuns: 200 },
    );
  });
});

describe('readPngInfo agrees with Go DecodeConfig and with readPng', () => {
  for (const c of cases.filter((c) => c.config !== undefined && c.ok)) {
    test(c.file, async () => {
      const bytes = fixtureBytes(c.file);
      const info = await readPngInfo(bytes);
      expect(info.header.width).toBe(c.config!.width);
      expect(info.header.height).toBe(c.config!.height);
      // Go's DecodeConfig stops before tRNS; ours reports the type decode returns.
      expect(GO_TYPE[info.layout]).toBe(c.type);
      if (c.config!.model !== 'Palette' && c.config!.model !== c.type) {
        // Only tRNS may change the model Go's DecodeConfig reports.
        expect(c.type).toMatch(/^NRGBA/);
      }
    });
  }
});
