import type { ComponentChildren } from "preact";
import type { ForumOcpPhase } from "../../db/schema.ts";
import type { QualifiedFigure } from "../../platform/figures.ts";
import { formatInZone } from "../../platform/zoned-time.ts";
import type { DateTimeFieldProps } from "../../ui/admin-forms.tsx";
import { TextInput } from "../../ui/components.tsx";
import { formatQualifiedFigure } from "../../ui/figures.ts";
import type { PageContext } from "../../ui/page-context.ts";
import { vocabularyLabel } from "./forum-vocabulary.ts";
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

/** A term of an edition's facts whose text may be missing from the sources. */
export function RecordedFact({ ctx, term, value }: { ctx: PageContext; term: string; value: string }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>
        <Recorded ctx={ctx} value={value} />
      </dd>
    </>
  );
}

/** "1,200", "1,500+", "~200": a figure with its source's precision, in the reader's number format. */
export const formatForumFigure = (ctx: PageContext, figure: QualifiedFigure): string =>
  formatQualifiedFigure(ctx, figure, {
    atLeast: "forum.editions.figure.atLeast",
    about: "forum.editions.figure.about",
  });

/** A `datetime-local` field: a wall-clock time in the edition's zone, which the hint names. */
export function LocalDateTimeField({
  zone,
  required = false,
  ...field
}: DateTimeFieldProps & { zone: string; required?: boolean }) {
  const hint = field.ctx.t("forum.editions.form.localTimeHint", { zone });
  return <TextInput {...field} hint={hint} required={required} type="datetime-local" />;
}

/** A column of an editions table: its header and each edition's cell. */
export interface EditionColumn<E> {
  header: string;
  numeric?: boolean;
  cell: (edition: E) => ComponentChildren;
}

/** The theme and chair columns every editions table has, "not recorded" where the sources are silent. */
export const recordedColumn = <E extends { theme: string; chair: string }>(
  ctx: PageContext,
  field: "theme" | "chair",
): EditionColumn<E> => ({
  header: ctx.t(field === "theme" ? "forum.editions.field.theme" : "forum.editions.field.chair"),
  cell: (edition) => <Recorded ctx={ctx} value={edition[field]} />,
});

/** Editions in rows, each headed by its year linking to its page. */
export function EditionsTable<E extends { year: number }>({
  ctx,
  caption,
  editions,
  href,
  columns,
}: {
  ctx: PageContext;
  caption: string;
  editions: readonly E[];
  href: (year: number) => string;
  columns: readonly EditionColumn<E>[];
}) {
  return (
    <div class="table-scroll">
      <table>
        <caption class="muted">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{ctx.t("forum.editions.field.year")}</th>
            {columns.map((column) => (
              <th scope="col" class={column.numeric ? "numeric" : undefined} key={column.header}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {editions.map((edition) => (
            <tr key={edition.year}>
              <th scope="row">
                <a href={href(edition.year)}>{edition.year}</a>
              </th>
              {columns.map((column) => (
                <td class={column.numeric ? "numeric" : undefined} key={column.header}>
                  {column.cell(edition)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
