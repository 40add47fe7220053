import type { ForumRequestKind } from "../../db/schema.ts";
import type { AppError } from "../../platform/errors.ts";
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
import type { OcpOptions } from "./ocp-options.ts";
import { REQUEST_LIMITS, SPEAKER_ROWS, type SpeakerInput } from "./requests-input.ts";

/** A request form's values as typed. */
export interface RequestFormValues {
  title: string;
  description: string;
  sessionType: string;
  mode: string;
  organisers: string;
  actionLines: string[];
  sdgs: string[];
  speakers: SpeakerInput[];
  standSize: string;
  speakerName: string;
  speakerPosition: string;
}

export const EMPTY_REQUEST: RequestFormValues = {
  title: "",
  description: "",
  sessionType: "",
  mode: "",
  organisers: "",
  actionLines: [],
  sdgs: [],
  speakers: [],
  standSize: "",
  speakerName: "",
  speakerPosition: "",
};

/** A refusal (closed, locked) shown above the form, in the reader's language. */
export function RefusalNotice({ ctx, refusal }: { ctx: PageContext; refusal: AppError | null | undefined }) {
  if (!refusal) return null;
  return (
    <div role="alert">
      <Notice kind="error">{ctx.t(`errors.${refusal.code}`, refusal.params)}</Notice>
    </div>
  );
}

/** The proposed speakers: the filled rows and empty ones to add more, each a fieldset. */
function SpeakerRows({
  ctx,
  speakers,
  errors,
  options,
}: {
  ctx: PageContext;
  speakers: SpeakerInput[];
  errors: FormErrors;
  options: OcpOptions;
}) {
  const { t } = ctx;
  const rows = [...speakers, ...Array.from({ length: SPEAKER_ROWS }, () => ({}) as SpeakerInput)].slice(
    0,
    Math.max(SPEAKER_ROWS, speakers.length + 2),
  );
  return (
    <fieldset class="field">
      <legend>{t("forum.ocp.request.speakers")}</legend>
      <p class="hint">{t("forum.ocp.request.speakersHint")}</p>
      {rows.map((speaker, index) => (
        <fieldset class="stack" key={index}>
          <legend>{t("forum.ocp.request.speakerN", { n: index + 1 })}</legend>
          <TextInput
            ctx={ctx}
            name={`speakers.${index}.name`}
            label={t("forum.ocp.request.speakerName")}
            value={speaker.name}
            errors={errors}
            maxLength={REQUEST_LIMITS.name}
            autocomplete="off"
          />
          <TextInput
            ctx={ctx}
            name={`speakers.${index}.email`}
            type="email"
            label={t("forum.ocp.request.speakerEmail")}
            value={speaker.email}
            errors={errors}
            autocomplete="off"
          />
          <Select
            ctx={ctx}
            name={`speakers.${index}.role`}
            label={t("forum.ocp.request.speakerRole")}
            value={speaker.role}
            errors={errors}
            options={options.roles}
          />
        </fieldset>
      ))}
    </fieldset>
  );
}

/** The Action Lines and SDGs a submission or request serves: every OCP form ends with them. */
export function LinkedGoalsFields({
  ctx,
  options,
  values,
  errors,
}: {
  ctx: PageContext;
  options: Pick<OcpOptions, "actionLines" | "sdgs">;
  values: { actionLines: string[]; sdgs: string[] };
  errors: FormErrors;
}) {
  return (
    <>
      <Choices
        ctx={ctx}
        name="actionLines"
        legend={ctx.t("forum.ocp.field.actionLines")}
        options={options.actionLines}
        selected={values.actionLines}
        errors={errors}
      />
      <Choices
        ctx={ctx}
        name="sdgs"
        legend={ctx.t("forum.ocp.field.sdgs")}
        options={options.sdgs}
        selected={values.sdgs}
        errors={errors}
      />
    </>
  );
}

/**
 * The form of a binding request of one kind: what the secretariat needs to decide. "Save draft"
 * keeps it incomplete; "Submit" sends it to the secretariat (it may still be changed until the
 * deadline).
 */
