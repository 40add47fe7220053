import type { Kysely } from "kysely";
import type { Database, ForumAttendance, ForumRegistrationStatus } from "../../db/schema.ts";
import type { TestForumEdition } from "./forum.testing.ts";

const DAY = 24 * 60 * 60 * 1000;

/**
 * Sets the edition's registration window: by default open since a day ago for 30 days, with
 * expressions of interest taken for 10 days. Offsets are in days from now.
 */
export async function setRegistrationWindow(
  db: Kysely<Database>,
  edition: Pick<TestForumEdition, "id">,
  days: { opens?: number; closes?: number; deadline?: number | null } = {},
): Promise<void> {
  const at = (offset: number) => new Date(Date.now() + offset * DAY);
  await db
    .updateTable("forum_editions")
    .set({
      registration_opens_at: at(days.opens ?? -1),
      registration_closes_at: at(days.closes ?? 30),
      accreditation_deadline: days.deadline === null ? null : at(days.deadline ?? 10),
    })
    .where("id", "=", edition.id)
    .execute();
}

/** A registration written directly (confirmed onsite unless told), for tests and the bench. */
export async function makeForumRegistration(
  db: Kysely<Database>,
  edition: Pick<TestForumEdition, "id">,
  userId: string,
  options: { attendance?: ForumAttendance; status?: ForumRegistrationStatus; organisationId?: string } = {},
): Promise<string> {
  const attendance = options.attendance ?? "onsite";
  const status = options.status ?? "confirmed";
  const row = await db
    .insertInto("forum_registrations")
    .values({
      edition_id: edition.id,
      user_id: userId,
      organisation_id: options.organisationId ?? null,
      attendance,
      accreditation: attendance === "remote" ? "none" : status === "pending" ? "requested" : "approved",
      status,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An organisation of `stakeholderType` with an account in it. */
export async function makeOrganisationMember(
  db: Kysely<Database>,
  stakeholderType: string,
  makeUser: (db: Kysely<Database>) => Promise<{ id: string; email: string; name: string }>,
) {
  const organisation = await db
    .insertInto("organisations")
    .values({
      name: `Organisation ${stakeholderType} ${Math.random().toString(36).slice(2, 8)}`,
      name_key: Math.random().toString(36).slice(2),
      stakeholder_type: stakeholderType,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const user = await makeUser(db);
  await db.updateTable("users").set({ organisation_id: organisation.id }).where("id", "=", user.id).execute();
  return { organisationId: organisation.id, user };
}
