/**
 * The smoke fixtures as bytes, embedded by esbuild's `binary` loader (see matrix.ts), so checks
 * need no file system. Under vitest, smoke.test.ts reads the same files from disk instead.
 */
import basn2c08 from '../fixtures/runtimes/basn2c08.png';
import basi0g01 from '../fixtures/runtimes/basi0g01.png';
import basi3p04 from '../fixtures/runtimes/basi3p04.png';
import basn6a16 from '../fixtures/runtimes/basn6a16.png';
import tbrn2c08 from '../fixtures/runtimes/tbrn2c08.png';
import video001png from '../fixtures/runtimes/video-001.png';
import video001jpeg from '../fixtures/runtimes/video-001.q50.420.jpeg';
import video001progressive from '../fixtures/runtimes/video-001.q50.420.progressive.jpeg';
import video001restart from '../fixtures/runtimes/video-001.restart2.jpeg';
import video001cmyk from '../fixtures/runtimes/video-001.cmyk.jpeg';
import video001rgb from '../fixtures/runtimes/video-001.rgb.jpeg';
import video005gray from '../fixtures/runtimes/video-005.gray.q50.jpeg';

export const fixtures: Readonly<Record<string, Uint8Array<ArrayBuffer>>> = {
  'basn2c08.png': basn2c08,
  'basi0g01.png': basi0g01,
  'basi3p04.png': basi3p04,
  'basn6a16.png': basn6a16,
  'tbrn2c08.png': tbrn2c08,
  'video-001.png': video001png,
  'video-001.q50.420.jpeg': video001jpeg,
  'video-001.q50.420.progressive.jpeg': video001progressive,
  'video-001.restart2.jpeg': video001restart,
  'video-001.cmyk.jpeg': video001cmyk,
  'video-001.rgb.jpeg': video001rgb,
  'video-005.gray.q50.jpeg': video005gray,
};
