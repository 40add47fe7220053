import type { Kysely, Transaction } from "kysely";
import type { Database, ForumRequestKind, ForumRequestStatus } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { conflict, notFound } from "../../platform/errors.ts";
import type { ApiWriteOptions } from "../../platform/http/idempotent-api.ts";
import { type Idempotent, idempotentWrite } from "../../platform/idempotency.ts";
import type { Actor } from "../../platform/permissions.ts";
import { isRowId } from "../../platform/validation.ts";
import { loadReferenceData } from "../taxonomy/taxonomy.repo.ts";
import { assertOcpOpen, loadOcpEdition, type OcpEdition } from "./ocp-edition.ts";
import {
  findRequest,
  findStakeholderProfile,
  insertRequest,
  listRequestsByRequester,
  type RequestRecord,
  updateRequestRow,
} from "./requests.repo.ts";
import {
  type OcpReference,
  type RequestContent,
  type RequestInput,
  validateRequest,
} from "./requests-input.ts";

/** What a write did, as stored for idempotent replays. */
export interface RequestOutcome {
  requestId: string;
  status: ForumRequestStatus;
}

/** The statuses the stakeholder still works on; the others are the secretariat's decisions. */
export const OPEN_REQUEST_STATUSES: readonly ForumRequestStatus[] = ["draft", "submitted"];

/** Request ids are positive bigints; anything else names no request (404). */
export function parseRequestId(raw: unknown): string {
  if (!isRowId(raw)) throw notFound("forum_request_not_found");
  return raw;
}

/** The Action Line codes and SDG numbers of the reference data. */
export async function ocpReference(db: Kysely<Database>): Promise<OcpReference> {
  const ref = await loadReferenceData(db);
  return {
    actionLines: new Set(ref.actionLines.map((line) => line.code)),
    sdgs: new Set(ref.sdgs.map((sdg) => sdg.number)),
  };
}

/** The audit record's view of a request's content. */
const audited = (status: ForumRequestStatus, content: RequestContent) => ({ status, ...content });

/**
 * A binding request for `kind` in the edition, a draft or (with `submit`) submitted complete.
 * Only while the OCP's `submissions` window is open (the server's clock decides). The requester's
 * stakeholder type and country are recorded from their organisation for the analysis.
 */
export async function createRequest(
  db: Kysely<Database>,
  actor: Actor,
  year: number,
  kind: ForumRequestKind,
  input: RequestInput & { submit?: boolean },
  options: ApiWriteOptions,
): Promise<Idempotent<RequestOutcome>> {
  const edition = await loadOcpEdition(db, year);
  assertOcpOpen(edition, options.lang);
  const submit = input.submit === true;
  const content = validateRequest(kind, input, await ocpReference(db), submit ? "submit" : "draft");
  const profile = await findStakeholderProfile(db, actor.id);
  const status: ForumRequestStatus = submit ? "submitted" : "draft";
  const scope = `forum.requests.create:${edition.year}:${kind}`;
  return idempotentWrite(db, actor, options, scope, { content, submit }, async (trx) => {
    const requestId = await insertRequest(trx, {
      editionId: edition.id,
      requesterId: actor.id,
      kind,
      status,
      content,
      profile,
    });
    await recordAudit(trx, {
      actorId: actor.id,
      action: submit ? "forum.request_submit" : "forum.request_create",
      subjectType: "forum_request",
      subjectId: requestId,
      after: { kind, ...audited(status, content) },
      ip: options.ip ?? null,
    });
    return { requestId, status };
  });
}

/** The requester's own request with its edition (someone else's is a 404: ids are not secrets, but contents are). */
export async function getOwnRequest(
  db: Kysely<Database> | Transaction<Database>,
  actor: Actor,
  id: string,
  lock = false,
): Promise<{ request: RequestRecord; edition: OcpEdition }> {
  const request = await findRequest(db, id, lock);
  if (!request || request.requester_id !== actor.id) throw notFound("forum_request_not_found");
  return { request, edition: await loadOcpEdition(db, request.year) };
}

export async function listOwnRequests(db: Kysely<Database>, actor: Actor) {
  const requests = await listRequestsByRequester(db, actor.id);
  const editions = new Map<number, OcpEdition>();
  for (const request of requests)
    if (!editions.has(request.year)) editions.set(request.year, await loadOcpEdition(db, request.year));
  return requests.map((request) => ({ request, edition: editions.get(request.year) as OcpEdition }));
}

/** Refuses changes to a request the secretariat has decided on. */
function assertOpen(request: RequestRecord): void {
  if (!OPEN_REQUEST_STATUSES.includes(request.status)) throw conflict("forum_request_locked");
}

/**
 * Changes a draft or submitted request until the deadline; a submitted one must stay complete.
 * With `submit` a draft is submitted at the same time.
 */
export async function updateRequest(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  input: RequestInput & { submit?: boolean },
  options: ApiWriteOptions,
): Promise<Idempotent<RequestOutcome>> {
  const { request, edition } = await getOwnRequest(db, actor, id);
  assertOpen(request);
  assertOcpOpen(edition, options.lang);
  const submit = input.submit === true || request.status === "submitted";
  const content = validateRequest(request.kind, input, await ocpReference(db), submit ? "submit" : "draft");
  const scope = `forum.requests.update:${id}`;
  return idempotentWrite(db, actor, options, scope, { content, submit }, async (trx) => {
    const { request: locked } = await getOwnRequest(trx, actor, id, true);
    assertOpen(locked);
    const status: ForumRequestStatus = submit ? "submitted" : "draft";
    const submittedNow = locked.status === "draft" && submit;
    await updateRequestRow(trx, id, content, status, submittedNow);
    await recordAudit(trx, {
      actorId: actor.id,
      action: submittedNow ? "forum.request_submit" : "forum.request_update",
      subjectType: "forum_request",
      subjectId: id,
      before: { status: locked.status, title: locked.title },
      after: audited(status, content),
      ip: options.ip ?? null,
    });
    return { requestId: id, status };
  });
}

/** A stored request as input again (the API's PATCH keeps the fields it leaves out). */
export function inputOfRequest(request: RequestRecord): Required<RequestInput> {
  return {
    title: request.title,
    description: request.description,
    sessionType: request.session_type ?? "",
    mode: request.mode ?? "",
    organisers: request.organisers_text,
    actionLines: request.action_lines,
    sdgs: request.sdgs,
    speakers: request.speakers.map((s) => ({ name: s.name, email: s.email, role: s.role })),
    standSize: request.stand_size ?? "",
    speakerName: request.speaker_name ?? "",
    speakerPosition: request.speaker_position ?? "",
  };
}

/** Submits a draft as it stands: it must be complete. Submitting a submitted request changes nothing. */
export async function submitRequest(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  options: ApiWriteOptions,
): Promise<Idempotent<RequestOutcome>> {
  const { request } = await getOwnRequest(db, actor, id);
  if (request.status === "submitted") {
    const edition = await loadOcpEdition(db, request.year);
    assertOcpOpen(edition, options.lang);
    return { outcome: { requestId: id, status: "submitted" }, replayed: false };
  }
  return updateRequest(db, actor, id, { ...inputOfRequest(request), submit: true }, options);
}
