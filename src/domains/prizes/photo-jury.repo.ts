import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The Photo Contest jury's decisions on photos: the shortlist, the winners' ranks and their
 * publication. Each decision standing on a photo names who took it (`shortlisted_by`,
 * `ranked_by`); the audit log keeps them all.
 */

/** Locks a photo's row for a jury decision; undefined when the edition has no such photo. */
export async function lockPhoto(trx: Transaction<Database>, editionId: string, id: string) {
  return trx
    .selectFrom("prize_photos")
    .select(["id", "shortlisted_at", "winner_rank", "entrant_id"])
    .where("edition_id", "=", editionId)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * Serialises the jury's decisions on one edition, and changes to the jury itself: ranks, the
 * publication and who sits on the jury cannot interleave. A no-key lock, so entries (which only
 * reference the edition) are not held up.
 */
export async function lockEditionForJury(trx: Transaction<Database>, editionId: string): Promise<void> {
  await trx.selectFrom("prize_editions").select("id").where("id", "=", editionId).forNoKeyUpdate().execute();
}

/** Puts a photo on the shortlist in `by`'s name, or takes it off (with any rank it had): `by` null. */
export async function setShortlisted(
  trx: Transaction<Database>,
  id: string,
  by: string | null,
): Promise<void> {
  await trx
    .updateTable("prize_photos")
    .set(
      by === null
        ? { shortlisted_at: null, shortlisted_by: null, winner_rank: null, ranked_by: null, ranked_at: null }
        : { shortlisted_at: new Date(), shortlisted_by: by },
    )
    .where("id", "=", id)
    .execute();
}

/** Gives a photo a rank in `by`'s name, or clears it (rank null). */
export async function setWinnerRank(
  trx: Transaction<Database>,
  id: string,
  rank: number | null,
  by: string,
): Promise<void> {
  await trx
    .updateTable("prize_photos")
    .set(
      rank === null
        ? { winner_rank: null, ranked_by: null, ranked_at: null }
        : { winner_rank: rank, ranked_by: by, ranked_at: new Date() },
    )
    .where("id", "=", id)
    .execute();
}

/** The photo holding `rank` in an edition, if any. */
export async function findRankHolder(db: Db, editionId: string, rank: number): Promise<string | undefined> {
  const row = await db
    .selectFrom("prize_photos")
    .select("id")
    .where("edition_id", "=", editionId)
    .where("winner_rank", "=", rank)
    .executeTakeFirst();
  return row?.id;
}

/** The edition's winners by rank. */
export async function findWinners(db: Db, editionId: string): Promise<Array<{ id: string; rank: number }>> {
  const rows = await db
    .selectFrom("prize_photos")
    .select(["id", "winner_rank"])
    .where("edition_id", "=", editionId)
    .where("winner_rank", "is not", null)
    .orderBy("winner_rank")
    .execute();
  return rows.map((row) => ({ id: row.id, rank: Number(row.winner_rank) }));
}

export async function insertResults(
  trx: Transaction<Database>,
  editionId: string,
  by: string,
): Promise<void> {
  await trx.insertInto("prize_photo_results").values({ edition_id: editionId, published_by: by }).execute();
}

/** Who took the decisions standing on these photos: the names of the shortlister and the ranker. */
export interface DecidedBy {
  shortlistedBy: string | null;
  rankedBy: string | null;
}

export async function findDecidedBy(db: Db, photoIds: readonly string[]): Promise<Map<string, DecidedBy>> {
  if (photoIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("prize_photos as p")
    .leftJoin("users as s", "s.id", "p.shortlisted_by")
    .leftJoin("users as r", "r.id", "p.ranked_by")
    .select(["p.id", "s.name as shortlisted_by", "r.name as ranked_by"])
    .where("p.id", "in", [...photoIds])
    .execute();
  return new Map(rows.map((row) => [row.id, { shortlistedBy: row.shortlisted_by, rankedBy: row.ranked_by }]));
}
