import fc from 'fast-check';
import { expect } from 'vitest';
import { BufferPool, BufferImage, RGBA, draw, pt, rect, resize, type BufferPoolOptions, type KernelName } from '../../src/index.js';
import { decode, encode } from '../../src/codecs.js';
import { forceGC } from '../helpers/gc.js';
import { ALL_KINDS, BUFFER_KINDS, buffersOf, fillSeeded, type AnyImage } from '../helpers/images.js';

/**
 * The retention property (spec/lifetime.md, "Retention"): random sequences of operations over
 * random images; then the test drops everything but a chosen few, forces GC, and checks that
 * every image object and every pixel buffer made along the way was collected, except what the
 * test still holds and the pool's own free buffers (within its cap).
 *
 * The operations are a pluggable list: an op is a name, an arbitrary of plain parameters (numbers
 * only, because fast-check keeps parameters for shrinking and must not keep images) and a `run`
 * that works on a {@link World}. Decode, resize, draw and encode add themselves to
 * {@link EXTRA_OPS} as those modules land.
 */

/** One held image and what the model knows about it. */
export interface Held {
  readonly img: AnyImage;
  /** Images of one family share a lease: an owner and its views. */
  readonly family: number;
  readonly owner: boolean;
}

/** What the operations act on. */
export interface World {
  readonly pool: BufferPool;
  /** The images the sequence currently holds. */
  held: Held[];
  /** Adds a new image to `held` and tracks it (and its buffers) for the final check. */
  add(img: AnyImage, how: string, family?: number): void;
  /** Removes held[i] (and, when it is a disposed owner, the views that died with it). */
  remove(i: number): void;
}

export interface RetentionOp<P = unknown> {
  readonly name: string;
  readonly params: fc.Arbitrary<P>;
  /** Whether the op needs at least one held image. */
  readonly needsImage: boolean;
  /** Relative frequency in generated sequences. Default 1. */
  readonly weight?: number;
  run(w: World, p: P): void | Promise<void>;
}

/**
 * Picks a held index. Parameters are naturals taken modulo the range: fc.double in [0, 1) is
 * biased toward 0 and tiny values, which would make every op pick the first image.
 */
const pick = (w: World, n: number) => n % w.held.length;
const any = fc.nat();

interface NewParams {
  kind: number;
  wd: number;
  ht: number;
  ox: number;
  oy: number;
  pad: number;
  seed: number;
  pooled: boolean;
}

const newParams: fc.Arbitrary<NewParams> = fc.record({
  kind: fc.nat(),
  wd: fc.integer({ min: 1, max: 12 }),
  ht: fc.integer({ min: 1, max: 12 }),
  ox: fc.integer({ min: -5, max: 5 }),
  oy: fc.integer({ min: -5, max: 5 }),
  pad: fc.integer({ min: 0, max: 3 }),
  seed: fc.nat(),
  pooled: fc.boolean(),
});

function newImage(w: World, p: NewParams): AnyImage {
  const r = rect(p.ox, p.oy, p.ox + p.wd, p.oy + p.ht);
  const kind = ALL_KINDS[p.kind % ALL_KINDS.length];
  let img: AnyImage;
  if (kind.bpp !== undefined && (p.pooled || p.pad > 0)) {
    const stride = (p.wd + p.pad) * kind.bpp;
    const length = (p.ht - 1) * stride + p.wd * kind.bpp;
    img = p.pooled ? w.pool.adopt(length, (b) => kind.wrap!(r, b, stride)) : kind.wrap!(r, new Uint8Array(length), stride);
  } else {
    img = kind.make(r);
  }
  fillSeeded(img, p.seed);
  return img;
}

export const CORE_OPS: RetentionOp<any>[] = [
  {
    name: 'new',
    needsImage: false,
    weight: 2,
    params: newParams,
    run: (w, p: NewParams) => w.add(newImage(w, p), 'new'),
  },
  {
    name: 'subImage',
    needsImage: true,
    weight: 3,
    params: fc.tuple(any, any, any, any, any),
    run: (w, [s, a, b, c, d]: number[]) => {
      const h = w.held[pick(w, s)];
      const r = h.img.bounds();
      const x0 = r.min.x + (a % (r.dx() + 1));
      const y0 = r.min.y + (b % (r.dy() + 1));
      const view = h.img.subImage(rect(x0, y0, x0 + (c % 9), y0 + (d % 9)));
      w.add(view, 'subImage', h.family);
    },
  },
  {
    name: 'clone',
    needsImage: true,
    weight: 2,
    params: any,
    run: (w, s: number) => w.add(w.held[pick(w, s)].img.clone(), 'clone'),
  },
  {
    name: 'compact',
    needsImage: true,
    params: any,
    run: (w, s: number) => {
      const h = w.held[pick(w, s)];
      if (!(h.img instanceof BufferImage)) return;
      const c = h.img.compact();
      if (c !== h.img) w.add(c, 'compact');
    },
  },
  {
    name: 'set',
    needsImage: true,
    params: fc.tuple(any, any, any, fc.nat(255), fc.nat(255)),
    run: (w, [s, a, b, v, al]: number[]) => {
      const { img } = w.held[pick(w, s)];
      if (!(img instanceof BufferImage)) return;
      const r = img.bounds();
      if (r.empty()) return;
      img.set(r.min.x + (a % r.dx()), r.min.y + (b % r.dy()), new RGBA(Math.min(v, al), 0, Math.min(v, al), al));
    },
  },
  {
    // Converts through the target's colour model, pixel by pixel (draw.Src's generic path).
    name: 'convert',
    needsImage: true,
    params: fc.tuple(any, any),
    run: (w, [s, k]: number[]) => {
      const src = w.held[pick(w, s)].img;
      const kind = BUFFER_KINDS[k % BUFFER_KINDS.length];
      const r = src.bounds();
      const dst = kind.make(r) as BufferImage;
      for (let y = r.min.y; y < r.max.y; y++) for (let x = r.min.x; x < r.max.x; x++) dst.set(x, y, src.at(x, y));
      w.add(dst, 'convert');
    },
  },
  {
    name: 'dispose',
    needsImage: true,
    weight: 2,
    params: any,
    run: (w, s: number) => {
      const i = pick(w, s);
      w.held[i].img[Symbol.dispose]();
      w.remove(i);
    },
  },
  {
    name: 'drop',
    needsImage: true,
    weight: 2,
    params: any,
    run: (w, s: number) => w.remove(pick(w, s)),
  },
];

