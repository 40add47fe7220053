import type { Kysely } from "kysely";
import type { Database, PrizePhase } from "../../db/schema.ts";
import { makePrizeEdition, makePrizeSubmission, type TestEdition } from "./prizes.testing.ts";

export interface VotingFixture {
  edition: TestEdition;
  /** The first two categories. */
  c1: string;
  c2: string;
  /** Two nominees in c1, one in c2. */
  a: string;
  b: string;
  c: string;
  /** A submission of c1 that was not nominated. */
  notNominated: string;
}

/**
 * An edition with `openPhase` open (voting by default), its nominated list published, two
 * nominees in the first category, one in the second, and a submission that was not nominated.
 */
export async function makeVotingEdition(
  db: Kysely<Database>,
  options: { openPhase?: PrizePhase | null; published?: boolean; timeZone?: string } = {},
): Promise<VotingFixture> {
  const edition = await makePrizeEdition(db, {
    openPhase: options.openPhase === undefined ? "voting" : options.openPhase,
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  });
  const [c1, c2] = edition.categories as [string, string];
  const a = await makePrizeSubmission(db, edition, { category: c1, status: "nominated" });
  const b = await makePrizeSubmission(db, edition, { category: c1, status: "nominated" });
  const c = await makePrizeSubmission(db, edition, { category: c2, status: "nominated" });
  const notNominated = await makePrizeSubmission(db, edition, { category: c1, status: "not_nominated" });
  if (options.published !== false)
    await db
      .updateTable("prize_editions")
      .set({ nominees_published_at: new Date() })
      .where("id", "=", edition.id)
      .execute();
  return { edition, c1, c2, a: a.id, b: b.id, c: c.id, notNominated: notNominated.id };
}

/** How many vote rows a voter has in an edition (what a refused vote must leave unchanged). */
export async function voteRows(db: Kysely<Database>, editionId: string, voterId?: string): Promise<number> {
  let query = db
    .selectFrom("prize_votes")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("edition_id", "=", editionId);
  if (voterId !== undefined) query = query.where("voter_id", "=", voterId);
  return Number((await query.executeTakeFirstOrThrow()).n);
}
