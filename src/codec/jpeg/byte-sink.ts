/**
 * Where the encoder writes: fixed-size chunks, each handed over whole (and never touched again)
 * once full, so that streaming copies nothing. @internal
 */
export class ByteSink {
  private buf: Uint8Array;
  private n = 0;
  /** Full chunks not yet taken. */
  readonly ready: Uint8Array[] = [];
  /** All bytes written so far. */
  total = 0;

  constructor(readonly chunkSize: number) {
    this.buf = new Uint8Array(chunkSize);
  }

  writeByte(b: number): void {
    this.buf[this.n++] = b;
    if (this.n === this.chunkSize) this.rotate();
  }

  write(bytes: ArrayLike<number>): void {
    if (!(bytes instanceof Uint8Array)) {
      for (let i = 0; i < bytes.length; i++) this.writeByte(bytes[i]);
      return;
    }
    let i = 0;
    while (i < bytes.length) {
      const k = Math.min(bytes.length - i, this.chunkSize - this.n);
      this.buf.set(bytes.subarray(i, i + k), this.n);
      this.n += k;
      i += k;
      if (this.n === this.chunkSize) this.rotate();
    }
  }

  /** Bytes written since the last full chunk. */
  pending(): number {
    return this.n;
  }

  private rotate(): void {
    this.ready.push(this.buf);
    this.total += this.n;
    this.buf = new Uint8Array(this.chunkSize);
    this.n = 0;
  }

  /** Hands over the partial chunk too (at the end of the stream): an owned copy of its bytes. */
  flush(): void {
    if (this.n > 0) {
      this.ready.push(this.buf.slice(0, this.n));
      this.total += this.n;
      this.n = 0;
    }
  }
}
