import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../../platform/auth/passwords.ts";
import { actorForApiToken } from "../../platform/auth/sessions.ts";
import { AppError, ValidationError } from "../../platform/errors.ts";
import { createTestApp, type TestApp } from "../../testing/test-app.ts";
import { addVerifiedUser, issueApiToken } from "./accounts.cli.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

async function validationCodes(run: () => Promise<unknown>): Promise<Record<string, string>> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ValidationError)
      return Object.fromEntries(error.fieldErrors.map((e) => [e.field, e.code]));
    throw error;
  }
  throw new Error("expected a ValidationError");
}

describe("user:add", () => {
  it("creates a verified user and audits it without secrets", async () => {
    const user = await addVerifiedUser(t.db, {
      email: "admin@example.org",
      password: "ample purple meadow",
      role: "admin",
      name: "Ada Admin",
    });
    expect(user).toMatchObject({ email: "admin@example.org", role: "admin" });
    const row = await t.db
      .selectFrom("users")
      .selectAll()
      .where("id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(row.email_verified_at).not.toBeNull();
    expect(row.name).toBe("Ada Admin");
    const audit = await t.db.selectFrom("audit_log").selectAll().where("subject_id", "=", user.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "user.add", actor_id: null, subject_type: "user" });
    expect(JSON.stringify(audit)).not.toContain("argon2");
    expect(JSON.stringify(audit)).not.toContain("ample purple meadow");
  });

  it("updates role and password when run again for the same address", async () => {
    const first = await addVerifiedUser(t.db, {
      email: "mod@example.org",
      password: "first green password",
      role: "user",
      name: "Mo",
    });
    const second = await addVerifiedUser(t.db, {
      email: "MOD@example.org",
      password: "second blue password",
      role: "moderator",
      name: "mod",
    });
    expect(second.id).toBe(first.id);
    expect(second.role).toBe("moderator");
    const rows = await t.db.selectFrom("users").selectAll().where("id", "=", first.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.name).toBe("Mo");
    expect(await verifyPassword(rows[0]?.password_hash as string, "second blue password")).toBe(true);
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action", "before", "after"])
      .where("subject_id", "=", first.id)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["user.add", "user.update"]);
    expect(audit[1]?.before).toMatchObject({ role: "user" });
    expect(audit[1]?.after).toMatchObject({ role: "moderator" });
  });

  it.each([
    [{ role: "superuser" }, { role: "unknown_code" }],
    [{ email: "not-an-email" }, { email: "invalid_email" }],
    [{ password: "short" }, { password: "too_short" }],
    [{ password: "password123" }, { password: "weak_password" }],
    [{ name: "" }, { name: "required" }],
  ])("refuses %j", async (override, expected) => {
    const input = {
      email: "valid@example.org",
      password: "fine long passphrase",
      role: "user",
      name: "V",
      ...override,
    };
    expect(await validationCodes(() => addVerifiedUser(t.db, input))).toEqual(expected);
    const rows = await t.db
      .selectFrom("users")
      .select("id")
      .where("email", "=", "valid@example.org")
      .execute();
    expect(rows).toEqual([]);
  });
});

describe("token:create", () => {
  it("issues a working token with the given scopes", async () => {
    await addVerifiedUser(t.db, {
      email: "api@example.org",
      password: "ample purple meadow",
      role: "user",
      name: "Api",
    });
    const token = await issueApiToken(t.db, {
      email: "api@example.org",
      scopes: ["entries:read", "entries:write", "entries:read"],
      name: "ci",
    });
    expect(token).toMatch(/^wsis_/);
    const actor = await actorForApiToken(t.db, token);
    expect(actor.email).toBe("api@example.org");
    expect(actor.scopes).toEqual(["entries:read", "entries:write"]);
    const audit = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "api_token.create")
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it("refuses unknown scopes and an empty list", async () => {
    expect(
      await validationCodes(() =>
        issueApiToken(t.db, { email: "api@example.org", scopes: ["entries:read", "root"], name: "x" }),
      ),
    ).toEqual({ scopes: "unknown_code" });
    expect(
      await validationCodes(() =>
        issueApiToken(t.db, { email: "api@example.org", scopes: [" "], name: "x" }),
      ),
    ).toEqual({
      scopes: "required",
    });
  });

  it("refuses an unknown account with user_not_found", async () => {
    const attempt = issueApiToken(t.db, { email: "ghost@example.org", scopes: ["entries:read"], name: "x" });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: "user_not_found", status: 404 });
  });
});
