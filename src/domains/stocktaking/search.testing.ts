import type { Kysely, Transaction } from "kysely";
import { expect } from "vitest";
import type { App } from "../../app.ts";
import type { Database, EntryState } from "../../db/schema.ts";
import { entryData } from "../../testing/entry-factory.ts";
import { makeUser } from "../../testing/factories.ts";
import { seedDemoEntries } from "./demo-seed.ts";
import { type EntryData, publishedColumns } from "./entry-fields.ts";
import { FACETS, type FacetName } from "./search.params.ts";

let sequence = 0;

/** Entry content for search tests; every field a filter looks at can be overridden. */
export function searchEntryData(overrides: Partial<EntryData> = {}): EntryData {
  sequence += 1;
  return entryData({
    title: `Search fixture ${sequence}`,
    description: "A project used by the search tests, with enough words to be a description.",
    organisationName: "Fixture Organisation",
    startDate: "2020-01-01",
    website: null,
    contactName: null,
    contactEmail: null,
    ...overrides,
  });
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
  const countries = await db.selectFrom("countries").select(["code", "region_code"]).execute();
  const regions = new Map(countries.map((row) => [row.code, row.region_code]));
  return db.transaction().execute((trx) => insertSearchEntryIn(trx, ownerId, data, regions, options));
}

