import type { Transaction } from "kysely";
import type { Database, ForumSessionMode, ForumSessionType, ForumSpeakerRole } from "../../db/schema.ts";

/** A draft session as an acceptance or a merge creates it. */
export interface NewDraftSession {
  editionId: string;
  title: string;
  description: string;
  type: ForumSessionType;
  mode: ForumSessionMode;
  organisersText: string;
  actionLines: string[];
  sdgs: number[];
  speakers: Array<{ name: string; email: string | null; role: ForumSpeakerRole }>;
  organiserIds: string[];
}

/**
 * Inserts a `draft` session numbered after the edition's last one, with its speakers and
 * organisers. The edition row is locked first so two decisions at once never take the same number.
 */
export async function insertDraftSession(
  trx: Transaction<Database>,
  session: NewDraftSession,
): Promise<{ id: string; number: number }> {
  await trx
    .selectFrom("forum_editions")
    .select("id")
    .where("id", "=", session.editionId)
    .forUpdate()
    .execute();
  const last = await trx
    .selectFrom("forum_sessions")
    .select((eb) => eb.fn.max("number").as("number"))
    .where("edition_id", "=", session.editionId)
    .executeTakeFirst();
  const number = Number(last?.number ?? 0) + 1;
  const row = await trx
    .insertInto("forum_sessions")
    .values({
      edition_id: session.editionId,
      number,
      title: session.title,
      description: session.description,
      session_type: session.type,
      mode: session.mode,
      status: "draft",
      action_lines: session.actionLines,
      sdgs: session.sdgs,
      organisers_text: session.organisersText,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (session.speakers.length > 0)
    await trx
      .insertInto("forum_session_speakers")
      .values(
        session.speakers.map((speaker, index) => ({ session_id: row.id, ...speaker, sort_order: index })),
      )
      .execute();
  const organisers = [...new Set(session.organiserIds)];
  if (organisers.length > 0)
    await trx
      .insertInto("forum_session_organisers")
      .values(organisers.map((userId) => ({ session_id: row.id, user_id: userId })))
      .execute();
  return { id: row.id, number };
}

/** Records the secretariat's decision on a request. */
export async function markDecided(
  trx: Transaction<Database>,
  requestId: string,
  decision: {
    status: "accepted" | "merged" | "declined";
    sessionId: string | null;
    reason: string | null;
    decidedBy: string;
  },
): Promise<void> {
  await trx
    .updateTable("forum_requests")
    .set({
      status: decision.status,
      session_id: decision.sessionId,
      decision_reason: decision.reason,
      decided_by: decision.decidedBy,
      decided_at: new Date(),
      updated_at: new Date(),
    })
    .where("id", "=", requestId)
    .execute();
}
