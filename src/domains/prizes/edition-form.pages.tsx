import type { PrizePhase } from "../../db/schema.ts";
import { LANGUAGE_NAMES, UN_LANGUAGES } from "../../platform/i18n.ts";
import {
  Choice,
  Choices,
  CsrfField,
  ErrorSummary,
  FieldNotes,
  type FormErrors,
  fieldId,
  type Option,
  TextInput,
} from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { LocalDateTimeInput, phaseName, ZonedTime } from "./edition-components.tsx";
import {
  CHAMPIONS_MAX,
  CRITERIA_MAX,
  CRITERION_NAME_MAX,
  criterionField,
  type EditionForm,
  phaseField,
  THEME_MAX,
  themeField,
} from "./edition-input.ts";
import { type PhaseWindow, PRIZE_PHASES } from "./prize-phases.ts";

/** The form that sets up an edition (new, or edit), and the theme-only form of a past edition. */

export interface EditionFormProps {
  ctx: PageContext;
  /** null: a new edition. */
  year: number | null;
  values: EditionForm;
  errors: FormErrors;
  actionLines: Option[];
  /** Edit only: phases that have started, shown but not editable. */
  locked: ReadonlyMap<PrizePhase, PhaseWindow>;
  /** The zone the locked phases are shown in. */
  zone: string;
  past: boolean;
}

/** Spare blank criterion rows, so a criterion can be added without script. */
const SPARE_ROWS = 2;

function fieldLabels(ctx: PageContext): (name: string) => string | undefined {
  const { t } = ctx;
  return (name) => {
    if (name === "year") return t("prizes.editions.field.year");
    if (name === "timeZone") return t("prizes.editions.field.timeZone");
    if (name === "categories") return t("prizes.editions.field.categories");
    if (name === "championsPerCategory") return t("prizes.editions.rules.champions");
    if (name === "criteria") return t("prizes.editions.criteria.title");
    const theme = /^theme_([a-z]{2})$/.exec(name);
    if (theme) return t("prizes.editions.field.themeIn", { language: LANGUAGE_NAMES[theme[1] as "en"] });
    const phase = /^([a-z]+)_(start|end)$/.exec(name);
    if (phase)
      return t(phase[2] === "start" ? "prizes.editions.form.phaseStart" : "prizes.editions.form.phaseEnd", {
        phase: phaseName(ctx, phase[1] as PrizePhase),
      });
    const criterion = /^criteria_(\d+)_(code|name|weight)$/.exec(name);
    if (criterion)
      return t(`prizes.editions.form.criterionField.${criterion[2] as "code"}`, {
        number: Number(criterion[1]) + 1,
      });
    return undefined;
  };
}

function ThemeFields({ ctx, values, errors }: Pick<EditionFormProps, "ctx" | "values" | "errors">) {
  return (
    <fieldset>
      <legend>{ctx.t("prizes.editions.field.theme")}</legend>
      {UN_LANGUAGES.map((lang) => (
        <TextInput
          key={lang}
          ctx={ctx}
          name={themeField(lang)}
          label={ctx.t("prizes.editions.field.themeIn", { language: LANGUAGE_NAMES[lang] })}
          value={values.theme[lang]}
          errors={errors}
          maxLength={THEME_MAX}
          lang={lang}
          dir="auto"
        />
      ))}
    </fieldset>
  );
}

function PhaseFields({ ctx, values, errors, locked, zone }: EditionFormProps) {
  const { t } = ctx;
  const editZone = values.timeZone || zone;
  return (
    <fieldset>
      <legend>{t("prizes.editions.form.phases")}</legend>
      <p class="hint">{t("prizes.editions.form.phasesHint")}</p>
      {PRIZE_PHASES.map((phase) => {
        const fixed = locked.get(phase);
        return (
          <fieldset key={phase}>
            <legend>{phaseName(ctx, phase)}</legend>
            {fixed ? (
              <p>
                {t("prizes.editions.form.phaseStarted")}{" "}
                <ZonedTime ctx={ctx} at={fixed.startsAt} zone={zone} /> –{" "}
                <ZonedTime ctx={ctx} at={fixed.endsAt} zone={zone} />
              </p>
            ) : (
              <>
                <LocalDateTimeInput
                  ctx={ctx}
                  name={phaseField(phase, "start")}
                  label={t("prizes.editions.form.opens")}
                  value={values.phases[phase].start}
                  errors={errors}
                  zone={editZone}
                />
                <LocalDateTimeInput
                  ctx={ctx}
                  name={phaseField(phase, "end")}
                  label={t("prizes.editions.form.closes")}
                  value={values.phases[phase].end}
                  errors={errors}
                  zone={editZone}
                />
              </>
            )}
          </fieldset>
        );
      })}
    </fieldset>
  );
}

