import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";

/** Every mail queued for an address, oldest first, as the outbox holds it. */
export function mailsTo(db: Kysely<Database>, email: string) {
  return db
    .selectFrom("outbox")
    .select(["subject", "text_body"])
    .where("to_address", "=", email)
    .orderBy("id")
    .execute();
}

/** The newest mail queued for an address; throws if there is none. */
export function lastMailTo(db: Kysely<Database>, email: string) {
  return db
    .selectFrom("outbox")
    .select(["subject", "text_body"])
    .where("to_address", "=", email)
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
}
