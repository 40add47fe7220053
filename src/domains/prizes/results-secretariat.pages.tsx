import { formatInZone } from "../../platform/zoned-time.ts";
import { CsrfField, Notice } from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { ChampionsTable, type ResultsView, TieRule, VoteTotals } from "./results.pages.tsx";
import type { CategoryResults, SecretariatResults } from "./results.service.ts";

function WinnerForm({ ctx, year, category }: { ctx: PageContext; year: number; category: CategoryResults }) {
  const { t, formatNumber } = ctx;
  const legendId = `winner-legend-${category.code}`;
  return (
    <form method="post" action={`/prizes/${year}/secretariat/results/winner`} class="stack">
      <CsrfField ctx={ctx} />
      <input type="hidden" name="category" value={category.code} />
      <fieldset class="field" aria-labelledby={legendId}>
        <legend id={legendId}>
          {t("prizes.results.secretariat.winnerLegend", { category: category.code })}
        </legend>
        <div class="choices">
          {category.champions.map((nominee) => {
            const id = `winner-${category.code}-${nominee.submissionId}`;
            return (
              <div class="choice" key={nominee.submissionId}>
                <input
                  type="radio"
                  id={id}
                  name="submission"
                  value={nominee.submissionId}
                  checked={nominee.winner}
                  required
                />
                <label for={id}>
                  {t("prizes.results.secretariat.winnerOption", {
                    title: nominee.title,
                    organisation: nominee.organisation,
                    votes: formatNumber(nominee.votes),
                  })}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
      <p class="actions">
        <button type="submit">{t("prizes.results.secretariat.recordWinner")}</button>
      </p>
    </form>
  );
}

/**
 * `/prizes/:year/secretariat/results`: the live count and its champions, the winners recorded,
 * and publication. `problem` is the message of a refused action, shown at the top.
 */
export function SecretariatResultsPage({
  ctx,
  model,
  view,
  problem,
}: {
  ctx: PageContext;
  model: SecretariatResults;
  view: ResultsView;
  problem: string | null;
}) {
  const { t } = ctx;
  const year = model.edition.year;
  const when = (date: Date) => formatInZone(date, ctx.lang, view.timeZone);
  const withChampions = model.categories.filter((category) => category.champions.length > 0);
  const without = model.categories.filter((category) => category.champions.length === 0);
  const canDecide = model.votingEnded && !model.publishedAt;
  return (
    <Layout ctx={ctx} title={t("prizes.results.secretariat.title", { year })}>
      <h1>{t("prizes.results.secretariat.title", { year })}</h1>
      {problem ? (
        <div class="notice notice--error" role="alert">
          {problem}
        </div>
      ) : null}
      <Notice>
        {model.publishedAt ? (
          <p>{t("prizes.results.secretariat.published", { date: when(model.publishedAt) })}</p>
        ) : model.votingEnded ? (
          <p>
            {t("prizes.results.secretariat.votingEnded", {
              date: model.votingEndsAt ? when(model.votingEndsAt) : "",
            })}
          </p>
        ) : (
          <p>
            {model.votingEndsAt
              ? t("prizes.results.secretariat.votingOpen", { date: when(model.votingEndsAt) })
              : t("prizes.results.secretariat.noVoting")}
          </p>
        )}
      </Notice>
      <p>
        <a href={`/prizes/${year}/secretariat/votes`}>{t("prizes.results.secretariat.votesLink")}</a>
        {model.publishedAt ? (
          <>
            {" · "}
            <a href={`/prizes/${year}/results`}>{t("prizes.results.secretariat.publicLink")}</a>
          </>
        ) : null}
      </p>
      <TieRule ctx={ctx} champions={model.rules.championsPerCategory} />
      <VoteTotals
        ctx={ctx}
        totals={model.totals}
        completeVotersOnly={model.rules.votesOnlyFromCompleteVoters}
      />

      <h2>{t("prizes.results.categoriesHeading")}</h2>
      {withChampions.length === 0 ? <p>{t("prizes.results.noChampions")}</p> : null}
      {withChampions.map((category) => {
        const name = `${category.code} ${view.names.get(category.code) ?? ""}`.trim();
        return (
          <section key={category.code} class="results-category" aria-labelledby={`category-${category.code}`}>
            <h3 id={`category-${category.code}`}>{name}</h3>
            <ChampionsTable
              ctx={ctx}
              year={year}
              category={category}
              caption={t("prizes.results.championsOf", { category: name })}
              certificates={model.publishedAt !== null}
            />
            {canDecide ? <WinnerForm ctx={ctx} year={year} category={category} /> : null}
          </section>
        );
      })}
      {without.length > 0 ? (
        <p class="muted">
          {t("prizes.results.secretariat.withoutChampions", {
            categories: without.map((category) => category.code).join(", "),
          })}
        </p>
      ) : null}

      {canDecide ? (
        <section aria-labelledby="publish-heading">
          <h2 id="publish-heading">{t("prizes.results.secretariat.publishHeading")}</h2>
          {model.missingWinners.length > 0 ? (
            <p>
              {t("prizes.results.secretariat.missingWinners", {
                count: model.missingWinners.length,
                categories: model.missingWinners.join(", "),
              })}
            </p>
          ) : (
            <p>{t("prizes.results.secretariat.publishHint")}</p>
          )}
          <form method="post" action={`/prizes/${year}/secretariat/results/publish`}>
            <CsrfField ctx={ctx} />
            <p class="actions">
              <button type="submit">{t("prizes.results.secretariat.publish")}</button>
            </p>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}
