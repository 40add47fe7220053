import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { conflict, notFound, ValidationError } from "../../platform/errors.ts";
import type { Actor } from "../../platform/permissions.ts";
import { listPhotoJurors, type PhotoJurorRow } from "./photo-jurors.repo.ts";
import {
  assertMayDecide,
  assertNotOwnPhoto,
  type JuryRole,
  requirePhotoJuryRole,
} from "./photo-jurors.service.ts";
import {
  type DecidedBy,
  findDecidedBy,
  findRankHolder,
  findWinners,
  insertResults,
  lockEditionForJury,
  lockPhoto,
  setShortlisted,
  setWinnerRank,
} from "./photo-jury.repo.ts";
import {
  countEditionPhotos,
  findJuryPage,
  findResultsPublishedAt,
  findShortlist,
  type PhotoRow,
} from "./photos.repo.ts";
import { loadPhotoEdition, type PhotoEdition, type WriteOptions } from "./photos.service.ts";

/**
 * The Photo Contest jury's decisions: the edition's jurors (photo-jurors.service.ts) shortlist
 * photos once entries have closed, rank three of the shortlist as winners (1st, 2nd, 3rd: one
 * photo per rank, each shortlisted), and publish them; after that the decisions are final. A
 * secretariat member who is not a juror may record them on the jury's behalf. Nobody decides on
 * a photo they entered. Every decision is audited, names who took it, and runs in its own
 * transaction under a lock on the edition, so ranks, the publication and the jury never race.
 */

export const WINNER_RANKS = [1, 2, 3] as const;
export const JURY_PAGE_SIZE = 50;

type Decision = (trx: Transaction<Database>, contest: PhotoEdition, role: JuryRole) => Promise<void>;

/**
 * Runs a jury decision: the actor on the jury (403 `photo_not_juror` otherwise, checked first
 * and again under the lock), results not yet published, and judging open.
 */
async function decide(
  db: Kysely<Database>,
  actor: Actor,
  year: number,
  now: Date | undefined,
  decision: Decision,
): Promise<void> {
  const contest = await loadPhotoEdition(db, year, now);
  await requirePhotoJuryRole(db, contest.edition.id, actor);
  if (contest.resultsPublishedAt) throw conflict("photo_results_published");
  if (!contest.judgingOpen) throw conflict("photo_judging_not_open");
  await db.transaction().execute(async (trx) => {
    await lockEditionForJury(trx, contest.edition.id);
    const role = await assertMayDecide(trx, contest.edition.id, actor);
    if (await findResultsPublishedAt(trx, contest.edition.id)) throw conflict("photo_results_published");
    await decision(trx, contest, role);
  });
}

/** What an audit record of a decision says about who took it. */
const decidedAs = (role: JuryRole) => ({ onBehalfOfJury: role === "secretariat" });

/** The photo locked for a decision by `actor`: 404 when the edition has none, 409 when it is theirs. */
async function lockedPhoto(trx: Transaction<Database>, editionId: string, photoId: string, actor: Actor) {
  const photo = await lockPhoto(trx, editionId, photoId);
  if (!photo) throw notFound("photo_not_found");
  assertNotOwnPhoto(actor, photo);
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
  await decide(db, actor, year, now, async (trx, { edition }, role) => {
    const photo = await lockedPhoto(trx, edition.id, photoId, actor);
    const was = photo.shortlisted_at !== null;
    if (was === shortlisted) return;
    await setShortlisted(trx, photoId, shortlisted ? actor.id : null);
    await recordAudit(trx, {
      actorId: actor.id,
      action: shortlisted ? "prize_photo.shortlist" : "prize_photo.unshortlist",
      subjectType: "prize_photo",
      subjectId: photoId,
      before: { shortlisted: was, rank: photo.winner_rank },
      after: { shortlisted, rank: shortlisted ? photo.winner_rank : null, ...decidedAs(role) },
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
  await decide(db, actor, year, now, async (trx, { edition }, role) => {
    const photo = await lockedPhoto(trx, edition.id, photoId, actor);
    if (rank !== null && photo.shortlisted_at === null) throw conflict("photo_not_shortlisted");
    if (photo.winner_rank === rank) return;
    if (rank !== null) {
      const holder = await findRankHolder(trx, edition.id, rank);
      if (holder !== undefined && holder !== photoId) throw conflict("photo_rank_taken", { rank });
    }
    await setWinnerRank(trx, photoId, rank, actor.id);
    await recordAudit(trx, {
      actorId: actor.id,
      action: "prize_photo.rank",
      subjectType: "prize_photo",
      subjectId: photoId,
      before: { rank: photo.winner_rank },
      after: { rank, ...decidedAs(role) },
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
  await decide(db, actor, year, now, async (trx, { edition }, role) => {
    const winners = await findWinners(trx, edition.id);
    if (winners.length !== WINNER_RANKS.length) throw conflict("photo_winners_incomplete");
    await insertResults(trx, edition.id, actor.id);
    await recordAudit(trx, {
      actorId: actor.id,
      action: "prize_photo.publish_winners",
      subjectType: "prize_edition",
      subjectId: edition.id,
      after: { edition: edition.year, winners, ...decidedAs(role) },
      ip,
    });
  });
}

export interface JuryView {
  contest: PhotoEdition;
  /** How the viewer sits on the jury: a juror, or the secretariat (acting for the jury). */
  role: JuryRole;
  jurors: PhotoJurorRow[];
  counts: { photos: number; entrants: number; shortlisted: number };
  /** The ranked photos, by rank. */
  winners: PhotoRow[];
  photos: PhotoRow[];
  /** Who took the decisions standing on the photos shown. */
  decidedBy: Map<string, DecidedBy>;
  page: number;
  pageCount: number;
  shortlistedOnly: boolean;
}

/**
 * The jury's list: every photo of the edition (or the shortlist), a page at a time, for the
 * edition's jurors and the secretariat; 403 `photo_not_juror` for everyone else.
 */
export async function juryView(
  db: Kysely<Database>,
  actor: Actor,
  year: number,
  { page, shortlistedOnly }: { page: number; shortlistedOnly: boolean },
): Promise<JuryView> {
  const contest = await loadPhotoEdition(db, year);
  const role = await requirePhotoJuryRole(db, contest.edition.id, actor);
  const counts = await countEditionPhotos(db, contest.edition.id);
  const current = Math.max(1, page);
  const { rows, total } = await findJuryPage(db, contest.edition.id, {
    shortlistedOnly,
    limit: JURY_PAGE_SIZE,
    offset: (current - 1) * JURY_PAGE_SIZE,
  });
  const shortlist = await findShortlist(db, contest.edition.id, true);
  const winners = shortlist.filter((photo) => photo.winner_rank !== null);
  return {
    contest,
    role,
    jurors: await listPhotoJurors(db, contest.edition.id),
    counts,
    winners,
    photos: rows,
    decidedBy: await findDecidedBy(db, [...new Set([...rows, ...winners].map((photo) => photo.id))]),
    page: current,
    pageCount: Math.max(1, Math.ceil(total / JURY_PAGE_SIZE)),
    shortlistedOnly,
  };
}
