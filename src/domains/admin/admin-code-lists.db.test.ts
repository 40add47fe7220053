import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../testing/factories.ts";
import type { Browser, TestApp } from "../../testing/test-app.ts";
import { auditCount, createAdminTestApp, expectRefused, lastAudit } from "./admin.testing.ts";

let t: TestApp;
let asAdmin: Browser;

beforeAll(async () => {
  ({ t, asAdmin } = await createAdminTestApp());
});
afterAll(async () => t?.close());

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
    expect(await lastAudit(t.db)).toMatchObject({
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
    expect(await lastAudit(t.db)).toMatchObject({ action: "reference.target_group.update" });
    expect((await asAdmin.get("/admin/target-groups")).body).toContain("Women in rural areas");

    const deleted = await asAdmin.submit(
      "/admin/target-groups",
      "/admin/target-groups/rural_women/delete",
      {},
    );
    expect(deleted.statusCode).toBe(303);
    expect((await groups()).map((g) => g.code)).not.toContain("rural_women");
    const event = await lastAudit(t.db);
    expect(event).toMatchObject({ action: "reference.target_group.delete", subject_id: "rural_women" });
    expect(event.before).toMatchObject({ code: "rural_women", names: { en: "Women in rural areas" } });
  });

  it("refuses bad, duplicate and over-long codes and empty names", async () => {
    const count = (await groups()).length;
    const form = "/admin/target-groups";
    for (const code of ["Rural Women", "rural-women", "_rural", "rural__women", "rural1", "<b>x</b>"])
      await expectRefused(
        t.db,
        asAdmin,
        form,
        form,
        { code, name: "Rural women" },
        "code",
        "This value is not valid",
      );
    const duplicate = await expectRefused(
      t.db,
      asAdmin,
      form,
      form,
      { code: "youth", name: "Young people" },
      "code",
      "This already exists",
    );
    expect(duplicate.body).toContain('value="Young people"');
    await expectRefused(
      t.db,
      asAdmin,
      form,
      form,
      { code: "a".repeat(61), name: "Long" },
      "code",
      "Use at most 60 characters",
    );
    await expectRefused(t.db, asAdmin, form, form, { code: "", name: "Long" }, "code", "Enter a value");
    await expectRefused(
      t.db,
      asAdmin,
      form,
      form,
      { code: "pastoralists", name: " " },
      "name",
      "Enter a value",
    );
    await expectRefused(
      t.db,
      asAdmin,
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
    const audits = await auditCount(t.db);
    const response = await asAdmin.submit(
      "/admin/target-groups",
      "/admin/target-groups/refugees_migrants/delete",
      {},
    );
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain("is still used by accounts, organisations or entries");
    expect((await groups()).map((g) => g.code)).toContain("refugees_migrants");
    expect(await auditCount(t.db)).toBe(audits);
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
    expect(await lastAudit(t.db)).toMatchObject({
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
