import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../platform/errors.ts";
import type { Actor } from "../../platform/permissions.ts";
import { makeUser } from "../../testing/factories.ts";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { readPhotoForm } from "./photo-input.ts";
import { enterPhoto } from "./photos.service.ts";
import { jpegPhoto, makePrizePhoto, photoCount, validPhotoFields } from "./photos.testing.ts";
import { makePrizeEdition } from "./prizes.testing.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.destroy());

const form = () => {
  const body: Record<string, string | string[]> = {};
  for (const [name, value] of validPhotoFields()) {
    const existing = body[name];
    body[name] =
      existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return readPhotoForm(body);
};

// On PostgreSQL the uploads really run in parallel, on separate connections; on PGlite they queue.
describe("the five-photo limit under concurrency", () => {
  it("stores exactly five of twelve simultaneous uploads by one entrant; the others get photo_limit_reached", async () => {
    const edition = await makePrizeEdition(t.db, { openPhase: "submission" });
    const user = await makeUser(t.db);
    const actor: Actor = {
      id: user.id,
      name: user.name,
      email: user.email,
      role: "user",
      emailVerified: true,
      scopes: null,
    };
    const data = await jpegPhoto({ width: 240, height: 160 });
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, () =>
        enterPhoto(
          t.db,
          actor,
          edition.year,
          { form: form(), file: { data, truncated: false } },
          { maxBytes: 1024 * 1024 },
        ),
      ),
    );
    const entered = results.filter((result) => result.status === "fulfilled");
    const refused = results.flatMap((result) => (result.status === "rejected" ? [result.reason] : []));
    expect(entered).toHaveLength(5);
    expect(refused).toHaveLength(7);
    for (const reason of refused) {
      expect(reason).toBeInstanceOf(AppError);
      expect((reason as AppError).code).toBe("photo_limit_reached");
    }
    const slots = await t.db
      .selectFrom("prize_photos")
      .select("slot")
      .where("entrant_id", "=", user.id)
      .orderBy("slot")
      .execute();
    expect(slots.map((row) => row.slot)).toEqual([1, 2, 3, 4, 5]);
  });

  it("holds the limit in the database itself: a sixth row cannot be written even without the service", async () => {
    const edition = await makePrizeEdition(t.db, { openPhase: "review" });
    const user = await makeUser(t.db);
    for (let index = 0; index < 5; index += 1) await makePrizePhoto(t.db, edition, user.id);
    await expect(makePrizePhoto(t.db, edition, user.id)).rejects.toThrow();
    expect(await photoCount(t.db, edition.id)).toBe(5);
  });
});
