import { LANGUAGE_NAMES, UN_LANGUAGES } from "../../platform/i18n.ts";
import { CsrfField, ErrorSummary, type FormErrors, TextInput } from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { LocalDateTimeField, ocpPhaseName } from "./edition-components.tsx";
import {
  CHAIR_MAX,
  CITY_MAX,
  type ForumEditionForm,
  ocpField,
  REGISTRATION_FIELDS,
  THEME_MAX,
  themeField,
  VENUE_MAX,
} from "./edition-input.ts";
import { OCP_PHASES } from "./forum-vocabulary.ts";

/** The admin form of a Forum edition: new (`year` null) or edit; past editions show fewer fields. */

function fieldLabels(ctx: PageContext): (name: string) => string | undefined {
  const { t } = ctx;
  return (name) => {
    if (["year", "startsOn", "endsOn", "timeZone", "venue", "city", "chair"].includes(name))
      return t(`forum.editions.form.${name}`);
    if ((REGISTRATION_FIELDS as readonly string[]).includes(name)) return t(`forum.editions.form.${name}`);
    const theme = /^theme_([a-z]{2})$/.exec(name);
    if (theme) return t("forum.editions.form.themeIn", { language: LANGUAGE_NAMES[theme[1] as "en"] });
    const phase = /^ocp_([a-z_]+)_(start|end)$/.exec(name);
    if (phase)
      return t(phase[2] === "start" ? "forum.editions.form.phaseStart" : "forum.editions.form.phaseEnd", {
        phase: ocpPhaseName(ctx, phase[1] as "launch"),
      });
    return undefined;
  };
}

export function ForumEditionFormPage({
  ctx,
  year,
  values,
  errors,
  past,
  placeholderDates = false,
}: {
  ctx: PageContext;
  year: number | null;
  values: ForumEditionForm;
  errors: FormErrors;
  past: boolean;
  /** A past edition whose days are placeholders (the sources give none). */
  placeholderDates?: boolean;
}) {
  const { t } = ctx;
  const title =
    year === null ? t("forum.editions.form.newTitle") : t("forum.editions.form.editTitle", { year });
  const zone = values.timeZone.trim() || "UTC";
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={year === null ? "/admin/forum" : `/admin/forum/${year}`}>{t("forum.editions.admin.back")}</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={errors} fieldLabel={fieldLabels(ctx)} />
      <form
        method="post"
        action={year === null ? "/admin/forum" : `/admin/forum/${year}/edit`}
        class="stack"
        noValidate
      >
        <CsrfField ctx={ctx} />
        {year === null ? (
          <TextInput
            ctx={ctx}
            name="year"
            type="number"
            label={t("forum.editions.form.year")}
            value={values.year}
            errors={errors}
            required
          />
        ) : null}
        <fieldset>
          <legend>{t("forum.editions.field.theme")}</legend>
          {UN_LANGUAGES.map((lang) => (
            <TextInput
              key={lang}
              ctx={ctx}
              name={themeField(lang)}
              label={t("forum.editions.form.themeIn", { language: LANGUAGE_NAMES[lang] })}
              value={values.theme[lang]}
              errors={errors}
              maxLength={THEME_MAX}
              required={lang === "en" && !past}
              lang={lang}
              dir="auto"
            />
          ))}
        </fieldset>
        <fieldset>
          <legend>{t("forum.editions.form.event")}</legend>
          <TextInput
            ctx={ctx}
            name="timeZone"
            label={t("forum.editions.form.timeZone")}
            hint={t("forum.editions.form.timeZoneHint")}
            value={values.timeZone}
            errors={errors}
            required
            maxLength={64}
          />
          {placeholderDates ? <p class="hint">{t("forum.editions.form.placeholderDates")}</p> : null}
          <TextInput
            ctx={ctx}
            name="startsOn"
            type="date"
            label={t("forum.editions.form.startsOn")}
            hint={t("forum.editions.form.dayHint")}
            value={values.startsOn}
            errors={errors}
            required
          />
          <TextInput
            ctx={ctx}
            name="endsOn"
            type="date"
            label={t("forum.editions.form.endsOn")}
            hint={t("forum.editions.form.dayHint")}
            value={values.endsOn}
            errors={errors}
            required
          />
          <TextInput
            ctx={ctx}
            name="venue"
            label={t("forum.editions.form.venue")}
            value={values.venue}
            errors={errors}
            required={!past}
            maxLength={VENUE_MAX}
          />
          <TextInput
            ctx={ctx}
            name="city"
            label={t("forum.editions.form.city")}
            value={values.city}
            errors={errors}
            maxLength={CITY_MAX}
          />
          <TextInput
            ctx={ctx}
            name="chair"
            label={t("forum.editions.form.chair")}
            value={values.chair}
            errors={errors}
            maxLength={CHAIR_MAX}
          />
        </fieldset>
        {past ? null : (
          <>
            <fieldset>
              <legend>{t("forum.editions.registration.title")}</legend>
              <p class="hint">{t("forum.editions.form.registrationHint")}</p>
              {REGISTRATION_FIELDS.map((name) => (
                <LocalDateTimeField
                  key={name}
                  ctx={ctx}
                  name={name}
                  label={t(`forum.editions.form.${name}`)}
                  value={values.registration[name]}
                  errors={errors}
                  zone={zone}
                />
              ))}
            </fieldset>
            <fieldset>
              <legend>{t("forum.editions.ocp.title")}</legend>
              <p class="hint">{t("forum.editions.form.ocpHint")}</p>
              {OCP_PHASES.map((phase) => (
                <fieldset key={phase}>
                  <legend>{ocpPhaseName(ctx, phase)}</legend>
                  <LocalDateTimeField
                    ctx={ctx}
                    name={ocpField(phase, "start")}
                    label={t("forum.editions.form.opens")}
                    value={values.ocp[phase].start}
                    errors={errors}
                    zone={zone}
                    required
                  />
                  <LocalDateTimeField
                    ctx={ctx}
                    name={ocpField(phase, "end")}
                    label={t("forum.editions.form.closes")}
                    value={values.ocp[phase].end}
                    errors={errors}
                    zone={zone}
                    required
                  />
                </fieldset>
              ))}
            </fieldset>
          </>
        )}
        <div class="actions">
          <button type="submit" class="button">
            {year === null ? t("forum.editions.form.create") : t("forum.editions.form.save")}
          </button>
        </div>
      </form>
    </Layout>
  );
}
