/**
 * The published build (dist/, written by `npm run build`: scripts/bundle.ts) as a user's Node
 * loads it: every file package.json points to exists, `import('imago')` loads the three files the
 * budgets are measured on and nothing else, the serverless entries do not load drawing, classes
 * are shared across entries, and the `development` condition loads imago/debug first.
 * Run after `npm run build` (CI builds first; `npm ci` builds through `prepare`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { staticClosure } from '../../scripts/static-closure.js';

const ROOT = process.cwd();
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, string | Record<string, string>> };

/** staticClosure with paths relative to the project root. */
function closure(file: string): { files: string[]; packages: string[] } {
  const { files, packages } = staticClosure(join(ROOT, file));
  return { files: files.map((f) => relative(ROOT, f)), packages };
}

/** Runs an ES module in a fresh Node process (from the project root, so 'imago' resolves to itself). */
function runModule(code: string, args: string[] = []): string {
  return execFileSync(process.execPath, [...args, '--input-type=module', '-e', code], { cwd: ROOT, encoding: 'utf8' }).trim();
}

describe.skipIf(!existsSync(join(ROOT, 'dist/index.js')))('the published build', () => {
  test('every file that package.json exports (each condition) exists', () => {
    const targets = Object.values(pkg.exports).flatMap((t) => (typeof t === 'string' ? [t] : Object.values(t)));
    expect(targets.length).toBeGreaterThan(10);
    for (const t of targets) expect(existsSync(join(ROOT, t)), t).toBe(true);
  });

  test("import('imago') loads dist/index.js, the core chunk and the draw chunk, and no package", () => {
    const { files, packages } = closure('dist/index.js');
    expect(files.map((f) => f.replace(/-[0-9A-Z]{8}\.js$/, '.js'))).toEqual(['dist/index.js', 'dist/chunks/core.js', 'dist/chunks/draw.js']);
    // lru-cache (the palette cache's strong tier) loads on the first table, with import().
    expect(packages).toEqual([]);
    expect(readFileSync(join(ROOT, files[2]), 'utf8')).toMatch(/import\("lru-cache"\)/);
  });

  test('imago/resize, imago/codecs, imago/thumbnail and imago/serve do not load the draw chunk or lru-cache', () => {
    for (const entry of ['dist/resize/index.js', 'dist/codecs.js', 'dist/pipeline/index.js', 'dist/serve/index.js']) {
      const { files, packages } = closure(entry);
      expect(files.some((f) => f.includes('chunks/core-')), entry).toBe(true);
      expect(files.filter((f) => f.includes('chunks/draw-')), entry).toEqual([]);
      expect(packages, entry).not.toContain('lru-cache');
    }
  });

  test('the entries share one copy of every class', () => {
    const out = runModule(`
      import { RGBAImage, ImagoError, rect } from 'imago';
      import { resize } from 'imago/resize';
      import { decode } from 'imago/codecs';
      const small = resize(new RGBAImage(rect(0, 0, 8, 8)), { width: 4, height: 4 });
      const err = await decode(new Uint8Array([1, 2, 3])).catch((e) => e);
      console.log(JSON.stringify([small instanceof RGBAImage, err instanceof ImagoError, err.code]));`);
    expect(JSON.parse(out)).toEqual([true, true, 'ERR_FORMAT']); // spec/errors.md: not a known format
  });

  test("the development condition loads imago/debug before the core (counting from the first object)", () => {
    const code = `
      import { PaletteCache } from 'imago';
      const { memStats } = await import('imago/debug');
      console.log(memStats().caches);`;
    // The shared palette cache is made when the core loads: only counted if debug was there first.
    expect(runModule(code, ['--conditions=development'])).toBe('1');
    expect(runModule(code)).toBe('0');
  });
});
