import { FormatError, LimitError } from '../../errors.js';

/**
 * Sequential reading from bytes or from a `ReadableStream<Uint8Array>`, with the absolute offset
 * of every byte, so that errors can say where they happened.
 *
 * Ownership: the source never copies the input unless a read spans two stream chunks. Views it
 * returns point into the caller's bytes or into chunks the stream handed over; the decoder copies
 * anything it keeps.
 * @internal
 */

/** What the PNG decoder reads: a whole file, or a stream of its bytes. */
export type PngInput = Uint8Array | ReadableStream<Uint8Array>;

const EMPTY = new Uint8Array(0);

export class ByteSource {
  #buf: Uint8Array;
  #pos = 0;
  /** The absolute offset of `#buf[0]`. */
  #base = 0;
  #reader: ReadableStreamDefaultReader<Uint8Array> | null;
  #ended: boolean;
  readonly #maxBytes: number;

  /**
   * @param maxBytes the largest input accepted; a longer one throws LimitError as soon as the
   *   excess is seen (at once for bytes, on the chunk that crosses it for a stream).
   * @throws LimitError for bytes longer than maxBytes.
   */
  constructor(input: PngInput, maxBytes: number) {
    this.#maxBytes = maxBytes;
    if (input instanceof Uint8Array) {
      if (input.length > maxBytes) throw tooLong(input.length, maxBytes);
      this.#buf = input;
      this.#reader = null;
      this.#ended = true;
    } else {
      this.#buf = EMPTY;
      this.#reader = input.getReader();
      this.#ended = false;
    }
  }

  /** The absolute offset of the next unread byte. */
  get offset(): number {
    return this.#base + this.#pos;
  }

  /** Bytes available without waiting, from the current piece. */
  get buffered(): number {
    return this.#buf.length - this.#pos;
  }

  /** Makes at least one byte available; false at the end of the input. */
  async #fill(): Promise<boolean> {
    while (this.#pos >= this.#buf.length) {
      if (this.#ended || this.#reader === null) return false;
      let r: ReadableStreamReadResult<Uint8Array>;
      try {
        r = await this.#reader.read();
      } catch (e) {
        throw new FormatError(`imago: png: the input stream failed at byte ${this.offset}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      }
      const { done, value } = r;
      if (done) {
        this.#ended = true;
        return false;
      }
      if (!(value instanceof Uint8Array)) {
        throw new FormatError(`imago: png: the input stream gave a ${Object.prototype.toString.call(value)}, not a Uint8Array, at byte ${this.offset}`);
      }
      this.#base += this.#buf.length;
      this.#buf = value;
      this.#pos = 0;
      const end = this.#base + value.length;
      if (end > this.#maxBytes) throw tooLong(end, this.#maxBytes);
    }
    return true;
  }

  /**
   * Exactly n bytes, or null when the input ends first. The result is a view when the bytes lie in
   * one piece of the input, otherwise a new array. Nothing is allocated for bytes that have not
   * arrived: a chunk length that claims more than the input holds costs nothing.
   */
  async read(n: number): Promise<Uint8Array | null> {
    if (this.#buf.length - this.#pos >= n) {
      const v = this.#buf.subarray(this.#pos, this.#pos + n);
      this.#pos += n;
      return v;
    }
    const pieces: Uint8Array[] = [];
    let got = 0;
    while (got < n) {
      if (!(await this.#fill())) return null;
      const k = Math.min(n - got, this.#buf.length - this.#pos);
      pieces.push(this.#buf.subarray(this.#pos, this.#pos + k));
      this.#pos += k;
      got += k;
    }
    if (pieces.length === 1) return pieces[0];
    const out = new Uint8Array(n);
    let o = 0;
    for (const p of pieces) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }

  /** Between 1 and max bytes as a view of the input, or null at its end. */
  async take(max: number): Promise<Uint8Array | null> {
    if (this.#pos >= this.#buf.length && !(await this.#fill())) return null;
    const k = Math.min(max, this.#buf.length - this.#pos);
    const v = this.#buf.subarray(this.#pos, this.#pos + k);
    this.#pos += k;
    return v;
  }

  /** Stops reading: cancels the stream (if any) and drops every reference to the input. */
  async close(): Promise<void> {
    const r = this.#reader;
    this.#reader = null;
    this.#ended = true;
    this.#buf = EMPTY;
    this.#pos = 0;
    if (r !== null) {
      try {
        await r.cancel();
      } catch {
        // The stream was already errored or closed; nothing more to release.
      }
      r.releaseLock();
    }
  }
}

function tooLong(n: number, max: number): LimitError {
  return new LimitError(`imago: png: the input is at least ${n} bytes long, over limits.maxBytes = ${max}`);
}
