import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { DemoEntry, DemoOrganisation } from "./demo-entries.ts";
import { type EntryData, type PublishedColumns, publishedColumns } from "./entry-fields.ts";

/**
 * The rows `seedDemoEntries` writes: organisations, their owner accounts, and entries with their
 * first revision. Each batch is ONE statement whose only parameter is a JSON array
 * (`jsonb_to_recordset`), so parsing stays cheap and no engine hits the 65,535-parameter limit.
 */

export type Db = Kysely<Database> | Transaction<Database>;

const ORGANISATION_BATCH = 5_000;
/** The generator's latest start date; no demo timestamp lies after it (plus review time). */
const LATEST_SUBMISSION = Date.UTC(2026, 5, 30);
const DAY = 86_400_000;

export interface SavedOrganisation {
  id: string;
  name: string;
  stakeholderType: string;
  countryCode: string | null;
}

/** Inserts the organisations that are not there yet (by name_key) and returns all of them by key. */
export async function saveOrganisations(
  db: Db,
  organisations: DemoOrganisation[],
  countryRegions: ReadonlyMap<string, string | null>,
  stakeholderTypes: ReadonlySet<string>,
): Promise<Map<string, SavedOrganisation>> {
  const saved = new Map<string, SavedOrganisation>();
  for (let start = 0; start < organisations.length; start += ORGANISATION_BATCH) {
    const slice = organisations.slice(start, start + ORGANISATION_BATCH).map((org) => ({
      name: org.name,
      name_key: org.key,
      // Admins may have edited the reference lists since the generator was written.
      stakeholder_type: stakeholderTypes.has(org.stakeholderType) ? org.stakeholderType : "other",
      country_code: countryRegions.has(org.countryCode) ? org.countryCode : null,
    }));
    const json = JSON.stringify(slice);
    await sql`
      insert into organisations (name, name_key, stakeholder_type, country_code)
      select name, name_key, stakeholder_type, country_code
      from jsonb_to_recordset(${json}::jsonb)
        as x(name text, name_key text, stakeholder_type text, country_code text)
      on conflict (name_key) do nothing
    `.execute(db);
    const keys = JSON.stringify(slice.map((org) => org.name_key));
    const rows = await sql<{
      id: string;
      name: string;
      name_key: string;
      stakeholder_type: string;
      country_code: string | null;
    }>`
      select id, name, name_key, stakeholder_type, country_code from organisations
      where name_key in (select jsonb_array_elements_text(${keys}::jsonb))
    `.execute(db);
    for (const row of rows.rows) {
      saved.set(row.name_key, {
        id: row.id,
        name: row.name,
        stakeholderType: row.stakeholder_type,
        countryCode: row.country_code,
      });
    }
  }
  return saved;
}

/** One owner account per organisation, `demo-owner-<organisation id>@example.org`, created on first use. */
export async function ensureOwners(
  trx: Db,
  wanted: Array<{ organisation: SavedOrganisation; name: string }>,
  passwordHash: string,
  owners: Map<string, string>,
): Promise<void> {
  if (wanted.length === 0) return;
  const rows = wanted.map(({ organisation, name }) => ({
    email: `demo-owner-${organisation.id}@example.org`,
    name,
    organisation_id: organisation.id,
    stakeholder_type: organisation.stakeholderType,
    country_code: organisation.countryCode,
  }));
  await sql`
    insert into users (email, name, password_hash, role, organisation_id, stakeholder_type, country_code, email_verified_at)
    select email, name, ${passwordHash}, 'user', organisation_id, stakeholder_type, country_code, now()
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as x(email text, name text, organisation_id bigint, stakeholder_type text, country_code text)
    on conflict do nothing
  `.execute(trx);
  const found = await sql<{ id: string; organisation_id: string }>`
    select id, organisation_id from users
    where lower(email) in (select lower(jsonb_array_elements_text(${JSON.stringify(rows.map((r) => r.email))}::jsonb)))
  `.execute(trx);
  for (const row of found.rows) owners.set(row.organisation_id, row.id);
}

/** One row of a batch's JSON parameter; the column names are those of `insertEntryBatch`'s recordset. */
export interface EntryRecord extends PublishedColumns {
  entry_id: string;
  revision_id: string;
  owner_id: string;
  created_at: string;
  submitted_at: string;
  published_at: string;
  data: EntryData;
}

