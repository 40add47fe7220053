import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeEntry } from "../../testing/entry-factory.ts";
import { type MadeUser, makeUser } from "../../testing/factories.ts";
import { Browser, createTestApp, type TestApp } from "../../testing/test-app.ts";
import { entryRow } from "./entries.testing.ts";

let t: TestApp;
let ownerUser: MadeUser;
let anonymous: Browser;

beforeAll(async () => {
  t = await createTestApp();
  ownerUser = await makeUser(t.db);
  anonymous = new Browser(t.app);
});
afterAll(async () => t?.close());

describe("the schema", () => {
  it("allows the withdrawn state and still refuses unknown ones", async () => {
    const entry = await makeEntry(t.db, ownerUser.id);
    const setState = (state: string) =>
      sql`update entries set state = ${state} where id = ${entry.id}`.execute(t.db);
    await setState("withdrawn");
    await expect(setState("archived")).rejects.toThrow(/entries_state_check/);
    expect((await entryRow(t.db, entry.id)).state).toBe("withdrawn");
  });
});

describe("the API description", () => {
  it("documents withdrawEntry with its answers", async () => {
    const doc = (await anonymous.api("GET", "/openapi.json")).json();
    const operation = doc.paths["/api/v1/entries/{id}/withdraw"]?.post;
    expect(operation?.operationId).toBe("withdrawEntry");
    expect(operation?.tags).toEqual(["entries"]);
    expect(Object.keys(operation?.requestBody?.content ?? {})).toEqual(["application/json"]);
    for (const status of ["400", "403", "404", "409"])
      expect(Object.keys(operation?.responses?.[status]?.content ?? {})).toEqual([
        "application/problem+json",
      ]);
    expect(operation?.responses?.["200"]).toBeDefined();
  });
});
