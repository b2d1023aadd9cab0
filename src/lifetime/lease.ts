import { DetachedError, DisposedError } from '../errors.js';

/**
 * The ownership record shared by an owning image and every view of it (spec/lifetime.md).
 *
 * An image made by a constructor is the **owner** of a new lease. `subImage` views share the
 * owner's lease. Disposing the owner kills the lease, so the owner and every view throw from then
 * on (a view never reads a buffer that went back to a pool). Disposing a view only ends that view.
 *
 * @internal
 */
export class Lease {
  /** True once the owner was disposed. */
  dead = false;
  /** Run once when the owner is disposed, e.g. to return a pooled buffer. */
  onRelease: (() => void) | null = null;
}

/**
 * The key of an image's internal method returning its lease when it is a live owner, or undefined
 * (a view, or disposed). Not exported from the package. @internal
 */
export const OWNER_LEASE: unique symbol = Symbol('imago.ownerLease');

/**
 * Own, enumerable, symbol-keyed data properties that mirror an image's samples (its buffer, or
 * the list of its planes, or a uniform image's colour) and its bounds. They exist only so that
 * structural comparisons (`expect(a).toEqual(b)`, `assert.deepStrictEqual`), which read own
 * enumerable properties and not prototype getters, still compare pixels and bounds. Code must use
 * the checked accessors; a disposed image clears its samples mirror. @internal
 */
export const SAMPLES: unique symbol = Symbol('imago.samples');
export const BOUNDS: unique symbol = Symbol('imago.bounds');

/** Anything that has an owner lease (buffer images, Y'CbCr images). @internal */
export interface LeaseHolder {
  [OWNER_LEASE](): Lease | undefined;
}

/** The lease of an image that was itself disposed. Always dead. @internal */
export const DISPOSED_LEASE: Lease = Object.freeze(Object.assign(new Lease(), { dead: true })) as Lease;

/** The empty buffer a disposed image points at, so it keeps no pixels alive. @internal */
export const NO_PIXELS = new Uint8Array(0);

/**
 * The error for an unusable image called `what`: disposed itself, a view of a disposed owner, or
 * holding a buffer whose `ArrayBuffer` was detached or shrunk.
 * @internal
 */
export function unusable(what: string, lease: Lease, plane: string, expected: number, actual: number): Error {
  if (lease === DISPOSED_LEASE) {
    return new DisposedError(`imago: ${what} was used after [Symbol.dispose]()`);
  }
  if (lease.dead) {
    return new DisposedError(
      `imago: ${what} is a view (subImage) of an image that was disposed; clone() a view you keep beyond its owner`,
    );
  }
  return new DetachedError(
    `imago: ${what} ${plane} had ${expected} bytes but now has ${actual}: its ArrayBuffer was detached ` +
      `(transferred by postMessage or structuredClone) or shrunk. Transfer a clone(), or wrap the transferred buffer in a new image`,
  );
}

/**
 * Whether `buf` is detached. Uses `ArrayBuffer.prototype.detached` where the runtime has it
 * (Node 22+, current browsers). Elsewhere only a 0-byte buffer can be detached, and constructing
 * a view over it tells: that throws a TypeError for a detached buffer only.
 * @internal
 */
export function isDetached(buf: ArrayBufferLike): boolean {
  const flag = (buf as { detached?: boolean }).detached;
  if (typeof flag === 'boolean') return flag;
  if (buf.byteLength !== 0) return false;
  try {
    new Uint8Array(buf);
    return false;
  } catch {
    return true;
  }
}

/**
 * Throws DetachedError when a caller's buffer for plane `plane` of an image called `what` needs
 * `need` (> 0) bytes but its ArrayBuffer was detached.
 * @internal
 */
export function checkAttached(what: string, plane: string, view: ArrayBufferView, need: number): void {
  const buf = view?.buffer;
  if (buf === undefined || !(need > 0) || !isDetached(buf)) return;
  throw new DetachedError(
    `imago: ${what} ${plane} needs ${need} bytes but its ArrayBuffer was detached (transferred by postMessage or structuredClone)`,
  );
}
