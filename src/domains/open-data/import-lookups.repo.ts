import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";
import { toEntryDraft } from "../stocktaking/entry-fields.ts";
import type { TargetEntry } from "./import-rows.ts";

/**
 * What the dry run looks up for a batch of rows, each in one statement with one JSON parameter:
 * the entries a source's ids became, the entries rows update, the owners' accounts.
 */

type Db = Kysely<Database> | Transaction<Database>;

/** external id → entry id, for those of `externalIds` this source already imported. */
export async function findMappedIds(
  db: Db,
  source: string,
  externalIds: string[],
): Promise<Map<string, string>> {
  if (externalIds.length === 0) return new Map();
  const rows = await sql<{ external_id: string; entry_id: string }>`
    select external_id, entry_id from import_external_ids
    where source = ${source} and external_id in (select jsonb_array_elements_text(${JSON.stringify(externalIds)}::jsonb))
  `.execute(db);
  return new Map(rows.rows.map((row) => [row.external_id, row.entry_id]));
}

/** The entries rows may update, with their latest revision's content. */
export async function findTargetEntries(db: Db, ids: string[]): Promise<Map<string, TargetEntry>> {
  if (ids.length === 0) return new Map();
  const rows = await sql<{
    id: string;
    state: string;
    owner_id: string;
    latest_revision_id: string;
    published_revision_id: string | null;
    data: unknown;
  }>`
    select e.id, e.state, e.owner_id, e.latest_revision_id, e.published_revision_id, v.data
    from entries e join entry_revisions v on v.id = e.latest_revision_id
    where e.id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::bigint)
  `.execute(db);
  return new Map(
    rows.rows.map((row) => [
      row.id,
      {
        id: row.id,
        state: row.state,
        ownerId: row.owner_id,
        latestRevisionId: row.latest_revision_id,
        publishedRevisionId: row.published_revision_id,
        latest: toEntryDraft(typeof row.data === "string" ? JSON.parse(row.data) : row.data),
      },
    ]),
  );
}

/** lower-cased email → user id, for the addresses that have an account. */
export async function findUsersByEmail(db: Db, emails: string[]): Promise<Map<string, string>> {
  if (emails.length === 0) return new Map();
  const rows = await sql<{ id: string; email: string }>`
    select id, lower(email) as email from users
    where lower(email) in (select jsonb_array_elements_text(${JSON.stringify(emails)}::jsonb))
  `.execute(db);
  return new Map(rows.rows.map((row) => [row.email, row.id]));
}
