/**
 * A one-line progress bar for a TTY: `[#########.........] 12/30  photo.jpg`, redrawn in place
 * with a carriage return. Off a TTY it draws nothing (a log or a pipe gets only the summary).
 */
export interface ProgressSink {
  isTTY?: boolean;
  columns?: number;
  write(s: string): unknown;
}

export class ProgressBar {
  readonly #out: ProgressSink;
  readonly #total: number;
  #done = 0;
  #drawn = false;

  constructor(out: ProgressSink, total: number) {
    this.#out = out;
    this.#total = total;
  }

  /** Counts one item done and redraws with `label` (the file just finished). */
  tick(label: string): void {
    this.#done++;
    this.draw(label);
  }

  draw(label = ''): void {
    if (!this.#out.isTTY) return;
    this.#out.write(`\r${renderBar(this.#done, this.#total, label, this.#out.columns ?? 80)}`);
    this.#drawn = true;
  }

  /** Erases the bar, so the next output starts on a clean line. */
  clear(): void {
    if (this.#drawn) this.#out.write(`\r${' '.repeat((this.#out.columns ?? 80) - 1)}\r`);
    this.#drawn = false;
  }
}

/** The bar text, exactly `columns - 1` characters at most. */
export function renderBar(done: number, total: number, label: string, columns: number): string {
  const width = Math.max(10, Math.min(40, columns - 30));
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const counter = `${done}/${total}`;
  const head = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${counter}  `;
  const room = Math.max(0, columns - 1 - head.length);
  const name = label.length > room ? `…${label.slice(label.length - room + 1)}` : label;
  return (head + name).padEnd(columns - 1).slice(0, columns - 1);
}
