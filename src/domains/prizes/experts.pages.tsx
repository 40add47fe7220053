import { type FormErrors, Select } from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { AssignByEmailForm, UnassignForm } from "./assignment-components.tsx";
import type { ExpertRow } from "./experts.repo.ts";
import type { CategoryRow } from "./review.repo.ts";
import { categoryLabel, ReviewPhaseNotice } from "./review-components.tsx";
import type { ReviewEdition } from "./review-edition.ts";

/** The secretariat's list of experts per category, with the form that assigns one. */
export function ExpertsPage({
  ctx,
  edition,
  experts,
  categories,
  values,
  errors,
}: {
  ctx: PageContext;
  edition: ReviewEdition;
  experts: ExpertRow[];
  categories: CategoryRow[];
  values: { email: string; category: string };
  errors: FormErrors;
}) {
  const { t } = ctx;
  const base = `/prizes/${edition.year}/secretariat/nominations`;
  const title = t("prizes.review.experts.title", { year: edition.year });
  const frozen = edition.nomineesPublishedAt !== null;
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={base}>{t("prizes.review.nominations.backToOverview")}</a>
      </p>
      <h1>{title}</h1>
      <p class="lead">{t("prizes.review.experts.lead")}</p>
      <ReviewPhaseNotice ctx={ctx} edition={edition} />
      {frozen ? null : (
        <AssignByEmailForm
          ctx={ctx}
          action={`${base}/experts`}
          title={t("prizes.review.experts.assign")}
          label={t("prizes.review.experts.email")}
          hint={t("prizes.review.experts.emailHint")}
          submitLabel={t("prizes.review.experts.assignSubmit")}
          email={values.email}
          errors={errors}
        >
          <Select
            ctx={ctx}
            name="category"
            label={t("prizes.review.categoryColumn")}
            value={values.category}
            errors={errors}
            options={categories.map((category) => ({
              value: category.code,
              label: categoryLabel(ctx, categories, category.code),
            }))}
            required
          />
        </AssignByEmailForm>
      )}
      <h2>{t("prizes.review.experts.listTitle")}</h2>
      {experts.length === 0 ? (
        <p>{t("prizes.review.experts.none")}</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">{t("prizes.review.experts.listTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("prizes.review.categoryColumn")}</th>
                <th scope="col">{t("prizes.review.experts.expert")}</th>
                <th scope="col">{t("prizes.review.experts.scored")}</th>
                <th scope="col">{t("prizes.review.experts.conflicts")}</th>
                {frozen ? null : <th scope="col">{t("prizes.review.experts.actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {experts.map((expert) => (
                <tr key={`${expert.category_code}-${expert.user_id}`}>
                  <td>{categoryLabel(ctx, categories, expert.category_code)}</td>
                  <th scope="row">
                    <bdi>{expert.name}</bdi> <span class="muted">&lt;{expert.email}&gt;</span>
                  </th>
                  <td>{ctx.formatNumber(expert.scored)}</td>
                  <td>{ctx.formatNumber(expert.conflicts)}</td>
                  {frozen ? null : (
                    <td>
                      <UnassignForm
                        ctx={ctx}
                        action={`${base}/experts/remove`}
                        fields={{ userId: expert.user_id, category: expert.category_code }}
                        label={t("prizes.review.experts.remove")}
                        who={t("prizes.review.experts.removeWho", {
                          name: expert.name,
                          category: expert.category_code,
                        })}
                      />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
