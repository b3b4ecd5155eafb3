/** Only worth drawing for inputs that take more than a moment. */
const MIN_BYTES_FOR_BAR = 20 * 1024 * 1024;
const REDRAW_MS = 100;

/** A one-line progress bar on a terminal's stderr; silent when stderr is not a TTY. */
export class ProgressBar {
  private lastDraw = 0;
  private readonly started = Date.now();
  private drawn = false;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly totalBytes: number,
  ) {}

  static enabled(stream: NodeJS.WriteStream, totalBytes: number, quiet: boolean): boolean {
    return !quiet && stream.isTTY === true && totalBytes >= MIN_BYTES_FOR_BAR;
  }

  update(done: number, label: string): void {
    const now = Date.now();
    if (now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    const fraction = Math.min(1, done / Math.max(1, this.totalBytes));
    const width = 30;
    const filled = Math.round(fraction * width);
    const rate = done / 1e6 / Math.max(0.001, (now - this.started) / 1000);
    const line = `triage [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${(done / 1e6).toFixed(0)}/${(this.totalBytes / 1e6).toFixed(0)} MB ${rate.toFixed(0)} MB/s ${label}`;
    this.stream.write(`\r${line.slice(0, (this.stream.columns || 100) - 1)}\x1b[K`);
    this.drawn = true;
  }

  done(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
  }
}
