import { LANGUAGE_NAMES } from "../../platform/i18n.ts";
import { EditionFormFrame, type EditionFormMessages } from "../../ui/admin-forms.tsx";
import { type FormErrors, TextInput } from "../../ui/components.tsx";
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

const MESSAGES: EditionFormMessages = {
  newTitle: "forum.editions.form.newTitle",
  editTitle: "forum.editions.form.editTitle",
  back: "forum.editions.admin.back",
  year: "forum.editions.form.year",
  theme: "forum.editions.field.theme",
  themeIn: "forum.editions.form.themeIn",
  create: "forum.editions.form.create",
  save: "forum.editions.form.save",
};

/** A window's two ends and their labels. */
const WINDOW_ENDS = [
  ["start", "forum.editions.form.opens"],
  ["end", "forum.editions.form.closes"],
] as const;

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
  const zone = values.timeZone.trim() || "UTC";
  return (
    <EditionFormFrame
      ctx={ctx}
      base="/admin/forum"
      year={year}
      values={values}
      errors={errors}
      fieldLabel={fieldLabels(ctx)}
      messages={MESSAGES}
      themeField={themeField}
      themeMax={THEME_MAX}
      themeRequired={!past}
    >
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
        {(["startsOn", "endsOn"] as const).map((name) => (
          <TextInput
            key={name}
            ctx={ctx}
            name={name}
            type="date"
            label={t(`forum.editions.form.${name}`)}
            hint={t("forum.editions.form.dayHint")}
            value={values[name]}
            errors={errors}
            required
          />
        ))}
        {(
          [
            ["venue", VENUE_MAX, !past],
            ["city", CITY_MAX, false],
            ["chair", CHAIR_MAX, false],
          ] as const
        ).map(([name, maxLength, required]) => (
          <TextInput
            key={name}
            ctx={ctx}
            name={name}
            label={t(`forum.editions.form.${name}`)}
            value={values[name]}
            errors={errors}
            required={required}
            maxLength={maxLength}
          />
        ))}
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
                {WINDOW_ENDS.map(([end, label]) => (
                  <LocalDateTimeField
                    key={end}
                    ctx={ctx}
                    name={ocpField(phase, end)}
                    label={t(label)}
                    value={values.ocp[phase][end]}
                    errors={errors}
                    zone={zone}
                    required
                  />
                ))}
              </fieldset>
            ))}
          </fieldset>
        </>
      )}
    </EditionFormFrame>
  );
}
