import { type Kysely, sql, type Transaction } from "kysely";
import type { Database, LocalisedNames } from "../../db/schema.ts";

export interface ActionLineRow {
  code: string;
  names: LocalisedNames;
  facilitator: string;
  group_code: string | null;
  description: string;
  sort_order: number;
}
export interface SdgRow {
  number: number;
  names: LocalisedNames;
  colour: string;
}
export interface CodeListRow {
  code: string;
  names: LocalisedNames;
  sort_order: number;
}
export interface CountryRow {
  code: string;
  region_code: string | null;
}
export interface MatrixLinkRow {
  action_line_code: string;
  sdg_number: number;
  rationale: string;
}

/** All reference data in display order; a few hundred rows, read in one round of queries. */
export interface ReferenceData {
  actionLines: ActionLineRow[];
  sdgs: SdgRow[];
  matrix: MatrixLinkRow[];
  regions: CodeListRow[];
  countries: CountryRow[];
  stakeholderTypes: CodeListRow[];
  targetGroups: CodeListRow[];
}

interface CachedReference {
  version: string;
  data: ReferenceData;
}
const cache = new WeakMap<Kysely<Database>, CachedReference>();

/**
 * All reference data, cached per database handle and checked against `reference_version` (one
 * indexed row) on every call, so an edit by any instance is seen by the next read. The data is
 * frozen: callers share it.
 */
