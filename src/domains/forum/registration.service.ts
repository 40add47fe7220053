import type { Kysely, Transaction } from "kysely";
import type { Database, ForumAttendance } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { conflict, notFound } from "../../platform/errors.ts";
import { type Idempotent, idempotentTransaction } from "../../platform/idempotency.ts";
import type { Actor } from "../../platform/permissions.ts";
import { FieldErrors } from "../../platform/validation.ts";
import {
  cancelRegistrationRow,
  findParticipant,
  findRegistration,
  insertRegistration,
  type NewRegistration,
  type RegistrationRow,
  renewRegistration,
} from "./registration.repo.ts";
import {
  assertInterestOpen,
  assertRegistrationOpen,
  loadRegistrationEdition,
  type RegistrationEdition,
} from "./registration-edition.ts";
import { ATTENDANCE, INTEREST_MAX, isAutoAccredited } from "./registration-rules.ts";
import { releasePlacesOf } from "./waitlist.service.ts";

/**
 * Registering for a Forum edition. Remote participation is for everyone and confirmed at once.
 * Onsite attendance needs accreditation: automatic for the stakeholder types listed in
 * registration-rules.ts (the registrant's organisation's type decides), otherwise the registrant
 * sends an expression of interest by the accreditation deadline and waits for the secretariat or a
 * focal point of their organisation (accreditation.service.ts). The server's clock decides.
 */

export interface WriteOptions {
  ip?: string | null;
  /** The language deadline messages are written in. */
  lang?: string;
  now?: Date;
}

const text = (value: unknown): string => (typeof value === "string" ? value : "");

/** Reads the form or API body: attendance (required) and, for onsite, the expression of interest. */
function readRegistrationInput(input: { attendance?: unknown; interest?: unknown }) {
  const errors = new FieldErrors();
  const attendance = errors.choice("attendance", text(input.attendance), ATTENDANCE, {
    code: "invalid_value",
  });
  const interest = errors.text("interest", text(input.interest), INTEREST_MAX);
  return { errors, attendance, interest };
}

/** The outcome of a registration, as pages and the API show it. */
export interface RegistrationOutcome {
  registrationId: string;
  year: number;
  attendance: ForumAttendance;
  status: RegistrationRow["status"];
  accreditation: RegistrationRow["accreditation"];
}

/**
 * Registers `actor` for the edition of `year`. Refusals: the window not open or closed (409
 * `forum_registration_not_open`/`forum_registration_closed`), an expression of interest after its
 * deadline (409 `forum_accreditation_closed`), an onsite request without one (`interest` required),
 * an active registration already there (409 `forum_already_registered`). A cancelled or declined
 * registration may register again. With an Idempotency-Key a retry returns the first outcome.
 * Audited `forum.register`.
 */
export async function registerForForum(
  db: Kysely<Database>,
  actor: Actor,
  year: number,
  input: { attendance?: unknown; interest?: unknown },
  options: WriteOptions & { idempotencyKey?: string | null } = {},
): Promise<Idempotent<RegistrationOutcome>> {
  const now = options.now ?? new Date();
  const lang = options.lang ?? "en";
  const edition = await loadRegistrationEdition(db, year);
  const { errors, attendance, interest } = readRegistrationInput(input);
  const participant = await findParticipant(db, actor.id);
  const automatic = isAutoAccredited(participant?.stakeholder_type);
  if (attendance === "onsite" && !automatic && interest === "") errors.add("interest", "required");
  errors.throwIfAny();
  const chosen = attendance as ForumAttendance;
  return idempotentTransaction(
    db,
    {
      userId: actor.id,
      key: options.idempotencyKey,
      scope: "registerForForum",
      content: [year, chosen, interest],
    },
    async (trx) => {
      assertRegistrationOpen(edition, lang, now);
      if (chosen === "onsite" && !automatic) assertInterestOpen(edition, lang, now);
      const row: NewRegistration = {
        editionId: edition.id,
        userId: actor.id,
        organisationId: participant?.organisation_id ?? null,
        attendance: chosen,
        accreditation: chosen === "remote" ? "none" : automatic ? "automatic" : "requested",
        status: chosen === "onsite" && !automatic ? "pending" : "confirmed",
        interest: chosen === "onsite" && !automatic ? interest : "",
      };
      const id = await storeRegistration(trx, edition, row);
      await recordAudit(trx, {
        actorId: actor.id,
        action: "forum.register",
        subjectType: "forum_registration",
        subjectId: id,
        after: {
          edition: year,
          attendance: row.attendance,
          accreditation: row.accreditation,
          status: row.status,
        },
        ip: options.ip ?? null,
      });
      return {
        registrationId: id,
        year,
        attendance: row.attendance,
        status: row.status,
        accreditation: row.accreditation,
      };
    },
  );
}

/** Inserts, or renews a cancelled/declined registration; an active one is a conflict. */
async function storeRegistration(
  trx: Transaction<Database>,
  edition: RegistrationEdition,
  row: NewRegistration,
): Promise<string> {
  const inserted = await insertRegistration(trx, row);
  if (inserted) return inserted;
  const existing = await findRegistration(trx, edition.id, row.userId);
  if (!existing || existing.status === "pending" || existing.status === "confirmed")
    throw conflict("forum_already_registered");
  await renewRegistration(trx, existing.id, row);
  return existing.id;
}

/**
 * Cancels `actor`'s registration: their badge stops admitting (its version goes up) and their
 * session places are given up, each freed seat going to the next person waiting. 404
 * `forum_registration_not_found` when there is no active one. Audited `forum.registration_cancel`.
 */
export async function cancelRegistration(
  db: Kysely<Database>,
  actor: Actor,
  year: number,
  options: WriteOptions = {},
): Promise<void> {
  const edition = await loadRegistrationEdition(db, year);
  await db.transaction().execute(async (trx) => {
    const existing = await findRegistration(trx, edition.id, actor.id);
    if (!existing || (existing.status !== "pending" && existing.status !== "confirmed"))
      throw notFound("forum_registration_not_found");
    await cancelRegistrationRow(trx, existing.id);
    await releasePlacesOf(trx, actor.id, edition.id);
    await recordAudit(trx, {
      actorId: actor.id,
      action: "forum.registration_cancel",
      subjectType: "forum_registration",
      subjectId: existing.id,
      before: { edition: year, attendance: existing.attendance, status: existing.status },
      ip: options.ip ?? null,
    });
  });
}

/** The registration page's data: the edition, the account's registration, and whether onsite is automatic. */
export async function registrationView(db: Kysely<Database>, actor: Actor, year: number) {
  const edition = await loadRegistrationEdition(db, year);
  const [registration, participant] = await Promise.all([
    findRegistration(db, edition.id, actor.id),
    findParticipant(db, actor.id),
  ]);
  return {
    edition,
    registration: registration ?? null,
    automatic: isAutoAccredited(participant?.stakeholder_type),
    organisationName: participant?.organisation_name ?? null,
  };
}
