import { readdir, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';

/** One input file and where its output goes, relative to the output folder. */
export interface InputFile {
  path: string;
  /** The output path relative to --out, without extension. */
  outStem: string;
}

/**
 * The files to process: a file argument is taken as is (even with an unknown extension, so a
 * bad file is reported, not silently skipped); a folder is walked recursively for files whose
 * extension is one of `extensions` (hidden entries skipped), keeping their relative paths.
 * @throws Error naming a path that does not exist.
 */
export async function collectInputs(paths: string[], extensions: readonly string[]): Promise<InputFile[]> {
  const exts = new Set(extensions.map((e) => e.toLowerCase().replace(/^\./, '')));
  const out: InputFile[] = [];
  for (const p of paths) {
    const s = await stat(p).catch(() => undefined);
    if (s === undefined) throw new Error(`no such file or folder: ${p}`);
    if (s.isDirectory()) {
      for (const f of await walk(p)) {
        const ext = f.slice(f.lastIndexOf('.') + 1).toLowerCase();
        if (f.includes('.') && exts.has(ext)) out.push({ path: f, outStem: stem(relative(p, f)) });
      }
    } else out.push({ path: p, outStem: stem(basename(p)) });
  }
  // Two inputs must not write the same output.
  const used = new Map<string, number>();
  for (const f of out) {
    const n = used.get(f.outStem) ?? 0;
    used.set(f.outStem, n + 1);
    if (n > 0) f.outStem = `${f.outStem}-${n + 1}`;
  }
  return out;
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const out: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

function stem(p: string): string {
  const i = p.lastIndexOf('.');
  return i > 0 && !p.slice(i).includes('/') ? p.slice(0, i) : p;
}
