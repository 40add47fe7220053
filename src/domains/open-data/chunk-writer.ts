/** Output is written into buffers of this size: large enough for few writes, small enough to stay flat. */
export const CHUNK_BYTES = 256 * 1024;
/** After a flush, writing goes on in the rest of the buffer while this much is left. */
const MIN_REST = 16 * 1024;

/**
 * Text and bytes encoded straight into fixed-size buffers as UTF-8. At a million rows, building a
 * string per row (or per batch) and encoding it afterwards allocates several times the output in
 * short-lived strings; the collector then promotes some of it, and the service's memory climbs.
 * Here a row's pieces go into the buffer one by one: the repeated ones (codes with their names)
 * as bytes encoded once, the free text as it is.
 */
export class ChunkWriter {
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private at = 0;
  private done: Buffer[] = [];

  /** Makes room for `bytes` more; call before `text`/`bytes` with an upper bound of what follows. */
  ensure(bytes: number): void {
    if (this.buffer.length - this.at >= bytes) return;
    this.flush();
    if (bytes > this.buffer.length) this.buffer = Buffer.allocUnsafe(Math.max(bytes, CHUNK_BYTES));
  }

  /** Writes text; room must have been ensured (UTF-8 takes at most 3 bytes per UTF-16 unit). */
  text(text: string): void {
    this.at += this.buffer.write(text, this.at, "utf8");
  }

  /** Writes bytes; room must have been ensured. */
  bytes(bytes: Uint8Array): void {
    this.buffer.set(bytes, this.at);
    this.at += bytes.length;
  }

  /** `ensure` and `text` together, for text written once. */
  write(text: string): void {
    this.ensure(text.length * 3);
    this.text(text);
  }

  private flush(): void {
    if (this.at === 0) return;
    this.done.push(this.buffer.subarray(0, this.at));
    this.buffer =
      this.buffer.length - this.at >= MIN_REST
        ? this.buffer.subarray(this.at)
        : Buffer.allocUnsafe(CHUNK_BYTES);
    this.at = 0;
  }

  /** Everything written so far, as buffers to send; writing may go on after. */
  take(): Buffer[] {
    this.flush();
    const out = this.done;
    this.done = [];
    return out;
  }
}
