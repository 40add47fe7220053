import type { Kysely } from "kysely";
import { expect } from "vitest";
import type { Database } from "../../db/schema.ts";
import { makeUser } from "../../testing/factories.ts";
import { type Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";

export interface AdminTestApp {
  t: TestApp;
  adminId: string;
  asAdmin: Browser;
  asModerator: Browser;
}

/** An app with a signed-in admin, who may edit reference data, and a moderator, who may not. */
export async function createAdminTestApp(): Promise<AdminTestApp> {
  const t = await createTestApp();
  const admin = await makeUser(t.db, { role: "admin" });
  const asAdmin = await signedInBrowser(t.app, t.db, admin);
  const asModerator = await signedInBrowser(t.app, t.db, await makeUser(t.db, { role: "moderator" }));
  return { t, adminId: admin.id, asAdmin, asModerator };
}

export async function auditCount(db: Kysely<Database>): Promise<number> {
  return Number(
    (
      await db
        .selectFrom("audit_log")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

export function lastAudit(db: Kysely<Database>) {
  return db.selectFrom("audit_log").selectAll().orderBy("id", "desc").executeTakeFirstOrThrow();
}

/** A form post that must fail: the right status, a message tied to the field, nothing stored. */
export async function expectRefused(
  db: Kysely<Database>,
  browser: Browser,
  formUrl: string,
  action: string,
  fields: Record<string, string>,
  field: string,
  message: string,
  status = 400,
) {
  const audits = await auditCount(db);
  const response = await browser.submit(formUrl, action, fields);
  expect(response.statusCode, JSON.stringify(fields)).toBe(status);
  expect(response.body).toContain(`<span class="field-error" id="${field}-error">`);
  expect(response.body).toContain(message);
  expect(response.body).toMatch(new RegExp(`id="field-${field}"[^<]*aria-invalid="true"`));
  expect(await auditCount(db)).toBe(audits);
  return response;
}
