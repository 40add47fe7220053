import type { Kysely, Transaction } from "kysely";
import type { Database, ForumSessionMode, ForumSessionType } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { conflict, notFound } from "../../platform/errors.ts";
import { toLanguage, translator } from "../../platform/i18n.ts";
import { enqueueMail } from "../../platform/mail.ts";
import type { Actor } from "../../platform/permissions.ts";
import { FieldErrors, isRowId } from "../../platform/validation.ts";
import { findAccount } from "../accounts/accounts.repo.ts";
import type { OcpEdition } from "./ocp-edition.ts";
import { insertDraftSession, markDecided, type NewDraftSession } from "./request-review.repo.ts";
import { findRequest, type RequestRecord } from "./requests.repo.ts";
import { REQUEST_LIMITS } from "./requests-input.ts";

/** Who decides, from where, and the site's address for the mail's link. */
export interface DecisionContext {
  db: Kysely<Database>;
  actor: Actor;
  baseUrl: string;
  ip: string | null;
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
  if (request.status !== "submitted")
    throw conflict("forum_request_not_submitted", { status: request.status });
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
): Promise<{ sessionNumber: number }> {
  return context.db.transaction().execute(async (trx) => {
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
    return { sessionNumber: session.number };
  });
}

/** Declines a submitted request; the reason is required and goes to the requester. */
export async function declineRequest(
  context: DecisionContext,
  edition: OcpEdition,
  id: string,
  rawReason: string,
): Promise<void> {
  const errors = new FieldErrors();
  const reason = errors.text("reason", rawReason, REQUEST_LIMITS.reason, true);
  errors.throwIfAny();
  await context.db.transaction().execute(async (trx) => {
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
): Promise<{ sessionNumber: number }> {
  const errors = new FieldErrors();
  const title = errors.line("title", input.title, REQUEST_LIMITS.title);
  const description = errors.text("description", input.description, REQUEST_LIMITS.description);
  const ids = [...new Set(input.ids)];
  if (ids.length < 2) errors.add("requests", "too_short", { min: 2 });
  errors.throwIfAny();
  return context.db.transaction().execute(async (trx) => {
    // Locked in id order, so two overlapping merges never wait on each other crosswise.
    const requests: RequestRecord[] = [];
    for (const id of [...ids].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)))
      requests.push(await decidable(trx, edition, id));
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
    return { sessionNumber: session.number };
  });
}
