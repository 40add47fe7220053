import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entryData, makeEntry } from "../../testing/entry-factory.ts";
import { makeUser } from "../../testing/factories.ts";
import { type Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { countRows, formFields } from "./entries.testing.ts";

let t: TestApp;
let owner: Browser;
let ownerId: string;
beforeAll(async () => {
  t = await createTestApp();
  const user = await makeUser(t.db);
  ownerId = user.id;
  owner = await signedInBrowser(t.app, t.db, user);
});
afterAll(async () => t?.close());

/** Each bad input: the override, the field that must carry the error, its code and message. */
const BAD_INPUTS: Array<[string, Record<string, unknown>, string, string, string]> = [
  ["a missing title", { title: "" }, "title", "required", "Enter a value"],
  ["an oversized title", { title: "T".repeat(201) }, "title", "too_long", "Use at most 200 characters"],
  [
    "a short description",
    { description: "Too short" },
    "description",
    "too_short",
    "Use at least 20 characters",
  ],
  [
    "an oversized description",
    { description: "d".repeat(5001) },
    "description",
    "too_long",
    "Use at most 5000 characters",
  ],
  [
    "a bad contact email",
    { contactEmail: "amina(at)example" },
    "contactEmail",
    "invalid_email",
    "Enter an email address",
  ],
  [
    "an end date before the start",
    { startDate: "2022-05-01", endDate: "2022-04-30" },
    "endDate",
    "end_before_start",
    "The end date must be on or after the start date",
  ],
  ["an impossible date", { startDate: "2022-02-30" }, "startDate", "invalid_date", "Enter a real date"],
  [
    "an unknown Action Line",
    { actionLines: ["C4", "C12"] },
    "actionLines",
    "unknown_code",
    "Choose a value from the list",
  ],
  ["an unknown SDG", { sdgs: [4, 18] }, "sdgs", "unknown_code", "Choose a value from the list"],
  [
    "an unknown country",
    { countries: ["KE", "QQ"] },
    "countries",
    "unknown_code",
    "Choose a value from the list",
  ],
  [
    "an unknown stakeholder type",
    { stakeholderType: "wizards" },
    "stakeholderType",
    "unknown_code",
    "Choose a value from the list",
  ],
  [
    "an unknown target group",
    { targetGroups: ["dragons"] },
    "targetGroups",
    "unknown_code",
    "Choose a value from the list",
  ],
  [
    "a javascript: website",
    { website: "javascript:alert(1)" },
    "website",
    "invalid_url",
    "Enter a web address",
  ],
  ["no Action Line", { actionLines: [] }, "actionLines", "required", "Enter a value"],
  ["no country for national coverage", { countries: [] }, "countries", "required", "Enter a value"],
  ["no project status", { projectStatus: "" }, "projectStatus", "required", "Enter a value"],
  ["no organisation", { organisationName: "" }, "organisationName", "required", "Enter a value"],
  // PostgreSQL refuses NUL in text and jsonb: it must be a field error, never a 500.
  [
    "a NUL byte in the title",
    { title: "Solar\u0000 schools" },
    "title",
    "invalid_value",
    "This value is not valid",
  ],
  [
    "a control character in the description",
    { description: "Tablets for schools\u0007 in rural areas of the region" },
    "description",
    "invalid_value",
    "This value is not valid",
  ],
];

describe("the entry form refuses bad input, keeps what was typed and stores nothing", () => {
  it.each(BAD_INPUTS)("%s", async (_name, override, field, _code, message) => {
    const before = await countRows(t.db);
    const fields = { ...formFields(entryData()), ...formFields(override as never), intent: "submit" };
    const response = await owner.submit("/entries/new", "/entries", fields);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('class="error-summary"');
    expect(response.body).toContain(`href="#field-${field}"`);
    expect(response.body).toContain(`<span class="field-error" id="${field}-error">${message}`);
    // The other fields keep their values.
    if (field !== "organisationName") expect(response.body).toContain('value="Digital Inclusion Network"');
    expect(response.body).toMatch(/name="countries" value="KE" checked|name="countries" value="KE"/);
    if (typeof override.title === "string" && override.title.length > 0)
      expect(response.body).toContain(`value="${override.title}"`);
    expect(await countRows(t.db)).toEqual(before);
  });

  it("keeps the typed text of every field after a failure", async () => {
    const data = entryData({
      title: "Kept title",
      contactEmail: "wrong",
      countries: ["KE", "UG"],
      sdgs: [4, 5],
    });
    const response = await owner.submit("/entries/new", "/entries", {
      ...formFields(data),
      intent: "submit",
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('value="Kept title"');
    expect(response.body).toContain('value="wrong"');
    expect(response.body).toContain(`>${data.description}</textarea>`);
    expect(response.body).toMatch(/id="field-countries-UG" name="countries" value="UG" checked/);
    expect(response.body).toMatch(/name="sdgs" value="5" checked/);
    expect(response.body).toMatch(/aria-invalid="true" aria-describedby="contactEmail-error"/);
  });

  it("saves an incomplete draft but still checks what it holds", async () => {
    const ok = await owner.submit("/entries/new", "/entries", { title: "Just an idea", intent: "draft" });
    expect(ok.statusCode).toBe(303);
    const before = await countRows(t.db);
    const bad = await owner.submit("/entries/new", "/entries", {
      title: "Idea",
      countries: "XX",
      intent: "draft",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('<span class="field-error" id="countries-error">');
    expect(await countRows(t.db)).toEqual(before);
  });

  it("refuses bad edits without adding a revision", async () => {
    const entry = await makeEntry(t.db, ownerId);
    const before = await countRows(t.db);
    const response = await owner.submit(`/entries/${entry.id}/edit`, `/entries/${entry.id}`, {
      ...formFields({ ...entry.data, endDate: "2001-01-01" }),
      intent: "draft",
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('id="endDate-error"');
    expect(await countRows(t.db)).toEqual(before);
  });

  it("shows what is missing when an incomplete draft is submitted", async () => {
    const entry = await makeEntry(t.db, ownerId, { data: { description: "", actionLines: [] } });
    const before = await countRows(t.db);
    const response = await owner.submit("/my/entries", `/entries/${entry.id}/submit`, {});
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('id="description-error"');
    expect(response.body).toContain('id="actionLines-error"');
    expect(await countRows(t.db)).toEqual(before);
  });
});

describe("the API refuses bad input with problem+json field errors and stores nothing", () => {
  it.each(BAD_INPUTS)("%s", async (_name, override, field, code) => {
    const before = await countRows(t.db);
    const response = await owner.api("POST", "/api/v1/entries", {
      ...entryData(),
      ...override,
      submit: true,
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    const body = response.json();
    expect(body.code).toBe("validation_failed");
    expect(body.errors).toContainEqual(expect.objectContaining({ field, code }));
    expect(await countRows(t.db)).toEqual(before);
  });

  it("refuses a bad PATCH without adding a revision", async () => {
    const entry = await makeEntry(t.db, ownerId);
    const before = await countRows(t.db);
    const response = await owner.api("PATCH", `/api/v1/entries/${entry.id}`, { sdgs: [99] });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      expect.objectContaining({ field: "sdgs", code: "unknown_code" }),
    ]);
    expect(await countRows(t.db)).toEqual(before);
  });

  it("refuses unknown properties and wrongly typed values", async () => {
    const before = await countRows(t.db);
    const extra = await owner.api("POST", "/api/v1/entries", { ...entryData(), secretField: 1 });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().code).toBe("validation_failed");
    const wrongType = await owner.api("POST", "/api/v1/entries", { ...entryData(), sdgs: "many" });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().code).toBe("validation_failed");
    const badCoverage = await owner.api("POST", "/api/v1/entries", { ...entryData(), coverage: "galactic" });
    expect(badCoverage.statusCode).toBe(400);
    expect(badCoverage.json().errors).toContainEqual(expect.objectContaining({ field: "coverage" }));
    expect(await countRows(t.db)).toEqual(before);
  });

  it("answers malformed JSON with 400 invalid_json", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/v1/entries",
      headers: { "content-type": "application/json", cookie: owner.cookieHeader() },
      payload: '{"title": "broken',
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    expect(response.json()).toMatchObject({ status: 400, code: "invalid_json" });
  });

  it("answers a wrong content type with 415 unsupported_media_type", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/v1/entries",
      headers: { "content-type": "application/xml", cookie: owner.cookieHeader() },
      payload: "<entry><title>hello</title></entry>",
    });
    expect(response.statusCode).toBe(415);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    expect(response.json()).toMatchObject({ status: 415, code: "unsupported_media_type" });
  });

  it("answers a text/plain body with a 400 problem, not a 500", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/v1/entries",
      headers: { "content-type": "text/plain", cookie: owner.cookieHeader() },
      payload: "title=hello",
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers["content-type"]).toContain("application/problem+json");
  });

  it("refuses a malformed Idempotency-Key", async () => {
    const before = await countRows(t.db);
    const response = await owner.api("POST", "/api/v1/entries", entryData(), { "idempotency-key": "short" });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      expect.objectContaining({ field: "Idempotency-Key", code: "invalid_value" }),
    ]);
    expect(await countRows(t.db)).toEqual(before);
  });

  it.each(["abc", "0", "-1", "1.5", "99999999999999999999999", "999999"])(
    "answers id %s with 404 entry_not_found, never a 500",
    async (id) => {
      for (const [method, url, payload] of [
        ["GET", `/api/v1/entries/${id}`, undefined],
        ["PATCH", `/api/v1/entries/${id}`, { title: "x" }],
        ["POST", `/api/v1/entries/${id}/submit`, undefined],
      ] as const) {
        const response = await owner.api(method, url, payload);
        expect(response.statusCode, `${method} ${url}`).toBe(404);
        expect(response.json().code).toBe("entry_not_found");
      }
      for (const url of [`/entries/${id}`, `/entries/${id}/edit`, `/entries/${id}/history`]) {
        expect((await owner.get(url)).statusCode, url).toBe(404);
      }
    },
  );
});
