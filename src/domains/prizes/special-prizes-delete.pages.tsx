import { CsrfField, Notice } from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { ZonedTime } from "./edition-components.tsx";
import type { SpecialPrizeView } from "./editions.presenter.ts";

/**
 * The confirmation step of deleting a special prize: what goes, and the button that deletes it.
 * While finalists or a winner are recorded it says why it cannot be deleted and offers no button.
 */
export function DeleteSpecialPrizePage({
  ctx,
  year,
  zone,
  prize,
  deletable,
}: {
  ctx: PageContext;
  year: number;
  zone: string;
  prize: SpecialPrizeView;
  deletable: boolean;
}) {
  const { t } = ctx;
  const title = t("prizes.editions.special.deleteTitle", { name: prize.name, year });
  const prizeUrl = `/admin/prizes/${year}/special-prizes/${prize.id}`;
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={prizeUrl}>{t("prizes.editions.special.backToPrize")}</a>
      </p>
      <h1>{title}</h1>
      {deletable ? null : <Notice kind="error">{t("errors.prize_special_prize_in_use")}</Notice>}
      <dl class="fields">
        <dt>{t("prizes.editions.special.code")}</dt>
        <dd>
          <code>{prize.code}</code>
        </dd>
        <dt>{t("prizes.editions.special.window")}</dt>
        <dd>
          <ZonedTime ctx={ctx} at={prize.startsAt} zone={zone} /> –{" "}
          <ZonedTime ctx={ctx} at={prize.endsAt} zone={zone} />
        </dd>
        <dt>{t("prizes.editions.special.jury")}</dt>
        <dd>{t("prizes.editions.special.juryCount", { count: prize.jurors.length })}</dd>
        <dt>{t("prizes.editions.special.finalists")}</dt>
        <dd>{prize.finalists.length ? prize.finalists.join(", ") : "—"}</dd>
        <dt>{t("prizes.editions.special.winner")}</dt>
        <dd>{prize.winner ?? t("prizes.editions.special.noWinner")}</dd>
      </dl>
      {deletable ? (
        <form method="post" action={`${prizeUrl}/delete`} class="stack">
          <CsrfField ctx={ctx} />
          <p>{t("prizes.editions.special.deleteIntro")}</p>
          <div class="actions">
            <button type="submit" class="button button--danger">
              {t("prizes.editions.special.deleteConfirm")}
            </button>
            <a href={prizeUrl}>{t("prizes.editions.special.deleteCancel")}</a>
          </div>
        </form>
      ) : null}
    </Layout>
  );
}
