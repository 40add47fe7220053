import type { Kysely, Transaction } from "kysely";
import type {
  Database,
  ForumAccreditation,
  ForumAttendance,
  ForumRegistrationStatus,
} from "../../db/schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** A registration with the account and organisation it belongs to. */
export interface RegistrationRow {
  id: string;
  edition_id: string;
  user_id: string;
  organisation_id: string | null;
  attendance: ForumAttendance;
  accreditation: ForumAccreditation;
  status: ForumRegistrationStatus;
  interest: string;
  decision_reason: string;
  decided_at: Date | null;
  badge_version: number;
  created_at: Date;
  name: string;
  email: string;
  language: string;
  organisation_name: string | null;
}

function registrations(db: Db) {
  return db
    .selectFrom("forum_registrations as r")
    .innerJoin("users as u", "u.id", "r.user_id")
    .leftJoin("organisations as o", "o.id", "r.organisation_id")
    .select([
      "r.id",
      "r.edition_id",
      "r.user_id",
      "r.organisation_id",
      "r.attendance",
      "r.accreditation",
      "r.status",
      "r.interest",
      "r.decision_reason",
      "r.decided_at",
      "r.badge_version",
      "r.created_at",
      "u.name",
      "u.email",
      "u.language",
      "o.name as organisation_name",
    ]);
}

export function findRegistration(
  db: Db,
  editionId: string,
  userId: string,
): Promise<RegistrationRow | undefined> {
  return registrations(db)
    .where("r.edition_id", "=", editionId)
    .where("r.user_id", "=", userId)
    .executeTakeFirst();
}

export function findRegistrationById(db: Db, id: string): Promise<RegistrationRow | undefined> {
  return registrations(db).where("r.id", "=", id).executeTakeFirst();
}

/**
 * One registration, locked so two decisions or two scans of one badge are made one after the other
 * (PostgreSQL; PGlite runs one at a time). Only the registration row is locked: the outer-joined
 * organisation may be missing, and its account and organisation are not what is decided.
 */
export function lockRegistrationById(
  trx: Transaction<Database>,
  id: string,
): Promise<RegistrationRow | undefined> {
  return registrations(trx).where("r.id", "=", id).forUpdate("r").executeTakeFirst();
}

/** The account's organisation and the stakeholder type that decides automatic accreditation. */
export function findParticipant(db: Db, userId: string) {
  return db
    .selectFrom("users as u")
    .leftJoin("organisations as o", "o.id", "u.organisation_id")
    .select(["u.id", "u.organisation_id", "o.name as organisation_name", "o.stakeholder_type"])
    .where("u.id", "=", userId)
    .executeTakeFirst();
}

export interface NewRegistration {
  editionId: string;
  userId: string;
  organisationId: string | null;
  attendance: ForumAttendance;
  accreditation: ForumAccreditation;
  status: ForumRegistrationStatus;
  interest: string;
}

/** Inserts a registration; null when the account already has one for the edition. */
export async function insertRegistration(
  trx: Transaction<Database>,
  row: NewRegistration,
): Promise<string | null> {
  const inserted = await trx
    .insertInto("forum_registrations")
    .values({
      edition_id: row.editionId,
      user_id: row.userId,
      organisation_id: row.organisationId,
      attendance: row.attendance,
      accreditation: row.accreditation,
      status: row.status,
      interest: row.interest,
    })
    .onConflict((oc) => oc.columns(["edition_id", "user_id"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted?.id ?? null;
}

/** Registers again over a cancelled or declined registration (the row is one per account and edition). */
export async function renewRegistration(
  trx: Transaction<Database>,
  id: string,
  row: NewRegistration,
): Promise<void> {
  await trx
    .updateTable("forum_registrations")
    .set({
      organisation_id: row.organisationId,
      attendance: row.attendance,
      accreditation: row.accreditation,
      status: row.status,
      interest: row.interest,
      decided_by: null,
      decided_at: null,
      decision_reason: "",
      updated_at: new Date(),
    })
    .where("id", "=", id)
    .execute();
}

/** Cancels: the badge's version goes up so a printed badge no longer admits. */
export async function cancelRegistrationRow(trx: Transaction<Database>, id: string): Promise<void> {
  await trx
    .updateTable("forum_registrations")
    .set((eb) => ({
      status: "cancelled",
      badge_version: eb("badge_version", "+", 1),
      updated_at: new Date(),
    }))
    .where("id", "=", id)
    .execute();
}

/** Records the secretariat's or a focal point's decision on an expression of interest. */
export async function decideRegistrationRow(
  trx: Transaction<Database>,
  id: string,
  decision: { approved: boolean; by: string; reason: string },
): Promise<void> {
  await trx
    .updateTable("forum_registrations")
    .set({
      accreditation: decision.approved ? "approved" : "declined",
      status: decision.approved ? "confirmed" : "declined",
      decided_by: decision.by,
      decided_at: new Date(),
      decision_reason: decision.reason,
      updated_at: new Date(),
    })
    .where("id", "=", id)
    .where("status", "=", "pending")
    .execute();
}

/** The account's registrations in every edition, newest edition first. */
export function listMyRegistrations(db: Db, userId: string) {
  return registrations(db)
    .innerJoin("forum_editions as e", "e.id", "r.edition_id")
    .select(["e.year", "e.time_zone"])
    .where("r.user_id", "=", userId)
    .orderBy("e.year", "desc")
    .execute();
}

/**
 * An edition's expressions of interest to decide (pending first, then decided ones), limited to
 * `organisationIds` when given (a focal point sees their organisations' only).
 */
export function listAccreditationRequests(db: Db, editionId: string, organisationIds: string[] | null) {
  let query = registrations(db)
    .where("r.edition_id", "=", editionId)
    .where("r.attendance", "=", "onsite")
    .where("r.accreditation", "in", ["requested", "approved", "declined"]);
  if (organisationIds) {
    if (organisationIds.length === 0) return Promise.resolve([]);
    query = query.where("r.organisation_id", "in", organisationIds);
  }
  return query
    .orderBy((eb) => eb.case().when("r.status", "=", "pending").then(0).else(1).end())
    .orderBy("r.id")
    .limit(500)
    .execute();
}

/** Counts of an edition's registrations by attendance and status, for the secretariat. */
export function countRegistrations(db: Db, editionId: string) {
  return db
    .selectFrom("forum_registrations")
    .select(["attendance", "status", (eb) => eb.fn.countAll<string>().as("count")])
    .where("edition_id", "=", editionId)
    .groupBy(["attendance", "status"])
    .execute();
}
