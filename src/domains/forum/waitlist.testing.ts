import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { Language } from "../../platform/i18n.ts";
import { makeUser } from "../../testing/factories.ts";
import { makeForumRegistration } from "./registration.testing.ts";

/** `count` accounts with a confirmed onsite registration to the edition (able to take places). */
export async function makeRegistrants(
  db: Kysely<Database>,
  edition: { id: string },
  count: number,
  language: Language = "en",
): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const user = await makeUser(db, { language });
    await makeForumRegistration(db, edition, user.id);
    ids.push(user.id);
  }
  return ids;
}

/** A session's places in the order they were taken (the waiting list's order). */
export const placeRows = (db: Kysely<Database>, sessionId: string) =>
  db
    .selectFrom("forum_session_places")
    .select(["user_id", "status", "promoted_at"])
    .where("session_id", "=", sessionId)
    .orderBy("id")
    .execute();

/** The audit rows of one action on one subject, oldest first. */
export const auditRows = (db: Kysely<Database>, action: string, subjectId: string) =>
  db
    .selectFrom("audit_log")
    .select(["actor_id", "before", "after"])
    .where("action", "=", action)
    .where("subject_id", "=", subjectId)
    .orderBy("id")
    .execute();

/** The mails in the outbox addressed to any of `userIds`, with the account each went to. */
export const mailsTo = (db: Kysely<Database>, userIds: readonly string[]) =>
  userIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom("outbox")
        .innerJoin("users", "users.email", "outbox.to_address")
        .select(["users.id", "outbox.subject"])
        .where("users.id", "in", [...userIds])
        .execute();
