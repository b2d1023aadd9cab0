/**
 * Loading an optional part on first use. The adapters' Node- or library-dependent halves are
 * behind dynamic `import()`s wrapped by {@link lazy}, so that importing imago never fails and a
 * runtime that lacks what they need gets a clear error at the call that needs it.
 */

/** Loads an optional dependency once, turning a failed import into a clear UnsupportedError. */
export function lazy<T>(load: () => Promise<T>, fail: (err: unknown) => Error): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => {
    p ??= load().catch((err: unknown) => {
      p = undefined; // let a later call retry (e.g. after a polyfill is installed)
      throw fail(err);
    });
    return p;
  };
}
