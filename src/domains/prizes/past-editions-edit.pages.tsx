import {
  CsrfField,
  describedBy,
  ErrorSummary,
  FieldNotes,
  type FormErrors,
  fieldId,
  Select,
  TextInput,
} from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { FIGURE_KEYS, FIGURE_QUALIFIERS, SHARE_KEYS, TO_DATE_KEYS } from "./past-editions.ts";
import {
  countField,
  type FigureInput,
  type PastFiguresForm,
  SHARE_CATCH_ALL,
  type ShareCodes,
  type ShareKey,
  shareField,
  toDateField,
} from "./past-editions-form.ts";

/** The admin form correcting a past edition's figures (`/admin/prizes/:year/figures`). */

const SPLIT_LABEL: Record<ShareKey, string> = {
  submissionsByRegion: "prizes.editions.figures.byRegion",
  nominatedByStakeholder: "prizes.editions.figures.byStakeholder",
};

/** A split's code as readers know it: the reference name, or the split's catch-all. */
function shareLabel(ctx: PageContext, code: string, names: Record<string, string>): string {
  if (code === SHARE_CATCH_ALL.submissionsByRegion) return ctx.t("prizes.editions.figures.international");
  if (code === SHARE_CATCH_ALL.nominatedByStakeholder) return ctx.t("prizes.editions.figures.others");
  return names[code] ?? code;
}

function FigureFields({
  ctx,
  legend,
  input,
  field,
  errors,
}: {
  ctx: PageContext;
  legend: string;
  input: FigureInput;
  field: (part: keyof FigureInput) => string;
  errors: FormErrors;
}) {
  const { t } = ctx;
  return (
    <fieldset class="criterion">
      <legend>{legend}</legend>
      <TextInput
        ctx={ctx}
        name={field("value")}
        label={t("prizes.editions.figuresEdit.value")}
        hint={t("prizes.editions.figuresEdit.valueHint")}
        value={input.value}
        errors={errors}
        maxLength={20}
      />
      <Select
        ctx={ctx}
        name={field("qualifier")}
        label={t("prizes.editions.figuresEdit.qualifier")}
        value={input.qualifier}
        errors={errors}
        options={FIGURE_QUALIFIERS.map((qualifier) => ({
          value: qualifier,
          label: t(`prizes.editions.figuresEdit.qualifier.${qualifier}`),
        }))}
      />
    </fieldset>
  );
}

function ShareFields({
  ctx,
  split,
  codes,
  values,
  names,
  errors,
}: {
  ctx: PageContext;
  split: ShareKey;
  codes: string[];
  values: Record<string, string>;
  names: Record<string, string>;
  errors: FormErrors;
}) {
  const { t } = ctx;
  const hint = t("prizes.editions.figuresEdit.shareHint");
  const error = errors[split];
  return (
    <fieldset id={fieldId(split)} aria-describedby={describedBy(split, hint, error)}>
      <legend>{t(SPLIT_LABEL[split])}</legend>
      <FieldNotes ctx={ctx} name={split} hint={hint} error={error} />
      {codes.map((code) => (
        <TextInput
          key={code}
          ctx={ctx}
          name={shareField(split, code)}
          label={t("prizes.editions.figuresEdit.percentOf", { name: shareLabel(ctx, code, names) })}
          value={values[code] ?? ""}
          errors={errors}
          maxLength={6}
        />
      ))}
    </fieldset>
  );
}

export function PastFiguresPage({
  ctx,
  year,
  values,
  codes,
  names,
  errors,
}: {
  ctx: PageContext;
  year: number;
  values: PastFiguresForm;
  codes: ShareCodes;
  names: Record<string, string>;
  errors: FormErrors;
}) {
  const { t } = ctx;
  const title = t("prizes.editions.figuresEdit.title", { year });
  const action = `/admin/prizes/${year}/figures`;
  const labels = new Map<string, string>();
  const figureLabels = (figure: string, field: (part: keyof FigureInput) => string) => {
    for (const part of ["value", "qualifier"] as const)
      labels.set(
        field(part),
        t("prizes.editions.figuresEdit.fieldOf", { figure, part: t(`prizes.editions.figuresEdit.${part}`) }),
      );
  };
  for (const key of FIGURE_KEYS)
    figureLabels(t(`prizes.editions.figures.${key}`), (part) => countField(key, part));
  for (const key of TO_DATE_KEYS)
    figureLabels(t(`prizes.editions.figuresEdit.toDate.${key}`), (part) => toDateField(key, part));
  for (const split of SHARE_KEYS) {
    labels.set(split, t(SPLIT_LABEL[split]));
    for (const code of codes[split])
      labels.set(shareField(split, code), `${t(SPLIT_LABEL[split])}: ${shareLabel(ctx, code, names)}`);
  }
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/admin/prizes/${year}`}>{t("prizes.editions.admin.backToEdition")}</a>
      </p>
      <h1>{title}</h1>
      <p>{t("prizes.editions.figuresEdit.intro")}</p>
      <ErrorSummary ctx={ctx} errors={errors} fieldLabel={(name) => labels.get(name)} />
      <form method="post" action={action} class="stack" noValidate>
        <CsrfField ctx={ctx} />
        <fieldset>
          <legend>{t("prizes.editions.figuresEdit.counts")}</legend>
          {FIGURE_KEYS.map((key) => (
            <FigureFields
              key={key}
              ctx={ctx}
              legend={t(`prizes.editions.figures.${key}`)}
              input={values.counts[key]}
              field={(part) => countField(key, part)}
              errors={errors}
            />
          ))}
        </fieldset>
        {SHARE_KEYS.map((split) => (
          <ShareFields
            key={split}
            ctx={ctx}
            split={split}
            codes={codes[split]}
            values={values.shares[split]}
            names={names}
            errors={errors}
          />
        ))}
        <fieldset>
          <legend>{t("prizes.editions.figuresEdit.toDate")}</legend>
          {TO_DATE_KEYS.map((key) => (
            <FigureFields
              key={key}
              ctx={ctx}
              legend={t(`prizes.editions.figuresEdit.toDate.${key}`)}
              input={values.toDate[key]}
              field={(part) => toDateField(key, part)}
              errors={errors}
            />
          ))}
        </fieldset>
        <div class="actions">
          <button type="submit" class="button">
            {t("prizes.editions.figuresEdit.save")}
          </button>
        </div>
      </form>
    </Layout>
  );
}
