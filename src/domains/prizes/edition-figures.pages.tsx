import { Fragment } from "preact";
import type { PageContext } from "../../ui/page-context.ts";
import { formatFigure } from "./edition-components.tsx";
import { FIGURE_KEYS, type PastFigures, type Share } from "./past-editions.ts";

/** The real figures of a past edition: counts with their precision, then the splits as tables. */

function ShareTable({
  ctx,
  id,
  caption,
  codeHeading,
  shares,
  names,
}: {
  ctx: PageContext;
  id: string;
  caption: string;
  codeHeading: string;
  shares: Share[];
  names: Record<string, string>;
}) {
  const { t } = ctx;
  const percent = new Intl.NumberFormat(ctx.lang, { style: "percent", maximumFractionDigits: 1 });
  const label = (code: string) =>
    code === "international"
      ? t("prizes.editions.figures.international")
      : code === "others"
        ? t("prizes.editions.figures.others")
        : (names[code] ?? code);
  return (
    <div class="table-scroll">
      <table id={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{codeHeading}</th>
            <th scope="col">{t("prizes.editions.figures.share")}</th>
          </tr>
        </thead>
        <tbody>
          {shares.map((share) => (
            <tr key={share.code}>
              <th scope="row">{label(share.code)}</th>
              <td>{percent.format(share.percent / 100)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function PastFiguresSection({
  ctx,
  figures,
  names = {},
}: {
  ctx: PageContext;
  figures: PastFigures;
  names?: Record<string, string>;
}) {
  const { t } = ctx;
  const counts = FIGURE_KEYS.filter((key) => figures[key] !== undefined);
  return (
    <section aria-labelledby="figures">
      <h2 id="figures">{t("prizes.editions.figures.title")}</h2>
      <p>{t("prizes.editions.figures.intro")}</p>
      {counts.length === 0 && !figures.submissionsByRegion && !figures.nominatedByStakeholder ? (
        <p>{t("prizes.editions.figures.none")}</p>
      ) : null}
      {counts.length ? (
        <dl class="fields">
          {counts.map((key) => (
            <Fragment key={key}>
              <dt>{t(`prizes.editions.figures.${key}`)}</dt>
              <dd>{formatFigure(ctx, figures[key] as NonNullable<PastFigures[typeof key]>)}</dd>
            </Fragment>
          ))}
        </dl>
      ) : null}
      {figures.submissionsByRegion ? (
        <ShareTable
          ctx={ctx}
          id="figures-region"
          caption={t("prizes.editions.figures.byRegion")}
          codeHeading={t("prizes.editions.figures.region")}
          shares={figures.submissionsByRegion}
          names={names}
        />
      ) : null}
      {figures.nominatedByStakeholder ? (
        <ShareTable
          ctx={ctx}
          id="figures-stakeholder"
          caption={t("prizes.editions.figures.byStakeholder")}
          codeHeading={t("prizes.editions.figures.stakeholder")}
          shares={figures.nominatedByStakeholder}
          names={names}
        />
      ) : null}
    </section>
  );
}
