import { type Kysely, sql, type Transaction } from "kysely";
import type { Database, Role } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { hashPassword } from "../../platform/auth/passwords.ts";
import { randomToken } from "../../platform/crypto.ts";
import {
  createRandom,
  type DemoEntry,
  type DemoOrganisation,
  generateDemoEntries,
  makeDemoOrganisations,
} from "./demo-entries.ts";
import { type EntryData, publishedColumns } from "./entry-fields.ts";

/**
 * Bulk loading of demo entries (`npm run wsis -- seed`, and the demo set on an empty database).
 *
 * Like `taxonomy.seed.ts`, this is a loader rather than a domain operation, so its SQL lives here:
 * it bypasses the entry service on purpose (no per-entry validation, moderation or audit rows) to
 * load a million entries in minutes. Each batch is ONE statement whose only parameter is a JSON
 * array (`jsonb_to_recordset`), so parsing stays cheap and no engine hits the 65,535-parameter
 * limit; the entry and its revision are inserted together in that statement because they point at
 * each other (foreign keys are checked at the end of the statement).
 */

export interface SeedDemoOptions {
  count: number;
  seed: number;
  onProgress?: (done: number) => void;
  /** Entries per statement; larger batches are faster until the JSON parameter gets unwieldy. */
  batchSize?: number;
  /** Batches in flight at once. */
  parallel?: number;
}

const DEFAULT_BATCH = 2_000;
const ORGANISATION_BATCH = 5_000;
/** About fifteen entries per organisation, each organisation with one owner account. */
const ENTRIES_PER_ORGANISATION = 15;
/** The generator's latest start date; no demo timestamp lies after it (plus review time). */
const LATEST_SUBMISSION = Date.UTC(2026, 5, 30);
const DAY = 86_400_000;

type Db = Kysely<Database> | Transaction<Database>;

/** How many organisations back `count` entries; a prefix of the same seed's list, so re-runs reuse them. */
export function demoOrganisationCount(count: number): number {
  return Math.min(100_000, Math.max(8, Math.ceil(count / ENTRIES_PER_ORGANISATION)));
}

/**
 * The generator seed for a run. A first run uses `seed` itself, so the same seed and count always
 * give the same entries; later runs mix in the number of entries already there, so running the
 * command again adds different entries instead of copies.
 */
export function demoRunSeed(seed: number, existingEntries: number): number {
  if (existingEntries === 0) return seed;
  return (Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) + Math.imul(existingEntries, 0x85ebca6b)) >>> 0;
}

interface SavedOrganisation {
  id: string;
  name: string;
  stakeholderType: string;
  countryCode: string | null;
}

