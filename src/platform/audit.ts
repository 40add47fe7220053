import type { Kysely, Transaction } from "kysely";
import type { Database } from "../db/schema.ts";

export interface AuditEvent {
  actorId: string | null;
  /** Dotted verb, e.g. `entry.publish`, `user.role_change`. */
  action: string;
  subjectType: string;
  subjectId: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

/** Written inside the caller's transaction, so a change and its audit record commit or fail together. */
export async function recordAudit(
  trx: Kysely<Database> | Transaction<Database>,
  event: AuditEvent,
): Promise<void> {
  await trx
    .insertInto("audit_log")
    .values({
      actor_id: event.actorId,
      action: event.action,
      subject_type: event.subjectType,
      subject_id: event.subjectId,
      before: event.before === undefined ? null : JSON.stringify(event.before),
      after: event.after === undefined ? null : JSON.stringify(event.after),
      ip: event.ip ?? null,
    })
    .execute();
}