/**
 * Operations from modules that land later (decode, resize, draw, encode). Each is appended here
 * when its module is on main; the property then covers it automatically.
 */
export const EXTRA_OPS: RetentionOp<any>[] = [
  {
    // Resizes a held image to a small random size with a random kernel: a new, owned image.
    name: 'resize',
    needsImage: true,
    weight: 2,
    params: fc.tuple(any, any, any, fc.constantFrom(...(['nearest', 'approx-bilinear', 'bilinear', 'catmull-rom', 'box', 'lanczos3'] as const))),
    run: (w, [s, a, b, kernel]: [number, number, number, KernelName]) => {
      const src = w.held[pick(w, s)].img;
      if (src.bounds().empty()) return;
      w.add(resize(src, { width: 1 + (a % 10), height: 1 + (b % 10), kernel }), 'resize');
    },
  },
  {
    // Draws one held image onto another (any layout pair, 'over' or 'src'): no new image, and
    // the destination must keep nothing of the source.
    name: 'draw',
    needsImage: true,
    weight: 2,
    params: fc.tuple(any, any, any, any, fc.constantFrom('over' as const, 'src' as const)),
    run: (w, [d, s, dx, dy, op]: [number, number, number, number, 'over' | 'src']) => {
      const dst = w.held[pick(w, d)].img;
      const src = w.held[pick(w, s)].img;
      if (!(dst instanceof BufferImage)) return;
      const r = dst.bounds();
      draw(dst, r.add(pt((dx % 7) - 3, (dy % 7) - 3)), src, src.bounds().min, op);
    },
  },
  {
    // Encodes a held image (PNG or JPEG, through imago/codecs) and decodes the bytes again.
    name: 'encode+decode',
    needsImage: true,
    weight: 2,
    params: fc.tuple(any, fc.constantFrom('png', 'jpeg')),
    run: async (w, [s, format]: [number, string]) => {
      const src = w.held[pick(w, s)].img;
      if (src.bounds().empty()) return;
      const bytes = await encode(src, format);
      w.add((await decode(bytes)) as AnyImage, `decode(${format})`);
    },
  },
  {
    // resize with the world's pool: the result owns a pool buffer that its disposal returns.
    name: 'resize+pool',
    needsImage: true,
    weight: 2,
    params: fc.tuple(any, any, any, fc.boolean()),
    run: (w, [s, a, b, preshrink]: [number, number, number, boolean]) => {
      const src = w.held[pick(w, s)].img;
      if (src.bounds().empty()) return;
      w.add(resize(src, { width: 1 + (a % 10), height: 1 + (b % 10), kernel: 'lanczos3', preshrink, pool: w.pool }), 'resize+pool');
    },
  },
  {
    // Encodes as JPEG (4:2:0 or 4:4:4, or grey) and decodes with the world's pool: the decoded
    // image's planes come from the pool (the codec's temporaries go back inside the call).
    name: 'encode+decode+pool',
    needsImage: true,
    weight: 2,
    params: fc.tuple(any, fc.constantFrom('420', '444', 'grey')),
    run: async (w, [s, mode]: [number, string]) => {
      const src = w.held[pick(w, s)].img;
      if (src.bounds().empty()) return;
      const bytes = await encode(src, 'jpeg', mode === 'grey' ? { grayscale: true } : { subsample: mode });
      w.add((await decode(bytes, { pool: w.pool })) as AnyImage, `decode(jpeg ${mode}, pool)`);
    },
  },
];

interface Tracked {
  readonly how: string;
  readonly image: WeakRef<AnyImage>;
  readonly buffers: WeakRef<ArrayBufferLike>[];
}

interface Model {
  held: { family: number; owner: boolean }[];
}

