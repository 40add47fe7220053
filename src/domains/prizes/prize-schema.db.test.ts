import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../testing/factories.ts";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { findPhaseWindows } from "./editions.repo.ts";
import { openPhase } from "./prize-phases.ts";
import { makePrizeEdition, makePrizeSubmission } from "./prizes.testing.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.destroy());

// The invariants the schema itself holds, whatever a service does.
describe("prize schema", () => {
  it("lays out test editions with the asked phase open and all 18 categories", async () => {
    const edition = await makePrizeEdition(t.db, { openPhase: "voting" });
    expect(edition.categories).toHaveLength(18);
    expect(openPhase(await findPhaseWindows(t.db, edition.id), new Date())).toBe("voting");
  });

  it("allows one live submission per organisation per category", async () => {
    const edition = await makePrizeEdition(t.db);
    const first = await makePrizeSubmission(t.db, edition);
    await expect(
      makePrizeSubmission(t.db, edition, {
        organisationId: first.organisationId,
        submitterId: first.submitterId,
      }),
    ).rejects.toThrow();
    const other = await makePrizeSubmission(t.db, edition, {
      organisationId: first.organisationId,
      submitterId: first.submitterId,
      category: edition.categories[1] as string,
    });
    expect(other.id).not.toBe(first.id);
  });

  it("refuses a second vote in a category and a vote naming another category's nominee", async () => {
    const edition = await makePrizeEdition(t.db, { openPhase: "voting" });
    const [c1, c2] = edition.categories as [string, string];
    const nominee = await makePrizeSubmission(t.db, edition, { category: c1, status: "nominated" });
    const voter = await makeUser(t.db);
    const vote = (category: string, receipt: string) =>
      t.db
        .insertInto("prize_votes")
        .values({
          edition_id: edition.id,
          category_code: category,
          submission_id: nominee.id,
          voter_id: voter.id,
          receipt,
        })
        .execute();
    await vote(c1, `r-${edition.id}-1`);
    await expect(vote(c1, `r-${edition.id}-2`)).rejects.toThrow();
    await expect(vote(c2, `r-${edition.id}-3`)).rejects.toThrow();
    const rows = await t.db.selectFrom("prize_votes").select("id").where("voter_id", "=", voter.id).execute();
    expect(rows).toHaveLength(1);
  });
});
