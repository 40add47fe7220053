import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { makeUser } from "../../testing/factories.ts";
import type { TestEdition } from "./prizes.testing.ts";

let receiptSequence = 0;

/** Voters made once per test file and reused: each votes at most once per category. */
export async function makeVoters(db: Kysely<Database>, count: number): Promise<string[]> {
  const voters: string[] = [];
  for (let index = 0; index < count; index += 1) voters.push((await makeUser(db)).id);
  return voters;
}

/**
 * Casts `counts[i]` votes for `nominees[i]` in `category`, each by the next voter of `voters`, as
 * rows (the voting service is not what these tests are about). `invalid` votes are stored
 * invalidated with that reason. Returns the voters used, in order.
 */
export async function castVotes(
  db: Kysely<Database>,
  edition: TestEdition,
  category: string,
  voters: readonly string[],
  ballots: ReadonlyArray<{ nominee: string; count: number; invalid?: string }>,
): Promise<string[]> {
  const used: string[] = [];
  let next = 0;
  for (const ballot of ballots) {
    for (let index = 0; index < ballot.count; index += 1) {
      const voter = voters[next];
      if (voter === undefined) throw new Error("castVotes: not enough voters");
      next += 1;
      receiptSequence += 1;
      await db
        .insertInto("prize_votes")
        .values({
          edition_id: edition.id,
          category_code: category,
          submission_id: ballot.nominee,
          voter_id: voter,
          receipt: `results-${process.pid}-${edition.id}-${receiptSequence}`,
          ...(ballot.invalid ? { invalidated_at: new Date(), invalidation_reason: ballot.invalid } : {}),
        })
        .execute();
      used.push(voter);
    }
  }
  return used;
}
