import type { PrizePhase } from "../../db/schema.ts";
import { formatInZone } from "../../platform/zoned-time.ts";
import type { DateTimeFieldProps } from "../../ui/admin-forms.tsx";
import { TextInput } from "../../ui/components.tsx";
import { formatQualifiedFigure } from "../../ui/figures.ts";
import type { PageContext } from "../../ui/page-context.ts";
import type { Figure } from "./past-editions.ts";

/** Small pieces the edition pages share: phase names, times in a zone, figures, the date-time field. */

export const phaseName = (ctx: PageContext, phase: PrizePhase) => ctx.t(`prizes.editions.phase.${phase}`);

/** A time in the edition's zone, with the zone named, inside `<time>` for machines. */
export function ZonedTime({ ctx, at, zone }: { ctx: PageContext; at: Date; zone: string }) {
  return <time dateTime={at.toISOString()}>{formatInZone(at, ctx.lang, zone)}</time>;
}

/** The same instant in the edition's zone and in UTC, for readers elsewhere. */
export function ZonedAndUtc({ ctx, at, zone }: { ctx: PageContext; at: Date; zone: string }) {
  if (zone === "UTC") return <ZonedTime ctx={ctx} at={at} zone={zone} />;
  return (
    <>
      <ZonedTime ctx={ctx} at={at} zone={zone} />{" "}
      <span class="muted">({formatInZone(at, ctx.lang, "UTC")})</span>
    </>
  );
}

/** "973", "1,000+", "about 500": a figure with its source's precision, in the reader's number format. */
export const formatFigure = (ctx: PageContext, figure: Figure): string =>
  formatQualifiedFigure(ctx, figure, {
    atLeast: "prizes.editions.figure.atLeast",
    about: "prizes.editions.figure.about",
  });

/** A `datetime-local` field, always required: a wall-clock time in the edition's zone, which the hint names. */
export function LocalDateTimeInput({ zone, ...field }: DateTimeFieldProps & { zone: string }) {
  const hint = field.ctx.t("prizes.editions.form.localTimeHint", { zone });
  return <TextInput {...field} hint={hint} required type="datetime-local" />;
}
