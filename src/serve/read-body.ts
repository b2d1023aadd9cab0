import { AbortError, LimitError, OptionError } from '../errors.js';

/**
 * Reading a request body with a byte limit. Runs wherever `Request` does (Node 20, Deno, Bun,
 * workerd, browsers); no Node built-in.
 */

/**
 * Reads `req`'s whole body into one owned Uint8Array, never holding more than `maxBytes` of it:
 * - a `content-length` over `maxBytes` is refused before a byte is read (the body is cancelled);
 * - with a valid `content-length` the buffer is allocated once at that size, and a body longer
 *   than it declared is refused as soon as the excess arrives;
 * - without one, chunks are kept until the running total would pass `maxBytes`, then the body is
 *   cancelled and refused; at the end they are joined (briefly twice the body).
 * @throws LimitError when the body is, or declares to be, over `maxBytes`.
 * @throws AbortError when `signal` aborts (the body is cancelled).
 * @throws OptionError for a malformed `content-length`, a body shorter or longer than it, a body
 *   already read, or no body at all.
 */
export async function readBody(req: Request, maxBytes: number, signal?: AbortSignal): Promise<Uint8Array> {
  const expected = await checkDeclaredLength(req, maxBytes);
  if (req.bodyUsed) throw new OptionError('imago: the request body was already read');
  if (req.body === null) throw new OptionError('imago: the request has no body; send the image as the body');
  const reader = req.body.getReader();
  const onAbort = () => reader.cancel(signal?.reason).catch(() => {});
  signal?.addEventListener('abort', onAbort);
  try {
    const read = async () => {
      const r = await reader.read();
      if (signal?.aborted) throw new AbortError('imago: reading the request body was aborted', { cause: signal.reason });
      return r;
    };
    if (expected !== undefined) return await readKnown(read, expected);
    return await readUnknown(read, maxBytes);
  } catch (err) {
    await reader.cancel(err).catch(() => {});
    throw err;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    reader.releaseLock();
  }
}

type Read = () => Promise<ReadableStreamReadResult<Uint8Array>>;

async function readKnown(read: Read, expected: number): Promise<Uint8Array> {
  const out = new Uint8Array(expected);
  let n = 0;
  for (;;) {
    const { done, value } = await read();
    if (done) break;
    if (n + value.length > expected) throw new OptionError(`imago: request body is longer than its content-length of ${expected} bytes`);
    out.set(value, n);
    n += value.length;
  }
  if (n !== expected) throw new OptionError(`imago: request body ended after ${n} of the ${expected} bytes its content-length declares`);
  return out;
}

async function readUnknown(read: Read, maxBytes: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let n = 0;
  for (;;) {
    const { done, value } = await read();
    if (done) break;
    if (n + value.length > maxBytes) {
      throw new LimitError(`imago: request body exceeds maxBytes = ${maxBytes} (more than ${n + value.length} bytes received)`);
    }
    parts.push(value);
    n += value.length;
  }
  if (parts.length === 1 && parts[0].byteOffset === 0 && parts[0].byteLength === parts[0].buffer.byteLength) return parts[0];
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/**
 * The request's `content-length`, checked against `maxBytes` without reading a byte of the body
 * (the thumbnail handler calls it before queuing a request, spec/serve.md). Undefined when the
 * header is absent.
 * @throws LimitError when it declares more than `maxBytes` (the body is cancelled first).
 * @throws OptionError for a malformed `content-length`.
 */
export async function checkDeclaredLength(req: Request, maxBytes: number): Promise<number | undefined> {
  const declared = req.headers.get('content-length');
  if (declared === null) return undefined;
  if (!/^\d{1,16}$/.test(declared.trim())) throw new OptionError(`imago: bad content-length ${JSON.stringify(declared)}`);
  const expected = Number(declared.trim());
  if (expected > maxBytes) {
    await req.body?.cancel().catch(() => {});
    throw new LimitError(`imago: request body of ${expected} bytes exceeds maxBytes = ${maxBytes}`);
  }
  return expected;
}
