import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import type { NomineeRow } from "./nominations.repo.ts";
import type { CategoryRow } from "./review.repo.ts";
import { categoryLabel, editionTime } from "./review-components.tsx";
import type { ReviewEdition } from "./review-edition.ts";

/**
 * The published nominated list, per category: title, organisation and short description (what
 * voters read). Before publication it says so; the voting page links from here while voting is open.
 */
export function NomineesPage({
  ctx,
  edition,
  categories,
  nominees,
  votingOpen,
}: {
  ctx: PageContext;
  edition: ReviewEdition;
  categories: CategoryRow[];
  nominees: NomineeRow[];
  votingOpen: boolean;
}) {
  const { t } = ctx;
  const title = t("prizes.review.nominees.title", { year: edition.year });
  const published = edition.nomineesPublishedAt;
  const listed = categories.filter((category) => nominees.some((row) => row.category_code === category.code));
  return (
    <Layout
      ctx={ctx}
      title={title}
      description={t("prizes.review.nominees.description", { year: edition.year })}
    >
      <h1>{title}</h1>
      {published === null ? (
        <p class="lead">
          {edition.past ? t("prizes.review.nominees.pastEdition") : t("prizes.review.nominees.notYet")}
        </p>
      ) : (
        <>
          <p class="lead">
            {t("prizes.review.nominees.lead", {
              count: nominees.length,
              date: editionTime(ctx, edition, published),
            })}
          </p>
          {votingOpen ? (
            <p>
              <a class="button" href={`/prizes/${edition.year}/vote`}>
                {t("prizes.review.nominees.vote")}
              </a>
            </p>
          ) : null}
          {listed.length > 1 ? (
            <nav aria-labelledby="nominee-categories">
              <h2 id="nominee-categories">{t("prizes.review.nominees.categories")}</h2>
              <ul>
                {listed.map((category) => (
                  <li key={category.code}>
                    <a href={`#category-${category.code}`}>{categoryLabel(ctx, categories, category.code)}</a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          {listed.map((category) => (
            <section key={category.code} aria-labelledby={`category-${category.code}`}>
              <h2 id={`category-${category.code}`}>{categoryLabel(ctx, categories, category.code)}</h2>
              <ul class="prize-nominees">
                {nominees
                  .filter((row) => row.category_code === category.code)
                  .map((row) => (
                    <li key={row.id}>
                      <article aria-labelledby={`nominee-${row.id}`}>
                        <h3 id={`nominee-${row.id}`}>
                          <bdi>{row.title}</bdi>
                        </h3>
                        <p class="muted">
                          <bdi>{row.organisation_name}</bdi>
                        </p>
                        <p class="prize-text">
                          <bdi>{row.short_description}</bdi>
                        </p>
                      </article>
                    </li>
                  ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </Layout>
  );
}
