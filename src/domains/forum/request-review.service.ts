import type { Kysely, Transaction } from "kysely";
import type { Database, ForumSessionMode, ForumSessionType } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { conflict, notFound, ValidationError } from "../../platform/errors.ts";
import { toLanguage, translator } from "../../platform/i18n.ts";
import { type Idempotent, idempotentWrite } from "../../platform/idempotency.ts";
import { enqueueMail } from "../../platform/mail.ts";
import type { Actor } from "../../platform/permissions.ts";
import { FieldErrors, isRowId } from "../../platform/validation.ts";
import { findAccount } from "../accounts/accounts.repo.ts";
import type { OcpEdition } from "./ocp-edition.ts";
import { type AnalysisCounts, countOcp } from "./request-analysis.repo.ts";
import { insertDraftSession, markDecided, type NewDraftSession } from "./request-review.repo.ts";
import {
  countEditionRequests,
  findRequest,
  listEditionRequests,
  type RequestFilter,
  type RequestRecord,
} from "./requests.repo.ts";
import { ocpReference } from "./requests.service.ts";
import { REQUEST_LIMITS } from "./requests-input.ts";

/** Who decides, from where, the site's address for the mail's link, and the API's replay key. */
export interface DecisionContext {
  db: Kysely<Database>;
  actor: Actor;
  baseUrl: string;
  ip: string | null;
  idempotencyKey?: string | null;
}

/** What a decision did, as stored for idempotent replays. */
export interface DecisionOutcome {
  sessionNumber: number | null;
  requestIds: string[];
}

/**
 * A decision in one transaction, at most once per Idempotency-Key: a replay answers the first
 * outcome although the request is decided by then.
 */
function decide(
  context: DecisionContext,
  scope: string,
  content: unknown,
  act: (trx: Transaction<Database>) => Promise<DecisionOutcome>,
): Promise<Idempotent<DecisionOutcome>> {
  return idempotentWrite(context.db, context.actor, context, scope, content, act);
}

/** The session a request becomes when accepted as it stands. */
function sessionOf(request: RequestRecord): Omit<NewDraftSession, "editionId"> {
  const type: ForumSessionType =
    request.kind === "exhibition"
      ? "exhibition"
      : request.kind === "high_level"
        ? "high_level_policy"
        : (request.session_type ?? "thematic_workshop");
  const mode: ForumSessionMode = request.mode ?? (request.kind === "exhibition" ? "onsite" : "hybrid");
  const speakers =
    request.kind === "high_level" && request.speaker_name
      ? [{ name: request.speaker_name, email: null, role: "keynote" as const }]
      : request.speakers.map((s) => ({ name: s.name, email: s.email, role: s.role }));
  return {
    title: request.title,
    description: request.description,
    type,
    mode,
    organisersText: request.organisers_text || request.requester_name,
    actionLines: request.action_lines,
    sdgs: request.sdgs,
    speakers,
    organiserIds: [request.requester_id],
  };
}

/** A request of `edition` the secretariat may decide on (submitted, not yet decided), locked. */
async function decidable(
  trx: Transaction<Database>,
  edition: OcpEdition,
  id: string,
): Promise<RequestRecord> {
  const request = isRowId(id) ? await findRequest(trx, id, true) : undefined;
  if (!request) throw notFound("forum_request_not_found");
  if (request.edition_id !== edition.id) throw conflict("forum_request_other_edition");
  if (request.status === "draft") throw conflict("forum_request_not_submitted", { status: request.status });
  if (request.status !== "submitted") throw conflict("forum_request_already_decided");
  return request;
}

/** The requester hears of the decision in their own language, in the same transaction (outbox). */
async function mailRequester(
  trx: Transaction<Database>,
  baseUrl: string,
  request: RequestRecord,
  decision: "accepted" | "merged" | "declined",
  values: { number?: number; reason?: string },
): Promise<void> {
  const account = await findAccount(trx, request.requester_id);
  if (!account) return;
  const t = translator(toLanguage(account.language));
  // Header values must stay on one line whatever the title holds.
  const title = request.title.replace(/\s+/g, " ").trim();
  const body = [
    t(`forum.ocp.mail.${decision}.body`, {
      name: account.name,
      title,
      year: request.year,
      number: values.number ?? 0,
    }),
    values.reason ? t("forum.ocp.mail.reason", { reason: values.reason }) : null,
    t("forum.ocp.mail.link", { link: `${baseUrl}/forum/my-requests` }),
    t("forum.ocp.mail.signature"),
  ];
  await enqueueMail(trx, {
    to: account.email,
    subject: t(`forum.ocp.mail.${decision}.subject`, { title, year: request.year }),
    text: body.filter((part): part is string => part !== null).join("\n\n"),
  });
}

/**
 * Accepts a submitted request: a `draft` session is created with the next number of the edition,
 * copying its title, description, type, mode, Action Lines, SDGs and speakers, with the requester
 * as organiser. Audited and mailed in one transaction.
 */
export async function acceptRequest(
  context: DecisionContext,
  edition: OcpEdition,
  id: string,
): Promise<Idempotent<DecisionOutcome>> {
  return decide(context, `forum.requests.accept:${id}`, { edition: edition.id }, async (trx) => {
    const request = await decidable(trx, edition, id);
    const session = await insertDraftSession(trx, { editionId: edition.id, ...sessionOf(request) });
    await markDecided(trx, request.id, {
      status: "accepted",
      sessionId: session.id,
      reason: null,
      decidedBy: context.actor.id,
    });
    await recordAudit(trx, {
      actorId: context.actor.id,
      action: "forum.request_accept",
      subjectType: "forum_request",
      subjectId: request.id,
      before: { status: request.status },
      after: { status: "accepted", sessionId: session.id, sessionNumber: session.number },
      ip: context.ip,
    });
    await mailRequester(trx, context.baseUrl, request, "accepted", { number: session.number });
    return { sessionNumber: session.number, requestIds: [request.id] };
  });
}

