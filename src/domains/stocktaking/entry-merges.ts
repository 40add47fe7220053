import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import { findMergedInto } from "./duplicates.repo.ts";

/** A chain longer than this (A into B into C …) is a data error, not a reason to loop for ever. */
const MAX_MERGE_HOPS = 20;

/** The status of "this entry was merged": a permanent redirect, in the API and on pages. */
export const ENTRY_MERGED_STATUS = 308;

/**
 * The entry a merged entry now lives on: followed through later merges (A into B, then B into C
 * leads A to C).
 */
export async function survivorOf(db: Kysely<Database>, entryId: string): Promise<string> {
  let current = entryId;
  for (let hop = 0; hop < MAX_MERGE_HOPS; hop += 1) {
    const next = await findMergedInto(db, current);
    if (!next) return current;
    current = next;
  }
  return current;
}

/**
 * What reading a merged entry throws: `entry_merged` with the survivor, which the page answers
 * with a 301 to its page and the API with a 308 to its resource (see `mergedSurvivor`).
 */
export async function entryMergedError(db: Kysely<Database>, entryId: string): Promise<AppError> {
  return new AppError("entry_merged", ENTRY_MERGED_STATUS, { survivorId: await survivorOf(db, entryId) });
}

/** The survivor named by an `entry_merged` error, or null for any other error. */
export function mergedSurvivor(error: unknown): string | null {
  if (!(error instanceof AppError) || error.code !== "entry_merged") return null;
  const survivor = error.params.survivorId;
  return typeof survivor === "string" ? survivor : null;
}

/** The API's answer: the same problem, with `Location` set to the survivor's resource. */
export function apiEntryMerged(survivorId: string): AppError {
  return new AppError(
    "entry_merged",
    ENTRY_MERGED_STATUS,
    { survivorId },
    { location: `/api/v1/entries/${survivorId}` },
  );
}
