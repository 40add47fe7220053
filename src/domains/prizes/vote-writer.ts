import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { Batcher } from "../../platform/batcher.ts";
import { insertVotes, type NewVote } from "./votes.repo.ts";

/**
 * Group commit for votes (`Batcher`): the votes that arrive while a write is in flight are
 * written together in the next statement (`insertVotes`, one multi-row INSERT … SELECT with the
 * same checks and the same `on conflict do nothing` as a single vote), and each caller is answered
 * only once that statement has committed. Nothing is acknowledged before it is stored, and the
 * unique index still decides between two votes of one voter, even inside one statement.
 */
export class VoteWriter {
  private readonly batcher: Batcher<NewVote, { id: string; castAt: Date } | undefined>;

  constructor(db: Kysely<Database>) {
    this.batcher = new Batcher(async (votes) => {
      const written = await insertVotes(db, votes);
      return votes.map((vote) => written.get(vote.receipt));
    });
  }

  /** Writes the vote; undefined when it was refused (see `whyRefused`). */
  write(vote: NewVote): Promise<{ id: string; castAt: Date } | undefined> {
    return this.batcher.submit(vote);
  }
}
