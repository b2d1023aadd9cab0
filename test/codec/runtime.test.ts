import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { GrayImage, UnsupportedError, rect } from '../../src/index.js';

// Pretend the runtime cannot load the pngjs half (as in a browser or Workers without
// nodejs_compat, where `node:zlib` does not exist).
vi.mock('../../src/codec/adapters/pngjs-node.js', () => {
  throw new Error('No such built-in module: node:zlib');
});

const { decode, decodeConfig, encode } = await import('../../src/codecs.js');
const png = new Uint8Array(readFileSync('../shared/corpus/pngsuite/basn0g08.png'));

describe('runtimes without Node built-ins', () => {
  test('PNG decodes and encodes with imago\'s own codec, which needs only Compression Streams', async () => {
    const img = await decode(png);
    expect(img.bounds().dx()).toBe(32);
    expect((await decode(await encode(img, 'png'))).bounds().dx()).toBe(32);
  });

  test('the pngjs adapter, by name, rejects with an UnsupportedError that says what is missing', async () => {
    const err = await encode(new GrayImage(rect(0, 0, 1, 1)), 'pngjs').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnsupportedError);
    expect((err as Error).message).toMatch(/png codec \(pngjs\) needs Node's zlib.*nodejs_compat/);
    expect((err as Error).cause).toBeInstanceOf(Error);
  });

  test('PNG decodeConfig still works: it is pure TypeScript', async () => {
    expect(await decodeConfig(png)).toMatchObject({ format: 'png', width: 32, height: 32 });
  });

  test("JPEG encode without a global Buffer: imago's codec works, jpeg-js (by name) is an UnsupportedError", async () => {
    const g = globalThis as { Buffer?: unknown };
    const saved = g.Buffer;
    try {
      delete g.Buffer;
      const jpg = await encode(new GrayImage(rect(0, 0, 8, 8)), 'jpeg');
      expect([jpg[0], jpg[1]]).toEqual([0xff, 0xd8]);
      expect(await decode(jpg)).toBeInstanceOf(GrayImage);
      const err = await encode(new GrayImage(rect(0, 0, 8, 8)), 'jpeg-js').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UnsupportedError);
      expect((err as Error).message).toMatch(/needs a global Buffer/);
    } finally {
      g.Buffer = saved;
    }
  });
});

describe('the entries import nothing from Node, pngjs or jpeg-js statically', () => {
  /** Follows static `import … from` / `export … from` of relative .js files; returns every specifier seen. */
  function staticImports(entry: string): Map<string, string> {
    const seen = new Map<string, string>(); // specifier → importing file
    const files = new Set<string>();
    const visit = (file: string) => {
      if (files.has(file)) return;
      files.add(file);
      const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      for (const m of text.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
        const spec = m[1];
        if (!seen.has(spec)) seen.set(spec, file);
        if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      }
    };
    visit(join(process.cwd(), entry));
    return seen;
  }

  test.each(['src/index.ts', 'src/codecs.ts'])('%s', (entry) => {
    const specs = staticImports(entry);
    expect(specs.size).toBeGreaterThan(5); // the walk really followed the graph
    const bad = [...specs].filter(([s]) => s.startsWith('node:') || s === 'pngjs' || s === 'jpeg-js' || s === 'zlib' || s === 'buffer');
    expect(bad).toEqual([]);
  });
});

describe('Node-only code stays in the Node-only files', () => {
  const NODE_ONLY = new Set(['src/codec/adapters/pngjs-node.ts']);
  const files = [
    'src/index.ts',
    'src/codecs.ts',
    ...readdirSync('src/codec', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => `src/codec/${f}`),
  ].filter((f) => !NODE_ONLY.has(f) && !f.endsWith('.d.ts'));

  test.each(files)('%s uses no Buffer and no node: module', (file) => {
    const text = readFileSync(file, 'utf8');
    expect(text).not.toMatch(/from ['"]node:|import\(['"]node:|reference types="node"/);
    // Comments and string literals may mention Buffer; code may not.
    const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '').replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, "''");
    expect(code).not.toMatch(/\bBuffer\b/);
  });
});
