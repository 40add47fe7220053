import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../testing/factories.ts";
import type { Browser, TestApp } from "../../testing/test-app.ts";
import { createAdminTestApp, expectRefused, lastAudit } from "./admin.testing.ts";

let t: TestApp;
let asAdmin: Browser;

beforeAll(async () => {
  ({ t, asAdmin } = await createAdminTestApp());
});
afterAll(async () => t?.close());

describe("regions and countries", () => {
  it("renames a region and refuses an empty name", async () => {
    const ok = await asAdmin.submit("/admin/regions/CIS", "/admin/regions/CIS", {
      name: "Commonwealth of Independent States",
    });
    expect(ok.statusCode).toBe(303);
    expect(await lastAudit(t.db)).toMatchObject({ action: "reference.region.update", subject_id: "CIS" });
    await expectRefused(
      t.db,
      asAdmin,
      "/admin/regions/CIS",
      "/admin/regions/CIS",
      { name: "" },
      "name",
      "Enter a value",
    );
    expect((await asAdmin.get("/admin/regions")).body).toContain("Commonwealth of Independent States");
    expect((await asAdmin.get("/admin/regions/XYZ")).statusCode).toBe(404);
  });

  it("lists countries grouped by region with localised names", async () => {
    const html = (await asAdmin.get("/admin/regions")).body;
    expect(html).toContain('<a href="/admin/countries/KE">Kenya</a>');
    expect(html.match(/<details class="region-countries"/g)).toHaveLength(6);
  });

  it("moves a country to another region and re-derives its entries' regions", async () => {
    const owner = await makeUser(t.db);
    const entry = await t.db
      .insertInto("entries")
      .values({
        owner_id: owner.id,
        countries: sql<string[]>`array['MA', 'FR']::text[]`,
        regions: sql<string[]>`array['ARB', 'EUR']::text[]`,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const before = await t.db
      .selectFrom("countries")
      .selectAll()
      .where("code", "=", "MA")
      .executeTakeFirstOrThrow();
    expect(before.region_code).toBe("ARB");

    const response = await asAdmin.submit("/admin/countries/MA", "/admin/countries/MA", { region: "AFR" });
    expect(response.statusCode).toBe(303);
    const country = await t.db
      .selectFrom("countries")
      .selectAll()
      .where("code", "=", "MA")
      .executeTakeFirstOrThrow();
    expect(country.region_code).toBe("AFR");
    const row = await t.db
      .selectFrom("entries")
      .select("regions")
      .where("id", "=", entry.id)
      .executeTakeFirstOrThrow();
    expect(row.regions).toEqual(["AFR", "EUR"]);
    const event = await lastAudit(t.db);
    expect(event).toMatchObject({ action: "reference.country.region_change", subject_id: "MA" });
    expect(event.before).toEqual({ region: "ARB" });
    expect(event.after).toEqual({ region: "AFR", entriesUpdated: 1 });
  });

  it("refuses an unknown or missing region and answers unknown countries with 404", async () => {
    await expectRefused(
      t.db,
      asAdmin,
      "/admin/countries/KE",
      "/admin/countries/KE",
      { region: "XXX" },
      "region",
      "Choose a value",
    );
    await expectRefused(
      t.db,
      asAdmin,
      "/admin/countries/KE",
      "/admin/countries/KE",
      { region: "" },
      "region",
      "Enter a value",
    );
    const kenya = await t.db
      .selectFrom("countries")
      .selectAll()
      .where("code", "=", "KE")
      .executeTakeFirstOrThrow();
    expect(kenya.region_code).toBe("AFR");
    expect((await asAdmin.get("/admin/countries/ZZ")).statusCode).toBe(404);
    expect((await asAdmin.get("/admin/countries/kenya")).statusCode).toBe(404);
  });
});
