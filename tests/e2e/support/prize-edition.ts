const DAY = 24 * 60 * 60 * 1000;
const PHASES = ["submission", "review", "nomination", "voting", "evaluation", "results"];
const CRITERIA = ["relevance", "impact", "empowerment", "sdg_relevance"];

/** `YYYY-MM-DDTHH:mm` in UTC, as a `datetime-local` field in a UTC edition takes it. */
const local = (at: number) => new Date(at).toISOString().slice(0, 16);

/**
 * The new-edition form filled for a live edition of `year` in UTC: six week-long phases with
 * submission open now, categories C1–C3 and four criteria. `base` holds the form's CSRF field.
 */
export function liveEditionForm(base: URLSearchParams, year: number): URLSearchParams {
  const form = new URLSearchParams(base);
  form.set("year", String(year));
  form.set("theme_en", `Live edition ${year}`);
  form.set("timeZone", "UTC");
  form.set("championsPerCategory", "5");
  for (const code of ["C1", "C2", "C3"]) form.append("categories", code);
  const first = Math.floor((Date.now() - DAY) / 60_000) * 60_000;
  PHASES.forEach((phase, index) => {
    form.set(`${phase}_start`, local(first + index * 7 * DAY));
    form.set(`${phase}_end`, local(first + (index + 1) * 7 * DAY));
  });
  CRITERIA.forEach((code, index) => {
    form.set(`criteria_${index}_code`, code);
    form.set(`criteria_${index}_name`, code);
    form.set(`criteria_${index}_weight`, "25");
  });
  return form;
}
