import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { up } from "../../db/migrations/2026-11-22T1630-reference-names-translations.ts";
import { UN_LANGUAGES } from "../../platform/i18n.ts";
import { createTestApp, type TestApp } from "../../testing/test-app.ts";
import {
  ACTION_LINES,
  type CodeNameSeed,
  REGIONS,
  SDGS,
  type SeedNames,
  STAKEHOLDER_TYPES,
  TARGET_GROUPS,
} from "./taxonomy.data.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const TABLES = ["action_lines", "sdgs", "regions", "stakeholder_types", "target_groups"] as const;
type Table = (typeof TABLES)[number];

const byCode = (items: readonly CodeNameSeed[]) => new Map(items.map((item) => [item.code, item.names]));
const EXPECTED: Record<Table, Map<string, SeedNames>> = {
  action_lines: byCode(ACTION_LINES),
  sdgs: new Map(SDGS.map((sdg) => [String(sdg.number), sdg.names])),
  regions: byCode(REGIONS),
  stakeholder_types: byCode(STAKEHOLDER_TYPES),
  target_groups: byCode(TARGET_GROUPS),
};

async function rows(table: Table): Promise<{ key: string; names: Record<string, string> }[]> {
  const key = table === "sdgs" ? "number" : "code";
  const result = await sql<{ key: string; names: Record<string, string> }>`
    select ${sql.ref(key)}::text as key, names from ${sql.table(table)} order by ${sql.ref(key)}
  `.execute(t.db);
  return result.rows;
}

/** Every row has a non-empty name in each UN language, equal to the data files' one. */
async function expectAllTranslated(): Promise<void> {
  for (const table of TABLES) {
    const found = await rows(table);
    expect(found.length, table).toBe(EXPECTED[table].size);
    for (const { key, names } of found) {
      for (const lang of UN_LANGUAGES) expect(names[lang]?.trim(), `${table} ${key} ${lang}`).toBeTruthy();
      expect(names, `${table} ${key}`).toEqual(EXPECTED[table].get(key));
    }
  }
}

/** The migration's `up`, run again on the test database as the migrator would on an older one. */
const addTranslations = () => up(t.db as unknown as Kysely<unknown>);

const apiItems = async (url: string) => {
  const response = await t.app.inject({ method: "GET", url });
  expect(response.statusCode).toBe(200);
  return response;
};

describe("reference names in the six UN languages", () => {
  it("are seeded in every language on a new database", async () => {
    await expectAllTranslated();
  });

  it("are answered by the API in the requested language", async () => {
    const french = await apiItems("/api/v1/action-lines?lang=fr");
    expect(french.headers["content-language"]).toBe("fr");
    const lines = french.json().items as { code: string; name: string }[];
    expect(lines.find((line) => line.code === "C4")?.name).toBe("Renforcement des capacités");
    expect(lines.find((line) => line.code === "C7-ehealth")?.name).toBe("Applications des TIC : cybersanté");
    for (const line of lines) expect(line.name).toBe(EXPECTED.action_lines.get(line.code)?.fr);

    const sdgs = (await apiItems("/api/v1/sdgs?lang=fr")).json().items as { number: number; name: string }[];
    expect(sdgs[0]).toMatchObject({ number: 1, name: "Pas de pauvreté" });
    const regions = (await apiItems("/api/v1/regions?lang=fr")).json().items as {
      code: string;
      name: string;
    }[];
    expect(regions.find((region) => region.code === "ARB")?.name).toBe("États arabes");

    // English stays the default.
    const english = (await apiItems("/api/v1/sdgs")).json().items as { name: string }[];
    expect(english[0]?.name).toBe("No poverty");
  });

  it("are added by the migration to a database seeded in English only", async () => {
    for (const table of TABLES)
      await sql`update ${sql.table(table)} set names = jsonb_build_object('en', names -> 'en')`.execute(t.db);
    expect((await rows("sdgs"))[0]?.names).toEqual({ en: "No poverty" });

    await addTranslations();
    await expectAllTranslated();
    // The cached reference data sees the change (the version trigger fired).
    const sdgs = (await apiItems("/api/v1/sdgs?lang=fr")).json().items as { name: string }[];
    expect(sdgs[0]?.name).toBe("Pas de pauvreté");
  });

  it("keeps names an admin edited and rows an admin added", async () => {
    await t.db
      .updateTable("action_lines")
      .set({ names: JSON.stringify({ en: "Custom", fr: "Perso" }) })
      .where("code", "=", "C9")
      .execute();
    await t.db
      .insertInto("target_groups")
      .values({ code: "rural_women", names: JSON.stringify({ en: "Rural women" }), sort_order: 13 })
      .execute();

    await addTranslations();

    const c9 = await t.db
      .selectFrom("action_lines")
      .select("names")
      .where("code", "=", "C9")
      .executeTakeFirstOrThrow();
    const media = EXPECTED.action_lines.get("C9");
    expect(c9.names).toEqual({
      en: "Custom",
      fr: "Perso",
      ar: media?.ar,
      zh: media?.zh,
      ru: media?.ru,
      es: media?.es,
    });
    const added = await t.db
      .selectFrom("target_groups")
      .select("names")
      .where("code", "=", "rural_women")
      .executeTakeFirstOrThrow();
    expect(added.names).toEqual({ en: "Rural women" });
    // Everything else still carries the files' names.
    expect((await rows("sdgs")).map((row) => row.names)).toEqual(SDGS.map((sdg) => sdg.names));
  });
});
