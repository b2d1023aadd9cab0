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

/** Checks that must run (not skip) in Node: those that need forced GC. */
const MUST_RUN_IN_NODE = new Set(['cloneReleasesParent', 'streamingCancelReleases']);

describe('runtime smoke suite (Node, in vitest)', () => {
  test('detects Node', () => {
    expect(env.runtime.name).toBe('node');
  });
  for (const [name, check] of Object.entries(checks)) {
    test(name, async (ctx) => {
      try {
        await check(env);
      } catch (err) {
        if (err instanceof Skip && !MUST_RUN_IN_NODE.has(name)) return ctx.skip(err.message);
        // GC is exposed under vitest, so the retention checks must run here.
        if (err instanceof Skip) throw new Error(`${name} skipped in Node: ${err.message}`);
        throw err;
      }
    });
  }
});