function CriteriaFields({ ctx, values, errors }: Pick<EditionFormProps, "ctx" | "values" | "errors">) {
  const { t } = ctx;
  const rows = [
    ...values.criteria,
    ...Array.from({ length: SPARE_ROWS }, () => ({ code: "", name: "", weight: "" })),
  ].slice(0, Math.max(CRITERIA_MAX, values.criteria.length));
  return (
    <fieldset id={fieldId("criteria")} tabIndex={-1}>
      <legend>{t("prizes.editions.criteria.title")}</legend>
      <FieldNotes
        ctx={ctx}
        name="criteria"
        hint={t("prizes.editions.form.criteriaHint")}
        error={errors.criteria}
      />
      {rows.map((row, index) => (
        <fieldset key={`criterion-${index}`} class="criterion">
          <legend>{t("prizes.editions.form.criterionLegend", { number: index + 1 })}</legend>
          <TextInput
            ctx={ctx}
            name={criterionField(index, "code")}
            label={t("prizes.editions.form.criterionCode")}
            value={row.code}
            errors={errors}
            maxLength={40}
          />
          <TextInput
            ctx={ctx}
            name={criterionField(index, "name")}
            label={t("prizes.editions.form.criterionName")}
            value={row.name}
            errors={errors}
            maxLength={CRITERION_NAME_MAX}
          />
          <TextInput
            ctx={ctx}
            name={criterionField(index, "weight")}
            label={t("prizes.editions.criteria.weight")}
            value={row.weight}
            errors={errors}
            maxLength={6}
          />
        </fieldset>
      ))}
    </fieldset>
  );
}

export function EditionFormPage(props: EditionFormProps) {
  const { ctx, year, values, errors, actionLines, past } = props;
  const { t } = ctx;
  const title =
    year === null ? t("prizes.editions.form.newTitle") : t("prizes.editions.form.editTitle", { year });
  const action = year === null ? "/admin/prizes" : `/admin/prizes/${year}/edit`;
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={year === null ? "/admin/prizes" : `/admin/prizes/${year}`}>
          {t("prizes.editions.admin.back")}
        </a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={errors} fieldLabel={fieldLabels(ctx)} />
      <form method="post" action={action} class="stack" noValidate>
        <CsrfField ctx={ctx} />
        {year === null ? (
          <TextInput
            ctx={ctx}
            name="year"
            label={t("prizes.editions.field.year")}
            type="number"
            value={values.year}
            errors={errors}
            required
          />
        ) : null}
        <ThemeFields ctx={ctx} values={values} errors={errors} />
        {past ? null : (
          <>
            <TextInput
              ctx={ctx}
              name="timeZone"
              label={t("prizes.editions.field.timeZone")}
              hint={t("prizes.editions.form.timeZoneHint")}
              value={values.timeZone}
              errors={errors}
              required
              maxLength={64}
            />
            <PhaseFields {...props} />
            <Choices
              ctx={ctx}
              name="categories"
              legend={t("prizes.editions.field.categories")}
              hint={t("prizes.editions.form.categoriesHint")}
              options={actionLines}
              selected={values.categories}
              errors={errors}
            />
            <fieldset>
              <legend>{t("prizes.editions.rules.title")}</legend>
              <Choice
                id={fieldId("votesOnlyFromCompleteVoters")}
                name="votesOnlyFromCompleteVoters"
                value="1"
                label={t("prizes.editions.rules.completeVoters")}
                checked={values.votesOnlyFromCompleteVoters}
              />
              <Choice
                id={fieldId("previousWinnersExcluded")}
                name="previousWinnersExcluded"
                value="1"
                label={t("prizes.editions.rules.previousWinners")}
                checked={values.previousWinnersExcluded}
              />
              <TextInput
                ctx={ctx}
                name="championsPerCategory"
                label={t("prizes.editions.rules.champions")}
                hint={t("prizes.editions.form.championsHint", { max: CHAMPIONS_MAX })}
                type="number"
                value={values.championsPerCategory}
                errors={errors}
                required
              />
            </fieldset>
            <CriteriaFields ctx={ctx} values={values} errors={errors} />
          </>
        )}
        <div class="actions">
          <button type="submit" class="button">
            {year === null ? t("prizes.editions.form.create") : t("prizes.editions.form.save")}
          </button>
        </div>
      </form>
    </Layout>
  );
}
