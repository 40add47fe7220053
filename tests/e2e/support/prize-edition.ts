export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;
export const PHASES = ["submission", "review", "nomination", "voting", "evaluation", "results"] as const;
const CRITERIA = ["relevance", "impact", "empowerment", "sdg_relevance"];

/** `YYYY-MM-DDTHH:mm` in UTC, as a `datetime-local` field in a UTC edition takes it. */
const local = (at: number) => new Date(at).toISOString().slice(0, 16);

/** The first whole minute at or after `at`: phase dates are typed to the minute. */
export const nextMinute = (at: number) => Math.ceil(at / MINUTE) * MINUTE;

/**
 * The new-edition form filled for an edition of `year` in UTC whose six phases start at `starts`
 * (one instant per phase, in order, each on a whole minute) and run back to back, the last for a
 * week; categories C1–C3 and four criteria. `base` holds the form's CSRF field.
 */
export function scheduledEditionForm(
  base: URLSearchParams,
  year: number,
  starts: readonly number[],
): URLSearchParams {
  if (starts.length !== PHASES.length) throw new Error("one start per phase");
  const form = new URLSearchParams(base);
  form.set("year", String(year));
  form.set("theme_en", `Live edition ${year}`);
  form.set("timeZone", "UTC");
  form.set("championsPerCategory", "5");
  for (const code of ["C1", "C2", "C3"]) form.append("categories", code);
  PHASES.forEach((phase, index) => {
    const start = starts[index] as number;
    form.set(`${phase}_start`, local(start));
    form.set(`${phase}_end`, local(starts[index + 1] ?? start + 7 * DAY));
  });
  CRITERIA.forEach((code, index) => {
    form.set(`criteria_${index}_code`, code);
    form.set(`criteria_${index}_name`, code);
    form.set(`criteria_${index}_weight`, "25");
  });
  return form;
}

/**
 * Phase starts that put `open` in progress now: the phases before it are packed into the
 * boundaries given (`before[i]` ends phase i), `open` runs from the last of them for `openFor`, and
 * the rest follow a week apart. With no boundaries, the first phase opened a day ago.
 */
export function phaseStarts(before: readonly number[], openFor = 30 * DAY): number[] {
  const first = Math.floor((Date.now() - DAY) / MINUTE) * MINUTE;
  const starts = [first, ...before];
  while (starts.length < PHASES.length) {
    const last = starts[starts.length - 1] as number;
    starts.push(last + (starts.length === before.length + 1 ? openFor : 7 * DAY));
  }
  return starts;
}

/**
 * The new-edition form filled for a live edition of `year` in UTC: six week-long phases with
 * submission open now, categories C1–C3 and four criteria. `base` holds the form's CSRF field.
 */
export function liveEditionForm(base: URLSearchParams, year: number): URLSearchParams {
  const first = Math.floor((Date.now() - DAY) / MINUTE) * MINUTE;
  return scheduledEditionForm(
    base,
    year,
    PHASES.map((_, index) => first + index * 7 * DAY),
  );
}

/** Waits until this machine's clock, which is the server's, has passed `at` (a phase boundary). */
export async function waitForClock(at: number): Promise<void> {
  const wait = at + 1_500 - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

/** Fails plainly when a step ran past the phase it needed (a machine too slow for minute-long phases). */
export function assertBefore(at: number, what: string): void {
  if (Date.now() >= at) throw new Error(`${what} ran past its phase; the machine is too slow`);
}