/** Declines a submitted request; the reason is required and goes to the requester. */
export async function declineRequest(
  context: DecisionContext,
  edition: OcpEdition,
  id: string,
  rawReason: string,
): Promise<Idempotent<DecisionOutcome>> {
  const errors = new FieldErrors();
  const reason = errors.text("reason", rawReason, REQUEST_LIMITS.reason, true);
  errors.throwIfAny();
  return decide(context, `forum.requests.decline:${id}`, { edition: edition.id, reason }, async (trx) => {
    const request = await decidable(trx, edition, id);
    await markDecided(trx, request.id, {
      status: "declined",
      sessionId: null,
      reason,
      decidedBy: context.actor.id,
    });
    await recordAudit(trx, {
      actorId: context.actor.id,
      action: "forum.request_decline",
      subjectType: "forum_request",
      subjectId: request.id,
      before: { status: request.status },
      after: { status: "declined", reason },
      ip: context.ip,
    });
    await mailRequester(trx, context.baseUrl, request, "declined", { reason });
    return { sessionNumber: null, requestIds: [request.id] };
  });
}

/**
 * Merges two or more submitted workshop requests of the edition into one new draft session: the
 * secretariat's title (and description, else the first request's), the union of the Action Lines,
 * SDGs and speakers (an address once whatever its case), every requester an organiser. Each request
 * is marked `merged` with the session. A request of another edition refuses the whole merge.
 */
export async function mergeRequests(
  context: DecisionContext,
  edition: OcpEdition,
  input: { ids: readonly string[]; title: string; description: string },
): Promise<Idempotent<DecisionOutcome>> {
  const errors = new FieldErrors();
  const title = errors.line("title", input.title, REQUEST_LIMITS.title);
  const description = errors.text("description", input.description, REQUEST_LIMITS.description);
  const ids = [...new Set(input.ids)];
  if (ids.length < 2) errors.add("requests", "too_short", { min: 2 });
  errors.throwIfAny();
  if (!ids.every((id) => isRowId(id))) throw notFound("forum_request_not_found");
  // Locked in id order, so two overlapping merges never wait on each other crosswise.
  const sorted = [...ids].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
  const content = { edition: edition.id, ids: sorted, title, description };
  return decide(context, `forum.requests.merge:${edition.year}`, content, async (trx) => {
    const requests: RequestRecord[] = [];
    for (const id of sorted) requests.push(await decidable(trx, edition, id));
    if (requests.some((request) => request.kind !== "workshop")) throw conflict("forum_merge_not_workshop");
    const parts = requests.map(sessionOf);
    const first = parts[0] as ReturnType<typeof sessionOf>;
    const seen = new Set<string>();
    const speakers = parts
      .flatMap((part) => part.speakers)
      .filter((speaker) => {
        const key = (speaker.email ?? speaker.name).toLowerCase();
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    const organisers = [...new Set(parts.map((part) => part.organisersText))].join("; ");
    const session = await insertDraftSession(trx, {
      editionId: edition.id,
      title,
      description: description || first.description,
      type: first.type,
      mode: first.mode,
      organisersText: organisers.slice(0, 2000),
      actionLines: [...new Set(parts.flatMap((part) => part.actionLines))].sort(),
      sdgs: [...new Set(parts.flatMap((part) => part.sdgs))].sort((a, b) => a - b),
      speakers,
      organiserIds: requests.map((request) => request.requester_id),
    });
    for (const request of requests) {
      await markDecided(trx, request.id, {
        status: "merged",
        sessionId: session.id,
        reason: null,
        decidedBy: context.actor.id,
      });
      await recordAudit(trx, {
        actorId: context.actor.id,
        action: "forum.request_merge",
        subjectType: "forum_request",
        subjectId: request.id,
        before: { status: request.status },
        after: { status: "merged", sessionId: session.id, sessionNumber: session.number, with: ids },
        ip: context.ip,
      });
      await mailRequester(trx, context.baseUrl, request, "merged", { number: session.number });
    }
    return { sessionNumber: session.number, requestIds: requests.map((request) => request.id) };
  });
}

/** Requests a page of the secretariat's API list holds. */
export const REVIEW_PAGE_SIZE = 50;

/**
 * One page of the edition's requests for the API (drafts are never listed), with their total. An
 * Action Line not in the reference data is refused rather than ignored: a typo would otherwise
 * look like an empty list.
 */
export async function listRequestsForReview(
  db: Kysely<Database>,
  edition: OcpEdition,
  filter: RequestFilter,
  page: number,
): Promise<{ total: number; rows: RequestRecord[] }> {
  if (filter.actionLine && !(await ocpReference(db)).actionLines.has(filter.actionLine))
    throw new ValidationError([{ field: "actionLine", code: "unknown_code" }]);
  const window = { limit: REVIEW_PAGE_SIZE, offset: (page - 1) * REVIEW_PAGE_SIZE };
  const [total, rows] = await Promise.all([
    countEditionRequests(db, edition.id, filter),
    listEditionRequests(db, edition.id, filter, window),
  ]);
  return { total, rows };
}

/** The live analysis: official submissions and submitted requests counted by each dimension. */
export async function analyseOcp(
  db: Kysely<Database>,
  edition: OcpEdition,
): Promise<{ submissions: AnalysisCounts; requests: AnalysisCounts }> {
  const [submissions, requests] = await Promise.all([
    countOcp(db, edition.id, "submissions"),
    countOcp(db, edition.id, "requests"),
  ]);
  return { submissions, requests };
}
