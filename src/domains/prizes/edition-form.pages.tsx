import type { PrizePhase } from "../../db/schema.ts";
import { LANGUAGE_NAMES } from "../../platform/i18n.ts";
import { EditionFormFrame, type EditionFormMessages } from "../../ui/admin-forms.tsx";
import {
  Choice,
  Choices,
  FieldNotes,
  type FormErrors,
  fieldId,
  type Option,
  TextInput,
} from "../../ui/components.tsx";
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

const MESSAGES: EditionFormMessages = {
  newTitle: "prizes.editions.form.newTitle",
  editTitle: "prizes.editions.form.editTitle",
  back: "prizes.editions.admin.back",
  year: "prizes.editions.field.year",
  theme: "prizes.editions.field.theme",
  themeIn: "prizes.editions.field.themeIn",
  create: "prizes.editions.form.create",
  save: "prizes.editions.form.save",
};

/** A phase's two ends and their labels. */
const WINDOW_ENDS = [
  ["start", "prizes.editions.form.opens"],
  ["end", "prizes.editions.form.closes"],
] as const;

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
              WINDOW_ENDS.map(([end, label]) => (
                <LocalDateTimeInput
                  key={end}
                  ctx={ctx}
                  name={phaseField(phase, end)}
                  label={t(label)}
                  value={values.phases[phase][end]}
                  errors={errors}
                  zone={editZone}
                />
              ))
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
  return (
    <EditionFormFrame
      ctx={ctx}
      base="/admin/prizes"
      year={year}
      values={values}
      errors={errors}
      fieldLabel={fieldLabels(ctx)}
      messages={MESSAGES}
      themeField={themeField}
      themeMax={THEME_MAX}
      themeRequired={false}
    >
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
    </EditionFormFrame>
  );
}
