import { type Kysely, sql, type Transaction } from "kysely";
import type { Database, ForumOutcomeStatus } from "../../db/schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** Session outcomes and the edition's Outcome Document state: the only SQL of the outcomes. */

/** The session numbered `number` in the edition, or undefined. */
export function findSessionByNumber(db: Db, editionId: string, number: number) {
  return db
    .selectFrom("forum_sessions")
    .select(["id", "number", "title", "status", "starts_at", "ends_at", "action_lines", "sdgs"])
    .where("edition_id", "=", editionId)
    .where("number", "=", number)
    .executeTakeFirst();
}

export async function isSessionOrganiser(db: Db, sessionId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom("forum_session_organisers")
    .select("user_id")
    .where("session_id", "=", sessionId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row !== undefined;
}

export function findOutcome(db: Db, sessionId: string) {
  return db
    .selectFrom("forum_session_outcomes")
    .selectAll()
    .where("session_id", "=", sessionId)
    .executeTakeFirst();
}

export interface OutcomeValues {
  keyMessages: string;
  actionLines: string[];
  sdgs: number[];
  status: ForumOutcomeStatus;
}

/** Writes the session's outcome (one row per session); `submitted_at` follows the status. */
export async function upsertOutcome(trx: Db, sessionId: string, userId: string, values: OutcomeValues) {
  const submittedAt = values.status === "submitted" ? sql<Date>`now()` : null;
  await trx
    .insertInto("forum_session_outcomes")
    .values({
      session_id: sessionId,
      key_messages: values.keyMessages,
      action_lines: values.actionLines,
      sdgs: values.sdgs,
      status: values.status,
      submitted_at: submittedAt,
      updated_by: userId,
    })
    .onConflict((oc) =>
      oc.column("session_id").doUpdateSet({
        key_messages: values.keyMessages,
        action_lines: values.actionLines,
        sdgs: values.sdgs,
        status: values.status,
        // A re-submission keeps the first submission's time; a return to draft clears it.
        submitted_at:
          values.status === "submitted"
            ? sql<Date>`coalesce(forum_session_outcomes.submitted_at, now())`
            : null,
        updated_by: userId,
        updated_at: sql`now()`,
      }),
    )
    .execute();
}

/** The account's sessions of the edition that have ended (not cancelled), with their outcome's status. */
export function listOrganisedEndedSessions(db: Db, editionId: string, userId: string, now: Date) {
  return db
    .selectFrom("forum_sessions as s")
    .innerJoin("forum_session_organisers as o", "o.session_id", "s.id")
    .leftJoin("forum_session_outcomes as r", "r.session_id", "s.id")
    .select(["s.number", "s.title", "r.status"])
    .where("s.edition_id", "=", editionId)
    .where("o.user_id", "=", userId)
    .where("s.status", "<>", "cancelled")
    .where("s.ends_at", "<=", now)
    .orderBy("s.number")
    .execute();
}

/** Every ended, scheduled session of the edition with its outcome's status (the secretariat's view). */
export function listOutcomeProgress(db: Db, editionId: string, now: Date) {
  return db
    .selectFrom("forum_sessions as s")
    .leftJoin("forum_session_outcomes as r", "r.session_id", "s.id")
    .select(["s.number", "s.title", "r.status", "r.updated_at"])
    .where("s.edition_id", "=", editionId)
    .where("s.status", "=", "scheduled")
    .where("s.ends_at", "<=", now)
    .orderBy("s.number")
    .execute();
}

/** The submitted outcomes of the edition with their sessions, by session number. */
export function listSubmittedOutcomes(db: Db, editionId: string) {
  return db
    .selectFrom("forum_session_outcomes as r")
    .innerJoin("forum_sessions as s", "s.id", "r.session_id")
    .select(["s.number", "s.title", "r.key_messages", "r.action_lines", "r.sdgs"])
    .where("s.edition_id", "=", editionId)
    .where("s.status", "<>", "cancelled")
    .where("r.status", "=", "submitted")
    .orderBy("s.number")
    .execute();
}

/**
 * Sets or clears the compiled mark, only from the state expected (`compiled` says which), so two
 * secretaries acting at once change it once. Returns whether it changed.
 */
export async function setOutcomesCompiled(trx: Db, editionId: string, compiled: boolean): Promise<boolean> {
  const result = await trx
    .updateTable("forum_editions")
    .set({ outcomes_compiled_at: compiled ? sql`now()` : null, updated_at: sql`now()` })
    .where("id", "=", editionId)
    .where("outcomes_compiled_at", compiled ? "is" : "is not", null)
    .where("outcomes_published_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Publishes a compiled, unpublished document; false when it is not in that state. */
export async function setOutcomesPublished(trx: Db, editionId: string): Promise<boolean> {
  const result = await trx
    .updateTable("forum_editions")
    .set({ outcomes_published_at: sql`now()`, updated_at: sql`now()` })
    .where("id", "=", editionId)
    .where("outcomes_compiled_at", "is not", null)
    .where("outcomes_published_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The edition's document state, read under a share lock: a save holds it until it commits, so
 * compiling (an update of the row) waits for saves in flight, and a save that waited sees the
 * compiled mark and is refused.
 */
export async function outcomeStateForSave(trx: Db, editionId: string) {
  return trx
    .selectFrom("forum_editions")
    .select(["outcomes_compiled_at", "outcomes_published_at"])
    .where("id", "=", editionId)
    .forShare()
    .executeTakeFirstOrThrow();
}
