import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** Stores a new feed token by its sha256. */
export function insertIcalToken(trx: Db, userId: string, tokenSha256: string) {
  return trx
    .insertInto("forum_ical_tokens")
    .values({ user_id: userId, token_sha256: tokenSha256 })
    .returning(["id", "created_at"])
    .executeTakeFirstOrThrow();
}

/** The token row for a presented secret's hash, revoked or not, with its owner's language. */
export function findIcalToken(db: Db, tokenSha256: string) {
  return db
    .selectFrom("forum_ical_tokens as token")
    .innerJoin("users", "users.id", "token.user_id")
    .select(["token.id", "token.user_id", "token.revoked_at", "users.language"])
    .where("token.token_sha256", "=", tokenSha256)
    .executeTakeFirst();
}

/** The account's feed addresses, newest first (the secrets themselves are not known any more). */
export function listIcalTokens(db: Db, userId: string) {
  return db
    .selectFrom("forum_ical_tokens")
    .select(["id", "created_at", "revoked_at", "last_used_at"])
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
}

/** Revokes one of the account's live tokens; undefined when it is not theirs or already revoked. */
export function revokeIcalToken(trx: Db, userId: string, tokenId: string) {
  return trx
    .updateTable("forum_ical_tokens")
    .set({ revoked_at: new Date() })
    .where("id", "=", tokenId)
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .returning(["id", "created_at"])
    .executeTakeFirst();
}

/**
 * Notes when a feed was last fetched, at most once an hour per token, so calendar applications
 * polling every few minutes do not write a row each time.
 */
export async function touchIcalToken(db: Db, tokenId: string, now: Date): Promise<void> {
  await db
    .updateTable("forum_ical_tokens")
    .set({ last_used_at: now })
    .where("id", "=", tokenId)
    .where((eb) =>
      eb.or([eb("last_used_at", "is", null), eb("last_used_at", "<", new Date(now.getTime() - 3_600_000))]),
    )
    .execute();
}
