import type { AppError } from "../../platform/errors.ts";
import { hasMessage } from "../../platform/i18n.ts";
import { ASSETS } from "../../ui/assets.ts";
import {
  Choices,
  CsrfField,
  ErrorSummary,
  type FormErrors,
  Notice,
  type Option,
  Select,
  TextArea,
  TextInput,
} from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import type { EntryFormValues } from "../stocktaking/entry-input.ts";
import type { ReferenceData } from "../taxonomy/taxonomy.repo.ts";
import type { SubmissionWindowText } from "./submission-eligibility.ts";
import { NewEntryFields } from "./submission-entry-fields.tsx";
import {
  countWords,
  GDC_OBJECTIVES,
  PROJECT_STAGES,
  SHORT_DESCRIPTION_WORDS,
  SUBMISSION_LIMITS,
} from "./submission-rules.ts";
import type { EntrySummary, SubmissionRecord } from "./submissions.repo.ts";

/** The submission form's fields exactly as typed, so a refused post shows them again. */
export interface SubmissionFormValues {
  entryId: string;
  category: string;
  title: string;
  shortDescription: string;
  actionLineSdgLinks: string;
  gdcObjectives: string[];
  impact: string;
  partnerships: string;
  challenges: string;
  projectStage: string;
}

export type SubmissionFormTarget =
  | { kind: "existing"; year: number; entries: EntrySummary[] }
  | { kind: "new"; year: number; ref: ReferenceData; entryValues: EntryFormValues }
  | { kind: "edit"; submission: SubmissionRecord };

export interface SubmissionFormProps {
  ctx: PageContext;
  target: SubmissionFormTarget;
  values: SubmissionFormValues;
  errors: FormErrors;
  /** A refusal of the whole request (closed phase, duplicate, previous winner…), shown on top. */
  refusal: AppError | null;
  idempotencyKey: string;
  categories: Option[];
  window: SubmissionWindowText | null;
}

/** A refusal that is not about one field, said where the error summary would be. */
export function RefusalNotice({ ctx, refusal }: { ctx: PageContext; refusal: AppError | null }) {
  if (!refusal) return null;
  return (
    <div class="notice notice--error" role="alert" tabIndex={-1} autofocus>
      <p>{ctx.t(`errors.${refusal.code}`, refusal.params)}</p>
    </div>
  );
}

/** Withdrawing is its own small form, so it is never sent by pressing Enter in the main one. */
export function WithdrawForm({ ctx, submissionId }: { ctx: PageContext; submissionId: string }) {
  return (
    <form method="post" action={`/prizes/submissions/${submissionId}/withdraw`} class="stack">
      <CsrfField ctx={ctx} />
      <p class="hint">{ctx.t("prizes.submissions.withdraw.hint")}</p>
      <div class="actions">
        <button type="submit" class="secondary">
          {ctx.t("prizes.submissions.withdraw.button")}
        </button>
      </div>
    </form>
  );
}

/** The live count under the short description: rendered by the server, kept current by a script. */
function WordCount({ ctx, text }: { ctx: PageContext; text: string }) {
  const { min, max } = SHORT_DESCRIPTION_WORDS;
  const count = countWords(text);
  const outside = count < min || count > max;
  return (
    <p
      id="shortDescription-words"
      class={outside ? "word-count word-count--outside" : "word-count"}
      aria-live="polite"
      data-for="field-shortDescription"
      data-min={String(min)}
      data-max={String(max)}
      data-lang={ctx.lang}
      data-template={ctx.t("prizes.submissions.wordCount", { count: "{count}", min, max })}
    >
      {ctx.t("prizes.submissions.wordCount", { count: ctx.formatNumber(count), min, max })}
    </p>
  );
}

function EntryChoice({
  ctx,
  target,
  values,
  errors,
}: {
  ctx: PageContext;
  target: SubmissionFormTarget;
  values: SubmissionFormValues;
  errors: FormErrors;
}) {
  const { t } = ctx;
  if (target.kind === "new")
    return <NewEntryFields ctx={ctx} ref={target.ref} values={target.entryValues} errors={errors} />;
  if (target.kind === "edit") {
    const { submission } = target;
    return (
      <p>
        {t("prizes.submissions.form.entry")}{" "}
        <a href={`/entries/${submission.entry_id}`}>
          {t("prizes.submissions.form.entryLink", { id: submission.entry_id })}
        </a>
      </p>
    );
  }
  const newLink = `/prizes/${target.year}/submit/new`;
  if (target.entries.length === 0)
    return (
      <Notice>
        <p>{t("prizes.submissions.form.noEntries")}</p>
        <p>
          <a href={newLink}>{t("prizes.submissions.form.newEntryLink")}</a>
        </p>
      </Notice>
    );
  return (
    <>
      <Choices
        ctx={ctx}
        type="radio"
        name="entryId"
        legend={t("prizes.submissions.field.entryId")}
        hint={t("prizes.submissions.form.entryHint")}
        options={target.entries.map((entry) => ({
          value: entry.id,
          label: t("prizes.submissions.form.entryOption", {
            title: entry.title,
            state: t(`entries.state.${entry.state}`),
          }),
        }))}
        selected={[values.entryId]}
        errors={errors}
      />
      <p>
        <a href={newLink}>{t("prizes.submissions.form.newEntryLink")}</a>
      </p>
    </>
  );
}

