import { hasMessage } from "../../platform/i18n.ts";
import {
  Choices,
  CsrfField,
  ErrorSummary,
  type FormErrors,
  Notice,
  Select,
  TextArea,
  TextInput,
} from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import type { ReferenceData } from "../taxonomy/taxonomy.repo.ts";
import type { Labels } from "./entries.presenter.ts";
import type { DecisionRecord, EntryRecord } from "./entries.repo.ts";
import { ActionLineChoices, CountryChoices } from "./entry-choices.tsx";
import { StateBadge } from "./entry-components.tsx";
import {
  COVERAGES,
  ENTRY_LANGUAGES,
  ENTRY_LIMITS,
  type EntryTranslation,
  PROJECT_STATUSES,
} from "./entry-fields.ts";
import { ImagesPanel, type ImagesPanelProps } from "./entry-images.pages.tsx";
import type { EntryFormValues } from "./entry-input.ts";
import { TranslationsSummary } from "./entry-translations.pages.tsx";

export type EntryFormTarget =
  | { kind: "new" }
  | { kind: "edit"; entry: EntryRecord; revisionNumber: number; lastDecision: DecisionRecord | null };

export interface EntryFormPageProps {
  ctx: PageContext;
  ref: ReferenceData;
  labels: Labels;
  values: EntryFormValues;
  errors: FormErrors;
  idempotencyKey: string;
  target: EntryFormTarget;
  /** The images section of the edit page (a form of its own). */
  images?: Omit<ImagesPanelProps, "ctx" | "entryId">;
  /** The draft's translations, which the edit page points to (they have a page of their own). */
  translations?: readonly EntryTranslation[];
}

function EditNotices({
  ctx,
  target,
}: {
  ctx: PageContext;
  target: Extract<EntryFormTarget, { kind: "edit" }>;
}) {
  const { entry, lastDecision } = target;
  return (
    <>
      <p>
        {ctx.t("entries.form.currentState")} <StateBadge ctx={ctx} state={entry.state} />
      </p>
      {entry.published_revision_id ? <Notice>{ctx.t("entries.form.publishedNotice")}</Notice> : null}
      {entry.state === "withdrawn" ? <Notice>{ctx.t("entries.form.withdrawnNotice")}</Notice> : null}
      {entry.state === "returned" && lastDecision?.decision === "return" ? (
        <Notice kind="error">
          <p>{ctx.t("entries.form.returnedNotice")}</p>
          <blockquote class="decision-comment" dir="auto">
            {lastDecision.comment}
          </blockquote>
        </Notice>
      ) : null}
    </>
  );
}

/** What the shared field groups of the entry form need. */
export interface EntryFieldsProps {
  ctx: PageContext;
  ref: ReferenceData;
  labels: Labels;
  values: EntryFormValues;
  errors: FormErrors;
}

const codeOptions = (rows: Array<{ code: string }>, name: (code: string) => string) =>
  rows.map((row) => ({ value: row.code, label: name(row.code) }));

/**
 * The entry's fields from the description to the SDGs, shared with the prizes' "new project" form
 * so both ask for them, and label them, the same way.
 */
export function EntryCoreFields({ ctx, ref, labels, values, errors }: EntryFieldsProps) {
  const { t } = ctx;
  return (
    <>
      <TextArea
        ctx={ctx}
        name="description"
        label={t("entries.field.description")}
        hint={t("entries.form.descriptionHint", {
          min: ENTRY_LIMITS.descriptionMin,
          max: ENTRY_LIMITS.descriptionMax,
        })}
        value={values.description}
        errors={errors}
        required
        maxLength={ENTRY_LIMITS.descriptionMax}
      />
      <Select
        ctx={ctx}
        name="language"
        label={t("entries.field.language")}
        value={values.language}
        errors={errors}
        required
        options={ENTRY_LANGUAGES.map((code) => ({ value: code, label: t(`entries.language.${code}`) }))}
      />
      <TextInput
        ctx={ctx}
        name="organisationName"
        label={t("entries.field.organisationName")}
        value={values.organisationName}
        errors={errors}
        required
        autocomplete="organization"
        maxLength={ENTRY_LIMITS.organisationMax}
      />
      <Select
        ctx={ctx}
        name="stakeholderType"
        label={t("entries.field.stakeholderType")}
        value={values.stakeholderType}
        errors={errors}
        required
        options={codeOptions(ref.stakeholderTypes, labels.stakeholderType)}
      />
      <Choices
        ctx={ctx}
        type="radio"
        name="coverage"
        legend={t("entries.field.coverage")}
        options={COVERAGES.map((code) => ({ value: code, label: t(`entries.coverage.${code}`) }))}
        selected={[values.coverage]}
        errors={errors}
      />
      <CountryChoices ctx={ctx} ref={ref} labels={labels} selected={values.countries} errors={errors} />
      <ActionLineChoices ctx={ctx} ref={ref} labels={labels} selected={values.actionLines} errors={errors} />
      <Choices
        ctx={ctx}
        name="sdgs"
        legend={t("entries.field.sdgs")}
        hint={t("entries.form.optionalHint")}
        options={ref.sdgs.map((sdg) => ({
          value: String(sdg.number),
          label: t("entries.sdgLabel", { number: sdg.number, name: labels.sdg(sdg.number) }),
        }))}
        selected={values.sdgs}
        errors={errors}
      />
    </>
  );
}

