import { type Kysely, sql, type Transaction } from "kysely";
import type { Database, PrizePhase } from "../../db/schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** A phase window's start or end that the clock has passed, with what its audit record tells. */
export interface DuePhaseChange {
  editionId: string;
  year: number;
  timeZone: string;
  phase: PrizePhase;
  change: "open" | "close";
  /** The instant of the change: the window's start for `open`, its end for `close`. */
  at: Date;
  startsAt: Date;
  endsAt: Date;
}

/**
 * Every window start and end at or before `now` not yet in `prize_phase_changes`, oldest first. A
 * handful of rows per edition (six phases), each probed against the table's primary key, so it is
 * cheap enough to ask every minute.
 */
export async function findDuePhaseChanges(db: Db, now: Date): Promise<DuePhaseChange[]> {
  const { rows } = await sql<{
    edition_id: string;
    year: number;
    time_zone: string;
    phase: PrizePhase;
    change: "open" | "close";
    at: Date | string;
    starts_at: Date | string;
    ends_at: Date | string;
  }>`
    select p.edition_id, e.year, e.time_zone, p.phase, k.change, k.at, p.starts_at, p.ends_at
    from prize_phases p
    join prize_editions e on e.id = p.edition_id
    cross join lateral (values ('open', p.starts_at), ('close', p.ends_at)) as k (change, at)
    where k.at <= ${now}
      and not exists (
        select 1 from prize_phase_changes c
        where c.edition_id = p.edition_id and c.phase = p.phase and c.change = k.change and c.at = k.at
      )
  `.execute(db);
  return rows.map((row) => ({
    editionId: String(row.edition_id),
    year: row.year,
    timeZone: row.time_zone,
    phase: row.phase,
    change: row.change,
    at: new Date(row.at),
    startsAt: new Date(row.starts_at),
    endsAt: new Date(row.ends_at),
  }));
}

/**
 * Claims one change for recording: true when this call's row went in, false when another
 * transaction (another instance, an earlier tick) already has it. A concurrent claimer waits on
 * the primary key until the first commits or rolls back, so exactly one of them sees true.
 */
export async function claimPhaseChange(trx: Transaction<Database>, change: DuePhaseChange): Promise<boolean> {
  const row = await trx
    .insertInto("prize_phase_changes")
    .values({ edition_id: change.editionId, phase: change.phase, change: change.change, at: change.at })
    .onConflict((oc) => oc.columns(["edition_id", "phase", "change", "at"]).doNothing())
    .returning("edition_id")
    .executeTakeFirst();
  return row !== undefined;
}

/** An audit record of the edition's phases, with the acting admin's name (null: the clock). */
export interface PhaseAuditRow {
  id: string;
  action: string;
  at: Date;
  actorName: string | null;
  before: unknown;
  after: unknown;
}

export const PHASE_AUDIT_ACTIONS = ["prize.phase_open", "prize.phase_close", "prize.phase_extend"] as const;

/**
 * The edition's latest `limit` phase openings, closings and extensions from the audit log, oldest
 * first (the subject index finds the edition's few records).
 */
export async function findPhaseAudit(db: Db, editionId: string, limit: number): Promise<PhaseAuditRow[]> {
  const rows = await db
    .selectFrom("audit_log as a")
    .leftJoin("users as u", "u.id", "a.actor_id")
    .select(["a.id", "a.action", "a.at", "u.name as actor_name", "a.before", "a.after"])
    .where("a.subject_type", "=", "prize_edition")
    .where("a.subject_id", "=", editionId)
    .where("a.action", "in", PHASE_AUDIT_ACTIONS)
    .orderBy("a.id", "desc")
    .limit(limit)
    .execute();
  return rows.reverse().map((row) => ({
    id: row.id,
    action: row.action,
    at: new Date(row.at),
    actorName: row.actor_name,
    before: row.before,
    after: row.after,
  }));
}
