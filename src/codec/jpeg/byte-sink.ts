/**
 * Where the encoder writes: chunks of at most `chunkSize` bytes, each handed over whole (and never
 * touched again) once full, so that streaming copies nothing. The first chunk is sized for the
 * output expected (`first`), so that a small image allocates little; later ones are `chunkSize`.
 * The encoder writes into `buf` at `n` itself and calls {@link rotate} when it is full. @internal
 */
export class ByteSink {
  buf: Uint8Array;
  n = 0;
  /** Full chunks not yet taken. */
  readonly ready: Uint8Array[] = [];

  constructor(
    readonly chunkSize: number,
    first: number = chunkSize,
  ) {
    this.buf = new Uint8Array(Math.min(chunkSize, first));
  }

  writeByte(b: number): void {
    this.buf[this.n++] = b;
    if (this.n === this.buf.length) this.rotate();
  }

  write(bytes: ArrayLike<number>): void {
    if (!(bytes instanceof Uint8Array)) {
      for (let i = 0; i < bytes.length; i++) this.writeByte(bytes[i]);
      return;
    }
    let i = 0;
    while (i < bytes.length) {
      const k = Math.min(bytes.length - i, this.buf.length - this.n);
      this.buf.set(bytes.subarray(i, i + k), this.n);
      this.n += k;
      i += k;
      if (this.n === this.buf.length) this.rotate();
    }
  }

  /** Hands over the full buffer and starts a new one of `chunkSize` bytes. */
  rotate(): void {
    this.ready.push(this.buf);
    this.buf = new Uint8Array(this.chunkSize);
    this.n = 0;
  }

  /** Hands over the partial chunk too (at the end of the stream): an owned copy of its bytes. */
  flush(): void {
    if (this.n > 0) {
      this.ready.push(this.buf.slice(0, this.n));
      this.n = 0;
    }
    this.buf = new Uint8Array(0);
  }
}
