import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../testing/factories.ts";
import { type Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";

let t: TestApp;
let adminId: string;
let asAdmin: Browser;
let asModerator: Browser;

beforeAll(async () => {
  t = await createTestApp();
  const admin = await makeUser(t.db, { role: "admin" });
  adminId = admin.id;
  asAdmin = await signedInBrowser(t.app, t.db, admin);
  asModerator = await signedInBrowser(t.app, t.db, await makeUser(t.db, { role: "moderator" }));
});
afterAll(async () => t?.close());

const auditCount = async () =>
  Number(
    (
      await t.db
        .selectFrom("audit_log")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
const lastAudit = () =>
  t.db.selectFrom("audit_log").selectAll().orderBy("id", "desc").executeTakeFirstOrThrow();
const actionLine = (code: string) =>
  t.db.selectFrom("action_lines").selectAll().where("code", "=", code).executeTakeFirstOrThrow();
const linkCount = async () =>
  Number(
    (
      await t.db
        .selectFrom("action_line_sdgs")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** A form post that must fail: the right status, a message tied to the field, nothing stored. */
async function expectRefused(
  formUrl: string,
  action: string,
  fields: Record<string, string>,
  field: string,
  message: string,
  status = 400,
) {
  const audits = await auditCount();
  const response = await asAdmin.submit(formUrl, action, fields);
  expect(response.statusCode, JSON.stringify(fields)).toBe(status);
  expect(response.body).toContain(`<span class="field-error" id="${field}-error">`);
  expect(response.body).toContain(message);
  expect(response.body).toMatch(new RegExp(`id="field-${field}"[^<]*aria-invalid="true"`));
  expect(await auditCount()).toBe(audits);
  return response;
}

describe("Action Lines", () => {
  it("edits the English name, facilitator and description, keeps translations and audits", async () => {
    await t.db
      .updateTable("action_lines")
      .set({ names: JSON.stringify({ en: "Media", fr: "Médias" }) })
      .where("code", "=", "C9")
      .execute();
    const response = await asAdmin.submit("/admin/action-lines/C9", "/admin/action-lines/C9", {
      name: "  Media and journalism ",
      facilitator: "UNESCO",
      description: "Free, pluralistic media <b>online</b>.",
    });
    expect(response.statusCode).toBe(303);
    const row = await actionLine("C9");
    expect(row.names).toEqual({ en: "Media and journalism", fr: "Médias" });
    expect(row.description).toBe("Free, pluralistic media <b>online</b>.");
    const event = await lastAudit();
    expect(event).toMatchObject({
      action: "reference.action_line.update",
      subject_type: "action_line",
      subject_id: "C9",
      actor_id: adminId,
    });
    expect(event.before).toMatchObject({ names: { en: "Media", fr: "Médias" } });
    expect(event.after).toMatchObject({ names: { en: "Media and journalism", fr: "Médias" } });
    const page = await t.app.inject({ method: "GET", url: "/action-lines" });
    expect(page.body).toContain("Media and journalism");
    expect(page.body).toContain("Free, pluralistic media &lt;b>online&lt;/b>.");
    const french = await t.app.inject({ method: "GET", url: "/api/v1/action-lines?lang=fr" });
    if (french.headers["content-language"] === "fr")
      expect(french.json().items.find((l: { code: string }) => l.code === "C9").name).toBe("Médias");
  });

  it("refuses an empty or too long name and keeps the input", async () => {
    const before = await actionLine("C2");
    const empty = await expectRefused(
      "/admin/action-lines/C2",
      "/admin/action-lines/C2",
      { name: "   ", facilitator: "Kept facilitator", description: "" },
      "name",
      "Enter a value",
    );
    expect(empty.body).toContain('value="Kept facilitator"');
    await expectRefused(
      "/admin/action-lines/C2",
      "/admin/action-lines/C2",
      { name: "x".repeat(301), facilitator: "ITU", description: "" },
      "name",
      "Use at most 300 characters",
    );
    await expectRefused(
      "/admin/action-lines/C2",
      "/admin/action-lines/C2",
      { name: "Infrastructure", facilitator: "", description: "" },
      "facilitator",
      "Enter a value",
    );
    await expectRefused(
      "/admin/action-lines/C2",
      "/admin/action-lines/C2",
      { name: "Infra\u0000structure", facilitator: "ITU", description: "" },
      "name",
      "This value is not valid",
    );
    expect(await actionLine("C2")).toEqual(before);
  });

  it("answers an unknown Action Line with 404", async () => {
    expect((await asAdmin.get("/admin/action-lines/C99")).statusCode).toBe(404);
    const response = await asAdmin.submit("/admin/action-lines/C1", "/admin/action-lines/C99", {
      name: "x",
      facilitator: "y",
      description: "",
    });
    expect(response.statusCode).toBe(404);
  });

  it("needs a CSRF token and the reference.manage permission", async () => {
    const before = await actionLine("C3");
    const noToken = await asAdmin.submit(
      "/admin/action-lines/C3",
      "/admin/action-lines/C3",
      { name: "Changed", facilitator: "UNESCO", description: "" },
      { csrf: null },
    );
    expect(noToken.statusCode).toBe(403);
    const moderator = await asModerator.submit("/", "/admin/action-lines/C3", {
      name: "Changed",
      facilitator: "UNESCO",
      description: "",
    });
    expect(moderator.statusCode).toBe(403);
    expect(await actionLine("C3")).toEqual(before);
  });
});

describe("SDGs", () => {
  it("edits name and colour (stored upper case) and audits", async () => {
    const response = await asAdmin.submit("/admin/sdgs/6", "/admin/sdgs/6", {
      name: "Clean water and sanitation for all",
      colour: "#26bde2",
    });
    expect(response.statusCode).toBe(303);
    const row = await t.db.selectFrom("sdgs").selectAll().where("number", "=", 6).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ names: { en: "Clean water and sanitation for all" }, colour: "#26BDE2" });
    expect(await lastAudit()).toMatchObject({ action: "reference.sdg.update", subject_id: "6" });
    expect((await t.app.inject({ method: "GET", url: "/sdgs" })).body).toContain(
      "SDG 6: Clean water and sanitation for all",
    );
  });

  it("refuses a bad colour or an empty name", async () => {
    for (const colour of ["red", "#12345", "#GGGGGG", "#1234567", ""])
      await expectRefused(
        "/admin/sdgs/7",
        "/admin/sdgs/7",
        { name: "Energy", colour },
        "colour",
        colour ? "This value is not valid" : "Enter a value",
      );
    await expectRefused(
      "/admin/sdgs/7",
      "/admin/sdgs/7",
      { name: "", colour: "#FCC30B" },
      "name",
      "Enter a value",
    );
    expect((await asAdmin.get("/admin/sdgs/18")).statusCode).toBe(404);
    expect((await asAdmin.get("/admin/sdgs/abc")).statusCode).toBe(404);
  });
});

describe("WSIS-SDG Matrix", () => {
  it("adds a link with a rationale, then edits and removes it, auditing each", async () => {
    expect(await linkCount()).toBe(123);
    const added = await asAdmin.submit("/admin/sdg-matrix/C11", "/admin/sdg-matrix/C11/links", {
      sdg: "4",
      rationale: "Regional cooperation on digital skills.",
    });
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe("/admin/sdg-matrix/C11");
    expect(await linkCount()).toBe(124);
    expect(await lastAudit()).toMatchObject({ action: "reference.matrix.link_add", subject_id: "C11:4" });
    const matrix = await t.app.inject({ method: "GET", url: "/sdg-matrix" });
    expect(matrix.body).toContain('href="/entries?actionLine=C11&amp;sdg=4"');
    expect(matrix.body).toContain("Regional cooperation on digital skills.");

    const edited = await asAdmin.submit("/admin/sdg-matrix/C11/4", "/admin/sdg-matrix/C11/4", {
      rationale: "Cooperation on skills across borders.",
    });
    expect(edited.statusCode).toBe(303);
    const event = await lastAudit();
    expect(event).toMatchObject({ action: "reference.matrix.rationale_update", subject_id: "C11:4" });
    expect(event.before).toEqual({ rationale: "Regional cooperation on digital skills." });
    expect(event.after).toEqual({ rationale: "Cooperation on skills across borders." });

    const removed = await asAdmin.submit("/admin/sdg-matrix/C11/4", "/admin/sdg-matrix/C11/4/delete", {});
    expect(removed.statusCode).toBe(303);
    expect(await linkCount()).toBe(123);
    expect(await lastAudit()).toMatchObject({ action: "reference.matrix.link_remove", subject_id: "C11:4" });
    expect(
      (await asAdmin.submit("/admin/sdg-matrix/C11", "/admin/sdg-matrix/C11/4/delete", {})).statusCode,
    ).toBe(404);
  });

  it("refuses a duplicate, unknown or missing SDG and an over-long rationale", async () => {
    const form = "/admin/sdg-matrix/C1";
    const action = "/admin/sdg-matrix/C1/links";
    await expectRefused(form, action, { sdg: "1", rationale: "" }, "sdg", "This already exists");
    await expectRefused(form, action, { sdg: "99", rationale: "" }, "sdg", "Choose a value from the list");
    await expectRefused(form, action, { sdg: "two", rationale: "" }, "sdg", "Choose a value from the list");
    await expectRefused(form, action, { sdg: "", rationale: "" }, "sdg", "Enter a value");
    const long = await expectRefused(
      form,
      action,
      { sdg: "2", rationale: "y".repeat(1001) },
      "rationale",
      "Use at most 1000 characters",
    );
    expect(long.body).toContain(`${"y".repeat(1001)}</textarea>`);
    await expectRefused(
      "/admin/sdg-matrix/C1/1",
      "/admin/sdg-matrix/C1/1",
      { rationale: "z".repeat(1001) },
      "rationale",
      "Use at most 1000 characters",
    );
    expect(await linkCount()).toBe(123);
    expect((await asAdmin.get("/admin/sdg-matrix/C1/2")).statusCode).toBe(404);
    expect((await asAdmin.get("/admin/sdg-matrix/C99")).statusCode).toBe(404);
  });
});

describe("regions and countries", () => {
  it("renames a region and refuses an empty name", async () => {
    const ok = await asAdmin.submit("/admin/regions/CIS", "/admin/regions/CIS", {
      name: "Commonwealth of Independent States",
    });
    expect(ok.statusCode).toBe(303);
    expect(await lastAudit()).toMatchObject({ action: "reference.region.update", subject_id: "CIS" });
    await expectRefused("/admin/regions/CIS", "/admin/regions/CIS", { name: "" }, "name", "Enter a value");
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
    const event = await lastAudit();
    expect(event).toMatchObject({ action: "reference.country.region_change", subject_id: "MA" });
    expect(event.before).toEqual({ region: "ARB" });
    expect(event.after).toEqual({ region: "AFR", entriesUpdated: 1 });
  });

  it("refuses an unknown or missing region and answers unknown countries with 404", async () => {
    await expectRefused(
      "/admin/countries/KE",
      "/admin/countries/KE",
      { region: "XXX" },
      "region",
      "Choose a value",
    );
    await expectRefused(
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

describe("stakeholder types and target groups", () => {
  const groups = () => t.db.selectFrom("target_groups").selectAll().orderBy("sort_order").execute();

  it("adds a target group with a new snake_case code, renames and deletes it, auditing each", async () => {
    const added = await asAdmin.submit("/admin/target-groups", "/admin/target-groups", {
      code: "rural_women",
      name: "Rural women",
    });
    expect(added.statusCode).toBe(303);
    const list = await groups();
    expect(list.at(-1)).toMatchObject({ code: "rural_women", names: { en: "Rural women" } });
    expect(await lastAudit()).toMatchObject({
      action: "reference.target_group.create",
      subject_id: "rural_women",
    });

    const renamed = await asAdmin.submit(
      "/admin/target-groups/rural_women",
      "/admin/target-groups/rural_women",
      {
        name: "Women in rural areas",
      },
    );
    expect(renamed.statusCode).toBe(303);
    expect(await lastAudit()).toMatchObject({ action: "reference.target_group.update" });
    expect((await asAdmin.get("/admin/target-groups")).body).toContain("Women in rural areas");

    const deleted = await asAdmin.submit(
      "/admin/target-groups",
      "/admin/target-groups/rural_women/delete",
      {},
    );
    expect(deleted.statusCode).toBe(303);
    expect((await groups()).map((g) => g.code)).not.toContain("rural_women");
    const event = await lastAudit();
    expect(event).toMatchObject({ action: "reference.target_group.delete", subject_id: "rural_women" });
    expect(event.before).toMatchObject({ code: "rural_women", names: { en: "Women in rural areas" } });
  });

  it("refuses bad, duplicate and over-long codes and empty names", async () => {
    const count = (await groups()).length;
    const form = "/admin/target-groups";
    for (const code of ["Rural Women", "rural-women", "_rural", "rural__women", "rural1", "<b>x</b>"])
      await expectRefused(form, form, { code, name: "Rural women" }, "code", "This value is not valid");
    const duplicate = await expectRefused(
      form,
      form,
      { code: "youth", name: "Young people" },
      "code",
      "This already exists",
    );
    expect(duplicate.body).toContain('value="Young people"');
    await expectRefused(
      form,
      form,
      { code: "a".repeat(61), name: "Long" },
      "code",
      "Use at most 60 characters",
    );
    await expectRefused(form, form, { code: "", name: "Long" }, "code", "Enter a value");
    await expectRefused(form, form, { code: "pastoralists", name: " " }, "name", "Enter a value");
    await expectRefused(
      "/admin/target-groups/youth",
      "/admin/target-groups/youth",
      { name: "n".repeat(121) },
      "name",
      "Use at most 120 characters",
    );
    expect(await groups()).toHaveLength(count);
  });

  it("refuses to delete a target group an entry uses (409) and keeps it", async () => {
    const owner = await makeUser(t.db);
    await t.db
      .insertInto("entries")
      .values({ owner_id: owner.id, target_groups: sql<string[]>`array['refugees_migrants']::text[]` })
      .execute();
    expect((await groups()).map((g) => g.code)).toContain("refugees_migrants");
    const audits = await auditCount();
    const response = await asAdmin.submit(
      "/admin/target-groups",
      "/admin/target-groups/refugees_migrants/delete",
      {},
    );
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain("is still used by accounts, organisations or entries");
    expect((await groups()).map((g) => g.code)).toContain("refugees_migrants");
    expect(await auditCount()).toBe(audits);
  });

  it("refuses to delete a target group only a draft revision uses", async () => {
    const owner = await makeUser(t.db);
    const entry = await t.db
      .insertInto("entries")
      .values({ owner_id: owner.id })
      .returning("id")
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto("entry_revisions")
      .values({
        entry_id: entry.id,
        number: 1,
        author_id: owner.id,
        data: JSON.stringify({ targetGroups: ["teachers_students"] }),
      })
      .execute();
    const response = await asAdmin.submit(
      "/admin/target-groups",
      "/admin/target-groups/teachers_students/delete",
      {},
    );
    expect(response.statusCode).toBe(409);
  });

  it("refuses to delete a stakeholder type a user uses, and 404s unknown codes", async () => {
    // makeUser registers accounts as civil_society.
    const response = await asAdmin.submit(
      "/admin/stakeholder-types",
      "/admin/stakeholder-types/civil_society/delete",
      {},
    );
    expect(response.statusCode).toBe(409);
    const row = await t.db
      .selectFrom("stakeholder_types")
      .select("code")
      .where("code", "=", "civil_society")
      .executeTakeFirst();
    expect(row).toBeDefined();
    expect(
      (await asAdmin.submit("/admin/stakeholder-types", "/admin/stakeholder-types/nobody/delete", {}))
        .statusCode,
    ).toBe(404);
    expect((await asAdmin.get("/admin/stakeholder-types/nobody")).statusCode).toBe(404);

    const added = await asAdmin.submit("/admin/stakeholder-types", "/admin/stakeholder-types", {
      code: "philanthropy",
      name: "Philanthropy",
    });
    expect(added.statusCode).toBe(303);
    expect(await lastAudit()).toMatchObject({
      action: "reference.stakeholder_type.create",
      subject_id: "philanthropy",
    });
  });

  it("needs a CSRF token to add", async () => {
    const count = (await groups()).length;
    const response = await asAdmin.submit(
      "/admin/target-groups",
      "/admin/target-groups",
      { code: "farmers", name: "Farmers" },
      { csrf: null },
    );
    expect(response.statusCode).toBe(403);
    expect(await groups()).toHaveLength(count);
  });
});
