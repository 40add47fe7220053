import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../testing/factories.ts";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { findPhaseWindows } from "./editions.repo.ts";
import { openPhase } from "./prize-phases.ts";
import { prizeRules } from "./prize-rules.ts";
import { makePrizeEdition, makePrizeSubmission } from "./prizes.testing.ts";
import { tallyVotes } from "./vote-tally.repo.ts";

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

describe("tallyVotes", () => {
  it("counts valid votes per nominee, leaves out invalidated ones and applies the complete-voter rule", async () => {
    const edition = await makePrizeEdition(t.db, { openPhase: "voting" });
    const [c1, c2] = edition.categories as [string, string];
    const a = await makePrizeSubmission(t.db, edition, { category: c1, status: "nominated" });
    const b = await makePrizeSubmission(t.db, edition, { category: c1, status: "nominated" });
    const c = await makePrizeSubmission(t.db, edition, { category: c2, status: "nominated" });
    const voters = await Promise.all([1, 2, 3].map(() => makeUser(t.db)));
    const cast = (voter: string, nominee: string, category: string, invalid?: string) =>
      t.db
        .insertInto("prize_votes")
        .values({
          edition_id: edition.id,
          category_code: category,
          submission_id: nominee,
          voter_id: voter,
          receipt: `${edition.id}-${voter}-${category}`,
          ...(invalid ? { invalidated_at: new Date(), invalidation_reason: invalid } : {}),
        })
        .execute();
    const [v1, v2, v3] = voters.map((voter) => voter.id) as [string, string, string];
    await cast(v1, a.id, c1);
    await cast(v2, a.id, c1);
    await cast(v3, b.id, c1, "burst_from_ip_range");
    await cast(v1, c.id, c2);
    const tally = await tallyVotes(t.db, edition.id, prizeRules({}));
    expect(tally.nominees).toEqual([
      { categoryCode: c1, submissionId: a.id, votes: 2 },
      { categoryCode: c1, submissionId: b.id, votes: 0 },
      { categoryCode: c2, submissionId: c.id, votes: 1 },
    ]);
    expect(tally.counted).toBe(3);
    expect(tally.invalidated).toEqual([{ reason: "burst_from_ip_range", count: 1 }]);
    // Nobody voted in all 18 categories: under the 2013 rule nothing counts, and nothing is lost.
    const strict = await tallyVotes(t.db, edition.id, prizeRules({ votesOnlyFromCompleteVoters: true }));
    expect(strict.counted).toBe(0);
    expect(strict.notCounted).toBe(3);
  });
});
