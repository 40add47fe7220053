import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { conflict, notFound, ValidationError } from "../../platform/errors.ts";
import type { Actor } from "../../platform/permissions.ts";
import {
  countEditionPhotos,
  findJuryPage,
  findRankHolder,
  findResultsPublishedAt,
  findShortlist,
  findWinners,
  insertResults,
  lockEditionForJury,
  lockPhoto,
  type PhotoRow,
  setShortlisted,
  setWinnerRank,
} from "./photos.repo.ts";
import { loadPhotoEdition, type PhotoEdition, type WriteOptions } from "./photos.service.ts";

/**
 * The Photo Contest jury: the secretariat (`prizes.secretariat`) shortlists photos once entries
 * have closed, ranks three of the shortlist as winners (1st, 2nd, 3rd: one photo per rank, each
 * shortlisted), and publishes them; after that the decisions are final. Every decision is audited
 * in its own transaction, under a lock on the edition, so ranks and the publication never race.
 */

export const WINNER_RANKS = [1, 2, 3] as const;
export const JURY_PAGE_SIZE = 50;

type Decision = (trx: Transaction<Database>, contest: PhotoEdition) => Promise<void>;

/** Runs a jury decision: judging open, results not yet published (checked again under the lock). */
async function decide(
  db: Kysely<Database>,
  year: number,
  now: Date | undefined,
  decision: Decision,
): Promise<void> {
  const contest = await loadPhotoEdition(db, year, now);
  if (contest.resultsPublishedAt) throw conflict("photo_results_published");
  if (!contest.judgingOpen) throw conflict("photo_judging_not_open");
  await db.transaction().execute(async (trx) => {
    await lockEditionForJury(trx, contest.edition.id);
    if (await findResultsPublishedAt(trx, contest.edition.id)) throw conflict("photo_results_published");
    await decision(trx, contest);
  });
}

async function lockedPhoto(trx: Transaction<Database>, editionId: string, photoId: string) {
  const photo = await lockPhoto(trx, editionId, photoId);
  if (!photo) throw notFound("photo_not_found");
  return photo;
}

/** Puts a photo on the shortlist or takes it off (which also takes away its rank). */
export async function shortlistPhoto(
  db: Kysely<Database>,
  actor: Actor,
  year: number,
  photoId: string,
  shortlisted: boolean,
  { ip = null, now }: WriteOptions = {},
): Promise<void> {
  await decide(db, year, now, async (trx, { edition }) => {
    const photo = await lockedPhoto(trx, edition.id, photoId);
    const was = photo.shortlisted_at !== null;
    if (was === shortlisted) return;
    await setShortlisted(trx, photoId, shortlisted ? actor.id : null);
    await recordAudit(trx, {
      actorId: actor.id,
      action: shortlisted ? "prize_photo.shortlist" : "prize_photo.unshortlist",
      subjectType: "prize_photo",
      subjectId: photoId,
      before: { shortlisted: was, rank: photo.winner_rank },
      after: { shortlisted, rank: shortlisted ? photo.winner_rank : null },
      ip,
    });
  });
}

/** The rank from a form or API value: "" or null clears it; 1, 2 or 3 sets it. */
export function parseRank(raw: unknown): number | null {
  if (raw === "" || raw === null || raw === undefined) return null;
  const value =
    typeof raw === "number" ? raw : typeof raw === "string" && /^[0-9]$/.test(raw) ? Number(raw) : NaN;
  if (!(WINNER_RANKS as readonly number[]).includes(value))
    throw new ValidationError([{ field: "rank", code: "out_of_range", params: { min: 1, max: 3 } }]);
  return value;
}

/**
 * Gives a shortlisted photo a winner's rank, or clears it. A rank another photo holds is refused
 * (`photo_rank_taken`: the jury clears it there first), so three winners at most, never two firsts.
 */
export async function rankPhoto(
  db: Kysely<Database>,
  actor: Actor,
  year: number,
  photoId: string,
  rank: number | null,
  { ip = null, now }: WriteOptions = {},
): Promise<void> {
  await decide(db, year, now, async (trx, { edition }) => {
    const photo = await lockedPhoto(trx, edition.id, photoId);
    if (rank !== null && photo.shortlisted_at === null) throw conflict("photo_not_shortlisted");
    if (photo.winner_rank === rank) return;
    if (rank !== null) {
      const holder = await findRankHolder(trx, edition.id, rank);
      if (holder !== undefined && holder !== photoId) throw conflict("photo_rank_taken", { rank });
    }
    await setWinnerRank(trx, photoId, rank);
    await recordAudit(trx, {
      actorId: actor.id,
      action: "prize_photo.rank",
      subjectType: "prize_photo",
      subjectId: photoId,
      before: { rank: photo.winner_rank },
      after: { rank },
      ip,
    });
  });
}

/** Publishes the three winners: all three ranks must be given. Final: nothing changes afterwards. */
export async function publishPhotoWinners(
  db: Kysely<Database>,
  actor: Actor,
  year: number,
  { ip = null, now }: WriteOptions = {},
): Promise<void> {
  await decide(db, year, now, async (trx, { edition }) => {
    const winners = await findWinners(trx, edition.id);
    if (winners.length !== WINNER_RANKS.length) throw conflict("photo_winners_incomplete");
    await insertResults(trx, edition.id, actor.id);
    await recordAudit(trx, {
      actorId: actor.id,
      action: "prize_photo.publish_winners",
      subjectType: "prize_edition",
      subjectId: edition.id,
      after: { edition: edition.year, winners },
      ip,
    });
  });
}

export interface JuryView {
  contest: PhotoEdition;
  counts: { photos: number; entrants: number; shortlisted: number };
  /** The ranked photos, by rank. */
  winners: PhotoRow[];
  photos: PhotoRow[];
  page: number;
  pageCount: number;
  shortlistedOnly: boolean;
}

/** The jury's list: every photo of the edition (or the shortlist), a page at a time. */
export async function juryView(
  db: Kysely<Database>,
  year: number,
  { page, shortlistedOnly }: { page: number; shortlistedOnly: boolean },
): Promise<JuryView> {
  const contest = await loadPhotoEdition(db, year);
  const counts = await countEditionPhotos(db, contest.edition.id);
  const current = Math.max(1, page);
  const { rows, total } = await findJuryPage(db, contest.edition.id, {
    shortlistedOnly,
    limit: JURY_PAGE_SIZE,
    offset: (current - 1) * JURY_PAGE_SIZE,
  });
  const shortlist = await findShortlist(db, contest.edition.id, true);
  return {
    contest,
    counts,
    winners: shortlist.filter((photo) => photo.winner_rank !== null),
    photos: rows,
    page: current,
    pageCount: Math.max(1, Math.ceil(total / JURY_PAGE_SIZE)),
    shortlistedOnly,
  };
}
