import { LANGUAGE_NAMES, UN_LANGUAGES } from "../../platform/i18n.ts";
import { CsrfField, ErrorSummary, type FormErrors, TextArea, TextInput } from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { LocalDateTimeInput } from "./edition-components.tsx";
import {
  FINALIST_MAX,
  JURORS_MAX,
  SPECIAL_NAME_MAX,
  SPECIAL_RULES_MAX,
  type SpecialPrizeForm,
  specialNameField,
} from "./special-prizes.service.ts";

/** The form of a special prize (new or edit): names, rules, its own window, jury, finalists, winner. */
export function SpecialPrizeFormPage({
  ctx,
  year,
  zone,
  id,
  values,
  errors,
}: {
  ctx: PageContext;
  year: number;
  zone: string;
  /** null: a new special prize. */
  id: string | null;
  values: SpecialPrizeForm;
  errors: FormErrors;
}) {
  const { t } = ctx;
  const title =
    id === null
      ? t("prizes.editions.special.newTitle", { year })
      : t("prizes.editions.special.editTitle", { year });
  const action =
    id === null ? `/admin/prizes/${year}/special-prizes` : `/admin/prizes/${year}/special-prizes/${id}`;
  const labels: Record<string, string> = {
    code: t("prizes.editions.special.code"),
    rules: t("prizes.editions.special.rules"),
    startsAt: t("prizes.editions.form.opens"),
    endsAt: t("prizes.editions.form.closes"),
    jurors: t("prizes.editions.special.jurors"),
    finalists: t("prizes.editions.special.finalists"),
    winner: t("prizes.editions.special.winner"),
    ...Object.fromEntries(
      UN_LANGUAGES.map((lang) => [
        specialNameField(lang),
        t("prizes.editions.special.nameIn", { language: LANGUAGE_NAMES[lang] }),
      ]),
    ),
  };
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/admin/prizes/${year}`}>{t("prizes.editions.admin.backToEdition")}</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={errors} fieldLabel={(name) => labels[name]} />
      <form method="post" action={action} class="stack" noValidate>
        <CsrfField ctx={ctx} />
        <TextInput
          ctx={ctx}
          name="code"
          label={labels.code as string}
          hint={t("prizes.editions.special.codeHint")}
          value={values.code}
          errors={errors}
          required
          maxLength={40}
        />
        <fieldset>
          <legend>{t("prizes.editions.special.names")}</legend>
          {UN_LANGUAGES.map((lang) => (
            <TextInput
              key={lang}
              ctx={ctx}
              name={specialNameField(lang)}
              label={labels[specialNameField(lang)] as string}
              value={values.names[lang]}
              errors={errors}
              required={lang === "en"}
              maxLength={SPECIAL_NAME_MAX}
              lang={lang}
              dir="auto"
            />
          ))}
        </fieldset>
        <TextArea
          ctx={ctx}
          name="rules"
          label={labels.rules as string}
          value={values.rules}
          errors={errors}
          maxLength={SPECIAL_RULES_MAX}
        />
        <fieldset>
          <legend>{t("prizes.editions.special.window")}</legend>
          <LocalDateTimeInput
            ctx={ctx}
            name="startsAt"
            label={labels.startsAt as string}
            value={values.startsAt}
            errors={errors}
            zone={zone}
          />
          <LocalDateTimeInput
            ctx={ctx}
            name="endsAt"
            label={labels.endsAt as string}
            value={values.endsAt}
            errors={errors}
            zone={zone}
          />
        </fieldset>
        <TextArea
          ctx={ctx}
          name="jurors"
          label={labels.jurors as string}
          hint={t("prizes.editions.special.jurorsHint", { max: JURORS_MAX })}
          value={values.jurors}
          errors={errors}
        />
        <TextArea
          ctx={ctx}
          name="finalists"
          label={labels.finalists as string}
          hint={t("prizes.editions.special.finalistsHint")}
          value={values.finalists}
          errors={errors}
        />
        <TextInput
          ctx={ctx}
          name="winner"
          label={labels.winner as string}
          hint={t("prizes.editions.special.winnerHint")}
          value={values.winner}
          errors={errors}
          maxLength={FINALIST_MAX}
        />
        <div class="actions">
          <button type="submit" class="button">
            {t("prizes.editions.form.save")}
          </button>
        </div>
      </form>
      {id === null ? null : (
        <p>
          <a class="button button--secondary" href={`${action}/delete`}>
            {t("prizes.editions.special.delete")}
          </a>
        </p>
      )}
    </Layout>
  );
}
