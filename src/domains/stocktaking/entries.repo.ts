import { type Kysely, sql, type Transaction, type Updateable } from "kysely";
import type { Database, EntriesTable, EntryState } from "../../db/schema.ts";
import { type EntryDraft, toEntryDraft } from "./entry-fields.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** The workflow part of an `entries` row (the search columns are read by search, not here). */
export interface EntryRecord {
  id: string;
  owner_id: string;
  state: EntryState;
  latest_revision_id: string | null;
  published_revision_id: string | null;
  created_at: Date;
  updated_at: Date;
  submitted_at: Date | null;
  published_at: Date | null;
}

export interface RevisionRecord {
  id: string;
  entry_id: string;
  number: number;
  author_id: string;
  author_name: string;
  data: EntryDraft;
  created_at: Date;
}

const ENTRY_COLUMNS = [
  "entries.id",
  "entries.owner_id",
  "entries.state",
  "entries.latest_revision_id",
  "entries.published_revision_id",
  "entries.created_at",
  "entries.updated_at",
  "entries.submitted_at",
  "entries.published_at",
] as const;

export async function findEntry(db: Db, id: string): Promise<EntryRecord | undefined> {
  return db.selectFrom("entries").select(ENTRY_COLUMNS).where("entries.id", "=", id).executeTakeFirst();
}

/** Row lock for a state change, so two concurrent decisions on one entry serialise. */
export async function lockEntry(trx: Transaction<Database>, id: string): Promise<EntryRecord | undefined> {
  return trx
    .selectFrom("entries")
    .select(ENTRY_COLUMNS)
    .where("entries.id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertEntry(trx: Transaction<Database>, ownerId: string): Promise<string> {
  const row = await trx
    .insertInto("entries")
    .values({ owner_id: ownerId })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateEntryRow(
  trx: Transaction<Database>,
  id: string,
  values: Updateable<EntriesTable>,
): Promise<void> {
  await trx
    .updateTable("entries")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

/** Appends the next revision (numbered after the last one); callers hold the entry's row lock. */
export async function appendRevision(
  trx: Transaction<Database>,
  entryId: string,
  authorId: string,
  data: EntryDraft,
): Promise<{ id: string; number: number }> {
  const last = await trx
    .selectFrom("entry_revisions")
    .select((eb) => eb.fn.max("number").as("number"))
    .where("entry_id", "=", entryId)
    .executeTakeFirst();
  const number = Number(last?.number ?? 0) + 1;
  const row = await trx
    .insertInto("entry_revisions")
    .values({ entry_id: entryId, number, author_id: authorId, data: JSON.stringify(data) })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, number };
}

function revisionQuery(db: Db) {
  return db
    .selectFrom("entry_revisions")
    .innerJoin("users", "users.id", "entry_revisions.author_id")
    .select([
      "entry_revisions.id",
      "entry_revisions.entry_id",
      "entry_revisions.number",
      "entry_revisions.author_id",
      "users.name as author_name",
      "entry_revisions.data",
      "entry_revisions.created_at",
    ]);
}

const toRevision = (row: Omit<RevisionRecord, "data"> & { data: unknown }): RevisionRecord => ({
  ...row,
  data: toEntryDraft(row.data),
});

export async function findRevision(db: Db, id: string): Promise<RevisionRecord | undefined> {
  const row = await revisionQuery(db).where("entry_revisions.id", "=", id).executeTakeFirst();
  return row ? toRevision(row) : undefined;
}

/** All revisions of an entry, oldest first. */
export async function listRevisions(db: Db, entryId: string): Promise<RevisionRecord[]> {
  const rows = await revisionQuery(db)
    .where("entry_revisions.entry_id", "=", entryId)
    .orderBy("entry_revisions.number")
    .execute();
  return rows.map(toRevision);
}

export interface DecisionRecord {
  id: string;
  decision: "publish" | "return" | "reject";
  comment: string;
  created_at: Date;
  moderator_name: string;
  revision_number: number;
}

/** Moderation decisions on an entry, oldest first. */
export async function listDecisions(db: Db, entryId: string): Promise<DecisionRecord[]> {
  return db
    .selectFrom("moderation_decisions")
    .innerJoin("users", "users.id", "moderation_decisions.moderator_id")
    .innerJoin("entry_revisions", "entry_revisions.id", "moderation_decisions.revision_id")
    .select([
      "moderation_decisions.id",
      "moderation_decisions.decision",
      "moderation_decisions.comment",
      "moderation_decisions.created_at",
      "users.name as moderator_name",
      "entry_revisions.number as revision_number",
    ])
    .where("moderation_decisions.entry_id", "=", entryId)
    .orderBy("moderation_decisions.created_at")
    .orderBy("moderation_decisions.id")
    .execute();
}

export interface OwnEntryRow extends EntryRecord {
  latest_title: string | null;
  latest_number: number | null;
  published_number: number | null;
}

/** One owner's entries, most recently changed first, with the latest revision's title. */
export async function listEntriesByOwner(
  db: Db,
  ownerId: string,
  limit: number,
  offset: number,
): Promise<{ total: number; rows: OwnEntryRow[] }> {
  const [count, rows] = await Promise.all([
    db
      .selectFrom("entries")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("owner_id", "=", ownerId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("entries")
      .leftJoin("entry_revisions as latest", "latest.id", "entries.latest_revision_id")
      .leftJoin("entry_revisions as published", "published.id", "entries.published_revision_id")
      .select(ENTRY_COLUMNS)
      .select([
        sql<string | null>`latest.data->>'title'`.as("latest_title"),
        "latest.number as latest_number",
        "published.number as published_number",
      ])
      .where("entries.owner_id", "=", ownerId)
      .orderBy("entries.updated_at", "desc")
      .orderBy("entries.id", "desc")
      .limit(limit)
      .offset(offset)
      .execute(),
  ]);
  return { total: Number(count.n), rows: rows as OwnEntryRow[] };
}
