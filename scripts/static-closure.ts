import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * The files a cold `import()` of the built module `file` loads: it and, recursively, the relative
 * modules it imports statically (`import ... from "..."`, `import "..."`, `export ... from "..."`
 * at the start of a line or after a `;`, as esbuild prints them, minified or not), as absolute paths in load order, plus the packages it
 * imports by name. Dynamic `import()`s load later, on first use, and are not followed.
 * Used by scripts/size.ts and test/scripts/bundle.test.ts.
 */
export function staticClosure(file: string): { files: string[]; packages: string[] } {
  const files: string[] = [];
  const packages = new Set<string>();
  const visit = (f: string) => {
    if (files.includes(f)) return;
    files.push(f);
    for (const m of readFileSync(f, 'utf8').matchAll(/(?:^|;)\s*(?:import|export)\s*(?:[\w$*\s{},]*?from\s*)?"([^"]+)"/gm)) {
      if (m[1].startsWith('.')) visit(resolve(dirname(f), m[1]));
      else packages.add(m[1]);
    }
  };
  visit(resolve(file));
  return { files, packages: [...packages].sort() };
}
