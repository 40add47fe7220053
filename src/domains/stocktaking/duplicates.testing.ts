import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
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
