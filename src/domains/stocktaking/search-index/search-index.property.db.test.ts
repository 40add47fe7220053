import fc from "fast-check";
import type { FastifyBaseLogger } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../../testing/factories.ts";
import { createTestDatabase, type TestDatabase } from "../../../testing/test-database.ts";
import { loadReferenceData, type ReferenceData } from "../../taxonomy/taxonomy.repo.ts";
import { COVERAGES, type EntryData, PROJECT_STATUSES, publishedColumns } from "../entry-fields.ts";
import { FACETS, parseSearchQuery, type RawQuery, type SearchCriteria } from "../search.params.ts";
import { type SearchHits, sqlSearchBackend } from "../search.repo.ts";
import { insertSearchEntry, searchEntryData } from "../search.testing.ts";
import { foldText } from "../search-text.ts";
import { SearchIndexService } from "./search-index.service.ts";

/**
 * The index must give exactly what the plain SQL reference gives: the same result set and every
 * facet count, for random data and random searches, after a full build and after live changes
 * followed through the change feed. Runs on both engines.
 */

const quiet = { info() {}, warn() {}, error() {}, debug() {} } as unknown as FastifyBaseLogger;

// Words with accents, case and scripts, some sharing prefixes, so folding and prefixes are exercised.
const VOCABULARY = [
  "Education",
  "éducation",
  "educación",
  "EDUCATIONAL",
  "health",
  "healthcare",
  "Heal",
  "data",
  "datos",
  "Dátos",
  "mobile",
  "mob",
  "Москва",
  "москвич",
  "京都",
  "京",
  "وزارة",
  "agua",
  "água",
  "Øresund",
];
const SEPARATORS = [" ", " & ", "-", "'", ", ", " | ", ": ", "!", "(", "*", "\\"];

let t: TestDatabase;
let reference: ReferenceData;
let ownerId: string;
let domains: {
  actionLine: string[];
  sdg: number[];
  country: string[];
  stakeholderType: string[];
  targetGroup: string[];
  region: string[];
};

beforeAll(async () => {
  t = await createTestDatabase();
  reference = await loadReferenceData(t.db);
  ownerId = (await makeUser(t.db)).id;
  domains = {
    actionLine: ["C1", "C4", "C7-ehealth", "C7-elearn"],
    sdg: [1, 4, 5],
    country: ["SN", "FR", "JP", "BR", "KE"],
    stakeholderType: reference.stakeholderTypes.slice(0, 3).map((row) => row.code),
    targetGroup: reference.targetGroups.slice(0, 3).map((row) => row.code),
    region: reference.regions.map((row) => row.code),
  };
});
afterAll(async () => t?.destroy());

const words = (min: number, max: number) =>
  fc
    .tuple(
      fc.array(fc.constantFrom(...VOCABULARY), { minLength: min, maxLength: max }),
      fc.constantFrom(...SEPARATORS),
    )
    .map(([list, separator]) => list.join(separator));

const entryArbitrary = () =>
  fc.record({
    title: words(1, 4),
    organisationName: words(1, 2),
    description: words(0, 6),
    actionLines: fc.subarray(domains.actionLine, { minLength: 1 }),
    sdgs: fc.subarray(domains.sdg, { minLength: 1 }),
    countries: fc.subarray(domains.country),
    targetGroups: fc.subarray(domains.targetGroup, { minLength: 1 }),
    stakeholderType: fc.constantFrom(...domains.stakeholderType),
    projectStatus: fc.constantFrom(...PROJECT_STATUSES),
    coverage: fc.constantFrom(...COVERAGES),
    startDate: fc.option(fc.integer({ min: 2018, max: 2022 }).map((year) => `${year}-01-01`)),
    publishedDay: fc.integer({ min: 1, max: 40 }),
  });
type GeneratedEntry = ReturnType<typeof entryArbitrary> extends fc.Arbitrary<infer T> ? T : never;

/** A query's word: a prefix of a vocabulary word, cased or accented differently, or nonsense. */
const termArbitrary = fc.oneof(
  fc
    .tuple(fc.constantFrom(...VOCABULARY), fc.integer({ min: 1, max: 8 }), fc.boolean())
    .map(([word, length, upper]) => {
      const prefix = [...word].slice(0, length).join("");
      return upper ? prefix.toUpperCase() : prefix;
    }),
  fc.string({ minLength: 1, maxLength: 4 }),
);

