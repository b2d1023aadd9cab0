/**
 * The rule of ARCHITECTURE.md: nothing outside the Node-only files imports a Node built-in
 * statically (a lazy `import()` is allowed: it fails, catchably, only where it runs). Node-only
 * files are src/cli/** and files named `node-*.ts` or `*-node.ts`. The runtime matrix (npm run
 * test:runtimes) proves the same thing by running the code where Node built-ins are absent.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

const SRC = new URL('../../src/', import.meta.url).pathname;
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
const nodeOnly = (f: string) => f.startsWith('cli/') || /(^|\/)node-[^/]*\.ts$|-node\.ts$/.test(f);
const builtins = new Set(builtinModules.map((m) => m.replace(/^node:/, '')));

/** Static imports and re-exports (`import x from 'm'`, `export * from 'm'`, `import 'm'`), and require(). */
function staticSpecifiers(code: string): string[] {
  const noComments = code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  const out: string[] = [];
  for (const m of noComments.matchAll(/^\s*(?:import|export)\s(?:[^'"`;]*?\sfrom\s*)?['"]([^'"]+)['"]/gm)) out.push(m[1]);
  for (const m of noComments.matchAll(/\brequire\s*\(\s*['"]([^'"]+)['"]/g)) out.push(m[1]);
  return out;
}

describe('no Node built-in outside Node-only files', () => {
  const all = files(SRC).map((f) => relative(SRC, f));
  test('the scan finds the sources and the specifier parser works', () => {
    expect(all).toContain('index.ts');
    expect(staticSpecifiers(`import { a } from 'node:fs';\nexport * from "./x.js";\nimport type { T } from 'y';\nconst z = await import('node:zlib');`)).toEqual(['node:fs', './x.js', 'y']);
  });
  for (const f of all.filter((x) => !nodeOnly(x))) {
    test(f, () => {
      const bad = staticSpecifiers(readFileSync(join(SRC, f), 'utf8')).filter((s) => s.startsWith('node:') || builtins.has(s.split('/')[0]));
      expect(bad).toEqual([]);
    });
  }
});
