/**
 * The long run of the codec fuzz property (test/codec/fuzz-property.ts): damaged real files
 * through decode and decodeConfig must give an image within the limits or an ImagoError.
 *
 *   npm run fuzz:codecs                 # 20,000 runs, random seed
 *   npm run fuzz:codecs -- 200000 42    # 200,000 runs, seed 42 (replays exactly)
 *
 * Prints the outcome counts, the slowest decode and the largest array-buffer growth of one decode.
 * On failure fast-check prints the seed and the shrunk counterexample.
 */
import { fuzzCodecs, MEMORY_BOUND } from '../test/codec/fuzz-property.js';

const runs = Number(process.argv[2] ?? 20_000);
const seed = process.argv[3] === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(process.argv[3]);
console.log(`fuzz-codecs: ${runs} runs, seed ${seed}`);
const t0 = performance.now();
const stats = await fuzzCodecs(runs, seed);
console.log(`done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
console.log(`decoded to an image: ${stats.decoded}`);
console.log(`rejected, by error code: ${JSON.stringify(stats.rejected)}`);
console.log(`slowest decode: ${stats.slowestMs.toFixed(1)} ms`);
console.log(`largest array-buffer growth in one decode: ${(stats.maxGrowth / 2 ** 20).toFixed(2)} MiB (bound ${(MEMORY_BOUND / 2 ** 20).toFixed(1)} MiB)`);