const queryArbitrary = () =>
  fc.record({
    q: fc.option(
      fc
        .tuple(fc.array(termArbitrary, { minLength: 1, maxLength: 3 }), fc.constantFrom(...SEPARATORS))
        .map(([terms, separator]) => terms.join(separator)),
    ),
    actionLine: fc.subarray(domains.actionLine, { maxLength: 2 }),
    sdg: fc.subarray(domains.sdg.map(String), { maxLength: 2 }),
    region: fc.subarray(domains.region, { maxLength: 2 }),
    country: fc.subarray(domains.country, { maxLength: 2 }),
    stakeholderType: fc.subarray(domains.stakeholderType, { maxLength: 2 }),
    targetGroup: fc.subarray(domains.targetGroup, { maxLength: 1 }),
    status: fc.subarray([...PROJECT_STATUSES], { maxLength: 2 }),
    coverage: fc.subarray([...COVERAGES], { maxLength: 2 }),
    year: fc.subarray(["2018", "2019", "2020", "2021", "2022"], { maxLength: 2 }),
    yearFrom: fc.option(fc.integer({ min: 2017, max: 2023 }).map(String)),
    yearTo: fc.option(fc.integer({ min: 2017, max: 2023 }).map(String)),
    sort: fc.constantFrom("relevance", "newest", "title"),
  });

function toCriteria(raw: RawQuery): SearchCriteria | null {
  try {
    return parseSearchQuery({ ...raw, pageSize: "100" }, reference);
  } catch {
    return null; // e.g. yearTo before yearFrom: refused before any search, by both backends alike
  }
}

function toEntryData(generated: GeneratedEntry): EntryData {
  const { publishedDay: _day, ...fields } = generated;
  return searchEntryData({ ...fields, endDate: null });
}

async function insert(generated: GeneratedEntry): Promise<string> {
  return insertSearchEntry(t.db, ownerId, toEntryData(generated), {
    publishedAt: new Date(Date.UTC(2024, 0, generated.publishedDay)),
  });
}

async function clearEntries(): Promise<void> {
  await sql`truncate entries, entry_revisions, moderation_decisions, search_changes cascade`.execute(t.db);
}

function comparable(hits: SearchHits) {
  return {
    total: hits.total,
    ids: hits.rows.map((row) => String(row.id)).sort(),
    facets: Object.fromEntries(
      FACETS.map((facet) => [facet, Object.fromEntries([...hits.facetCounts[facet]].sort())]),
    ),
  };
}

async function expectSameAsReference(service: SearchIndexService, criteria: SearchCriteria): Promise<void> {
  const ours = await service.search(criteria);
  const expected = await sqlSearchBackend(t.db).search(criteria);
  expect(comparable(ours)).toEqual(comparable(expected));
  if (criteria.sort === "newest" || criteria.terms.length === 0) {
    // The newest-first order is fully defined (publication time, then id), so it must agree too.
    if (criteria.sort !== "title")
      expect(ours.rows.map((row) => row.id)).toEqual(expected.rows.map((row) => row.id));
  }
  if (criteria.sort === "title") {
    const keys = ours.rows.map((row) => foldText(row.title ?? ""));
    expect(keys).toEqual([...keys].sort());
  }
}

