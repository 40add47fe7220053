import { localName } from "../../platform/i18n.ts";
import { formatInZone } from "../../platform/zoned-time.ts";
import type { PageContext } from "../../ui/page-context.ts";
import type { CategoryRow } from "./review.repo.ts";
import { phaseWindow, type ReviewEdition } from "./review-edition.ts";

/** "C7-ehealth: ICT applications: E-health", in the reader's language. */
export function categoryLabel(ctx: PageContext, categories: readonly CategoryRow[], code: string): string {
  const category = categories.find((item) => item.code === code);
  return ctx.t("prizes.review.category", {
    code,
    name: category ? localName(category.names, ctx.lang) : code,
  });
}

/** A moment of the edition, in its own time zone (named), never the server's. */
export function editionTime(ctx: PageContext, edition: ReviewEdition, value: Date): string {
  return formatInZone(value, ctx.lang, edition.timeZone);
}

/** Where the review phase stands by the server's clock, and whether the nominated list is out. */
export function ReviewPhaseNotice({ ctx, edition }: { ctx: PageContext; edition: ReviewEdition }) {
  const { t } = ctx;
  const window = phaseWindow(edition, "review");
  const now = new Date();
  let status: string;
  if (!window) status = t("prizes.review.phase.none");
  else if (now < window.startsAt)
    status = t("prizes.review.phase.upcoming", { start: editionTime(ctx, edition, window.startsAt) });
  else if (now < window.endsAt)
    status = t("prizes.review.phase.open", { end: editionTime(ctx, edition, window.endsAt) });
  else status = t("prizes.review.phase.ended", { end: editionTime(ctx, edition, window.endsAt) });
  return (
    <div class="notice notice--info">
      <p>{status}</p>
      {edition.nomineesPublishedAt ? (
        <p>
          {t("prizes.review.published", { date: editionTime(ctx, edition, edition.nomineesPublishedAt) })}{" "}
          <a href={`/prizes/${edition.year}/nominees`}>{t("prizes.review.nomineesLink")}</a>
        </p>
      ) : null}
    </div>
  );
}

/** A score on the 0–10 scale, or a dash when there is none. */
export function formatScore(ctx: PageContext, value: number | null): string {
  return value === null ? "–" : ctx.formatNumber(value);
}
