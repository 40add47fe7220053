/** Inputs sent together in one call at most: a bound on one statement's size and its wait. */
const MAX_BATCH = 256;
/** Calls in flight at once: what arrives meanwhile waits and goes in the next one. */
const MAX_IN_FLIGHT = 2;

interface Pending<I, O> {
  input: I;
  resolve: (output: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for hot statements: inputs that arrive while a call is in flight are handed to
 * the next call together, and each caller gets its own output once that call has finished. Under
 * load this turns hundreds of one-row statements a second into a few larger ones, which is what
 * the database's time per request is mostly spent on; with no load an input goes at once, alone.
 * `run` answers with one output per input, in the inputs' order; if it fails, every caller of that
 * call gets its error.
 */
export class Batcher<I, O> {
  private queue: Array<Pending<I, O>> = [];
  private inFlight = 0;

  constructor(private readonly run: (inputs: I[]) => Promise<O[]>) {}

  submit(input: I): Promise<O> {
    return new Promise((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      this.inFlight += 1;
      this.run(batch.map((pending) => pending.input))
        .then(
          (outputs) => {
            batch.forEach((pending, index) => {
              pending.resolve(outputs[index] as O);
            });
          },
          (error: unknown) => {
            for (const pending of batch) pending.reject(error);
          },
        )
        .finally(() => {
          this.inFlight -= 1;
          this.flush();
        });
    }
  }
}
