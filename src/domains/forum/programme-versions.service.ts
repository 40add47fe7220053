import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { conflict, notFound } from "../../platform/errors.ts";
import type { Actor } from "../../platform/permissions.ts";
import { FieldErrors } from "../../platform/validation.ts";
import {
  findLatestVersion,
  insertVersion,
  lockEdition,
  type ProgrammeVersion,
  readSnapshot,
} from "./programme-versions.repo.ts";

export type { ProgrammeVersion } from "./programme-versions.repo.ts";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The edition's latest published programme (number, when, by whom, the sessions as published),
 * or null before the first publication. The public programme shows these sessions, never the live
 * rows of unpublished changes.
 */
export async function latestProgrammeVersion(db: Db, editionId: string): Promise<ProgrammeVersion | null> {
  return (await findLatestVersion(db, editionId)) ?? null;
}

/** JSON with object keys sorted: jsonb gives keys back in its own order, not the one written. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === "object" && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : 1)))
      : item,
  );
}

/**
 * Publishes the programme as the next version: a snapshot of every scheduled session, in one
 * transaction with the audit record `forum.programme_publish`. The edition row is locked, so two
 * publications at once get consecutive numbers. Refused with nothing scheduled
 * (`forum_programme_empty`) and when nothing changed since the last version
 * (`forum_programme_unchanged`: a version says something changed). The confirmation box is required.
 * Warnings (conflicts) do not stop a publication: the page shows them above the button.
 */
export async function publishProgramme(
  db: Kysely<Database>,
  actor: Actor,
  editionId: string,
  input: { confirm?: unknown },
  ip: string | null,
): Promise<{ version: number; sessions: number }> {
  const errors = new FieldErrors();
  if (input.confirm !== "yes") errors.add("confirm", "required");
  errors.throwIfAny();
  return db.transaction().execute(async (trx) => {
    if (!(await lockEdition(trx, editionId))) throw notFound("forum_edition_not_found");
    const sessions = await readSnapshot(trx, editionId);
    if (sessions.length === 0) throw conflict("forum_programme_empty");
    const latest = await findLatestVersion(trx, editionId);
    if (latest && canonical(latest.sessions) === canonical(sessions))
      throw conflict("forum_programme_unchanged", { version: latest.version });
    const version = (latest?.version ?? 0) + 1;
    const publishedAt = await insertVersion(trx, editionId, version, actor.id, sessions);
    await recordAudit(trx, {
      actorId: actor.id,
      action: "forum.programme_publish",
      subjectType: "forum_edition",
      subjectId: editionId,
      before: { version: latest?.version ?? null },
      after: { version, publishedAt: publishedAt.toISOString(), sessions: sessions.length },
      ip,
    });
    return { version, sessions: sessions.length };
  });
}
