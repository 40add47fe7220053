import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { makeEntry } from "../../testing/entry-factory.ts";
import type { EntryData } from "./entry-fields.ts";

let sequence = 0;

const PLACES = ["Kakamega", "Turkana", "Garissa", "Nyeri", "Kisumu", "Eldoret", "Lamu", "Marsabit"];

/**
 * A project described twice, as two organisations (or one, twice) would: the same title, name and
 * story in other words. Tests give each project its own country, so one test's pairs never meet
 * another's (the texts of two calls are alike apart from the place).
 */
export function projectTexts(country: string): { first: Partial<EntryData>; second: Partial<EntryData> } {
  sequence += 1;
  const place = PLACES[sequence % PLACES.length] as string;
  return {
    first: {
      title: `Digital literacy for rural women in ${place}`,
      organisationName: `Kenya ICT Literacy Trust ${sequence}`,
      description: `Free courses in basic digital skills and mobile money for women in the villages of ${place}, run in community halls every weekend.`,
      countries: [country],
    },
    second: {
      title: `Digital literacy programme for rural women (${place})`,
      organisationName: `Kenya ICT Literacy Trust ${sequence}`,
      description: `Free weekend courses in basic digital skills and mobile money for women living in the villages of ${place}, held in community halls.`,
      countries: [country],
    },
  };
}

/** Every stored pair touching an entry, whatever its status. */
export function pairsOf(db: Kysely<Database>, entryId: string) {
  return db
    .selectFrom("duplicate_candidates")
    .selectAll()
    .where((eb) => eb.or([eb("entry_a", "=", entryId), eb("entry_b", "=", entryId)]))
    .orderBy("id")
    .execute();
}

/** The one pair of two entries, or undefined. */
export function pairOf(db: Kysely<Database>, first: string, second: string) {
  const [a, b] = BigInt(first) < BigInt(second) ? [first, second] : [second, first];
  return db
    .selectFrom("duplicate_candidates")
    .selectAll()
    .where("entry_a", "=", a)
    .where("entry_b", "=", b)
    .executeTakeFirst();
}

/** Who owns the entries a pair is made of: the first entry's owner and the second's. */
export interface PairOwners {
  first: string;
  second: string;
}

/**
 * One project described twice, the first entry public before the second is submitted (so the pair
 * is flagged); either may end up published or submitted. Throws if the pair was not flagged.
 */
export async function makeFlaggedPair(
  db: Kysely<Database>,
  owners: PairOwners,
  country: string,
  states: { first?: "published" | "submitted"; second?: "published" | "submitted" } = {},
) {
  const texts = projectTexts(country);
  const first = await makeEntry(db, owners.first, { state: states.first ?? "published", data: texts.first });
  const second = await makeEntry(db, owners.second, {
    state: states.second ?? "submitted",
    data: texts.second,
  });
  const pair = await pairOf(db, first.id, second.id);
  if (!pair) throw new Error("the pair was not flagged");
  return { first, second, pairId: pair.id };
}

/**
 * One project described three times, all published: A (the first owner's), then B and C (the
 * second's), with the pairs A–B and B–C, to follow one merge with another.
 */
export async function projectInThree(db: Kysely<Database>, owners: PairOwners, country: string) {
  const texts = projectTexts(country);
  const a = await makeEntry(db, owners.first, { state: "published", data: texts.first });
  const b = await makeEntry(db, owners.second, { state: "published", data: texts.second });
  const c = await makeEntry(db, owners.second, {
    state: "published",
    data: { ...texts.second, title: `${texts.second.title}.` },
  });
  return { a, b, c, ab: await pairOf(db, a.id, b.id), bc: await pairOf(db, b.id, c.id) };
}
