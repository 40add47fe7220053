import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../platform/auth/sessions.ts";
import { enqueueMail } from "../../platform/mail.ts";
import { makeUser } from "../../testing/factories.ts";
import { type Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";

let t: TestApp;
let admin: Awaited<ReturnType<typeof makeUser>>;
let asAdmin: Browser;
let asUser: Browser;
let asModerator: Browser;

beforeAll(async () => {
  t = await createTestApp();
  admin = await makeUser(t.db, { role: "admin", name: "Ada Admin", email: "ada.admin@example.org" });
  asAdmin = await signedInBrowser(t.app, t.db, admin);
  asUser = await signedInBrowser(t.app, t.db, await makeUser(t.db));
  asModerator = await signedInBrowser(t.app, t.db, await makeUser(t.db, { role: "moderator" }));
});
afterAll(async () => t?.close());

const auditRows = (action: string) =>
  t.db.selectFrom("audit_log").selectAll().where("action", "=", action).orderBy("id").execute();
const roleOf = async (id: string) =>
  (await t.db.selectFrom("users").select("role").where("id", "=", id).executeTakeFirstOrThrow()).role;

const ADMIN_PAGES = [
  "/admin",
  "/admin/users",
  "/admin/action-lines",
  "/admin/action-lines/C1",
  "/admin/sdgs",
  "/admin/sdgs/5",
  "/admin/sdg-matrix",
  "/admin/sdg-matrix/C1",
  "/admin/sdg-matrix/C1/5",
  "/admin/regions",
  "/admin/regions/AFR",
  "/admin/countries/KE",
  "/admin/stakeholder-types",
  "/admin/stakeholder-types/government",
  "/admin/target-groups",
  "/admin/target-groups/youth",
  "/admin/audit",
  "/admin/outbox",
];

describe("admin permissions", () => {
  it("sends anonymous visitors to sign in", async () => {
    for (const url of ADMIN_PAGES) {
      const response = await t.app.inject({ method: "GET", url, headers: { accept: "text/html" } });
      expect(response.statusCode, url).toBe(303);
      expect(response.headers.location).toBe(`/sign-in?next=${encodeURIComponent(url)}`);
    }
  });

  it("refuses plain users and moderators with 403", async () => {
    for (const browser of [asUser, asModerator]) {
      for (const url of ADMIN_PAGES) {
        const response = await browser.get(url);
        expect(response.statusCode, url).toBe(403);
        expect(response.body).toContain("You do not have permission");
      }
    }
  });

  it("shows admins every page", async () => {
    for (const url of ADMIN_PAGES) {
      const response = await asAdmin.get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.body).toContain('href="/admin"');
    }
  });

  it("links the dashboard to every section", async () => {
    const html = (await asAdmin.get("/admin")).body;
    for (const href of [
      "/admin/users",
      "/admin/action-lines",
      "/admin/sdgs",
      "/admin/sdg-matrix",
      "/admin/regions",
      "/admin/stakeholder-types",
      "/admin/target-groups",
      "/admin/audit",
      "/admin/outbox",
    ])
      expect(html).toContain(`href="${href}"`);
  });

  it("answers the admin API with 401, 403 or 200 and problem codes", async () => {
    const anonymous = await t.app.inject({ method: "GET", url: "/api/v1/admin/audit-events" });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().code).toBe("authentication_required");
    const user = await asUser.api("GET", "/api/v1/admin/audit-events");
    expect(user.statusCode).toBe(403);
    expect(user.json().code).toBe("forbidden");
    // API tokens carry scopes only for entries and moderation, never for administration.
    const token = await createApiToken(t.db, admin.id, "test", ["entries:read", "moderation"], null);
    const byToken = await t.app.inject({
      method: "GET",
      url: "/api/v1/admin/audit-events",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(byToken.statusCode).toBe(403);
    expect(byToken.json().code).toBe("insufficient_scope");
    const ok = await asAdmin.api("GET", "/api/v1/admin/audit-events");
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toHaveProperty("items");
    const bad = await asAdmin.api("GET", "/api/v1/admin/audit-events?before=abc");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe("validation_failed");
  });

  it("lists listAuditEvents in /openapi.json", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/openapi.json" })).json();
    expect(doc.paths["/api/v1/admin/audit-events"].get.operationId).toBe("listAuditEvents");
  });
});

