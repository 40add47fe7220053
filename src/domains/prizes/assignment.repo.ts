import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** An account the secretariat names to a role (an expert, a juror). */
export interface Assignee {
  id: string;
  name: string;
  email: string;
}

/** The account with this email (compared as the unique index does, ignoring case). */
export async function findAccountByEmail(db: Db, email: string): Promise<Assignee | undefined> {
  return await db
    .selectFrom("users")
    .select(["id", "name", "email"])
    .where(sql<boolean>`lower(email) = lower(${email})`)
    .executeTakeFirst();
}
