import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { RGBAImage, rect } from '../../src/index.js';
import { hook } from '../../src/lifetime/hooks.js';

/** Every .ts file under dir. */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('the core pays nothing for imago/debug unless it is imported', () => {
  test('without the debug entry the hook slot is empty', () => {
    new RGBAImage(rect(0, 0, 2, 2))[Symbol.dispose]();
    expect(hook).toBeNull();
  });

  test('no core module imports src/debug (only the development entry does)', () => {
    const offenders = files('src')
      .filter((f) => !f.startsWith(join('src', 'debug')) && f !== join('src', 'index.development.ts'))
      .filter((f) => /from\s+'[^']*\/debug\//.test(readFileSync(f, 'utf8')) || /import\s+'[^']*\/debug\//.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative('.', f))).toEqual([]);
  });

  test('package.json: ./debug entry, development condition, and side effects limited to the debug entries', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(pkg.exports['./debug'].import).toBe('./dist/debug/index.js');
    expect(pkg.exports['.'].development).toBe('./dist/index.development.js');
    // The development condition must come before import, or resolvers never pick it.
    const keys = Object.keys(pkg.exports['.']);
    expect(keys.indexOf('development')).toBeLessThan(keys.indexOf('import'));
    expect(pkg.sideEffects).toEqual(['./dist/debug/index.js', './dist/index.development.js']);
    expect(readFileSync('src/index.development.ts', 'utf8')).toMatch(/import '\.\/debug\/index\.js'/);
  });
});
