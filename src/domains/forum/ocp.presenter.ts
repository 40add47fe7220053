import type { Translate } from "../../platform/i18n.ts";
import type { OcpSubmissionRow } from "./ocp.repo.ts";
import type { SubmissionResponse } from "./ocp.schema.ts";
import { isOcpOpen, type OcpEdition, ocpDeadline } from "./ocp-edition.ts";
import { deadlineText, iso } from "./requests.presenter.ts";

/** An official submission in the API's shape (never the row as is). */
export function presentOcpSubmission(
  row: OcpSubmissionRow,
  edition: OcpEdition,
  t: Translate,
  lang: string,
): SubmissionResponse {
  return {
    year: edition.year,
    themes: row.themes,
    format: row.format,
    actionLines: row.action_lines,
    sdgs: row.sdgs,
    stakeholderType: row.stakeholder_type,
    countryCode: row.country_code,
    region: row.region_code,
    editable: isOcpOpen(edition),
    deadline: ocpDeadline(edition, lang)?.closesAt ?? null,
    deadlineText: deadlineText(t, edition, lang),
    createdAt: iso(row.created_at) as string,
    updatedAt: iso(row.updated_at) as string,
    links: {
      self: `/api/v1/forum/editions/${edition.year}/my-submission`,
      html: `/forum/${edition.year}/ocp`,
    },
  };
}