describe("users and roles", () => {
  it("lists and searches users with role, verification and organisation", async () => {
    const org = await t.db
      .insertInto("organisations")
      .values({ name: "Andes Connect", name_key: "andes connect", stakeholder_type: "civil_society" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const person = await makeUser(t.db, {
      name: "Quispe Mamani",
      email: "q.mamani@andes.example",
      verified: false,
    });
    await t.db.updateTable("users").set({ organisation_id: org.id }).where("id", "=", person.id).execute();

    const html = (await asAdmin.get("/admin/users?q=ANDES.exa")).body;
    expect(html).toContain("1 account");
    expect(html).toContain("Quispe Mamani");
    expect(html).toContain("Andes Connect");
    expect(html).toMatch(/<td>User<\/td><td>No<\/td>/);
    expect(html).not.toContain("ada.admin@example.org");

    const byName = (await asAdmin.get("/admin/users?q=quispe")).body;
    expect(byName).toContain("q.mamani@andes.example");
    // Wildcards are matched literally, and odd paging input is harmless.
    expect((await asAdmin.get("/admin/users?q=%25_%25&page=-3")).body).toContain("No accounts found");
    expect((await asAdmin.get("/admin/users?page=99999999999")).statusCode).toBe(200);
  });

  it("changes a role and audits before and after", async () => {
    const person = await makeUser(t.db);
    const url = `/admin/users/${person.id}`;
    const response = await asAdmin.submit(url, `${url}/role`, { role: "moderator" });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(url);
    expect(await roleOf(person.id)).toBe("moderator");
    const [event] = (await auditRows("user.role_change")).filter((row) => row.subject_id === person.id);
    expect(event).toMatchObject({ actor_id: admin.id, subject_type: "user" });
    expect(event?.before).toEqual({ role: "user" });
    expect(event?.after).toEqual({ role: "moderator" });
    const page = await asAdmin.get(url);
    expect(page.body).toContain("The role was changed.");
  });

  it("refuses an unknown role with a field error and keeps the role", async () => {
    const person = await makeUser(t.db);
    const url = `/admin/users/${person.id}`;
    const before = (await auditRows("user.role_change")).length;
    for (const role of ["superuser", ""]) {
      const response = await asAdmin.submit(url, `${url}/role`, { role });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('id="role-error"');
      expect(response.body).toContain('aria-invalid="true"');
    }
    expect(await roleOf(person.id)).toBe("user");
    expect(await auditRows("user.role_change")).toHaveLength(before);
  });

  it("does not let an admin demote themselves", async () => {
    const url = `/admin/users/${admin.id}`;
    const before = (await auditRows("user.role_change")).length;
    const response = await asAdmin.submit(url, `${url}/role`, { role: "user" });
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain("You cannot change your own role");
    expect(await roleOf(admin.id)).toBe("admin");
    expect(await auditRows("user.role_change")).toHaveLength(before);
    // Keeping one's own role is allowed and changes nothing.
    const same = await asAdmin.submit(url, `${url}/role`, { role: "admin" });
    expect(same.statusCode).toBe(303);
    expect(await auditRows("user.role_change")).toHaveLength(before);
  });

  it("answers unknown users with 404", async () => {
    expect((await asAdmin.get("/admin/users/999999999")).statusCode).toBe(404);
    expect((await asAdmin.get("/admin/users/abc")).statusCode).toBe(404);
    const response = await asAdmin.submit("/admin/users", "/admin/users/99999999999999999999/role", {
      role: "user",
    });
    expect(response.statusCode).toBe(404);
  });

  it("refuses a role change without a CSRF token or from a moderator", async () => {
    const person = await makeUser(t.db);
    const url = `/admin/users/${person.id}`;
    const noToken = await asAdmin.submit(url, `${url}/role`, { role: "admin" }, { csrf: null });
    expect(noToken.statusCode).toBe(403);
    const moderator = await asModerator.submit("/", `${url}/role`, { role: "admin" });
    expect(moderator.statusCode).toBe(403);
    expect(await roleOf(person.id)).toBe("user");
  });
});

describe("audit log and outbox", () => {
  it("shows who did what to which subject, with before and after, newest first", async () => {
    await t.db
      .insertInto("audit_log")
      .values({ actor_id: admin.id, action: "other.thing", subject_type: "thing", subject_id: "1" })
      .execute();
    const html = (await asAdmin.get("/admin/audit?action=user.")).body;
    expect(html).toContain("Ada Admin");
    expect(html).toContain("ada.admin@example.org");
    expect(html).toContain("<code>user.role_change</code>");
    expect(html).toMatch(/<pre>\{\n {2}&quot;role&quot;: &quot;user&quot;\n\}<\/pre>/);
    expect(html).not.toContain("<code>other.thing</code>");
    expect((await asAdmin.get("/admin/audit")).body).toContain("<code>other.thing</code>");
  });

  it("pages with a keyset cursor and filters by subject", async () => {
    await t.db
      .insertInto("audit_log")
      .values(
        Array.from({ length: 60 }, (_, i) => ({
          actor_id: null,
          action: "test.event",
          subject_type: "widget",
          subject_id: String(i),
        })),
      )
      .execute();
    const first = (await asAdmin.get("/admin/audit?subject=widget")).body;
    expect(first.match(/<code>test\.event<\/code>/g)).toHaveLength(50);
    expect(first).toContain("widget 59");
    expect(first).toContain("System");
    const older = first.match(/href="(\/admin\/audit\?subject=widget&amp;before=\d+)"/)?.[1];
    expect(older).toBeDefined();
    const second = (await asAdmin.get((older as string).replace(/&amp;/g, "&"))).body;
    expect(second.match(/<code>test\.event<\/code>/g)).toHaveLength(10);
    expect(second).toContain("widget 0");
    expect(second).not.toContain("Older events");
    expect(second).toContain("Newest events");

    const api = await asAdmin.api("GET", "/api/v1/admin/audit-events?subject=widget");
    expect(api.json().items).toHaveLength(50);
    expect(api.json().items[0]).toMatchObject({ action: "test.event", subjectId: "59", actor: null });
    expect(api.json().nextBefore).toMatch(/^\d+$/);

    // Nonsense filters are harmless.
    expect((await asAdmin.get("/admin/audit?before=x&action=%25&subject=")).statusCode).toBe(200);
  });

  it("lists the outbox newest first with recipient, subject, state and text", async () => {
    for (let i = 0; i < 30; i++)
      await enqueueMail(t.db, {
        to: `reader${i}@example.org`,
        subject: `Message ${i}`,
        text: `Body of message ${i}`,
      });
    await t.db
      .updateTable("outbox")
      .set({ error: "550 mailbox unavailable" })
      .where("subject", "=", "Message 29")
      .execute();
    await t.db
      .updateTable("outbox")
      .set({ sent_at: new Date() })
      .where("subject", "=", "Message 28")
      .execute();
    const html = (await asAdmin.get("/admin/outbox")).body;
    expect(html).toContain("reader29@example.org");
    expect(html).toContain("<summary>Message 29</summary>");
    expect(html).toContain("Body of message 29");
    expect(html).toContain("550 mailbox unavailable");
    expect(html).toContain(">Failed<");
    expect(html).toContain(">Sent<");
    expect(html).toContain(">Not sent<");
    expect(html.indexOf("Message 29")).toBeLessThan(html.indexOf("Message 20"));
    expect(html).not.toContain("Message 4<");
    const second = (await asAdmin.get("/admin/outbox?page=2")).body;
    expect(second).toContain("Message 4<");
  });
});