/** The revision content, exactly as a submitter would have saved it. */
export function demoEntryData(entry: DemoEntry, organisationName: string): EntryData {
  return {
    title: entry.title,
    description: entry.description,
    language: entry.language,
    organisationName,
    stakeholderType: entry.stakeholderType,
    coverage: entry.coverage,
    countries: entry.countries,
    actionLines: entry.actionLines,
    sdgs: entry.sdgs,
    targetGroups: entry.targetGroups,
    projectStatus: entry.projectStatus,
    startDate: entry.startDate,
    endDate: entry.endDate,
    website: entry.website,
    contactName: entry.contactName,
    contactEmail: entry.contactEmail,
  };
}

/** Submission somewhere in the generator's submission year, publication a few days to weeks later. */
function timestamps(
  year: number,
  rnd: () => number,
): { created: string; submitted: string; published: string } {
  const from = Date.UTC(year, 0, 1);
  const to = Math.max(from + DAY, Math.min(Date.UTC(year + 1, 0, 1), LATEST_SUBMISSION));
  const submitted = from + Math.floor(rnd() * (to - from));
  const created = submitted - Math.floor(rnd() * 30 * DAY);
  const published = submitted + DAY + Math.floor(rnd() * 44 * DAY);
  const iso = (ms: number) => new Date(ms).toISOString();
  return { created: iso(created), submitted: iso(submitted), published: iso(published) };
}

/** One entry of a batch, its content and search columns ready for `insertEntryBatch`. */
export function demoEntryRecord(
  entry: DemoEntry,
  organisation: SavedOrganisation,
  ownerId: string,
  ids: { entry: string; revision: string },
  countryRegions: ReadonlyMap<string, string | null>,
  rnd: () => number,
): EntryRecord {
  const data = demoEntryData(entry, organisation.name);
  const time = timestamps(entry.submittedYear, rnd);
  return {
    entry_id: ids.entry,
    revision_id: ids.revision,
    owner_id: ownerId,
    ...publishedColumns(data, countryRegions),
    created_at: time.created,
    submitted_at: time.submitted,
    published_at: time.published,
    data,
  };
}

/**
 * Ids are drawn from the identity sequences before a batch is sent, in generation order, so
 * batches may run side by side and a seed still gives the same ids on an empty database.
 */
export async function allocateIds(
  db: Db,
  count: number,
): Promise<{ entries: string[]; revisions: string[] }> {
  const result = await sql<{ entry_id: string; revision_id: string }>`
    select nextval(pg_get_serial_sequence('entries', 'id')) as entry_id,
      nextval(pg_get_serial_sequence('entry_revisions', 'id')) as revision_id
    from generate_series(1, ${count}::int)
  `.execute(db);
  const ascending = (a: string, b: string) => Number(a) - Number(b);
  return {
    entries: result.rows.map((row) => row.entry_id).sort(ascending),
    revisions: result.rows.map((row) => row.revision_id).sort(ascending),
  };
}

/**
 * The entry and its revision are inserted in the same statement because they point at each other
 * (foreign keys are checked at the end of the statement).
 */
export async function insertEntryBatch(trx: Db, records: EntryRecord[]): Promise<void> {
  await sql`
    with r as materialized (
      select * from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as x(
        entry_id bigint, revision_id bigint, owner_id bigint, title text, description text, organisation_name text, stakeholder_type text,
        coverage text, countries text[], regions text[], action_lines text[], sdgs int[],
        target_groups text[], project_status text, start_year int, language text, translations text,
        search_vector tsvector, created_at timestamptz, submitted_at timestamptz, published_at timestamptz, data jsonb)
    ),
    inserted_entries as (
      insert into entries (
        id, owner_id, state, latest_revision_id, published_revision_id, created_at, updated_at,
        submitted_at, published_at, title, description, organisation_name, stakeholder_type, coverage,
        countries, regions, action_lines, sdgs, target_groups, project_status, start_year, language,
        translations, search_vector)
      overriding system value
      select entry_id, owner_id, 'published', revision_id, revision_id, created_at, published_at,
        submitted_at, published_at, title, description, organisation_name, stakeholder_type, coverage,
        countries, regions, action_lines, sdgs, target_groups, project_status, start_year, language,
        translations::jsonb, search_vector
      from r
    ),
    inserted_revisions as (
      insert into entry_revisions (id, entry_id, number, author_id, data, created_at)
      overriding system value
      select revision_id, entry_id, 1, owner_id, data, submitted_at from r
    )
    select count(*) from r
  `.execute(trx);
}
