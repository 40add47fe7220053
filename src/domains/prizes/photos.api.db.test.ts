import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../platform/auth/sessions.ts";
import { makeUser } from "../../testing/factories.ts";
import { Browser, createTestApp, type TestApp } from "../../testing/test-app.ts";
import { apiPostPhoto, jpegPhoto, makePrizePhoto, photoCount, validPhotoFields } from "./photos.testing.ts";
import { makePrizeEdition, type TestEdition } from "./prizes.testing.ts";

const MAX_BYTES = 200 * 1024;

let t: TestApp;
let edition: TestEdition;
let closed: TestEdition;
beforeAll(async () => {
  t = await createTestApp({ photoMaxBytes: MAX_BYTES });
  edition = await makePrizeEdition(t.db, { openPhase: "submission" });
  closed = await makePrizeEdition(t.db, { openPhase: "voting" });
});
afterAll(async () => t?.close());

async function token(scopes = ["prizes:write"]) {
  const user = await makeUser(t.db);
  return { user, token: await createApiToken(t.db, user.id, "photos", scopes, null) };
}
const bearer = (value: string) => ({ authorization: `Bearer ${value}` });

describe("Photo Contest API", () => {
  it("enters photos (201 with the slot), lists them as one's own, and removes one", async () => {
    const { token: key } = await token();
    const first = await apiPostPhoto(t.app, key, edition.year);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      slot: 1,
      links: { mine: `/api/v1/prizes/editions/${edition.year}/photos/mine` },
    });
    const mine = await new Browser(t.app).api(
      "GET",
      `/api/v1/prizes/editions/${edition.year}/photos/mine`,
      undefined,
      bearer(key),
    );
    expect(mine.statusCode).toBe(200);
    const body = mine.json();
    expect(body).toMatchObject({ year: edition.year, entriesOpen: true, max: 5 });
    expect(body.items[0]).toMatchObject({
      id: first.json().id,
      caption: "A nurse checks a patient record on a tablet in a rural clinic",
      sdgs: [
        { number: 3, name: "Good health and well-being" },
        { number: 9, name: "Industry, innovation and infrastructure" },
      ],
      licence: "CC-BY-4.0",
      winnerRank: null,
    });
    expect(body.items[0].renditions.map((item: { width: number }) => item.width)).toEqual([320, 480]);
    const removed = await new Browser(t.app).api(
      "DELETE",
      `/api/v1/prizes/editions/${edition.year}/photos/${first.json().id}`,
      undefined,
      bearer(key),
    );
    expect(removed.statusCode).toBe(204);
  });

  it("refuses each bad input with its stable code and stores nothing", async () => {
    const { token: key } = await token();
    const before = await photoCount(t.db, edition.id);
    const cases: Array<{
      name: string;
      fields?: Array<[string, string]>;
      file?: { data: Buffer; filename?: string } | null;
      field: string;
      code: string;
    }> = [
      {
        name: "fake image",
        file: { data: Buffer.from("GIF? no, text"), filename: "photo.jpg" },
        field: "file",
        code: "not_an_image",
      },
      {
        name: "oversized",
        file: { data: Buffer.concat([await jpegPhoto(), Buffer.alloc(MAX_BYTES)]) },
        field: "file",
        code: "too_long",
      },
      { name: "no file", file: null, field: "file", code: "required" },
      {
        name: "missing consent",
        fields: validPhotoFields({ ownsRights: null }),
        field: "ownsRights",
        code: "required",
      },
      {
        name: "consent not given",
        fields: validPhotoFields({ personsConsented: "no" }),
        field: "personsConsented",
        code: "required",
      },
      {
        name: "under 18",
        fields: validPhotoFields({ birthDate: `${new Date().getUTCFullYear() - 10}-06-01` }),
        field: "birthDate",
        code: "under_age",
      },
      { name: "SDG 0", fields: validPhotoFields({ sdgs: ["0"] }), field: "sdgs", code: "out_of_range" },
      { name: "SDG 18", fields: validPhotoFields({ sdgs: ["18"] }), field: "sdgs", code: "out_of_range" },
      {
        name: "SDG not a number",
        fields: validPhotoFields({ sdgs: ["three"] }),
        field: "sdgs",
        code: "out_of_range",
      },
      { name: "no SDG", fields: validPhotoFields({ sdgs: null }), field: "sdgs", code: "required" },
      {
        name: "licence",
        fields: validPhotoFields({ licence: "CC0" }),
        field: "licence",
        code: "invalid_value",
      },
      {
        name: "birth date",
        fields: validPhotoFields({ birthDate: "17/05/1990" }),
        field: "birthDate",
        code: "invalid_date",
      },
    ];
    for (const item of cases) {
      const response = await apiPostPhoto(t.app, key, edition.year, {
        ...(item.fields ? { fields: item.fields } : {}),
        ...(item.file !== undefined ? { file: item.file } : {}),
      });
      expect({ name: item.name, status: response.statusCode, code: response.json().code }).toEqual({
        name: item.name,
        status: 400,
        code: "validation_failed",
      });
      expect(response.json().errors, item.name).toContainEqual(
        expect.objectContaining({ field: item.field, code: item.code }),
      );
    }
    expect(await photoCount(t.db, edition.id)).toBe(before);
  });

  it("refuses a sixth photo (photo_limit_reached), a late entry (photo_entries_closed) and another user's photo (photo_not_found)", async () => {
    const { user, token: key } = await token();
    for (let index = 0; index < 5; index += 1)
      expect((await apiPostPhoto(t.app, key, edition.year)).statusCode).toBe(201);
    const sixth = await apiPostPhoto(t.app, key, edition.year);
    expect(sixth.statusCode).toBe(409);
    expect(sixth.json().code).toBe("photo_limit_reached");
    expect(sixth.json().title).toContain("5 photos");

    const late = await apiPostPhoto(t.app, key, closed.year);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe("photo_entries_closed");

    const { token: other } = await token();
    const theirs = await t.db
      .selectFrom("prize_photos")
      .select("id")
      .where("entrant_id", "=", user.id)
      .executeTakeFirstOrThrow();
    const stolen = await new Browser(t.app).api(
      "DELETE",
      `/api/v1/prizes/editions/${edition.year}/photos/${theirs.id}`,
      undefined,
      bearer(other),
    );
    expect(stolen.statusCode).toBe(404);
    expect(stolen.json().code).toBe("photo_not_found");
    const lateRemoval = await new Browser(t.app).api(
      "DELETE",
      `/api/v1/prizes/editions/${closed.year}/photos/${await makePrizePhoto(t.db, closed, user.id)}`,
      undefined,
      bearer(key),
    );
    expect(lateRemoval.json().code).toBe("photo_entries_closed");
    expect(await photoCount(t.db, edition.id)).toBeGreaterThanOrEqual(5);
  });

  it("needs the prizes:write scope and a signed-in caller; the gallery is public", async () => {
    const { token: reader } = await token(["entries:read"]);
    const scoped = await apiPostPhoto(t.app, reader, edition.year);
    expect(scoped.statusCode).toBe(403);
    expect(scoped.json().code).toBe("insufficient_scope");
    const anonymous = await new Browser(t.app).api(
      "GET",
      `/api/v1/prizes/editions/${edition.year}/photos/mine`,
    );
    expect(anonymous.statusCode).toBe(401);
    const gallery = await new Browser(t.app).api("GET", `/api/v1/prizes/editions/${edition.year}/photos`);
    expect(gallery.statusCode).toBe(200);
    expect(gallery.json()).toMatchObject({
      year: edition.year,
      entriesOpen: true,
      winnersPublished: false,
      items: [],
    });
    expect((await new Browser(t.app).api("GET", "/api/v1/prizes/editions/1999/photos")).json().code).toBe(
      "not_found",
    );
  });

  it("documents its operations in /openapi.json", async () => {
    const document = (await new Browser(t.app).api("GET", "/openapi.json")).json();
    const operations = Object.values(
      document.paths as Record<string, Record<string, { operationId?: string }>>,
    )
      .flatMap((methods) => Object.values(methods))
      .map((operation) => operation.operationId);
    for (const id of ["listPrizePhotos", "listMyPrizePhotos", "enterPrizePhoto", "removePrizePhoto"])
      expect(operations).toContain(id);
  });
});
