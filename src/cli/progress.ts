/** A progress bar on stderr; plain lines when stderr is not a terminal (CI logs). */
export function progressBar(label: string, total: number): { tick(done: number): void; finish(): void } {
  const tty = process.stderr.isTTY;
  const started = Date.now();
  let lastPrinted = -1;
  const render = (done: number) => {
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    if (percent === lastPrinted) return;
    if (!tty && percent % 10 !== 0) return;
    lastPrinted = percent;
    const width = 30;
    const filled = Math.round((percent / 100) * width);
    const rate = done / Math.max(0.001, (Date.now() - started) / 1000);
    const line = `${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${percent}% ${done}/${total} (${Math.round(rate)}/s)`;
    if (tty) process.stderr.write(`\r${line}`);
    else process.stderr.write(`${line}\n`);
  };
  return {
    tick: render,
    finish() {
      render(total);
      if (tty) process.stderr.write("\n");
    },
  };
}
