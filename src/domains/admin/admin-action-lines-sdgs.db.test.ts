import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, TestApp } from "../../testing/test-app.ts";
import { createAdminTestApp, expectRefused, lastAudit } from "./admin.testing.ts";

let t: TestApp;
let adminId: string;
let asAdmin: Browser;
let asModerator: Browser;

beforeAll(async () => {
  ({ t, adminId, asAdmin, asModerator } = await createAdminTestApp());
});
afterAll(async () => t?.close());

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
    const event = await lastAudit(t.db);
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
      t.db,
      asAdmin,
      "/admin/action-lines/C2",
      "/admin/action-lines/C2",
      { name: "   ", facilitator: "Kept facilitator", description: "" },
      "name",
      "Enter a value",
    );
    expect(empty.body).toContain('value="Kept facilitator"');
    await expectRefused(
      t.db,
      asAdmin,
      "/admin/action-lines/C2",
      "/admin/action-lines/C2",
      { name: "x".repeat(301), facilitator: "ITU", description: "" },
      "name",
      "Use at most 300 characters",
    );
    await expectRefused(
      t.db,
      asAdmin,
      "/admin/action-lines/C2",
      "/admin/action-lines/C2",
      { name: "Infrastructure", facilitator: "", description: "" },
      "facilitator",
      "Enter a value",
    );
    await expectRefused(
      t.db,
      asAdmin,
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
    expect(await lastAudit(t.db)).toMatchObject({ action: "reference.sdg.update", subject_id: "6" });
    expect((await t.app.inject({ method: "GET", url: "/sdgs" })).body).toContain(
      "SDG 6: Clean water and sanitation for all",
    );
  });

  it("refuses a bad colour or an empty name", async () => {
    for (const colour of ["red", "#12345", "#GGGGGG", "#1234567", ""])
      await expectRefused(
        t.db,
        asAdmin,
        "/admin/sdgs/7",
        "/admin/sdgs/7",
        { name: "Energy", colour },
        "colour",
        colour ? "This value is not valid" : "Enter a value",
      );
    await expectRefused(
      t.db,
      asAdmin,
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
    expect(await lastAudit(t.db)).toMatchObject({ action: "reference.matrix.link_add", subject_id: "C11:4" });
    const matrix = await t.app.inject({ method: "GET", url: "/sdg-matrix" });
    expect(matrix.body).toContain('href="/entries?actionLine=C11&amp;sdg=4"');
    expect(matrix.body).toContain("Regional cooperation on digital skills.");

    const edited = await asAdmin.submit("/admin/sdg-matrix/C11/4", "/admin/sdg-matrix/C11/4", {
      rationale: "Cooperation on skills across borders.",
    });
    expect(edited.statusCode).toBe(303);
    const event = await lastAudit(t.db);
    expect(event).toMatchObject({ action: "reference.matrix.rationale_update", subject_id: "C11:4" });
    expect(event.before).toEqual({ rationale: "Regional cooperation on digital skills." });
    expect(event.after).toEqual({ rationale: "Cooperation on skills across borders." });

    const removed = await asAdmin.submit("/admin/sdg-matrix/C11/4", "/admin/sdg-matrix/C11/4/delete", {});
    expect(removed.statusCode).toBe(303);
    expect(await linkCount()).toBe(123);
    expect(await lastAudit(t.db)).toMatchObject({
      action: "reference.matrix.link_remove",
      subject_id: "C11:4",
    });
    expect(
      (await asAdmin.submit("/admin/sdg-matrix/C11", "/admin/sdg-matrix/C11/4/delete", {})).statusCode,
    ).toBe(404);
  });

  it("refuses a duplicate, unknown or missing SDG and an over-long rationale", async () => {
    const form = "/admin/sdg-matrix/C1";
    const action = "/admin/sdg-matrix/C1/links";
    await expectRefused(
      t.db,
      asAdmin,
      form,
      action,
      { sdg: "1", rationale: "" },
      "sdg",
      "This already exists",
    );
    await expectRefused(
      t.db,
      asAdmin,
      form,
      action,
      { sdg: "99", rationale: "" },
      "sdg",
      "Choose a value from the list",
    );
    await expectRefused(
      t.db,
      asAdmin,
      form,
      action,
      { sdg: "two", rationale: "" },
      "sdg",
      "Choose a value from the list",
    );
    await expectRefused(t.db, asAdmin, form, action, { sdg: "", rationale: "" }, "sdg", "Enter a value");
    const long = await expectRefused(
      t.db,
      asAdmin,
      form,
      action,
      { sdg: "2", rationale: "y".repeat(1001) },
      "rationale",
      "Use at most 1000 characters",
    );
    expect(long.body).toContain(`${"y".repeat(1001)}</textarea>`);
    await expectRefused(
      t.db,
      asAdmin,
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
