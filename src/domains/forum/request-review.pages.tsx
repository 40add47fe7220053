import type { ForumRequestKind, ForumRequestStatus } from "../../db/schema.ts";
import type { AppError } from "../../platform/errors.ts";
import {
  CsrfField,
  ErrorSummary,
  type FormErrors,
  type Option,
  Select,
  TextArea,
  TextInput,
} from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { TableScroll } from "../taxonomy/taxonomy.pages.tsx";
import { labelOf, type OcpOptions } from "./ocp-options.ts";
import { RefusalNotice } from "./request-form.pages.tsx";
import { RequestStatus } from "./requests.pages.tsx";
import type { RequestRecord, RequestSummary } from "./requests.repo.ts";
import { REQUEST_LIMITS } from "./requests-input.ts";

const STATUSES: readonly ForumRequestStatus[] = ["submitted", "accepted", "merged", "declined"];

/** The list's filters as chosen (empty: all). */
export interface ReviewFilter {
  kind: ForumRequestKind | "";
  status: ForumRequestStatus | "";
  actionLine: string;
}

/** Merge form values as typed. */
export interface MergeValues {
  requests: string[];
  title: string;
  description: string;
}

function FilterForm({
  ctx,
  year,
  filter,
  options,
}: {
  ctx: PageContext;
  year: number;
  filter: ReviewFilter;
  options: OcpOptions;
}) {
  const { t } = ctx;
  const statuses: Option[] = STATUSES.map((status) => ({
    value: status,
    label: t(`forum.ocp.status.${status}`),
  }));
  return (
    <form method="get" action={`/forum/${year}/secretariat/requests`} class="facets">
      <Select
        ctx={ctx}
        name="kind"
        label={t("forum.ocp.my.kind")}
        value={filter.kind}
        errors={{}}
        options={options.kinds}
        placeholder={t("forum.ocp.review.all")}
      />
      <Select
        ctx={ctx}
        name="status"
        label={t("forum.ocp.my.status")}
        value={filter.status}
        errors={{}}
        options={statuses}
        placeholder={t("forum.ocp.review.all")}
      />
      <Select
        ctx={ctx}
        name="actionLine"
        label={t("forum.ocp.review.actionLine")}
        value={filter.actionLine}
        errors={{}}
        options={options.actionLines}
        placeholder={t("forum.ocp.review.all")}
      />
      <div class="actions">
        <button type="submit" class="button button--secondary">
          {t("forum.ocp.review.filter")}
        </button>
      </div>
    </form>
  );
}

/**
 * The secretariat's list of an edition's requests (drafts excluded), filtered by kind, status and
 * Action Line. Submitted workshops can be ticked and merged into one new draft session.
 */