describe("the search index against the SQL reference", () => {
  it("gives the same results and facet counts after a full build", async () => {
    const service = new SearchIndexService(t.db, quiet);
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(entryArbitrary(), { maxLength: 30 }),
          fc.array(queryArbitrary(), { minLength: 1, maxLength: 8 }),
          async (entries, queries) => {
            await clearEntries();
            for (const entry of entries) await insert(entry);
            await service.rebuild();
            for (const raw of queries) {
              const criteria = toCriteria(raw);
              if (criteria) await expectSameAsReference(service, criteria);
            }
          },
        ),
        { numRuns: 25 },
      );
    } finally {
      await service.close();
    }
  }, 240_000);

  it("stays exact through publications, changes, withdrawals and deletions from the change feed", async () => {
    const service = new SearchIndexService(t.db, quiet, { changesPerRead: 2 });
    const change = fc.oneof(
      entryArbitrary().map((entry) => ({ kind: "publish" as const, entry })),
      fc.tuple(fc.nat(), entryArbitrary()).map(([pick, entry]) => ({ kind: "change" as const, pick, entry })),
      fc.nat().map((pick) => ({ kind: "withdraw" as const, pick })),
      fc.nat().map((pick) => ({ kind: "delete" as const, pick })),
    );
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(entryArbitrary(), { maxLength: 15 }),
          fc.array(change, { minLength: 1, maxLength: 10 }),
          fc.array(queryArbitrary(), { minLength: 1, maxLength: 5 }),
          async (initial, changes, queries) => {
            await clearEntries();
            const ids: string[] = [];
            for (const entry of initial) ids.push(await insert(entry));
            await service.rebuild();
            const countryRegions = new Map(reference.countries.map((row) => [row.code, row.region_code]));
            for (const step of changes) {
              const id = step.kind === "publish" ? undefined : ids[step.pick % Math.max(1, ids.length)];
              if (step.kind === "publish") ids.push(await insert(step.entry));
              else if (id && step.kind === "change") {
                await t.db
                  .updateTable("entries")
                  .set(publishedColumns(toEntryData(step.entry), countryRegions))
                  .where("id", "=", id)
                  .execute();
              } else if (id && step.kind === "withdraw") {
                await t.db
                  .updateTable("entries")
                  .set({ published_revision_id: null })
                  .where("id", "=", id)
                  .execute();
              } else if (id && step.kind === "delete") {
                await t.db.deleteFrom("entries").where("id", "=", id).execute();
                ids.splice(ids.indexOf(id), 1);
              }
              // Interleave searches with changes, so each catch-up applies a few at a time.
              const criteria = toCriteria(queries[0] ?? {});
              if (criteria) await expectSameAsReference(service, criteria);
            }
            for (const raw of queries) {
              const criteria = toCriteria(raw);
              if (criteria) await expectSameAsReference(service, criteria);
            }
          },
        ),
        { numRuns: 15 },
      );
    } finally {
      await service.close();
    }
  }, 240_000);

  it("takes a burst of changes a slice at a time, never losing one", async () => {
    await clearEntries();
    const service = new SearchIndexService(t.db, quiet, { changesPerRead: 2, changesPerCatchUp: 3 });
    try {
      await service.start();
      for (let i = 0; i < 7; i++)
        await insertSearchEntry(t.db, ownerId, searchEntryData({ title: `Burst ${i}` }));
      const criteria = toCriteria({}) as SearchCriteria;
      // One catch-up applies a slice and answers; the rest follows on later ones.
      expect((await service.search(criteria)).total).toBeLessThan(7);
      for (let i = 0; i < 5; i++) await service.catchUp();
      expect(comparable(await service.search(criteria))).toEqual(
        comparable(await sqlSearchBackend(t.db).search(criteria)),
      );
      expect((await service.search(criteria)).total).toBe(7);
    } finally {
      await service.close();
    }
  });

  it("answers from the index as it is when the feed cannot be read, and catches up afterwards", async () => {
    await clearEntries();
    await insertSearchEntry(t.db, ownerId, searchEntryData({ title: "Steady gecko" }));
    const service = new SearchIndexService(t.db, quiet);
    const find = toCriteria({ q: "gecko" }) as SearchCriteria;
    try {
      await service.start();
      await sql`alter table search_changes rename to search_changes_away`.execute(t.db);
      // Several at once, so some wait on the failing read in flight and must still be answered.
      const answers = await Promise.all([1, 2, 3, 4].map(() => service.search(find)));
      expect(answers.map((hits) => hits.total)).toEqual([1, 1, 1, 1]);
      await sql`alter table search_changes_away rename to search_changes`.execute(t.db);
      await insertSearchEntry(t.db, ownerId, searchEntryData({ title: "Second gecko" }));
      expect((await service.search(find)).total).toBe(2);
    } finally {
      await service.close();
    }
  });
});
