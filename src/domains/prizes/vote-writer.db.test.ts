import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../testing/factories.ts";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { makeVotingEdition, type VotingFixture, voteRows } from "./prizes-voting.testing.ts";
import { newReceipt } from "./vote-receipts.ts";
import { VoteWriter } from "./vote-writer.ts";
import type { NewVote } from "./votes.repo.ts";

let t: TestDatabase;
let f: VotingFixture;
beforeAll(async () => {
  t = await createTestDatabase();
  f = await makeVotingEdition(t.db);
});
afterAll(async () => t?.destroy());

function vote(voterId: string, category: string, nomineeId: string): NewVote {
  const { nonce, receipt } = newReceipt({ year: f.edition.year, category, nomineeId });
  return {
    editionId: f.edition.id,
    category,
    nomineeId,
    voterId,
    receipt,
    nonce,
    ip: "192.0.2.7",
    ipRange: "192.0.2.0/24",
    now: new Date(),
  };
}

// Votes sent at once are written in shared statements: each must still be answered for itself.
describe("VoteWriter", () => {
  it("answers every vote of a burst for itself, accepting each voter's first and refusing the rest", async () => {
    const writer = new VoteWriter(t.db);
    const voters = await Promise.all(Array.from({ length: 30 }, () => makeUser(t.db)));
    const burst = voters.flatMap((voter) => [
      vote(voter.id, f.c1, f.a),
      // The same voter again in the same category, in the same burst: the unique index decides.
      vote(voter.id, f.c1, f.b),
      vote(voter.id, f.c2, f.c),
      // Not a nominee of that category: refused by the statement's checks, not by an error.
      vote(voter.id, f.c2, f.a),
    ]);
    const answers = await Promise.all(burst.map((item) => writer.write(item)));
    for (let index = 0; index < voters.length; index++) {
      const [first, second, other, wrong] = answers.slice(index * 4, index * 4 + 4);
      expect(Boolean(first) !== Boolean(second)).toBe(true);
      expect(other).toBeDefined();
      expect(wrong).toBeUndefined();
    }
    const accepted = answers.filter((answer) => answer !== undefined);
    expect(accepted).toHaveLength(60);
    expect(new Set(accepted.map((answer) => answer?.id)).size).toBe(60);
    expect(await voteRows(t.db, f.edition.id)).toBe(60);
  });
});
