import type { Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";
import {
  type FlaggedPair,
  findComparedData,
  findTitleMatches,
  setTitleThreshold,
  trigramSimilarities,
  upsertPairs,
} from "./duplicates.repo.ts";
import { toEntryDraft } from "./entry-fields.ts";

/**
 * Thresholds on pg_trgm similarity (shared trigrams / all trigrams, 0–1) of folded text, chosen on
 * real-looking pairs. Titles: the same project reworded scores 0.7–1 ("Digital Literacy for Rural
 * Women in Kenya" / "Digital literacy programme for rural women (Kenya)" 0.75; word order and
 * accents do not matter, "Éducation numérique pour tous" / "Education numerique pour tous" 1.0),
 * while different projects that share a pattern fall just under 0.5 ("Community Wi-Fi Networks for
 * Rural Communities" / "… for Low-Income Households" 0.47). It is also the trigram index's own
 * cut-off, so it bounds the candidates read at any database size.
 */
export const TITLE_SIMILARITY_MIN = 0.5;
/**
 * Organisations: one name written two ways stays high ("Ministry of ICT and Innovation" /
 * "Ministry of ICT & Innovation, Kenya" 0.72, a name with and without its acronym 0.93). An acronym
 * against the full name scores near 0, which no trigram threshold can catch.
 */
export const ORGANISATION_SIMILARITY_MIN = 0.5;
/**
 * Descriptions are long, so two unrelated ICT projects already share common trigrams ("digital",
 * "training", "the"): about 0.2. One description rewritten scores 0.6–0.7; 0.4 sits between.
 */
export const DESCRIPTION_SIMILARITY_MIN = 0.4;
/**
 * At most this many similar titles are kept per probing title, most similar first: on data full of
 * near-identical titles, the revisions loaded and the texts scored stay bounded (the index scan
 * itself is not: it is bounded by the title threshold).
 */
export const CANDIDATES_PER_TITLE = 100;
/** At most this many pairs are flagged per entry (the highest scores): more would only bury the queue. */
export const FLAGS_PER_ENTRY = 10;
/** Entries probed per statement when many are flagged at once (an import). */
const BATCH_SIZE = 200;

/** One language version of an entry's text: the original, or a translation by the owner. */
interface Version {
  language: string;
  original: boolean;
  title: string;
  description: string;
}

function versionsOf(data: unknown): { versions: Version[]; organisation: string } {
  const draft = toEntryDraft(data);
  return {
    organisation: draft.organisationName,
    versions: [
      { language: draft.language, original: true, title: draft.title, description: draft.description },
      ...draft.translations.map((translation) => ({ ...translation, original: false })),
    ],
  };
}

/**
 * The texts compared between two entries: versions in the same language, and the two originals
 * whatever their languages (a translation is compared with the text it would be read beside).
 */
function comparedVersions(a: Version[], b: Version[]): Array<[Version, Version]> {
  const pairs: Array<[Version, Version]> = [];
  for (const left of a) {
    for (const right of b) {
      if (left.language === right.language || (left.original && right.original)) pairs.push([left, right]);
    }
  }
  return pairs;
}

interface Comparison {
  entryA: string;
  entryB: string;
  titles: Array<[string, string]>;
  descriptions: Array<[string, string]>;
  organisations: [string, string];
}

function comparisonOf(entryId: string, data: unknown, otherId: string, otherData: unknown): Comparison {
  const mine = versionsOf(data);
  const theirs = versionsOf(otherData);
  const pairs = comparedVersions(mine.versions, theirs.versions);
  const [entryA, entryB] = BigInt(entryId) < BigInt(otherId) ? [entryId, otherId] : [otherId, entryId];
  return {
    entryA,
    entryB,
    titles: pairs.map(([left, right]): [string, string] => [left.title, right.title]),
    descriptions: pairs
      .filter(([left, right]) => left.description !== "" && right.description !== "")
      .map(([left, right]): [string, string] => [left.description, right.description]),
    organisations: [mine.organisation, theirs.organisation],
  };
}

/** Scores every comparison in one round trip: each score is the best of its version pairs. */
async function score(trx: Transaction<Database>, comparisons: Comparison[]): Promise<FlaggedPair[]> {
  const texts: Array<[string, string]> = [];
  const spans = comparisons.map((comparison) => {
    const start = texts.length;
    texts.push(...comparison.titles, ...comparison.descriptions, comparison.organisations);
    return { start, titles: comparison.titles.length, descriptions: comparison.descriptions.length };
  });
  const scores = await trigramSimilarities(trx, texts);
  const best = (from: number, count: number) =>
    Math.max(0, ...scores.slice(from, from + count).map((value) => (Number.isFinite(value) ? value : 0)));
  return comparisons.map((comparison, index) => {
    const span = spans[index] as (typeof spans)[number];
    const descriptionsAt = span.start + span.titles;
    const organisationAt = descriptionsAt + span.descriptions;
    return {
      entryA: comparison.entryA,
      entryB: comparison.entryB,
      title: best(span.start, span.titles),
      description: best(descriptionsAt, span.descriptions),
      organisation: best(organisationAt, 1),
    };
  });
}

const isLikelyDuplicate = (pair: FlaggedPair): boolean =>
  pair.title >= TITLE_SIMILARITY_MIN &&
  pair.organisation >= ORGANISATION_SIMILARITY_MIN &&
  pair.description >= DESCRIPTION_SIMILARITY_MIN;

/** The highest-scoring pairs of each entry of the batch, at most `FLAGS_PER_ENTRY` each. */
function strongestPerEntry(pairs: FlaggedPair[], entryIds: ReadonlySet<string>): FlaggedPair[] {
  const total = (pair: FlaggedPair) => pair.title + pair.organisation + pair.description;
  const sorted = [...pairs].sort((x, y) => total(y) - total(x));
  const kept = new Map<string, number>();
  return sorted.filter((pair) => {
    const sides = [pair.entryA, pair.entryB].filter((id) => entryIds.has(id));
    if (sides.every((id) => (kept.get(id) ?? 0) >= FLAGS_PER_ENTRY)) return false;
    for (const id of sides) kept.set(id, (kept.get(id) ?? 0) + 1);
    return true;
  });
}

async function flagBatch(trx: Transaction<Database>, entryIds: string[]): Promise<number> {
  const matches = await findTitleMatches(trx, entryIds, CANDIDATES_PER_TITLE);
  // Two entries of one batch find each other: compare them once.
  const comparisons = new Map<string, Comparison>();
  for (const match of matches) {
    const comparison = comparisonOf(match.entry_id, match.data, match.other_id, match.other_data);
    const key = `${comparison.entryA}:${comparison.entryB}`;
    if (!comparisons.has(key)) comparisons.set(key, comparison);
  }
  const scored = await score(trx, [...comparisons.values()]);
  const flagged = strongestPerEntry(scored.filter(isLikelyDuplicate), new Set(entryIds));
  await upsertPairs(trx, flagged);
  return flagged.length;
}

/**
 * Flags likely duplicates of the given entries, in the caller's transaction: another entry that is
 * published or in review, in the same place (a shared country, or both international), whose
 * title, organisation and description are all similar (pg_trgm trigram similarity of accent- and
 * case-folded text; translations are compared language by language). Called when an entry is
 * submitted and by bulk imports (for many entries at once). Entries that are neither submitted
 * nor published are skipped. A pair already decided is left as it was. Returns how many pairs
 * were flagged or refreshed.
 */
export async function flagLikelyDuplicates(
  trx: Transaction<Database>,
  entryIds: readonly string[],
): Promise<number> {
  const ids = [...new Set(entryIds)];
  if (ids.length === 0) return 0;
  await setTitleThreshold(trx, TITLE_SIMILARITY_MIN);
  let flagged = 0;
  for (let start = 0; start < ids.length; start += BATCH_SIZE) {
    flagged += await flagBatch(trx, ids.slice(start, start + BATCH_SIZE));
  }
  return flagged;
}

/**
 * The scores of two given entries, as flagging would compute them (for a merge a moderator asks
 * for without a flag); zero where an entry is neither published nor in review.
 */
export async function scorePair(
  trx: Transaction<Database>,
  first: string,
  second: string,
): Promise<FlaggedPair> {
  const data = await findComparedData(trx, [first, second]);
  const [entryA, entryB] = BigInt(first) < BigInt(second) ? [first, second] : [second, first];
  if (!data.has(first) || !data.has(second))
    return { entryA, entryB, title: 0, organisation: 0, description: 0 };
  const [scored] = await score(trx, [comparisonOf(first, data.get(first), second, data.get(second))]);
  return scored ?? { entryA, entryB, title: 0, organisation: 0, description: 0 };
}
