import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import type { Actor } from "../../platform/permissions.ts";
import { invalidCursor, openCursor, signCursor } from "../../platform/signed-cursor.ts";
import { findAccount } from "../accounts/accounts.repo.ts";
import { loadReferenceData, type ReferenceData } from "../taxonomy/taxonomy.repo.ts";
import {
  countOpenPairs,
  findPair,
  listMergedInto,
  listOpenPairs,
  type MergedEntryRow,
  type OpenPairRow,
  type PairRecord,
} from "./duplicates.repo.ts";
import { isCompared } from "./duplicates.service.ts";
import { canViewHistory } from "./entries.policy.ts";
import {
  type EntryRecord,
  findEntry,
  findRevision,
  listRevisions,
  type RevisionRecord,
} from "./entries.repo.ts";
import { latestRevision } from "./entries.service.ts";
import { findImageMetas, type ImageMeta } from "./entry-images.repo.ts";
import { survivorOf } from "./entry-merges.ts";

export const DUPLICATES_PAGE_SIZE = 25;
export const DUPLICATES_API_LIMIT = { default: 25, max: 100 } as const;

/** The moderators' list of open pairs, oldest flag first, by page. */
export async function listDuplicatesPage(
  db: Kysely<Database>,
  page: number,
): Promise<{ rows: OpenPairRow[]; total: number; pageSize: number }> {
  const [rows, total] = await Promise.all([
    listOpenPairs(db, { limit: DUPLICATES_PAGE_SIZE, offset: (page - 1) * DUPLICATES_PAGE_SIZE }),
    countOpenPairs(db),
  ]);
  return { rows, total, pageSize: DUPLICATES_PAGE_SIZE };
}

/**
 * Open pairs for the API, by keyset on the pair id: the cursor is signed (`invalid_cursor` when
 * altered), so a page never repeats or skips a pair when others are decided in between.
 */
export async function listDuplicatesApi(
  db: Kysely<Database>,
  cursorKey: Buffer,
  options: { cursor?: string | undefined; limit?: number | undefined },
): Promise<{ rows: OpenPairRow[]; nextCursor: string | null }> {
  let afterId: string | null = null;
  if (options.cursor !== undefined) {
    const payload = openCursor(cursorKey, options.cursor) as { v?: unknown; d?: unknown } | null;
    if (payload?.v !== 1 || typeof payload.d !== "string" || !/^\d{1,19}$/.test(payload.d))
      throw invalidCursor();
    afterId = payload.d;
  }
  const limit = options.limit ?? DUPLICATES_API_LIMIT.default;
  // One more than asked tells whether there is a next page.
  const rows = await listOpenPairs(db, { limit: limit + 1, afterId });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor: rows.length > limit && last ? signCursor(cursorKey, { v: 1, d: last.id }) : null,
  };
}

/** One entry of a pair as the comparison shows it. */
export interface PairSideView {
  entry: EntryRecord;
  /** What is compared: the revision in review, else the public one; for others the latest. */
  revision: RevisionRecord;
  ownerName: string;
  images: ReadonlyMap<string, ImageMeta>;
  /** Still published or in review: only then can it be merged. */
  compared: boolean;
}

export interface PairView {
  pair: PairRecord;
  a: PairSideView;
  b: PairSideView;
  ref: ReferenceData;
}

async function sideView(db: Kysely<Database>, entryId: string): Promise<PairSideView> {
  const entry = await findEntry(db, entryId);
  if (!entry) throw notFound("entry_not_found");
  const compared = isCompared(entry);
  const revision =
    compared && entry.state !== "submitted" && entry.published_revision_id
      ? await findRevision(db, entry.published_revision_id)
      : await latestRevision(db, entry);
  if (!revision) throw new Error(`entry ${entryId} lost its published revision`);
  const [owner, images] = await Promise.all([
    findAccount(db, entry.owner_id),
    findImageMetas(
      db,
      entryId,
      revision.data.images.map((image) => image.id),
    ),
  ]);
  return { entry, revision, ownerName: owner?.name ?? "", images, compared };
}

/** A pair, open or decided, with both entries in full: what a moderator compares. */
export async function getPairView(db: Kysely<Database>, pairId: string): Promise<PairView> {
  const pair = await findPair(db, pairId);
  if (!pair) throw notFound("duplicate_not_found");
  const [a, b, ref] = await Promise.all([
    sideView(db, pair.entry_a),
    sideView(db, pair.entry_b),
    loadReferenceData(db),
  ]);
  return { pair, a, b, ref };
}

/** The open pairs an entry is part of (the notice on its review page). */
export async function openPairsOfEntry(db: Kysely<Database>, entryId: string): Promise<OpenPairRow[]> {
  return listOpenPairs(db, { limit: 50, entryId });
}

export async function openPairsCount(db: Kysely<Database>): Promise<number> {
  return countOpenPairs(db);
}

/** An entry merged into the one whose history is read; its revisions when the reader may see them. */
export interface MergedHistory {
  merged: MergedEntryRow;
  /** Oldest first; null when the reader may not see that entry's history (someone else's entry). */
  revisions: RevisionRecord[] | null;
}

/**
 * What an entry's history page adds about merges: the entry it was merged into (for a retired
 * entry), and every entry merged into it, with their revisions for readers allowed to see them
 * (their owner and moderators): a merge keeps both histories.
 */
export async function getMergeHistory(
  db: Kysely<Database>,
  actor: Actor,
  entry: EntryRecord,
): Promise<{ mergedInto: string | null; mergedFrom: MergedHistory[] }> {
  const mergedInto = entry.state === "merged" ? await survivorOf(db, entry.id) : null;
  const rows = await listMergedInto(db, entry.id);
  const mergedFrom = await Promise.all(
    rows.map(async (merged) => ({
      merged,
      revisions: canViewHistory(actor, {
        owner_id: merged.owner_id,
        state: "merged",
        published_revision_id: null,
      })
        ? await listRevisions(db, merged.id)
        : null,
    })),
  );
  return { mergedInto, mergedFrom };
}