export function ReviewListPage({
  ctx,
  year,
  requests,
  filter,
  options,
  merge,
  errors,
  refusal,
}: {
  ctx: PageContext;
  year: number;
  requests: RequestSummary[];
  filter: ReviewFilter;
  options: OcpOptions;
  merge: MergeValues;
  errors: FormErrors;
  refusal?: AppError | null;
}) {
  const { t } = ctx;
  const title = t("forum.ocp.review.title", { year });
  const mergeable = requests.filter(
    (request) => request.kind === "workshop" && request.status === "submitted",
  );
  const labels: Record<string, string> = {
    requests: t("forum.ocp.review.mergeRequests"),
    title: t("forum.ocp.review.mergeTitle"),
    description: t("forum.ocp.review.mergeDescription"),
  };
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>
        <a href={`/forum/${year}/secretariat/requests/analysis`}>{t("forum.ocp.analysis.link")}</a>
      </p>
      <FilterForm ctx={ctx} year={year} filter={filter} options={options} />
      <RefusalNotice ctx={ctx} refusal={refusal} />
      {requests.length === 0 ? (
        <p>{t("forum.ocp.review.empty")}</p>
      ) : (
        <TableScroll labelledBy="requests-caption">
          <table>
            <caption id="requests-caption">{t("forum.ocp.review.count", { count: requests.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("forum.ocp.my.request")}</th>
                <th scope="col">{t("forum.ocp.my.kind")}</th>
                <th scope="col">{t("forum.ocp.review.requester")}</th>
                <th scope="col">{t("forum.ocp.review.actionLines")}</th>
                <th scope="col">{t("forum.ocp.my.status")}</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((request) => (
                <tr key={request.id}>
                  <th scope="row">
                    <a href={`/forum/${year}/secretariat/requests/${request.id}`} dir="auto">
                      {request.title}
                    </a>
                  </th>
                  <td>{labelOf(options.kinds, request.kind)}</td>
                  <td dir="auto">{request.requester_name}</td>
                  <td>{request.action_lines.join(", ")}</td>
                  <td>
                    <RequestStatus ctx={ctx} status={request.status} />
                    {request.session_number !== null ? (
                      <span class="muted">
                        {" "}
                        {t("forum.ocp.review.sessionNumber", { number: request.session_number })}
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <h2>{t("forum.ocp.review.mergeHeading")}</h2>
      {mergeable.length < 2 && Object.values(errors).every((error) => !error) ? (
        <p>{t("forum.ocp.review.mergeNone")}</p>
      ) : (
        <form method="post" action={`/forum/${year}/secretariat/requests/merge`} class="stack" novalidate>
          <ErrorSummary ctx={ctx} errors={errors} fieldLabel={(name) => labels[name]} />
          <CsrfField ctx={ctx} />
          <fieldset class="field" aria-invalid={errors.requests ? "true" : undefined}>
            <legend>{labels.requests}</legend>
            {errors.requests ? (
              <span class="field-error" id="requests-error">
                {t(`fields.${errors.requests.code}`, errors.requests.params)}
              </span>
            ) : null}
            <div class="choices">
              {mergeable.map((request, index) => (
                <div class="choice" key={request.id}>
                  <input
                    type="checkbox"
                    id={index === 0 ? "field-requests" : `field-requests-${request.id}`}
                    name="requests"
                    value={request.id}
                    checked={merge.requests.includes(request.id)}
                  />
                  <label for={index === 0 ? "field-requests" : `field-requests-${request.id}`} dir="auto">
                    {request.title} ({request.requester_name})
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
          <TextInput
            ctx={ctx}
            name="title"
            label={labels.title as string}
            value={merge.title}
            errors={errors}
            required
            maxLength={REQUEST_LIMITS.title}
          />
          <TextArea
            ctx={ctx}
            name="description"
            label={labels.description as string}
            hint={t("forum.ocp.review.mergeDescriptionHint")}
            value={merge.description}
            errors={errors}
            maxLength={REQUEST_LIMITS.description}
          />
          <div class="actions">
            <button type="submit" class="button">
              {t("forum.ocp.review.merge")}
            </button>
          </div>
        </form>
      )}
    </Layout>
  );
}

/** One request in full, with the accept and decline forms while it waits for a decision. */
export function ReviewRequestPage({
  ctx,
  year,
  request,
  options,
  reason,
  errors,
  refusal,
  profile,
}: {
  ctx: PageContext;
  year: number;
  request: RequestRecord;
  options: OcpOptions;
  reason: string;
  errors: FormErrors;
  refusal?: AppError | null;
  profile: { stakeholderType: string; region: string };
}) {
  const { t } = ctx;
  const title = request.title;
  const row = (label: string, value: string | null | undefined) =>
    value ? (
      <>
        <dt>{label}</dt>
        <dd dir="auto">{value}</dd>
      </>
    ) : null;
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/forum/${year}/secretariat/requests`}>{t("forum.ocp.review.back")}</a>
      </p>
      <h1 dir="auto">{title}</h1>
      <p>
        <RequestStatus ctx={ctx} status={request.status} />
      </p>
      <RefusalNotice ctx={ctx} refusal={refusal} />
      <dl class="fields">
        {row(t("forum.ocp.my.kind"), labelOf(options.kinds, request.kind))}
        {row(t("forum.ocp.review.requester"), request.requester_name)}
        {row(t("forum.ocp.review.stakeholderType"), profile.stakeholderType)}
        {row(t("forum.ocp.review.region"), profile.region)}
        {row(t("forum.ocp.request.field.description"), request.description)}
        {row(t("forum.ocp.request.field.sessionType"), labelOf(options.sessionTypes, request.session_type))}
        {row(t("forum.ocp.request.field.mode"), labelOf(options.modes, request.mode))}
        {row(t("forum.ocp.request.field.organisers"), request.organisers_text)}
        {row(t("forum.ocp.request.field.standSize"), labelOf(options.standSizes, request.stand_size))}
        {row(t("forum.ocp.request.field.speakerName"), request.speaker_name)}
        {row(t("forum.ocp.request.field.speakerPosition"), request.speaker_position)}
        {row(
          t("forum.ocp.field.actionLines"),
          request.action_lines.map((code) => labelOf(options.actionLines, code)).join("; "),
        )}
        {row(t("forum.ocp.field.sdgs"), request.sdgs.map((n) => labelOf(options.sdgs, String(n))).join("; "))}
        {row(t("forum.ocp.review.reason"), request.decision_reason)}
        {request.session_number !== null
          ? row(
              t("forum.ocp.review.session"),
              t("forum.ocp.review.sessionNumber", { number: request.session_number }),
            )
          : null}
      </dl>
      {request.speakers.length > 0 ? (
        <>
          <h2>{t("forum.ocp.request.speakers")}</h2>
          <ul>
            {request.speakers.map((speaker) => (
              <li key={speaker.id} dir="auto">
                {speaker.name} &lt;{speaker.email}&gt; · {labelOf(options.roles, speaker.role)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {request.status === "submitted" ? (
        <>
          <h2>{t("forum.ocp.review.decide")}</h2>
          <form method="post" action={`/forum/${year}/secretariat/requests/${request.id}/accept`}>
            <CsrfField ctx={ctx} />
            <p>{t("forum.ocp.review.acceptHint")}</p>
            <button type="submit" class="button">
              {t("forum.ocp.review.accept")}
            </button>
          </form>
          <form
            method="post"
            action={`/forum/${year}/secretariat/requests/${request.id}/decline`}
            class="stack"
            novalidate
          >
            <ErrorSummary ctx={ctx} errors={errors} fieldLabel={() => t("forum.ocp.review.reason")} />
            <CsrfField ctx={ctx} />
            <TextArea
              ctx={ctx}
              name="reason"
              label={t("forum.ocp.review.reason")}
              hint={t("forum.ocp.review.reasonHint")}
              value={reason}
              errors={errors}
              required
              maxLength={REQUEST_LIMITS.reason}
            />
            <button type="submit" class="button button--danger">
              {t("forum.ocp.review.decline")}
            </button>
          </form>
        </>
      ) : null}
    </Layout>
  );
}
