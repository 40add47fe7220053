import { formatInZone } from "../../platform/zoned-time.ts";
import { Notice } from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { certificateUrl } from "./results.presenter.ts";
import type { CategoryResults, PublishedResults, RankedNominee, ResultTotals } from "./results.service.ts";

/** Names of the categories in the reader's language, and the edition's zone for dates. */
export interface ResultsView {
  names: Map<string, string>;
  timeZone: string;
}

/** The tie rule as the results pages state it (see `results-champions.ts`). */
export function TieRule({ ctx, champions }: { ctx: PageContext; champions: number }) {
  return (
    <p id="tie-rule">
      <strong>{ctx.t("prizes.results.tieRuleHeading")}</strong>{" "}
      {ctx.t("prizes.results.tieRule", { champions })}
    </p>
  );
}

/** Counted, not counted and invalidated votes, with the reasons for invalidation. */
export function VoteTotals({
  ctx,
  totals,
  completeVotersOnly,
}: {
  ctx: PageContext;
  totals: ResultTotals;
  completeVotersOnly: boolean;
}) {
  const { t, formatNumber } = ctx;
  const invalidated = totals.invalidated.reduce((sum, item) => sum + item.count, 0);
  return (
    <section aria-labelledby="vote-totals">
      <h2 id="vote-totals">{t("prizes.results.votesHeading")}</h2>
      <dl class="fields">
        <dt>{t("prizes.results.counted")}</dt>
        <dd>{formatNumber(totals.counted)}</dd>
        <dt>{t("prizes.results.notCounted")}</dt>
        <dd>
          {formatNumber(totals.notCounted)}
          {completeVotersOnly ? <span class="muted"> {t("prizes.results.notCountedRule")}</span> : null}
        </dd>
        <dt>{t("prizes.results.invalidated")}</dt>
        <dd>{formatNumber(invalidated)}</dd>
      </dl>
      {totals.invalidated.length > 0 ? (
        <div class="table-scroll">
          <table>
            <caption>{t("prizes.results.invalidatedByReason")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("prizes.results.colReason")}</th>
                <th scope="col" class="numeric">
                  {t("prizes.results.colVotes")}
                </th>
              </tr>
            </thead>
            <tbody>
              {totals.invalidated.map((item) => (
                <tr key={item.reason}>
                  <th scope="row">{item.reason || t("prizes.results.noReason")}</th>
                  <td class="numeric">{formatNumber(item.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="muted">{t("prizes.results.noneInvalidated")}</p>
      )}
    </section>
  );
}

/** A category's champions by place, the winner marked; certificate links when published. */
export function ChampionsTable({
  ctx,
  year,
  category,
  caption,
  certificates,
}: {
  ctx: PageContext;
  year: number;
  category: CategoryResults;
  caption: string;
  certificates: boolean;
}) {
  const { t, formatNumber } = ctx;
  const award = (nominee: RankedNominee) =>
    nominee.winner ? t("prizes.results.awardWinner") : t("prizes.results.awardChampion");
  return (
    <div class="table-scroll">
      <table class="results-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" class="numeric">
              {t("prizes.results.colPlace")}
            </th>
            <th scope="col">{t("prizes.results.colProject")}</th>
            <th scope="col">{t("prizes.results.colOrganisation")}</th>
            <th scope="col" class="numeric">
              {t("prizes.results.colVotes")}
            </th>
            <th scope="col">{t("prizes.results.colAward")}</th>
            {certificates ? <th scope="col">{t("prizes.results.colCertificate")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {category.champions.map((nominee) => (
            <tr key={nominee.submissionId} class={nominee.winner ? "results-table__winner" : undefined}>
              <td class="numeric">{formatNumber(nominee.rank)}</td>
              <th scope="row">{nominee.title}</th>
              <td>{nominee.organisation}</td>
              <td class="numeric">{formatNumber(nominee.votes)}</td>
              <td>{nominee.winner ? <strong>{award(nominee)}</strong> : award(nominee)}</td>
              {certificates ? (
                <td>
                  <a href={certificateUrl(year, nominee.submissionId)} type="application/pdf">
                    {t("prizes.results.certificateLink", { title: nominee.title })}
                  </a>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** `/prizes/:year/results` once published: winners and champions per category, and the count. */
export function ResultsPage({
  ctx,
  results,
  view,
}: {
  ctx: PageContext;
  results: PublishedResults;
  view: ResultsView;
}) {
  const { t } = ctx;
  const year = results.edition.year;
  const withChampions = results.categories.filter((category) => category.champions.length > 0);
  return (
    <Layout ctx={ctx} title={t("prizes.results.title", { year })}>
      <h1>{t("prizes.results.title", { year })}</h1>
      <p class="lead">
        {t("prizes.results.publishedOn", {
          date: formatInZone(results.publishedAt, ctx.lang, view.timeZone),
        })}
      </p>
      <p>
        <a href={`/prizes/${year}`}>{t("prizes.results.backToEdition", { year })}</a> ·{" "}
        <a href={`/prizes/${year}/statistics`}>{t("prizes.results.statisticsLink")}</a>
      </p>
      <TieRule ctx={ctx} champions={results.rules.championsPerCategory} />
      <VoteTotals
        ctx={ctx}
        totals={results.totals}
        completeVotersOnly={results.rules.votesOnlyFromCompleteVoters}
      />
      <h2>{t("prizes.results.categoriesHeading")}</h2>
      {withChampions.length === 0 ? <p>{t("prizes.results.noChampions")}</p> : null}
      {withChampions.map((category) => {
        const name = `${category.code} ${view.names.get(category.code) ?? ""}`.trim();
        const winner = category.champions.find((nominee) => nominee.winner);
        return (
          <section key={category.code} class="results-category" aria-labelledby={`category-${category.code}`}>
            <h3 id={`category-${category.code}`}>{name}</h3>
            {winner ? (
              <p>
                {t("prizes.results.winnerLine", { title: winner.title, organisation: winner.organisation })}
              </p>
            ) : null}
            <ChampionsTable
              ctx={ctx}
              year={year}
              category={category}
              caption={t("prizes.results.championsOf", { category: name })}
              certificates
            />
          </section>
        );
      })}
    </Layout>
  );
}

/** `/prizes/:year/results` before publication, or for an edition run before this platform. */
export function ResultsPendingPage({
  ctx,
  year,
  past,
  resultsFrom,
  timeZone,
}: {
  ctx: PageContext;
  year: number;
  past: boolean;
  resultsFrom: Date | null;
  timeZone: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("prizes.results.title", { year })}>
      <h1>{t("prizes.results.title", { year })}</h1>
      <Notice>
        <p>
          <strong>{t(past ? "prizes.results.pastHeading" : "prizes.results.pendingHeading")}</strong>
        </p>
        <p>{t(past ? "prizes.results.pastText" : "prizes.results.pendingText")}</p>
        {!past && resultsFrom ? (
          <p>{t("prizes.results.pendingWhen", { date: formatInZone(resultsFrom, ctx.lang, timeZone) })}</p>
        ) : null}
      </Notice>
      <p>
        <a href={`/prizes/${year}`}>{t("prizes.results.backToEdition", { year })}</a> ·{" "}
        <a href={`/prizes/${year}/statistics`}>{t("prizes.results.statisticsLink")}</a>
      </p>
    </Layout>
  );
}