function formTitle(ctx: PageContext, target: SubmissionFormTarget): string {
  if (target.kind === "edit")
    return ctx.t("prizes.submissions.form.editTitle", { title: target.submission.title });
  return ctx.t(target.kind === "new" ? "prizes.submissions.form.newTitle" : "prizes.submissions.form.title", {
    year: target.year,
  });
}

function formAction(target: SubmissionFormTarget): string {
  if (target.kind === "edit") return `/prizes/submissions/${target.submission.id}`;
  return target.kind === "new" ? `/prizes/${target.year}/submit/new` : `/prizes/${target.year}/submit`;
}

/** The prize submission form: a new one from an entry or a new entry, or a draft being edited. */
export function SubmissionFormPage(props: SubmissionFormProps) {
  const { ctx, target, values, errors, refusal, idempotencyKey, categories, window } = props;
  const { t } = ctx;
  const title = formTitle(ctx, target);
  const box = (name: "actionLineSdgLinks" | "impact" | "partnerships" | "challenges") => (
    <TextArea
      ctx={ctx}
      name={name}
      label={t(`prizes.submissions.field.${name}`)}
      hint={t(`prizes.submissions.hint.${name}`)}
      value={values[name]}
      errors={errors}
      required
      maxLength={SUBMISSION_LIMITS.boxMax}
    />
  );
  const submitted = target.kind === "edit" && target.submission.status === "submitted";
  return (
    <Layout ctx={ctx} title={title} scripts={[ASSETS.wordCountJs.url]}>
      <h1>{title}</h1>
      {window ? (
        <p class="lead">
          {t("prizes.submissions.form.deadline", { deadline: window.closes, zone: window.zone })}
        </p>
      ) : null}
      <p>{t("prizes.submissions.form.intro")}</p>
      <RefusalNotice ctx={ctx} refusal={refusal} />
      <ErrorSummary
        ctx={ctx}
        errors={errors}
        fieldLabel={(name) =>
          hasMessage(`prizes.submissions.field.${name}`)
            ? t(`prizes.submissions.field.${name}`)
            : hasMessage(`entries.field.${name}`)
              ? t(`entries.field.${name}`)
              : undefined
        }
      />
      <form method="post" action={formAction(target)} class="stack" noValidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        <EntryChoice ctx={ctx} target={target} values={values} errors={errors} />
        <Select
          ctx={ctx}
          name="category"
          label={t("prizes.submissions.field.category")}
          hint={t("prizes.submissions.hint.category")}
          value={values.category}
          errors={errors}
          required
          options={categories}
        />
        <TextInput
          ctx={ctx}
          name="title"
          label={t("prizes.submissions.field.title")}
          hint={target.kind === "existing" ? t("prizes.submissions.hint.title") : undefined}
          value={values.title}
          errors={errors}
          required={target.kind !== "existing"}
          maxLength={SUBMISSION_LIMITS.titleMax}
        />
        <div class="stack">
          <TextArea
            ctx={ctx}
            name="shortDescription"
            label={t("prizes.submissions.field.shortDescription")}
            hint={t("prizes.submissions.hint.shortDescription", SHORT_DESCRIPTION_WORDS)}
            value={values.shortDescription}
            errors={errors}
            required
            maxLength={SUBMISSION_LIMITS.shortDescriptionMax}
          />
          <WordCount ctx={ctx} text={values.shortDescription} />
        </div>
        {box("actionLineSdgLinks")}
        <Choices
          ctx={ctx}
          name="gdcObjectives"
          legend={t("prizes.submissions.field.gdcObjectives")}
          hint={t("prizes.submissions.hint.gdcObjectives")}
          options={GDC_OBJECTIVES.map((number) => ({
            value: String(number),
            label: t(`prizes.submissions.gdc.${number}`),
          }))}
          selected={values.gdcObjectives}
          errors={errors}
        />
        {box("impact")}
        {box("partnerships")}
        {box("challenges")}
        <Choices
          ctx={ctx}
          type="radio"
          name="projectStage"
          legend={t("prizes.submissions.field.projectStage")}
          hint={t("prizes.submissions.hint.projectStage")}
          options={PROJECT_STAGES.map((stage) => ({
            value: stage,
            label: t(`prizes.submissions.stage.${stage}`),
          }))}
          selected={[values.projectStage]}
          errors={errors}
        />
        <p class="hint">
          {t(submitted ? "prizes.submissions.form.submittedHint" : "prizes.submissions.form.submitHint")}
        </p>
        <div class="actions">
          {submitted ? (
            <button type="submit" name="intent" value="save">
              {t("prizes.submissions.form.saveChanges")}
            </button>
          ) : (
            <>
              <button type="submit" name="intent" value="draft" class="secondary">
                {t("prizes.submissions.form.saveDraft")}
              </button>
              <button type="submit" name="intent" value="submit">
                {t("prizes.submissions.form.submit")}
              </button>
            </>
          )}
          <a href="/prizes/submissions">{t("prizes.submissions.form.cancel")}</a>
        </div>
      </form>
      {target.kind === "edit" ? <WithdrawForm ctx={ctx} submissionId={target.submission.id} /> : null}
    </Layout>
  );
}
