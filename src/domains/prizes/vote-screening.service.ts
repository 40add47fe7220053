import type { Kysely } from "kysely";
import type { VotingConfig } from "../../config.ts";
import type { Database } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { conflict, notFound, ValidationError } from "../../platform/errors.ts";
import type { Actor } from "../../platform/permissions.ts";
import {
  editionsToScreen,
  type FlagRow,
  type FlagVoteRow,
  findFlag,
  findVoteByIdOrReceipt,
  flagVotes,
  invalidateVotes,
  listFlags,
  screenEdition,
  setFlagStatus,
} from "./vote-screening.repo.ts";
import { tallyVotes, type VoteTally } from "./vote-tally.repo.ts";
import { listNominees, type NomineeRow } from "./votes.repo.ts";
import { type VotingEdition, votingEdition } from "./voting-edition.ts";

const REASON_MAX = 500;

/** Screens one edition now (the secretariat's "screen now" and the periodic job). */
export async function screenVotes(
  db: Kysely<Database>,
  editionId: string,
  config: VotingConfig,
): Promise<void> {
  await db.transaction().execute((trx) => screenEdition(trx, editionId, config));
}

/** Screens every edition in or just after its voting phase; returns how many. */
export async function screenDueEditions(db: Kysely<Database>, config: VotingConfig, now = new Date()) {
  const editions = await editionsToScreen(db, now);
  for (const id of editions) await screenVotes(db, id, config);
  return { editions: editions.length };
}

export interface SecretariatView {
  edition: VotingEdition;
  tally: VoteTally;
  nominees: Map<string, NomineeRow>;
  flags: Array<FlagRow & { votes: FlagVoteRow[] }>;
}

/** Live totals (valid votes, by the edition's rules), every flag and the first votes of the open ones. */
export async function secretariatView(db: Kysely<Database>, year: number): Promise<SecretariatView> {
  const edition = await votingEdition(db, year, true);
  const [tally, nominees, flags] = await Promise.all([
    tallyVotes(db, edition.id, edition.rules),
    listNominees(db, edition.id),
    listFlags(db, edition.id),
  ]);
  const withVotes = await Promise.all(
    flags.map(async (flag) => ({
      ...flag,
      votes: flag.status === "open" ? await flagVotes(db, flag.id) : [],
    })),
  );
  return { edition, tally, nominees: new Map(nominees.map((row) => [row.id, row])), flags: withVotes };
}

function requiredText(field: string, value: string, max = REASON_MAX): string {
  const text = value.trim();
  if (!text) throw new ValidationError([{ field, code: "required" }]);
  if (text.length > max) throw new ValidationError([{ field, code: "too_long", params: { max } }]);
  return text;
}

export interface InvalidateInput {
  year: number;
  /** A vote's id or receipt, or a flag (its whole group). */
  vote?: string;
  flagId?: string;
  reason: string;
  ip: string | null;
}

/**
 * Invalidates one vote or every still-valid vote of a flagged group, with a required reason kept
 * on each vote. Each invalidated vote gets its own audit record (`prize.vote_invalidate`), in the
 * same transaction; the count leaves them out from then on.
 */
export async function invalidate(
  db: Kysely<Database>,
  actor: Actor,
  input: InvalidateInput,
): Promise<number> {
  const edition = await votingEdition(db, input.year, true);
  const reason = requiredText("reason", input.reason);
  const now = new Date();
  return db.transaction().execute(async (trx) => {
    const change = { reason, actorId: actor.id, now, ip: input.ip };
    if (input.flagId !== undefined) {
      const flag = /^\d{1,18}$/.test(input.flagId)
        ? await findFlag(trx, edition.id, input.flagId)
        : undefined;
      if (!flag) throw notFound("vote_flag_not_found");
      const count = await invalidateVotes(trx, { editionId: edition.id, flagId: flag.id }, change);
      await setFlagStatus(trx, flag.id, { status: "invalidated", actorId: actor.id, note: reason, now });
      return count;
    }
    const ref = (input.vote ?? "").trim();
    if (!ref) throw new ValidationError([{ field: "vote", code: "required" }]);
    const vote = ref.length <= 64 ? await findVoteByIdOrReceipt(trx, edition.id, ref) : undefined;
    if (!vote) throw notFound("vote_not_found");
    if (vote.invalidated_at) throw conflict("vote_already_invalidated");
    return invalidateVotes(trx, { editionId: edition.id, voteIds: [vote.id] }, change);
  });
}

/** Clears a flag after review (its votes stay valid), with a required note, audited. */
export async function clearFlag(
  db: Kysely<Database>,
  actor: Actor,
  input: { year: number; flagId: string; note: string; ip: string | null },
): Promise<void> {
  const edition = await votingEdition(db, input.year, true);
  const note = requiredText("note", input.note, 1000);
  await db.transaction().execute(async (trx) => {
    const flag = /^\d{1,18}$/.test(input.flagId) ? await findFlag(trx, edition.id, input.flagId) : undefined;
    if (!flag) throw notFound("vote_flag_not_found");
    if (flag.status !== "open") throw conflict("vote_flag_not_open");
    const now = new Date();
    await setFlagStatus(trx, flag.id, { status: "cleared", actorId: actor.id, note, now });
    await recordAudit(trx, {
      actorId: actor.id,
      action: "prize.vote_flag_clear",
      subjectType: "prize_vote_flag",
      subjectId: flag.id,
      before: { status: flag.status },
      after: { status: "cleared", note, kind: flag.kind, group: flag.group_key, votes: flag.vote_count },
      ip: input.ip,
    });
  });
}
