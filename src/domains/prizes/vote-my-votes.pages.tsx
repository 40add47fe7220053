import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import type { ReferenceData } from "../taxonomy/taxonomy.repo.ts";
import { RECEIPT_SCHEME } from "./vote-receipts.ts";
import { categoryLabel, editionDateTime, groupedReceipt } from "./vote-view.ts";
import type { MyVotes } from "./votes.service.ts";

/** `/prizes/my-votes`: progress over the categories, a receipt per vote, and how to check it. */
export function MyVotesPage({
  ctx,
  years,
  mine,
  reference,
}: {
  ctx: PageContext;
  /** Editions to switch between, newest first. */
  years: number[];
  mine: MyVotes | null;
  reference: ReferenceData;
}) {
  const { t } = ctx;
  const title = t("prizes.voting.myVotes.title");
  if (!mine)
    return (
      <Layout ctx={ctx} title={title}>
        <h1>{title}</h1>
        <p>{t("prizes.voting.myVotes.none")}</p>
      </Layout>
    );
  const { edition } = mine;
  const total = mine.categories.length;
  const published = edition.resultsPublished;
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {years.length > 1 ? (
        <form method="get" action="/prizes/my-votes" class="inline-form">
          <label for="field-year">{t("prizes.voting.myVotes.edition")}</label>{" "}
          <select id="field-year" name="year">
            {years.map((year) => (
              <option key={year} value={String(year)} selected={year === edition.year}>
                {year}
              </option>
            ))}
          </select>{" "}
          <button type="submit" class="secondary">
            {t("prizes.voting.myVotes.show")}
          </button>
        </form>
      ) : null}
      <h2>
        {t("prizes.voting.myVotes.edition")} {edition.year}
      </h2>
      <p>
        <progress class="vote-progress" value={mine.voted} max={total} aria-labelledby="progress-text" />{" "}
        <span id="progress-text">{t("prizes.voting.progress", { voted: mine.voted, total })}</span>
      </p>
      <p>
        <a href={`/prizes/${edition.year}/vote`}>{t("prizes.voting.myVotes.toBallot")}</a>
      </p>
      <div class="table-scroll">
        <table class="my-votes">
          <caption>{t("prizes.voting.myVotes.caption", { year: edition.year })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("prizes.voting.category")}</th>
              <th scope="col">{t("prizes.voting.yourVote")}</th>
              <th scope="col">{t("prizes.voting.myVotes.receipt")}</th>
              <th scope="col">{t("prizes.voting.myVotes.castAt", { zone: edition.timeZone })}</th>
              {published ? <th scope="col">{t("prizes.voting.myVotes.counted")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {mine.categories.map(({ code, vote }) => (
              <tr key={code} id={`vote-${code}`}>
                <th scope="row">{categoryLabel(reference, code, ctx.lang)}</th>
                {vote ? (
                  <>
                    <td>
                      <bdi>{vote.title}</bdi>
                      <span class="muted">
                        {" · "}
                        <bdi>{vote.organisation_name}</bdi>
                      </span>
                    </td>
                    <td>
                      <code class="receipt">{groupedReceipt(vote.receipt)}</code>
                      {vote.receipt_nonce ? (
                        <>
                          <br />
                          <span class="muted">
                            {t("prizes.voting.myVotes.nonce")}{" "}
                            <code class="receipt">{vote.receipt_nonce}</code>
                          </span>
                        </>
                      ) : null}
                    </td>
                    <td>{editionDateTime(edition, ctx.lang, vote.cast_at)}</td>
                    {published ? (
                      <td>
                        {vote.invalidated_at
                          ? t("prizes.voting.myVotes.invalidated", { reason: vote.invalidation_reason ?? "" })
                          : t("prizes.voting.myVotes.countedYes")}
                      </td>
                    ) : null}
                  </>
                ) : (
                  <>
                    <td>
                      <a href={`/prizes/${edition.year}/vote/${encodeURIComponent(code)}`}>
                        {t("prizes.voting.notYet")}
                      </a>
                    </td>
                    <td />
                    <td />
                    {published ? <td /> : null}
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section aria-labelledby="receipts-how">
        <h2 id="receipts-how">{t("prizes.voting.myVotes.howTitle")}</h2>
        <p>{t("prizes.voting.myVotes.how1")}</p>
        <p>
          {t("prizes.voting.myVotes.how2")}{" "}
          <code>{`sha256("${RECEIPT_SCHEME}|year|category|nomineeId|nonce")`}</code>
        </p>
        <p>{t("prizes.voting.myVotes.how3")}</p>
        {published ? (
          <p>
            <a href={`/prizes/${edition.year}/vote/receipts.csv`}>
              {t("prizes.voting.myVotes.download", { year: edition.year })}
            </a>
          </p>
        ) : (
          <p class="muted">{t("prizes.voting.myVotes.afterResults")}</p>
        )}
      </section>
    </Layout>
  );
}
