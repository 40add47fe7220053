import { LANGUAGE_NAMES, UN_LANGUAGES } from "../../platform/i18n.ts";
import { AdminFormPage, CodeAndNames } from "../../ui/admin-forms.tsx";
import { type FormErrors, TextArea, TextInput } from "../../ui/components.tsx";
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
    <AdminFormPage
      ctx={ctx}
      title={title}
      back={{ href: `/admin/prizes/${year}`, label: t("prizes.editions.admin.backToEdition") }}
      action={action}
      errors={errors}
      fieldLabel={(name) => labels[name]}
      submit={t("prizes.editions.form.save")}
      after={
        id === null ? null : (
          <p>
            <a class="button button--secondary" href={`${action}/delete`}>
              {t("prizes.editions.special.delete")}
            </a>
          </p>
        )
      }
    >
      <CodeAndNames
        ctx={ctx}
        values={values}
        errors={errors}
        codeLabel={labels.code as string}
        codeHint={t("prizes.editions.special.codeHint")}
        legend={t("prizes.editions.special.names")}
        nameField={specialNameField}
        nameLabel={(lang) => labels[specialNameField(lang)] as string}
        nameMax={SPECIAL_NAME_MAX}
      />
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
        {(["startsAt", "endsAt"] as const).map((name) => (
          <LocalDateTimeInput
            key={name}
            ctx={ctx}
            name={name}
            label={labels[name] as string}
            value={values[name]}
            errors={errors}
            zone={zone}
          />
        ))}
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
    </AdminFormPage>
  );
}
