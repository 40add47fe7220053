import { type Kysely, sql, type Transaction } from "kysely";
import type { Database, ModerationDecision } from "../../db/schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

export async function insertDecision(
  trx: Transaction<Database>,
  values: {
    entryId: string;
    revisionId: string;
    moderatorId: string;
    decision: ModerationDecision;
    comment: string;
  },
): Promise<void> {
  await trx
    .insertInto("moderation_decisions")
    .values({
      entry_id: values.entryId,
      revision_id: values.revisionId,
      moderator_id: values.moderatorId,
      decision: values.decision,
      comment: values.comment,
    })
    .execute();
}

export interface QueueRow {
  id: string;
  submitted_at: Date | null;
  owner_name: string;
  title: string | null;
  revision_number: number;
  is_revision_of_published: boolean;
}

/** Entries awaiting a decision, oldest submission first (the moderators' queue). */
export async function listQueue(
  db: Db,
  limit: number,
  offset: number,
): Promise<{ total: number; rows: QueueRow[] }> {
  const [count, rows] = await Promise.all([
    db
      .selectFrom("entries")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("state", "=", "submitted")
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("entries")
      .innerJoin("users", "users.id", "entries.owner_id")
      .innerJoin("entry_revisions as latest", "latest.id", "entries.latest_revision_id")
      .select((eb) => [
        "entries.id",
        "entries.submitted_at",
        "users.name as owner_name",
        sql<string | null>`latest.data->>'title'`.as("title"),
        "latest.number as revision_number",
        eb("entries.published_revision_id", "is not", null).as("is_revision_of_published"),
      ])
      .where("entries.state", "=", "submitted")
      .orderBy("entries.submitted_at")
      .orderBy("entries.id")
      .limit(limit)
      .offset(offset)
      .execute(),
  ]);
  return { total: Number(count.n), rows: rows as QueueRow[] };
}