export function RequestFormPage({
  ctx,
  year,
  kind,
  action,
  values,
  errors,
  idempotencyKey,
  options,
  deadline,
  refusal,
  submitted,
}: {
  ctx: PageContext;
  year: number;
  kind: ForumRequestKind;
  action: string;
  values: RequestFormValues;
  errors: FormErrors;
  idempotencyKey: string;
  options: OcpOptions;
  deadline: string | null;
  refusal?: AppError | null;
  /** Already submitted: the only button is "Save changes" (it stays submitted). */
  submitted?: boolean;
}) {
  const { t } = ctx;
  const title = t(`forum.ocp.request.title.${kind}`, { year });
  const labels: Record<string, string> = {
    title: t(`forum.ocp.request.field.title.${kind}`),
    description: t("forum.ocp.request.field.description"),
  };
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {deadline ? <p class="lead">{t("forum.ocp.request.deadline", { deadline })}</p> : null}
      <RefusalNotice ctx={ctx} refusal={refusal} />
      <form method="post" action={action} class="stack" novalidate>
        <ErrorSummary ctx={ctx} errors={errors} fieldLabel={(name) => labels[name]} />
        <CsrfField ctx={ctx} />
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        <input type="hidden" name="kind" value={kind} />
        <TextInput
          ctx={ctx}
          name="title"
          label={labels.title as string}
          value={values.title}
          errors={errors}
          required
          maxLength={REQUEST_LIMITS.title}
        />
        <TextArea
          ctx={ctx}
          name="description"
          label={labels.description as string}
          hint={t(`forum.ocp.request.hint.description.${kind}`)}
          value={values.description}
          errors={errors}
          maxLength={REQUEST_LIMITS.description}
        />
        {kind === "workshop" ? (
          <>
            <Select
              ctx={ctx}
              name="sessionType"
              label={t("forum.ocp.request.field.sessionType")}
              value={values.sessionType}
              errors={errors}
              options={options.sessionTypes}
            />
            <Choices
              ctx={ctx}
              type="radio"
              name="mode"
              legend={t("forum.ocp.request.field.mode")}
              options={options.modes}
              selected={[values.mode]}
              errors={errors}
            />
            <TextArea
              ctx={ctx}
              name="organisers"
              label={t("forum.ocp.request.field.organisers")}
              value={values.organisers}
              errors={errors}
              maxLength={REQUEST_LIMITS.organisers}
            />
            <SpeakerRows ctx={ctx} speakers={values.speakers} errors={errors} options={options} />
          </>
        ) : null}
        {kind === "exhibition" ? (
          <Choices
            ctx={ctx}
            type="radio"
            name="standSize"
            legend={t("forum.ocp.request.field.standSize")}
            options={options.standSizes}
            selected={[values.standSize]}
            errors={errors}
          />
        ) : null}
        {kind === "high_level" ? (
          <>
            <TextInput
              ctx={ctx}
              name="speakerName"
              label={t("forum.ocp.request.field.speakerName")}
              value={values.speakerName}
              errors={errors}
              maxLength={REQUEST_LIMITS.name}
            />
            <TextInput
              ctx={ctx}
              name="speakerPosition"
              label={t("forum.ocp.request.field.speakerPosition")}
              value={values.speakerPosition}
              errors={errors}
              maxLength={REQUEST_LIMITS.position}
            />
          </>
        ) : null}
        <LinkedGoalsFields ctx={ctx} options={options} values={values} errors={errors} />
        <div class="actions">
          {submitted ? (
            <button type="submit" class="button" name="intent" value="submit">
              {t("forum.ocp.request.saveChanges")}
            </button>
          ) : (
            <>
              <button type="submit" class="button" name="intent" value="submit">
                {t("forum.ocp.request.submit")}
              </button>
              <button type="submit" class="button button--secondary" name="intent" value="draft">
                {t("forum.ocp.request.saveDraft")}
              </button>
            </>
          )}
        </div>
      </form>
    </Layout>
  );
}
