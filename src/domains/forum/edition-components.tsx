import type { ForumOcpPhase } from "../../db/schema.ts";
import { formatInZone } from "../../platform/zoned-time.ts";
import { describedBy, FieldLabel, type FormErrors, fieldId } from "../../ui/components.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { vocabularyLabel } from "./forum-vocabulary.ts";
import type { Figure } from "./past-forums.ts";
import { formatVisitorTime } from "./programme-time.ts";

/** Small pieces the Forum edition pages share: times in the venue's zone, days, figures, fields. */

export const ocpPhaseName = (ctx: PageContext, phase: ForumOcpPhase) =>
  vocabularyLabel.ocpPhase(ctx.t, phase);

/**
 * An instant in the venue's zone, the zone named, inside `<time>` for machines; with `visitorZone`
 * (a visitor's `?tz=`), the same instant in that zone after it (F4's wording and format).
 */
export function VenueTime({
  ctx,
  at,
  zone,
  visitorZone = null,
}: {
  ctx: PageContext;
  at: Date;
  zone: string;
  visitorZone?: string | null;
}) {
  const venue = <time dateTime={at.toISOString()}>{formatInZone(at, ctx.lang, zone)}</time>;
  if (!visitorZone || visitorZone === zone) return venue;
  return (
    <>
      {venue}{" "}
      <span class="muted">
        · {ctx.t("forum.programme.localTime", { time: formatVisitorTime(at, ctx.lang, visitorZone) })}
      </span>
    </>
  );
}

/** A venue calendar day (`YYYY-MM-DD`): a date, not an instant, so it is formatted as given. */
export function formatDay(ctx: PageContext, day: string): string {
  return new Intl.DateTimeFormat(ctx.lang, { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

/** The edition's days, "27 May 2024 – 31 May 2024", or "not recorded". */
export function EditionDays({
  ctx,
  edition,
}: {
  ctx: PageContext;
  edition: { startsOn: string; endsOn: string; datesRecorded: boolean };
}) {
  if (!edition.datesRecorded) return <span class="muted">{ctx.t("forum.editions.notRecorded")}</span>;
  return (
    <>
      <time dateTime={edition.startsOn}>{formatDay(ctx, edition.startsOn)}</time> –{" "}
      <time dateTime={edition.endsOn}>{formatDay(ctx, edition.endsOn)}</time>
    </>
  );
}

/** A recorded text, or "not recorded" for an empty one. */
export function Recorded({ ctx, value }: { ctx: PageContext; value: string }) {
  return value ? value : <span class="muted">{ctx.t("forum.editions.notRecorded")}</span>;
}

/** "1,200", "1,500+", "~200": a figure with its source's precision, in the reader's number format. */
export function formatForumFigure(ctx: PageContext, figure: Figure): string {
  const value = ctx.formatNumber(figure.value);
  if (figure.qualifier === "at_least") return ctx.t("forum.editions.figure.atLeast", { value });
  if (figure.qualifier === "about") return ctx.t("forum.editions.figure.about", { value });
  return value;
}

/** A `datetime-local` field: a wall-clock time in the edition's zone, which the hint names. */
export function LocalDateTimeField({
  ctx,
  name,
  label,
  value,
  errors,
  zone,
  required = false,
}: {
  ctx: PageContext;
  name: string;
  label: string;
  value: string;
  errors: FormErrors;
  zone: string;
  required?: boolean;
}) {
  const error = errors[name];
  const hint = ctx.t("forum.editions.form.localTimeHint", { zone });
  return (
    <div class="field">
      <FieldLabel ctx={ctx} name={name} label={label} required={required} hint={hint} error={error} />
      <input
        id={fieldId(name)}
        name={name}
        type="datetime-local"
        value={value}
        required={required}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(name, hint, error)}
      />
    </div>
  );
}