async function countEntries(db: Db): Promise<number> {
  const row = await db
    .selectFrom("entries")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

async function loadCountryRegions(db: Db): Promise<Map<string, string | null>> {
  const rows = await db.selectFrom("countries").select(["code", "region_code"]).execute();
  return new Map(rows.map((row) => [row.code, row.region_code]));
}

async function loadStakeholderTypes(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom("stakeholder_types").select("code").execute();
  return new Set(rows.map((row) => row.code));
}

/** Inserts the organisations that are not there yet (by name_key) and returns all of them by key. */
async function saveOrganisations(
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
async function ensureOwners(
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

interface EntryRecord {
  entry_id: string;
  revision_id: string;
  owner_id: string;
  title: string;
  description: string;
  organisation_name: string;
  stakeholder_type: string;
  coverage: string;
  countries: string[];
  regions: string[];
  action_lines: string[];
  sdgs: number[];
  target_groups: string[];
  project_status: string;
  start_year: number | null;
  language: string;
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

/**
 * Ids are drawn from the identity sequences before a batch is sent, in generation order, so
 * batches may run side by side and a seed still gives the same ids on an empty database.
 */
async function allocateIds(db: Db, count: number): Promise<{ entries: string[]; revisions: string[] }> {
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

async function insertEntryBatch(trx: Db, records: EntryRecord[]): Promise<void> {
  await sql`
    with r as materialized (
      select * from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as x(
        entry_id bigint, revision_id bigint, owner_id bigint, title text, description text, organisation_name text, stakeholder_type text,
        coverage text, countries text[], regions text[], action_lines text[], sdgs int[],
        target_groups text[], project_status text, start_year int, language text,
        created_at timestamptz, submitted_at timestamptz, published_at timestamptz, data jsonb)
    ),
    inserted_entries as (
      insert into entries (
        id, owner_id, state, latest_revision_id, published_revision_id, created_at, updated_at,
        submitted_at, published_at, title, description, organisation_name, stakeholder_type, coverage,
        countries, regions, action_lines, sdgs, target_groups, project_status, start_year, language)
      overriding system value
      select entry_id, owner_id, 'published', revision_id, revision_id, created_at, published_at,
        submitted_at, published_at, title, description, organisation_name, stakeholder_type, coverage,
        countries, regions, action_lines, sdgs, target_groups, project_status, start_year, language
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

/**
 * Adds `count` realistic published entries, each with one revision, its organisation and an owner
 * account nobody can sign in to (the shared password hash is of a secret that is thrown away).
 * Deterministic for a given seed on an empty database; running it again adds more entries.
 */
export async function seedDemoEntries(db: Kysely<Database>, options: SeedDemoOptions): Promise<void> {
  const { count, seed, onProgress } = options;
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH);
  const parallel = Math.max(1, options.parallel ?? 2);
  if (count <= 0) return;
  const [existing, countryRegions, stakeholderTypes, passwordHash] = await Promise.all([
    countEntries(db),
    loadCountryRegions(db),
    loadStakeholderTypes(db),
    hashPassword(randomToken()),
  ]);
  const runSeed = demoRunSeed(seed, existing);
  const demoOrganisations = makeDemoOrganisations(seed, demoOrganisationCount(count));
  const organisations = await saveOrganisations(db, demoOrganisations, countryRegions, stakeholderTypes);
  const owners = new Map<string, string>();
  const rnd = createRandom(runSeed ^ 0x74696d65);

  let done = 0;
  const inFlight = new Set<Promise<void>>();
  let failure: unknown = null;
  // Everything that decides content (owners, ids, timestamps) is settled here, in generation
  // order; only the insert itself runs concurrently with the next batch's preparation.
  const dispatch = async (batch: DemoEntry[]) => {
    const wanted = new Map<string, { organisation: SavedOrganisation; name: string }>();
    for (const entry of batch) {
      const organisation = organisations.get(entry.organisationKey) as SavedOrganisation;
      if (!owners.has(organisation.id) && !wanted.has(organisation.id))
        wanted.set(organisation.id, { organisation, name: entry.contactName });
    }
    await ensureOwners(db, [...wanted.values()], passwordHash, owners);
    const ids = await allocateIds(db, batch.length);
    const records = batch.map((entry, index): EntryRecord => {
      const organisation = organisations.get(entry.organisationKey) as SavedOrganisation;
      const data = demoEntryData(entry, organisation.name);
      const columns = publishedColumns(data, countryRegions);
      const time = timestamps(entry.submittedYear, rnd);
      return {
        entry_id: ids.entries[index] as string,
        revision_id: ids.revisions[index] as string,
        owner_id: owners.get(organisation.id) as string,
        title: data.title,
        description: data.description,
        organisation_name: data.organisationName,
        stakeholder_type: data.stakeholderType,
        coverage: data.coverage,
        countries: data.countries,
        regions: columns.regions as string[],
        action_lines: data.actionLines,
        sdgs: data.sdgs,
        target_groups: data.targetGroups,
        project_status: data.projectStatus,
        start_year: (columns.start_year as number | null | undefined) ?? null,
        language: data.language,
        created_at: time.created,
        submitted_at: time.submitted,
        published_at: time.published,
        data,
      };
    });
    const insert = db
      .transaction()
      .execute((trx) => insertEntryBatch(trx, records))
      .then(
        () => {
          done += records.length;
          onProgress?.(done);
        },
        (error: unknown) => {
          failure ??= error;
        },
      )
      .finally(() => inFlight.delete(insert));
    inFlight.add(insert);
    // On PostgreSQL two batches fill the two cores; PGlite runs them one after the other anyway.
    while (inFlight.size >= parallel) await Promise.race(inFlight);
  };

  let batch: DemoEntry[] = [];
  for (const entry of generateDemoEntries(runSeed, count, demoOrganisations)) {
    batch.push(entry);
    if (batch.length >= batchSize) {
      await dispatch(batch);
      batch = [];
      if (failure) break;
    }
  }
  if (batch.length > 0 && !failure) await dispatch(batch);
  await Promise.all(inFlight);
  if (failure) throw failure;
  await recordAudit(db, {
    actorId: null,
    action: "demo.seed",
    subjectType: "entries",
    subjectId: null,
    after: { count, seed, runSeed },
  });
}

export interface DemoAccount {
  role: Role;
  email: string;
  password: string;
}

const DEMO_ENTRY_COUNT = 300;
const DEMO_SEED = 2026;
const DEMO_ROLES: readonly Role[] = ["admin", "moderator", "user"];
/** Any constant works; it only has to be the same for every instance sharing the database. */
const DEMO_LOCK = 7_301_955_112;

/**
 * On a database without any entry (a first `npm start`), loads ~300 demo entries and creates an
 * admin, a moderator and a user with fresh random passwords, returned once for printing.
 * Instances starting together on one empty database serialise on an advisory lock, so the demo
 * set is loaded once. Returns null when there were entries already.
 */
export async function loadDemoDataIfEmpty(
  db: Kysely<Database>,
): Promise<{ entries: number; accounts: DemoAccount[] } | null> {
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${DEMO_LOCK})`.execute(conn);
    try {
      if ((await countEntries(conn)) > 0) return null;
      const accounts: DemoAccount[] = [];
      for (const role of DEMO_ROLES) {
        const email = `${role}@demo.wsis.example`;
        const password = randomToken(18);
        const row = await conn
          .insertInto("users")
          .values({
            email,
            name: `Demo ${role}`,
            password_hash: await hashPassword(password),
            role,
            email_verified_at: new Date(),
          })
          .onConflict((oc) => oc.doNothing())
          .returning("id")
          .executeTakeFirst();
        // An account kept from an earlier database keeps its password; we cannot show it.
        if (!row) continue;
        accounts.push({ role, email, password });
        await recordAudit(conn, {
          actorId: null,
          action: "user.add",
          subjectType: "user",
          subjectId: row.id,
          after: { email, role, emailVerified: true, demo: true },
        });
      }
      await seedDemoEntries(conn, { count: DEMO_ENTRY_COUNT, seed: DEMO_SEED });
      return { entries: DEMO_ENTRY_COUNT, accounts };
    } finally {
      await sql`select pg_advisory_unlock(${DEMO_LOCK})`.execute(conn);
    }
  });
}