/** The entry's project status, dates and website, shared with the prizes' "new project" form. */
export function EntryProjectFields({
  ctx,
  values,
  errors,
}: Pick<EntryFieldsProps, "ctx" | "values" | "errors">) {
  const { t } = ctx;
  return (
    <>
      <Choices
        ctx={ctx}
        type="radio"
        name="projectStatus"
        legend={t("entries.field.projectStatus")}
        options={PROJECT_STATUSES.map((code) => ({ value: code, label: t(`entries.status.${code}`) }))}
        selected={[values.projectStatus]}
        errors={errors}
      />
      <TextInput
        ctx={ctx}
        type="date"
        name="startDate"
        label={t("entries.field.startDate")}
        hint={t("entries.form.dateHint")}
        value={values.startDate}
        errors={errors}
      />
      <TextInput
        ctx={ctx}
        type="date"
        name="endDate"
        label={t("entries.field.endDate")}
        hint={t("entries.form.dateHint")}
        value={values.endDate}
        errors={errors}
      />
      <TextInput
        ctx={ctx}
        type="url"
        name="website"
        label={t("entries.field.website")}
        value={values.website}
        errors={errors}
        autocomplete="url"
        maxLength={ENTRY_LIMITS.urlMax}
      />
    </>
  );
}

/** The entry form, for a new entry and for editing; every field of `EntryData`, working without JavaScript. */
export function EntryFormPage({
  ctx,
  ref,
  labels,
  values,
  errors,
  idempotencyKey,
  target,
  images,
  translations,
}: EntryFormPageProps) {
  const { t } = ctx;
  const title = target.kind === "new" ? t("entries.form.newTitle") : t("entries.form.editTitle");
  const action = target.kind === "new" ? "/entries" : `/entries/${target.entry.id}`;
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {target.kind === "edit" ? <EditNotices ctx={ctx} target={target} /> : null}
      <p class="lead">{t("entries.form.intro")}</p>
      <ErrorSummary
        ctx={ctx}
        errors={errors}
        fieldLabel={(name) => (hasMessage(`entries.field.${name}`) ? t(`entries.field.${name}`) : undefined)}
      />
      <form method="post" action={action} class="stack" noValidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        <TextInput
          ctx={ctx}
          name="title"
          label={t("entries.field.title")}
          value={values.title}
          errors={errors}
          required
          maxLength={ENTRY_LIMITS.titleMax}
        />
        <EntryCoreFields ctx={ctx} ref={ref} labels={labels} values={values} errors={errors} />
        <Choices
          ctx={ctx}
          name="targetGroups"
          legend={t("entries.field.targetGroups")}
          hint={t("entries.form.optionalHint")}
          options={codeOptions(ref.targetGroups, labels.targetGroup)}
          selected={values.targetGroups}
          errors={errors}
        />
        <EntryProjectFields ctx={ctx} values={values} errors={errors} />
        <TextInput
          ctx={ctx}
          name="contactName"
          label={t("entries.field.contactName")}
          value={values.contactName}
          errors={errors}
          autocomplete="name"
          maxLength={ENTRY_LIMITS.contactNameMax}
        />
        <TextInput
          ctx={ctx}
          type="email"
          name="contactEmail"
          label={t("entries.field.contactEmail")}
          value={values.contactEmail}
          errors={errors}
          autocomplete="email"
        />
        <p class="hint">{t("entries.form.submitHint")}</p>
        <div class="actions">
          <button type="submit" name="intent" value="draft" class="secondary">
            {t("entries.form.saveDraft")}
          </button>
          <button type="submit" name="intent" value="submit">
            {t("entries.form.submit")}
          </button>
          <a href={target.kind === "new" ? "/my/entries" : `/entries/${target.entry.id}`}>
            {t("entries.form.cancel")}
          </a>
        </div>
      </form>
      {target.kind === "edit" && images ? (
        <ImagesPanel ctx={ctx} entryId={target.entry.id} {...images} />
      ) : null}
      {target.kind === "edit" && translations ? (
        <TranslationsSummary ctx={ctx} entryId={target.entry.id} translations={translations} />
      ) : null}
    </Layout>
  );
}
