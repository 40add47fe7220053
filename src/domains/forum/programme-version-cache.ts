import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import {
  findLatestVersionNumbers,
  findProgrammeVersions,
  findVersionNumbers,
  type VersionKey,
} from "./programme.repo.ts";
import type { PublishedProgramme } from "./programme-snapshot.ts";

/**
 * Parsed published versions, by edition and version number. A version never changes (the
 * database refuses it), so a parsed snapshot stays right forever: readers look up the version
 * numbers (the index only) and fetch and parse the sessions JSON, a few hundred kilobytes, only
 * for versions not kept here. Calendar apps poll feeds every few minutes, so this matters.
 * Bounded, least recently used out first; each instance keeps its own. Shared between requests:
 * read, never change.
 */
const parsed = new Map<string, PublishedProgramme>();
// Room for the whole history of a few editions (the iCal feed reads every version).
const PARSED_VERSIONS_KEPT = 128;

const idOf = (key: VersionKey) => `${key.editionId}:${key.version}`;

function keep(id: string, programme: PublishedProgramme): void {
  parsed.delete(id);
  parsed.set(id, programme);
  if (parsed.size > PARSED_VERSIONS_KEPT) parsed.delete(parsed.keys().next().value as string);
}

/** The versions named, parsed, in the order given (undefined for a version that does not exist). */
export async function parsedVersions(
  db: Kysely<Database>,
  keys: readonly VersionKey[],
): Promise<Array<PublishedProgramme | undefined>> {
  // Collected apart from the cache: a long history may push its own first versions out of it.
  const found = new Map<string, PublishedProgramme>();
  const missing: VersionKey[] = [];
  for (const key of keys) {
    const cached = parsed.get(idOf(key));
    if (cached) found.set(idOf(key), cached);
    else missing.push(key);
  }
  for (const { editionId, programme } of await findProgrammeVersions(db, missing))
    found.set(idOf({ editionId, version: programme.version }), programme);
  for (const [id, programme] of found) keep(id, programme);
  return keys.map((key) => found.get(idOf(key)));
}

/** The latest published programme of each edition given, keyed by edition id. */
export async function latestProgrammes(
  db: Kysely<Database>,
  editionIds: readonly string[],
): Promise<Map<string, PublishedProgramme>> {
  const keys = await findLatestVersionNumbers(db, editionIds);
  const programmes = await parsedVersions(db, keys);
  return new Map(keys.flatMap((key, i) => (programmes[i] ? [[key.editionId, programmes[i]] as const] : [])));
}

/** Every published version of the editions given, oldest first (the iCal feed's history). */
export async function programmeHistory(
  db: Kysely<Database>,
  editionIds: readonly string[],
): Promise<Map<string, PublishedProgramme[]>> {
  const keys = await findVersionNumbers(db, editionIds);
  const programmes = await parsedVersions(db, keys);
  const history = new Map<string, PublishedProgramme[]>();
  keys.forEach((key, i) => {
    const programme = programmes[i];
    if (!programme) return;
    history.set(key.editionId, [...(history.get(key.editionId) ?? []), programme]);
  });
  return history;
}
