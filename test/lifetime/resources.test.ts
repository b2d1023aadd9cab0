import { describe, expect, test } from 'vitest';
import { DisposedError, OptionError, ReleaseError, ResourceRegistry, type LeakReport, type ResourceRef } from '../../src/index.js';
import { forceGC } from '../helpers/gc.js';

describe('ResourceRegistry: counted references', () => {
  test('the finaliser runs exactly once, synchronously, when the last reference is released', () => {
    const reg = new ResourceRegistry();
    const freed: number[] = [];
    const a = reg.register(42, (v) => freed.push(v), { label: 'wasm memory', bytes: 1024 });
    const b = a.acquire();
    const c = b.acquire();
    expect(a.refs).toBe(3);
    expect(reg.live).toBe(1);
    expect(reg.liveBytes).toBe(1024);
    a.release();
    c.release();
    expect(freed).toEqual([]);
    expect(b.value).toBe(42);
    b.release();
    expect(freed).toEqual([42]); // synchronously, inside release()
    expect(reg.live).toBe(0);
    expect(reg.liveBytes).toBe(0);
    b[Symbol.dispose]();
    a[Symbol.dispose]();
    expect(freed).toEqual([42]);
  });

  test('releasing a reference twice throws ReleaseError; disposing it twice does not', () => {
    const reg = new ResourceRegistry();
    const a = reg.register({}, () => {});
    const b = a.acquire();
    a.release();
    expect(() => a.release()).toThrow(ReleaseError);
    b[Symbol.dispose]();
    expect(() => b[Symbol.dispose]()).not.toThrow();
  });

  test('a released reference cannot be used or copied', () => {
    const reg = new ResourceRegistry();
    const a = reg.register('handle', () => {});
    const b = a.acquire();
    a.release();
    expect(a.released).toBe(true);
    expect(() => a.value).toThrow(DisposedError);
    expect(() => a.acquire()).toThrow(DisposedError);
    expect(b.value).toBe('handle');
  });

  test('using releases at the end of the block', () => {
    const reg = new ResourceRegistry();
    const freed: string[] = [];
    {
      using r = reg.register('x', (v) => freed.push(v));
      using extra = r.acquire();
      expect(extra.value).toBe('x');
      expect(freed).toEqual([]);
    }
    expect(freed).toEqual(['x']);
  });

  test('a throwing finaliser propagates from release and still counts as finalised, once', () => {
    const reg = new ResourceRegistry();
    let calls = 0;
    const a = reg.register(1, () => {
      calls++;
      throw new Error('free failed');
    });
    expect(() => a.release()).toThrow('free failed');
    expect(calls).toBe(1);
    expect(reg.live).toBe(0);
    expect(() => a.release()).toThrow(ReleaseError);
    expect(calls).toBe(1);
  });

  test('bad arguments throw OptionError', () => {
    const reg = new ResourceRegistry();
    expect(() => reg.register(1, undefined as unknown as () => void)).toThrow(OptionError);
    expect(() => reg.register(1, () => {}, { bytes: -1 })).toThrow(/bytes/);
    expect(() => new ResourceRegistry({ onLeak: 3 as unknown as () => void })).toThrow(OptionError);
  });
});

describe('ResourceRegistry: the FinalizationRegistry safety net', () => {
  // Registers in a separate function so no reference survives on this frame.
  function leak(reg: ResourceRegistry, freed: string[], label: string, extraRefs = 0): ResourceRef<string>[] {
    const first = reg.register(label, (v) => freed.push(v), { label, bytes: 10 });
    const kept: ResourceRef<string>[] = [];
    for (let i = 0; i < extraRefs; i++) kept.push(first.acquire());
    return kept;
  }

  test('a reference collected without release is reported with its allocation site, and the resource finalised once', async () => {
    const reports: LeakReport[] = [];
    const reg = new ResourceRegistry({ onLeak: (r) => reports.push(r), captureStacks: true });
    const freed: string[] = [];
    leak(reg, freed, 'native handle');
    await forceGC();
    expect(freed).toEqual(['native handle']);
    expect(reg.leaked).toBe(1);
    expect(reg.live).toBe(0);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ label: 'native handle', bytes: 10 });
    expect(reports[0].stack).toMatch(/resources\.test\.ts/);
  });

  test('a leaked reference does not finalise while another reference is held', async () => {
    const reports: LeakReport[] = [];
    const reg = new ResourceRegistry({ onLeak: (r) => reports.push(r) });
    const freed: string[] = [];
    const [kept] = leak(reg, freed, 'shared', 1);
    await forceGC();
    expect(reports).toHaveLength(1);
    expect(reports[0].stack).toBeUndefined(); // stacks are off without the debug hook
    expect(freed).toEqual([]);
    expect(kept.refs).toBe(1);
    kept.release();
    expect(freed).toEqual(['shared']);
  });

  test('released references are never reported', async () => {
    const reports: LeakReport[] = [];
    const reg = new ResourceRegistry({ onLeak: (r) => reports.push(r) });
    const freed: number[] = [];
    (() => {
      for (let i = 0; i < 20; i++) reg.register(i, (v) => freed.push(v)).release();
    })();
    await forceGC();
    expect(reports).toEqual([]);
    expect(freed).toHaveLength(20);
  });
});
