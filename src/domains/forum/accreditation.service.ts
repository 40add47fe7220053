import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { conflict, forbidden, notFound, ValidationError } from "../../platform/errors.ts";
import { toLanguage, translator } from "../../platform/i18n.ts";
import { enqueueMail } from "../../platform/mail.ts";
import { type Actor, hasPermission } from "../../platform/permissions.ts";
import { FieldErrors, isRowId } from "../../platform/validation.ts";
import {
  deleteFocalPoint,
  findAccountWithOrganisation,
  focalOrganisations,
  insertFocalPoint,
  isFocalPoint,
  listFocalPoints,
} from "./accreditation.repo.ts";
import {
  countRegistrations,
  decideRegistrationRow,
  listAccreditationRequests,
  lockRegistrationById,
  type RegistrationRow,
} from "./registration.repo.ts";
import { loadRegistrationEdition } from "./registration-edition.ts";
import { REASON_MAX } from "./registration-rules.ts";

/**
 * Accreditation of onsite participants who sent an expression of interest. The secretariat
 * decides any of them; a focal point (named by the secretariat per edition and organisation)
 * decides their own organisation's. A decline carries a reason, which the registrant is sent.
 * Each decision is one transaction with its audit record and its mail (outbox).
 */

export interface WriteOptions {
  ip?: string | null;
  baseUrl?: string;
}

const text = (value: unknown): string => (typeof value === "string" ? value : "");

/** Who is looking at the accreditation page: the secretariat sees all, a focal point their organisations'. */
export async function accreditationView(db: Kysely<Database>, actor: Actor, year: number) {
  const edition = await loadRegistrationEdition(db, year);
  const secretariat = hasPermission(actor, "forum.secretariat");
  const organisations = secretariat ? null : await focalOrganisations(db, edition.id, actor.id);
  if (organisations && organisations.length === 0) throw forbidden("forum_not_focal_point");
  const [requests, focalPoints, counts] = await Promise.all([
    listAccreditationRequests(db, edition.id, organisations),
    secretariat ? listFocalPoints(db, edition.id) : Promise.resolve([]),
    secretariat ? countRegistrations(db, edition.id) : Promise.resolve([]),
  ]);
  return { edition, secretariat, requests, focalPoints, counts };
}

async function assertMayDecide(db: Transaction<Database>, actor: Actor, registration: RegistrationRow) {
  if (hasPermission(actor, "forum.secretariat")) return "secretariat" as const;
  if (
    registration.organisation_id &&
    (await isFocalPoint(db, registration.edition_id, registration.organisation_id, actor.id))
  )
    return "focal_point" as const;
  throw forbidden("forum_not_focal_point");
}

/**
 * Approves or declines an expression of interest (`decision` = approve | decline; a decline needs
 * a `reason`). 404 `forum_registration_not_found`, 403 `forum_not_focal_point`, 409
 * `forum_registration_not_pending` when it was decided already. Audited
 * `forum.accreditation_approve` / `forum.accreditation_decline`; the registrant is mailed.
 */
export async function decideAccreditation(
  db: Kysely<Database>,
  actor: Actor,
  year: number,
  registrationId: string,
  input: { decision?: unknown; reason?: unknown },
  options: WriteOptions = {},
): Promise<"approved" | "declined"> {
  const edition = await loadRegistrationEdition(db, year);
  if (!isRowId(registrationId)) throw notFound("forum_registration_not_found");
  const errors = new FieldErrors();
  const decision = errors.choice("decision", text(input.decision), ["approve", "decline"], {
    code: "invalid_value",
  });
  const reason = errors.text("reason", text(input.reason), REASON_MAX, decision === "decline");
  errors.throwIfAny();
  const approved = decision === "approve";
  await db.transaction().execute(async (trx) => {
    const registration = await lockRegistrationById(trx, registrationId);
    if (!registration || registration.edition_id !== edition.id)
      throw notFound("forum_registration_not_found");
    const role = await assertMayDecide(trx, actor, registration);
    if (registration.status !== "pending") throw conflict("forum_registration_not_pending");
    await decideRegistrationRow(trx, registration.id, {
      approved,
      by: actor.id,
      reason: approved ? "" : reason,
    });
    await recordAudit(trx, {
      actorId: actor.id,
      action: approved ? "forum.accreditation_approve" : "forum.accreditation_decline",
      subjectType: "forum_registration",
      subjectId: registration.id,
      before: { status: registration.status },
      after: { status: approved ? "confirmed" : "declined", reason: approved ? null : reason, as: role },
      ip: options.ip ?? null,
    });
    const t = translator(toLanguage(registration.language));
    const values = { name: registration.name, year, reason };
    await enqueueMail(trx, {
      to: registration.email,
      subject: t(`forum.registration.mail.${approved ? "approved" : "declined"}.subject`, values),
      text: [
        t(`forum.registration.mail.${approved ? "approved" : "declined"}.body`, values),
        `${options.baseUrl ?? ""}/forum/my-registration`,
      ].join("\n\n"),
    });
  });
  return approved ? "approved" : "declined";
}

/**
 * Names the account with `email` (any case) a focal point for its own organisation in the
 * edition. Field errors: the email (`no_such_account`), an account without an organisation
 * (`no_organisation`), already one (`duplicate`). Audited `forum.focal_point_name`.
 */
export async function nameFocalPoint(
  db: Kysely<Database>,
  actor: Actor,
  year: number,
  input: { email?: unknown },
  options: WriteOptions = {},
): Promise<void> {
  const edition = await loadRegistrationEdition(db, year);
  const errors = new FieldErrors();
  const email = errors.email("email", text(input.email));
  const account = errors.has("email") ? undefined : await findAccountWithOrganisation(db, email);
  if (!errors.has("email") && !account) errors.add("email", "no_such_account");
  else if (account && !account.organisation_id) errors.add("email", "no_organisation");
  errors.throwIfAny();
  const found = account as NonNullable<typeof account>;
  const organisationId = found.organisation_id as string;
  await db.transaction().execute(async (trx) => {
    const added = await insertFocalPoint(trx, {
      editionId: edition.id,
      organisationId,
      userId: found.id,
      namedBy: actor.id,
    });
    if (!added) throw new ValidationError([{ field: "email", code: "duplicate" }]);
    await recordAudit(trx, {
      actorId: actor.id,
      action: "forum.focal_point_name",
      subjectType: "forum_edition",
      subjectId: edition.id,
      after: { edition: year, userId: found.id, organisationId },
      ip: options.ip ?? null,
    });
  });
}

/** Removes a focal point. 404 `forum_focal_point_not_found`. Audited `forum.focal_point_remove`. */
export async function removeFocalPoint(
  db: Kysely<Database>,
  actor: Actor,
  year: number,
  input: { userId?: unknown; organisationId?: unknown },
  options: WriteOptions = {},
): Promise<void> {
  const edition = await loadRegistrationEdition(db, year);
  const userId = text(input.userId);
  const organisationId = text(input.organisationId);
  if (!isRowId(userId) || !isRowId(organisationId)) throw notFound("forum_focal_point_not_found");
  await db.transaction().execute(async (trx) => {
    if (!(await deleteFocalPoint(trx, edition.id, organisationId, userId)))
      throw notFound("forum_focal_point_not_found");
    await recordAudit(trx, {
      actorId: actor.id,
      action: "forum.focal_point_remove",
      subjectType: "forum_edition",
      subjectId: edition.id,
      before: { edition: year, userId, organisationId },
      ip: options.ip ?? null,
    });
  });
}
