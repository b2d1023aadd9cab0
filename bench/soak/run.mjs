// The soak benchmark (issue 6): 1,000 thumbnails of the 2560x1600 photos in
// ../shared/corpus/photos, in imago and in sharp (concurrency 1), each in its own process.
// Reports heap and arrayBuffers growth after forced GC from thumbnail #100 to #1000 (target:
// under 2 MB each for imago) and peak RSS (target: imago at most sharp's).
//
//   npm run build && (cd bench && npm install) && node bench/soak/run.mjs
//   SOAK_THUMBS=200 node bench/soak/run.mjs    # a shorter run
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const MB = 2 ** 20;

function run(script) {
  return new Promise((ok) => {
    const c = fork(join(here, script), [], { execArgv: ['--expose-gc'] });
    let result;
    c.on('message', (m) => (result = m));
    c.on('exit', (code) => ok(result ?? { name: script.replace('.mjs', ''), error: `exit code ${code}` }));
  });
}

const results = [];
const only = process.env.SOAK_ONLY?.split(',');
const scripts = ['imago.mjs', 'imago-pool.mjs', 'imago-thumbnail.mjs', 'imago-thumbnail-pool.mjs', 'sharp.mjs'];
for (const s of scripts) if (only === undefined || only.includes(s.replace('.mjs', ''))) results.push(await run(s));
console.table(
  results.map((r) =>
    r.error
      ? { loop: r.name, error: r.error }
      : {
          loop: r.name,
          thumbs: r.thumbs,
          'ms/thumb': r.msPerThumb.toFixed(1),
          'CPU ms/thumb': r.cpuMsPerThumb.toFixed(1),
          GCs: r.gcCount,
          'GC ms': r.gcMs.toFixed(0),
          'heap growth MB': (r.heapGrowth / MB).toFixed(3),
          'arrayBuffers growth MB': (r.arrayBuffersGrowth / MB).toFixed(3),
          'peak RSS MB': r.peakRssMB.toFixed(0),
        },
  ),
);
const sh = results.find((r) => r.name === 'sharp') ?? { error: 'not run' };
for (const im of results.filter((r) => r.name !== 'sharp')) {
  if (im.error) continue;
  const ok2MB = im.heapGrowth < 2 * MB && im.arrayBuffersGrowth < 2 * MB;
  console.log(`${im.name} growth #100 -> #${im.thumbs}: ${ok2MB ? 'under' : 'OVER'} 2 MB`);
  if (!sh.error) console.log(`${im.name} peak RSS / sharp peak RSS = ${(im.peakRssMB / sh.peakRssMB).toFixed(2)}`);
}