export async function loadReferenceData(db: Kysely<Database>): Promise<ReferenceData> {
  const row = await db.selectFrom("reference_version").select("version").executeTakeFirst();
  const version = String(row?.version ?? "");
  const cached = cache.get(db);
  if (cached && cached.version === version) return cached.data;
  // Read after the version: if an edit lands in between, the data is newer than the version it is
  // stored under, and the next call reloads.
  const data = deepFreeze(await readReferenceData(db));
  cache.set(db, { version, data });
  return data;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

async function readReferenceData(db: Kysely<Database>): Promise<ReferenceData> {
  const [actionLines, sdgs, matrix, regions, countries, stakeholderTypes, targetGroups] = await Promise.all([
    db.selectFrom("action_lines").selectAll().orderBy("sort_order").orderBy("code").execute(),
    db.selectFrom("sdgs").selectAll().orderBy("number").execute(),
    db.selectFrom("action_line_sdgs").selectAll().orderBy("action_line_code").orderBy("sdg_number").execute(),
    db.selectFrom("regions").selectAll().orderBy("sort_order").execute(),
    db.selectFrom("countries").selectAll().orderBy("code").execute(),
    db.selectFrom("stakeholder_types").selectAll().orderBy("sort_order").execute(),
    db.selectFrom("target_groups").selectAll().orderBy("sort_order").execute(),
  ]);
  return { actionLines, sdgs, matrix, regions, countries, stakeholderTypes, targetGroups };
}

type Db = Kysely<Database> | Transaction<Database>;

/** The two code lists admins may grow and shrink; both share one table shape. */
export type CodeListName = "stakeholder_types" | "target_groups";

// Edits read the row `for update` first, so two admins editing different languages of the same
// names never overwrite each other's half.

export async function findActionLine(db: Db, code: string, lock = false): Promise<ActionLineRow | undefined> {
  const query = db.selectFrom("action_lines").selectAll().where("code", "=", code);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

export async function updateActionLine(
  trx: Transaction<Database>,
  code: string,
  values: { names: LocalisedNames; facilitator: string; description: string },
): Promise<void> {
  await trx
    .updateTable("action_lines")
    .set({
      names: JSON.stringify(values.names),
      facilitator: values.facilitator,
      description: values.description,
    })
    .where("code", "=", code)
    .execute();
}

export async function findSdg(db: Db, number: number, lock = false): Promise<SdgRow | undefined> {
  const query = db.selectFrom("sdgs").selectAll().where("number", "=", number);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

export async function updateSdg(
  trx: Transaction<Database>,
  number: number,
  values: { names: LocalisedNames; colour: string },
): Promise<void> {
  await trx
    .updateTable("sdgs")
    .set({ names: JSON.stringify(values.names), colour: values.colour })
    .where("number", "=", number)
    .execute();
}

export async function findMatrixLink(
  db: Db,
  actionLineCode: string,
  sdgNumber: number,
  lock = false,
): Promise<MatrixLinkRow | undefined> {
  const query = db
    .selectFrom("action_line_sdgs")
    .selectAll()
    .where("action_line_code", "=", actionLineCode)
    .where("sdg_number", "=", sdgNumber);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

/** False when the link exists already (a concurrent add wins, nothing fails). */
export async function insertMatrixLink(trx: Transaction<Database>, link: MatrixLinkRow): Promise<boolean> {
  const inserted = await trx
    .insertInto("action_line_sdgs")
    .values(link)
    .onConflict((oc) => oc.columns(["action_line_code", "sdg_number"]).doNothing())
    .returning("sdg_number")
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function updateMatrixRationale(
  trx: Transaction<Database>,
  actionLineCode: string,
  sdgNumber: number,
  rationale: string,
): Promise<void> {
  await trx
    .updateTable("action_line_sdgs")
    .set({ rationale })
    .where("action_line_code", "=", actionLineCode)
    .where("sdg_number", "=", sdgNumber)
    .execute();
}

export async function deleteMatrixLink(
  trx: Transaction<Database>,
  actionLineCode: string,
  sdgNumber: number,
): Promise<void> {
  await trx
    .deleteFrom("action_line_sdgs")
    .where("action_line_code", "=", actionLineCode)
    .where("sdg_number", "=", sdgNumber)
    .execute();
}

export async function findRegion(db: Db, code: string, lock = false): Promise<CodeListRow | undefined> {
  const query = db.selectFrom("regions").selectAll().where("code", "=", code);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

export async function updateRegionNames(
  trx: Transaction<Database>,
  code: string,
  names: LocalisedNames,
): Promise<void> {
  await trx
    .updateTable("regions")
    .set({ names: JSON.stringify(names) })
    .where("code", "=", code)
    .execute();
}

export async function findCountry(db: Db, code: string, lock = false): Promise<CountryRow | undefined> {
  const query = db.selectFrom("countries").selectAll().where("code", "=", code);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

export async function setCountryRegion(
  trx: Transaction<Database>,
  code: string,
  regionCode: string,
): Promise<void> {
  await trx.updateTable("countries").set({ region_code: regionCode }).where("code", "=", code).execute();
}

/**
 * Entries keep the regions derived from their countries (see `publishedColumns`) so search can
 * filter by region with an index; after a mapping change the affected entries are derived again,
 * sorted the same way. Returns how many entries changed.
 */
export async function rederiveEntryRegions(trx: Transaction<Database>, countryCode: string): Promise<number> {
  const result = await sql`
    update entries set regions = array(
      select distinct c.region_code collate "C" from countries c
      where c.code::text = any(entries.countries) and c.region_code is not null
      order by 1
    )
    where countries @> array[${countryCode}]::text[]
  `.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}

export async function findCodeListItem(
  db: Db,
  list: CodeListName,
  code: string,
  lock = false,
): Promise<CodeListRow | undefined> {
  const query = db.selectFrom(list).selectAll().where("code", "=", code);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

/** Appends at the end of the list's display order; null when the code exists already. */
export async function insertCodeListItem(
  trx: Transaction<Database>,
  list: CodeListName,
  item: { code: string; names: LocalisedNames },
): Promise<CodeListRow | null> {
  const last = await trx
    .selectFrom(list)
    .select((eb) => eb.fn.max("sort_order").as("max"))
    .executeTakeFirst();
  const row = { code: item.code, names: item.names, sort_order: Number(last?.max ?? 0) + 1 };
  const inserted = await trx
    .insertInto(list)
    .values({ ...row, names: JSON.stringify(item.names) })
    .onConflict((oc) => oc.column("code").doNothing())
    .returning("code")
    .executeTakeFirst();
  return inserted ? row : null;
}

export async function updateCodeListNames(
  trx: Transaction<Database>,
  list: CodeListName,
  code: string,
  names: LocalisedNames,
): Promise<void> {
  await trx
    .updateTable(list)
    .set({ names: JSON.stringify(names) })
    .where("code", "=", code)
    .execute();
}

export async function deleteCodeListItem(
  trx: Transaction<Database>,
  list: CodeListName,
  code: string,
): Promise<void> {
  await trx.deleteFrom(list).where("code", "=", code).execute();
}

/**
 * Whether anything still refers to the code: accounts, organisations, entries and any revision
 * (drafts and history live only in `entry_revisions.data`). Entries hold codes without foreign
 * keys, so this check is what keeps them resolvable.
 */
export async function isCodeInUse(
  trx: Transaction<Database>,
  list: CodeListName,
  code: string,
): Promise<boolean> {
  const query =
    list === "stakeholder_types"
      ? sql<{ used: boolean }>`select (
          exists (select 1 from users where stakeholder_type = ${code})
          or exists (select 1 from organisations where stakeholder_type = ${code})
          or exists (select 1 from entries where stakeholder_type = ${code})
          or exists (select 1 from entry_revisions where data ->> 'stakeholderType' = ${code})
        ) as used`
      : sql<{ used: boolean }>`select (
          exists (select 1 from entries where target_groups @> array[${code}]::text[])
          or exists (select 1 from entry_revisions where data -> 'targetGroups' @> jsonb_build_array(${code}::text))
        ) as used`;
  const result = await query.execute(trx);
  return result.rows[0]?.used === true;
}
