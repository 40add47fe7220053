import type { Kysely } from "kysely";
import type { Database, EntryState } from "../../db/schema.ts";
import { type EntryData, publishedColumns } from "./entry-fields.ts";

let sequence = 0;

/** Entry content for search tests; every field a filter looks at can be overridden. */
export function searchEntryData(overrides: Partial<EntryData> = {}): EntryData {
  sequence += 1;
  return {
    title: `Search fixture ${sequence}`,
    description: "A project used by the search tests, with enough words to be a description.",
    language: "en",
    organisationName: "Fixture Organisation",
    stakeholderType: "civil_society",
    coverage: "national",
    countries: ["KE"],
    actionLines: ["C4"],
    sdgs: [4],
    targetGroups: ["youth"],
    projectStatus: "ongoing",
    startDate: "2020-01-01",
    endDate: null,
    website: null,
    contactName: null,
    contactEmail: null,
    ...overrides,
  };
}

/**
 * Writes an entry straight into the tables, bypassing the workflow, so a test controls every
 * column (publication time included). `state: "published"` links a published revision; any other
 * state leaves `published_revision_id` empty but still fills the search columns, so a search that
 * forgot the publication check would show it.
 */
export async function insertSearchEntry(
  db: Kysely<Database>,
  ownerId: string,
  data: EntryData,
  options: { state?: EntryState; publishedAt?: Date } = {},
): Promise<string> {
  const state = options.state ?? "published";
  const countries = await db.selectFrom("countries").select(["code", "region_code"]).execute();
  const columns = publishedColumns(data, new Map(countries.map((row) => [row.code, row.region_code])));
  return db.transaction().execute(async (trx) => {
    const entry = await trx
      .insertInto("entries")
      .values({
        owner_id: ownerId,
        state,
        ...columns,
        published_at: state === "published" ? (options.publishedAt ?? new Date()) : null,
      } as never)
      .returning("id")
      .executeTakeFirstOrThrow();
    const revision = await trx
      .insertInto("entry_revisions")
      .values({ entry_id: entry.id, number: 1, author_id: ownerId, data: JSON.stringify(data) })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("entries")
      .set({
        latest_revision_id: revision.id,
        published_revision_id: state === "published" ? revision.id : null,
      })
      .where("id", "=", entry.id)
      .execute();
    return entry.id;
  });
}
