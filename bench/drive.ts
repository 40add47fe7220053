/**
 * Runs `work` on `concurrency` workers over `items` until they run out or `seconds` pass (no limit
 * with `Infinity`): how many items were taken and the seconds it took.
 */
export async function drive<T>(
  items: readonly T[],
  concurrency: number,
  seconds: number,
  work: (item: T) => Promise<void>,
): Promise<{ done: number; seconds: number }> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline && next < items.length) {
        const item = items[next] as T;
        next += 1;
        await work(item);
      }
    }),
  );
  return { done: next, seconds: (performance.now() - started) / 1000 };
}
