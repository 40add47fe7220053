import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** A personal API token as its owner's list shows it; the hash never leaves this file. */
export interface ApiTokenRow {
  id: string;
  name: string;
  scopes: string[];
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

const LIST_COLUMNS = [
  "id",
  "name",
  "scopes",
  "created_at",
  "expires_at",
  "revoked_at",
  "last_used_at",
] as const;

/** The user's tokens, newest first (revoked ones too, so the list explains what stopped working). */
export async function listUserTokens(db: Db, userId: string, limit: number): Promise<ApiTokenRow[]> {
  return db
    .selectFrom("api_tokens")
    .select(LIST_COLUMNS)
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

/** Tokens that still work (neither revoked nor expired). */
export async function countLiveTokens(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom("api_tokens")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", new Date())]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The token if it belongs to this user, locked for the revocation. */
export async function findUserTokenForUpdate(
  trx: Transaction<Database>,
  userId: string,
  tokenId: string,
): Promise<ApiTokenRow | undefined> {
  return trx
    .selectFrom("api_tokens")
    .select(LIST_COLUMNS)
    .where("id", "=", tokenId)
    .where("user_id", "=", userId)
    .forUpdate()
    .executeTakeFirst();
}

export async function markTokenRevoked(trx: Transaction<Database>, tokenId: string): Promise<void> {
  await trx.updateTable("api_tokens").set({ revoked_at: new Date() }).where("id", "=", tokenId).execute();
}
