import { describe, expect, test } from 'vitest';
import { memStats } from '../../src/debug/index.js';
import { checkRetention } from '../lifetime/retention.js';
import { forceGC } from '../helpers/gc.js';

describe('retention with imago/debug installed', () => {
  test('the debug bookkeeping keeps nothing alive either', async () => {
    await checkRetention({ numRuns: 25 });
  });

  test('afterwards the stats count no live images beyond what the runs kept, which the test has dropped', async () => {
    await forceGC();
    const s = memStats();
    expect(s.imagesCreated).toBeGreaterThan(100);
    expect(s.liveImages).toBe(0);
    expect(s.imageBytes).toBe(0);
  });
});
