/**
 * The runtime smoke suite, run in-process under vitest (Node), so `npm test` covers it too. The
 * other runtimes run the same checks through `npm run test:runtimes` (matrix.ts).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { forceGC } from '../helpers/gc.js';
import { detectRuntime, Skip, type SmokeEnv } from './harness.js';
import * as checks from './smoke.js';

const dir = new URL('../fixtures/runtimes/', import.meta.url);
const fixtures: Record<string, Uint8Array<ArrayBuffer>> = {};
for (const f of readdirSync(dir)) if (!f.endsWith('.md')) fixtures[f] = new Uint8Array(readFileSync(new URL(f, dir)));

const env: SmokeEnv = { runtime: detectRuntime(), gc: forceGC, fixtures };

describe('runtime smoke suite (Node, in vitest)', () => {
  test('detects Node', () => {
    expect(env.runtime.name).toBe('node');
  });
  for (const [name, check] of Object.entries(checks)) {
    test(name, async () => {
      try {
        await check(env);
      } catch (err) {
        // Under vitest every check must run: GC is exposed and the fixtures are on disk.
        if (err instanceof Skip) throw new Error(`${name} skipped in Node: ${err.message}`);
        throw err;
      }
    });
  }
});
