/**
 * Paths into the shared test corpus (../shared/corpus relative to the project root; see its
 * README.md). Tests read the files directly; nothing is copied into the project.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const CORPUS = join(process.cwd(), '..', 'shared', 'corpus');

/** The bytes of a corpus file, as a plain Uint8Array. */
export function corpus(path: string): Uint8Array {
  const b = readFileSync(join(CORPUS, path));
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** The names in a corpus folder that match `re`, sorted. */
export function corpusFiles(dir: string, re: RegExp): string[] {
  return readdirSync(join(CORPUS, dir))
    .filter((f) => re.test(f))
    .sort();
}

/** The corpus text file as a string. */
export function corpusText(path: string): string {
  return readFileSync(join(CORPUS, path), 'utf8');
}
