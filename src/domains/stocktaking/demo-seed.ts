import { type Kysely, sql } from "kysely";
import type { Database, Role } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { hashPassword } from "../../platform/auth/passwords.ts";
import { randomToken } from "../../platform/crypto.ts";
import { createRandom, type DemoEntry, generateDemoEntries, makeDemoOrganisations } from "./demo-entries.ts";
import {
  allocateIds,
  type Db,
  demoEntryRecord,
  ensureOwners,
  insertEntryBatch,
  type SavedOrganisation,
  saveOrganisations,
} from "./demo-seed-rows.ts";

/**
 * Bulk loading of demo entries (`npm run wsis -- seed`, and the demo set on an empty database).
 *
 * Like `taxonomy.seed.ts`, this is a loader rather than a domain operation, so its SQL lives here
 * and in `demo-seed-rows.ts`: it bypasses the entry service on purpose (no per-entry validation,
 * moderation or audit rows) to load a million entries in minutes.
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
/** About fifteen entries per organisation, each organisation with one owner account. */
const ENTRIES_PER_ORGANISATION = 15;

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
    const records = batch.map((entry, index) => {
      const organisation = organisations.get(entry.organisationKey) as SavedOrganisation;
      const entryIds = { entry: ids.entries[index] as string, revision: ids.revisions[index] as string };
      return demoEntryRecord(
        entry,
        organisation,
        owners.get(organisation.id) as string,
        entryIds,
        countryRegions,
        rnd,
      );
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
