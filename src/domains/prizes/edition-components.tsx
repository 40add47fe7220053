import type { PrizePhase } from "../../db/schema.ts";
import { formatInZone } from "../../platform/zoned-time.ts";
import { describedBy, FieldLabel, type FormErrors, fieldId } from "../../ui/components.tsx";
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

/** "973", "1,000+", "~500": a figure with its source's precision, in the reader's number format. */
export function formatFigure(ctx: PageContext, figure: Figure): string {
  const value = ctx.formatNumber(figure.value);
  if (figure.qualifier === "at_least") return ctx.t("prizes.editions.figure.atLeast", { value });
  if (figure.qualifier === "about") return ctx.t("prizes.editions.figure.about", { value });
  return value;
}

/** A `datetime-local` field: a wall-clock time in the edition's zone, which the hint names. */
export function LocalDateTimeInput({
  ctx,
  name,
  label,
  value,
  errors,
  zone,
}: {
  ctx: PageContext;
  name: string;
  label: string;
  value: string;
  errors: FormErrors;
  zone: string;
}) {
  const error = errors[name];
  const hint = ctx.t("prizes.editions.form.localTimeHint", { zone });
  return (
    <div class="field">
      <FieldLabel ctx={ctx} name={name} label={label} required hint={hint} error={error} />
      <input
        id={fieldId(name)}
        name={name}
        type="datetime-local"
        value={value}
        required
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(name, hint, error)}
      />
    </div>
  );
}
