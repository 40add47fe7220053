import type { Translate } from "../../platform/i18n.ts";
import { isOcpOpen, type OcpEdition, ocpDeadline } from "./ocp-edition.ts";
import type { RequestRecord } from "./requests.repo.ts";
import type { RequestFields, RequestResponse } from "./requests.schema.ts";
import { OPEN_REQUEST_STATUSES } from "./requests.service.ts";

export const iso = (value: Date | string | null): string | null =>
  value === null ? null : new Date(value).toISOString();

/** Whether the requester may still change it: an open status before the deadline. */
export function isRequestEditable(request: RequestRecord, edition: OcpEdition, now = new Date()): boolean {
  return OPEN_REQUEST_STATUSES.includes(request.status) && isOcpOpen(edition, now);
}

/** "14 February 2027 at 23:59 CET (Zurich time)", or null when the edition has no window. */
export function deadlineText(t: Translate, edition: OcpEdition, lang: string): string | null {
  const deadline = ocpDeadline(edition, lang);
  return deadline ? t("forum.ocp.deadlineAt", { deadline: deadline.closes, zone: deadline.zone }) : null;
}

/** A request's own fields, as the requester and the secretariat both see them. */
export function presentRequestFields(request: RequestRecord): RequestFields {
  return {
    id: request.id,
    year: request.year,
    kind: request.kind,
    status: request.status,
    statusReason: request.status === "declined" ? request.decision_reason : null,
    sessionNumber: request.session_number,
    title: request.title,
    description: request.description,
    sessionType: request.session_type,
    mode: request.mode,
    organisers: request.organisers_text,
    actionLines: request.action_lines,
    sdgs: request.sdgs,
    speakers: request.speakers.map((s) => ({ name: s.name, email: s.email, role: s.role })),
    standSize: request.stand_size,
    speakerName: request.speaker_name,
    speakerPosition: request.speaker_position,
    submittedAt: iso(request.submitted_at),
    createdAt: iso(request.created_at) as string,
    updatedAt: iso(request.updated_at) as string,
  };
}

/** A request in the API's shape for its requester (never the row as is). */
export function presentRequest(
  request: RequestRecord,
  edition: OcpEdition,
  t: Translate,
  lang: string,
): RequestResponse {
  return {
    ...presentRequestFields(request),
    editable: isRequestEditable(request, edition),
    deadline: ocpDeadline(edition, lang)?.closesAt ?? null,
    deadlineText: deadlineText(t, edition, lang),
    links: { self: `/api/v1/forum/requests/${request.id}`, html: `/forum/my-requests#request-${request.id}` },
  };
}
