import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { AppError, conflict, notFound, ValidationError } from "../../platform/errors.ts";
import { idempotentTransaction } from "../../platform/idempotency.ts";
import type { Actor } from "../../platform/permissions.ts";
import type { VoteBudget, VoteRateLimiter } from "./vote-rate-limit.ts";
import { ipRange, newReceipt } from "./vote-receipts.ts";
import type { VoteWriter } from "./vote-writer.ts";
import {
  editionYearsVotedIn,
  insertVote,
  listNominees,
  listVotesOf,
  type MyVoteRow,
  type NewVote,
  type NomineeRow,
  votingEditionYears,
  whyRefused,
} from "./votes.repo.ts";
import { formatWindow, type VotingEdition, votingEdition } from "./voting-edition.ts";

export interface VoteDeps {
  db: Kysely<Database>;
  limiter: VoteRateLimiter;
  /** Writes votes without an idempotency key, grouped under load (see `VoteWriter`). */
  writer: VoteWriter;
}

export interface CastVoteInput {
  year: number;
  category: string;
  nomineeId: string;
  idempotencyKey: string | null;
  ip: string | null;
  /** The caller's language, for the voting window in a `voting_closed` answer. */
  lang: string;
}

/** A vote as its voter sees it once cast: what it is for and its receipt. */
export interface CastVote {
  id: string;
  year: number;
  category: string;
  nomineeId: string;
  receipt: string;
  castAt: string;
}

const NOMINEE_ID = /^\d{1,18}$/;

/** 403 `email_not_verified`: only an account with a confirmed e-mail address votes. */
export function requireVerifiedVoter(actor: Actor): void {
  if (!actor.emailVerified) throw new AppError("email_not_verified", 403);
}

/** 409 `voting_closed`, saying when voting is open, in the edition's time zone. */
export function votingClosed(edition: VotingEdition, lang: string): AppError {
  const window = formatWindow(edition, lang);
  return new AppError("voting_closed", 409, window ?? { start: "", end: "", zone: "none" });
}

/**
 * Casts one vote. The fast path is one INSERT … SELECT that checks nominee, category, published
 * list and window and lets the unique index refuse a second vote; only a refused vote costs more
 * (a read to say why). With an idempotency key, the key is claimed in the same transaction, so a
 * replay returns the first answer (the same receipt) instead of a second vote or an error.
 */
export async function castVote(
  deps: VoteDeps,
  actor: Actor,
  input: CastVoteInput,
): Promise<{ vote: CastVote; replayed: boolean; budget: VoteBudget | null }> {
  requireVerifiedVoter(actor);
  const edition = await votingEdition(deps.db, input.year);
  if (!edition.categories.includes(input.category))
    throw new ValidationError([{ field: "category", code: "unknown_code" }]);
  if (!NOMINEE_ID.test(input.nomineeId)) throw notFound("nominee_not_found");
  const budget = deps.limiter.consume(actor.id, input.ip);

  // `write` stores the vote: grouped with others outside a transaction, alone inside one.
  const act = async (
    db: Kysely<Database>,
    write: (vote: NewVote) => Promise<{ id: string; castAt: Date } | undefined>,
  ): Promise<CastVote> => {
    const now = new Date();
    const { nonce, receipt } = newReceipt({
      year: edition.year,
      category: input.category,
      nomineeId: input.nomineeId,
    });
    const vote = {
      editionId: edition.id,
      category: input.category,
      nomineeId: input.nomineeId,
      voterId: actor.id,
      now,
    };
    const row = await write({ ...vote, receipt, nonce, ip: input.ip, ipRange: ipRange(input.ip) });
    if (row)
      return {
        id: row.id,
        year: edition.year,
        category: input.category,
        nomineeId: input.nomineeId,
        receipt,
        castAt: row.castAt.toISOString(),
      };
    const reason = await whyRefused(db, vote);
    if (reason === "already_cast") throw conflict("vote_already_cast");
    if (reason === "nominee_not_found") throw notFound("nominee_not_found");
    throw votingClosed(await votingEdition(deps.db, input.year, true), input.lang);
  };

  if (!input.idempotencyKey)
    return { vote: await act(deps.db, (vote) => deps.writer.write(vote)), replayed: false, budget };
  const { outcome, replayed } = await idempotentTransaction(
    deps.db,
    {
      userId: actor.id,
      key: input.idempotencyKey,
      scope: "prizes.castVote",
      content: { year: edition.year, category: input.category, nomineeId: input.nomineeId },
    },
    (trx) => act(trx, (vote) => insertVote(trx, vote)),
  );
  return { vote: outcome, replayed, budget };
}

export interface NomineeList {
  edition: VotingEdition;
  nominees: NomineeRow[];
}

/** The nominees of an edition (optionally one category); an unknown category is a 400. */
export async function nomineesOf(
  db: Kysely<Database>,
  year: number,
  category?: string,
): Promise<NomineeList> {
  const edition = await votingEdition(db, year, true);
  if (category !== undefined && !edition.categories.includes(category))
    throw new ValidationError([{ field: "category", code: "unknown_code" }]);
  return { edition, nominees: await listNominees(db, edition.id, category) };
}

export interface MyVotes {
  edition: VotingEdition;
  /** One per category of the edition, in order, with the vote when there is one. */
  categories: Array<{ code: string; vote: MyVoteRow | null }>;
  voted: number;
}

/** A voter's progress and receipts in one edition. */
export async function myVotes(db: Kysely<Database>, actor: Actor, year: number): Promise<MyVotes> {
  const edition = await votingEdition(db, year, true);
  const votes = await listVotesOf(db, edition.id, actor.id);
  const byCategory = new Map(votes.map((vote) => [vote.category_code, vote]));
  return {
    edition,
    categories: edition.categories.map((code) => ({ code, vote: byCategory.get(code) ?? null })),
    voted: votes.length,
  };
}

/** The editions "My votes" offers: where nominees are published or the voter voted, newest first. */
export async function myVoteEditions(db: Kysely<Database>, actor: Actor): Promise<number[]> {
  const [published, voted] = await Promise.all([votingEditionYears(db), editionYearsVotedIn(db, actor.id)]);
  return [...new Set([...published, ...voted])].sort((a, b) => b - a);
}