class OpCommand implements fc.AsyncCommand<Model, World> {
  constructor(
    readonly op: RetentionOp,
    readonly p: unknown,
  ) {}
  check(m: Readonly<Model>): boolean {
    return !this.op.needsImage || m.held.length > 0;
  }
  async run(m: Model, w: World): Promise<void> {
    const before = w.held.length;
    await this.op.run(w, this.p);
    // The model: every held image is usable, and nothing else was disposed behind our back.
    for (const h of w.held) expect(h.img.disposed, `${this} left a disposed image in hand`).toBe(false);
    m.held = w.held.map((h) => ({ family: h.family, owner: h.owner }));
    expect(w.held.length).toBeLessThanOrEqual(before + 1);
  }
  toString(): string {
    return `${this.op.name}(${JSON.stringify(this.p)})`;
  }
}

export interface RetentionOptions {
  ops?: RetentionOp<any>[];
  pool?: BufferPoolOptions;
  numRuns?: number;
  maxCommands?: number;
  seed?: number;
  /** Stop at the first failure without shrinking (for the test that expects a failure). */
  endOnFailure?: boolean;
}

/** Makes a world and the list that tracks everything it made. */
function makeWorld(pool: BufferPool, tracked: Tracked[]): World {
  let families = 0;
  const w: World = {
    pool,
    held: [],
    add(img, how, family) {
      const owner = family === undefined;
      w.held.push({ img, family: family ?? ++families, owner });
      tracked.push({ how, image: new WeakRef(img), buffers: buffersOf(img).map((b) => new WeakRef(b)) });
    },
    remove(i) {
      const [h] = w.held.splice(i, 1);
      if (h.owner && h.img.disposed) w.held = w.held.filter((o) => o.family !== h.family);
    },
  };
  return w;
}

/** The survivors after GC that the rules do not allow, as readable lines. */
function disallowedSurvivors(tracked: Tracked[], kept: AnyImage[], pool: BufferPool): string[] {
  const keptImages = new Set<object>(kept);
  const keptBuffers = new Set<ArrayBufferLike>(kept.flatMap(buffersOf));
  const bad: string[] = [];
  for (const t of tracked) {
    const img = t.image.deref();
    if (img !== undefined && !keptImages.has(img)) bad.push(`image from ${t.how}`);
    for (const ref of t.buffers) {
      const b = ref.deref();
      if (b === undefined || keptBuffers.has(b) || pool.retains(b)) continue;
      bad.push(`${b.byteLength}-byte buffer of an image from ${t.how}`);
    }
  }
  return bad;
}

/**
 * Runs the retention property. Rejects (an assertion error naming the survivors and the command
 * sequence) when anything not allowed survives.
 */
export async function checkRetention(options: RetentionOptions = {}): Promise<void> {
  const ops = options.ops ?? [...CORE_OPS, ...EXTRA_OPS];
  // Each op appears `weight` times: fc.commands picks uniformly among the arbitraries.
  const commands = ops.flatMap((op) => Array.from({ length: op.weight ?? 1 }, () => op.params.map((p) => new OpCommand(op, p))));
  const maxCommands = options.maxCommands ?? 30;
  await fc.assert(
    fc.asyncProperty(
      fc.array(newParams, { minLength: 1, maxLength: 4 }),
      fc.commands(commands, { maxCommands, size: 'medium' }),
      fc.array(fc.boolean(), { minLength: maxCommands + 4, maxLength: maxCommands + 4 }),
      async (initial, cmds, keepMask) => {
        const pool = new BufferPool({ maxRetainedBytes: 4096, maxBufferBytes: 1024, ...options.pool });
        const tracked: Tracked[] = [];
        let world: World | undefined = makeWorld(pool, tracked);
        const w = world;
        for (const p of initial) w.add(newImage(w, p), 'initial new');
        await fc.asyncModelRun(() => ({ model: { held: [] } as Model, real: w }), cmds);
        const kept = world.held.filter((_, i) => keepMask[i] === true).map((h) => h.img);
        if (process.env.RETENTION_DEBUG) {
          console.log(`${[...cmds].length} commands, ${world.held.length} held, ${kept.length} kept (${world.held.filter((h, i) => keepMask[i] && !h.owner).length} views)`);
        }
        world.held = [];
        world = undefined;
        await forceGC();
        const bad = disallowedSurvivors(tracked, kept, pool);
        expect(bad, `survived GC although not held: ${bad.join('; ')}`).toEqual([]);
        expect(pool.retainedBytes).toBeLessThanOrEqual(pool.maxRetainedBytes);
        // What the test holds is still whole and usable.
        for (const k of kept) expect(k.bounds().empty() || k.at(k.bounds().min.x, k.bounds().min.y) !== undefined).toBe(true);
      },
    ),
    {
      numRuns: options.numRuns ?? 40,
      seed: options.seed,
      endOnFailure: options.endOnFailure,
      includeErrorInReport: true,
      // Every run forces GC, so shrinking a failure is slow: stop after 30 s and report the
      // smallest counterexample found so far rather than hitting the test timeout.
      interruptAfterTimeLimit: 30_000,
    },
  );
}
