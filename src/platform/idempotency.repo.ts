import type { Transaction } from "kysely";
import type { Database } from "../db/schema.ts";

export interface IdempotencyRecord {
  scope: string;
  result: unknown;
}

/**
 * Claims a key for this user inside the caller's transaction. If another transaction holds the
 * same key uncommitted, PostgreSQL makes this insert wait for it, so a concurrent duplicate sees
 * the first one's stored outcome instead of acting a second time. Returns false when taken.
 */
export async function claimIdempotencyKey(
  trx: Transaction<Database>,
  userId: string,
  key: string,
  scope: string,
  result: unknown,
): Promise<boolean> {
  const row = await trx
    .insertInto("idempotency_keys")
    .values({ user_id: userId, key, scope, result: JSON.stringify(result) })
    .onConflict((oc) => oc.columns(["user_id", "key"]).doNothing())
    .returning("key")
    .executeTakeFirst();
  return row !== undefined;
}

export async function findIdempotencyKey(
  trx: Transaction<Database>,
  userId: string,
  key: string,
): Promise<IdempotencyRecord | undefined> {
  return trx
    .selectFrom("idempotency_keys")
    .select(["scope", "result"])
    .where("user_id", "=", userId)
    .where("key", "=", key)
    .executeTakeFirst();
}

export async function storeIdempotencyResult(
  trx: Transaction<Database>,
  userId: string,
  key: string,
  result: unknown,
): Promise<void> {
  await trx
    .updateTable("idempotency_keys")
    .set({ result: JSON.stringify(result) })
    .where("user_id", "=", userId)
    .where("key", "=", key)
    .execute();
}
