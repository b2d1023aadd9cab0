// Pooled against unpooled soak loops (spec/lifetime.md, "Where the pool is used"), each loop in
// its own process, the pairs interleaved, ROUNDS rounds (default 3). Prints every run and the
// median of each figure: CPU ms per thumbnail (process.cpuUsage, user + system), GCs the loop
// caused (forced ones left out) and their total pause, peak RSS, and the pool's counters.
//
//   npm run build && node bench/soak/pool-compare.mjs
//   ROUNDS=3 SOAK_THUMBS=300 PAIRS=full node bench/soak/pool-compare.mjs
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const PAIRS = {
  full: ['imago.mjs', 'imago-pool.mjs'],
  thumbnail: ['imago-thumbnail.mjs', 'imago-thumbnail-pool.mjs'],
};
const pairs = (process.env.PAIRS ?? 'full,thumbnail').split(',').map((p) => PAIRS[p]);

function run(script) {
  return new Promise((ok) => {
    const c = fork(join(here, script), [], { execArgv: ['--expose-gc'] });
    let result;
    c.on('message', (m) => (result = m));
    c.on('exit', (code) => ok(result ?? { name: script, error: `exit code ${code}` }));
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const rows = [];
const byName = new Map();
for (let r = 1; r <= ROUNDS; r++) {
  for (const pair of pairs) {
    for (const s of pair) {
      const x = await run(s);
      if (x.error) throw new Error(`${s}: ${x.error}`);
      const row = {
        round: r,
        loop: x.name,
        thumbs: x.thumbs,
        'CPU ms/thumb': +x.cpuMsPerThumb.toFixed(1),
        GCs: x.gcCount,
        'GC ms': Math.round(x.gcMs),
        'peak RSS MB': Math.round(x.peakRssMB),
        'heap growth MB': +(x.heapGrowth / 2 ** 20).toFixed(3),
        pool: x.pool ? `hits ${x.pool.hits} misses ${x.pool.misses} dropped ${x.pool.dropped} retained ${(x.pool.retainedBytes / 2 ** 20).toFixed(1)} MB` : '',
      };
      rows.push(row);
      if (!byName.has(x.name)) byName.set(x.name, []);
      byName.get(x.name).push(row);
      console.log(JSON.stringify(row));
    }
  }
}
console.table(rows);
console.table(
  [...byName].map(([loop, rs]) => ({
    loop,
    runs: rs.length,
    'CPU ms/thumb': median(rs.map((r) => r['CPU ms/thumb'])),
    GCs: median(rs.map((r) => r.GCs)),
    'GC ms': median(rs.map((r) => r['GC ms'])),
    'peak RSS MB': median(rs.map((r) => r['peak RSS MB'])),
  })),
);