/** `insertSearchEntry` inside a transaction the caller holds (e.g. one it keeps open on purpose). */
export async function insertSearchEntryIn(
  trx: Transaction<Database>,
  ownerId: string,
  data: EntryData,
  countryRegions: ReadonlyMap<string, string | null>,
  options: { state?: EntryState; publishedAt?: Date } = {},
): Promise<string> {
  const state = options.state ?? "published";
  const entry = await trx
    .insertInto("entries")
    .values({
      owner_id: ownerId,
      state,
      ...publishedColumns(data, countryRegions),
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
}

/** A published entry's search columns, read straight from the table as the reference data. */
export interface PublishedRow {
  id: string;
  title: string;
  action_lines: string[];
  sdgs: number[];
  regions: string[];
  countries: string[];
  target_groups: string[];
  stakeholder_type: string | null;
  project_status: string | null;
  coverage: string | null;
  start_year: number | null;
  published_at: Date;
}

export interface FacetJson {
  value: string;
  label: string;
  count: number;
  selected: boolean;
}
export interface SearchJson {
  total: number;
  page: number;
  pageSize: number;
  items: Array<{
    id: string;
    title: string;
    url: string;
    actionLines: Array<{ code: string; name: string }>;
  }>;
  facets: Record<FacetName, FacetJson[]>;
}

export type FacetFilters = Partial<Record<FacetName, string[]>>;

/**
 * 150 demo entries plus hand-made ones the tests find by name: `mangrove` (every facet set,
 * distinctive words), three zebrafish entries with known publication days for ordering, and one
 * entry in each unpublished state that must never be found. Returns every published row.
 */
export async function seedSearchFixtures(
  db: Kysely<Database>,
): Promise<{ published: PublishedRow[]; ids: Record<string, string> }> {
  const ids: Record<string, string> = {};
  const owner = await makeUser(db);
  await seedDemoEntries(db, { count: 150, seed: 42 });
  const day = (n: number) => new Date(Date.UTC(2026, 7, n));
  ids.mangrove = await insertSearchEntry(
    db,
    owner.id,
    searchEntryData({
      title: "Mangrove telemetry for coastal villages",
      organisationName: "Kelp Institute",
      description: "Bioacoustic sensors report the health of mangrove forests to fishing cooperatives.",
      actionLines: ["C7-eenv", "C2"],
      sdgs: [13, 14],
      countries: ["SN", "GM"],
      targetGroups: ["rural_remote"],
      projectStatus: "planned",
      startDate: "2026-02-01",
    }),
    { publishedAt: day(1) },
  );
  ids.zebraB = await insertSearchEntry(
    db,
    owner.id,
    searchEntryData({
      title: "beta zebrafish registry",
      description: "Zebrafish zebrafish research data shared openly.",
    }),
    { publishedAt: day(3) },
  );
  ids.zebraA = await insertSearchEntry(
    db,
    owner.id,
    searchEntryData({ title: "Alpha zebrafish atlas", description: "An atlas for laboratories." }),
    { publishedAt: day(2) },
  );
  ids.zebraC = await insertSearchEntry(
    db,
    owner.id,
    searchEntryData({
      title: "Gamma laboratory network",
      description: "A network that mentions zebrafish once, in its description only.",
    }),
    { publishedAt: day(4) },
  );
  const secret = searchEntryData({
    title: "Quokkasecret unpublished project",
    description: "Quokkasecret must never be found by a visitor.",
    actionLines: ["C11"],
    sdgs: [17],
    countries: ["AU"],
  });
  for (const state of ["draft", "submitted", "returned", "rejected"] as const)
    ids[state] = await insertSearchEntry(db, owner.id, secret, { state });

  const published = (await db
    .selectFrom("entries")
    .select([
      "id",
      "title",
      "action_lines",
      "sdgs",
      "regions",
      "countries",
      "target_groups",
      "stakeholder_type",
      "project_status",
      "coverage",
      "start_year",
      "published_at",
    ])
    .where("published_revision_id", "is not", null)
    .execute()) as PublishedRow[];
  return { published, ids };
}

/** A row's values for a facet, as query-parameter strings. */
export function valuesOf(row: PublishedRow, facet: FacetName): string[] {
  switch (facet) {
    case "actionLine":
      return row.action_lines;
    case "sdg":
      return row.sdgs.map(String);
    case "region":
      return row.regions;
    case "country":
      return row.countries;
    case "targetGroup":
      return row.target_groups;
    case "stakeholderType":
      return row.stakeholder_type ? [row.stakeholder_type] : [];
    case "status":
      return row.project_status ? [row.project_status] : [];
    case "coverage":
      return row.coverage ? [row.coverage] : [];
    case "year":
      return row.start_year === null ? [] : [String(row.start_year)];
  }
}

export function matches(row: PublishedRow, filters: FacetFilters, exclude?: FacetName): boolean {
  return FACETS.every((facet) => {
    const wanted = filters[facet];
    if (facet === exclude || !wanted || wanted.length === 0) return true;
    const have = valuesOf(row, facet);
    return wanted.some((value) => have.includes(value));
  });
}

/** The reference answer: counts computed in plain JavaScript over the same published rows. */
function bruteForceCounts(
  rows: PublishedRow[],
  filters: FacetFilters,
  facet: FacetName,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    if (!matches(row, filters, facet)) continue;
    for (const value of valuesOf(row, facet)) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}

export function queryString(filters: FacetFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(extra);
  for (const facet of FACETS) for (const value of filters[facet] ?? []) params.append(facet, value);
  return params.toString();
}

export async function api(app: App, query: string) {
  return app.inject({ method: "GET", url: `/api/v1/entries?${query}` });
}

export async function search(app: App, query: string): Promise<SearchJson> {
  const response = await api(app, query);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as SearchJson;
}

/** Every id a search returns, over all its pages. */
export async function allIds(
  app: App,
  filters: FacetFilters,
  extra: Record<string, string> = {},
): Promise<string[]> {
  const out: string[] = [];
  for (let page = 1; ; page++) {
    const body = await search(app, queryString(filters, { ...extra, pageSize: "100", page: String(page) }));
    out.push(...body.items.map((item) => item.id));
    if (out.length >= body.total || body.items.length === 0) return out;
  }
}

export function expectFacetsMatch(body: SearchJson, rows: PublishedRow[], filters: FacetFilters): void {
  for (const facet of FACETS) {
    const expected = bruteForceCounts(rows, filters, facet);
    const got = new Map(body.facets[facet].map((value) => [value.value, value.count]));
    for (const [value, count] of expected)
      expect({ facet, value, count: got.get(value) }).toEqual({ facet, value, count });
    for (const [value, count] of got)
      expect({ facet, value, count }).toEqual({ facet, value, count: expected.get(value) ?? 0 });
  }
}
