import { defineConfig } from 'vitest/config';

/**
 * Runs the benchmark scripts in bench/ (each a single long "test" that times workloads and
 * prints a table; nothing is asserted). Run from the project root:
 *
 *   (cd bench && npm install)    # once: the peer libraries (sharp, jimp, …)
 *   npx vitest run --config bench/vitest.config.ts
 */
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['bench/**/*.bench.ts'],
    pool: 'forks',
    execArgv: ['--expose-gc', '--max-old-space-size=8192'],
    testTimeout: 30 * 60_000,
    hookTimeout: 30 * 60_000,
    fileParallelism: false,
  },
});
