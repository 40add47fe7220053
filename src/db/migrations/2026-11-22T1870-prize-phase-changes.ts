import { type Kysely, sql } from "kysely";

/**
 * The phase changes the clock has made, as recorded in the audit log. No phase is stored as
 * "current" (the server's clock decides against `prize_phases` on every request), so the moment a
 * window starts or ends leaves no trace by itself; the phase clock (`edition-phase-clock.ts`)
 * notices it and writes `prize.phase_open` / `prize.phase_close` to the audit log.
 *
 * - `prize_phase_changes`: one row per (edition, phase, open|close, instant), written in the same
 *   transaction as its audit record. The primary key is what makes the record happen exactly
 *   once: several instances, or two ticks, race on `insert … on conflict do nothing`, and only the
 *   writer whose row went in writes the audit record. The instant is part of the key, so a window
 *   moved after it was recorded (a start or end somewhere else) is recorded again at its new time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table prize_phase_changes (
      edition_id bigint not null references prize_editions (id) on delete cascade,
      phase text not null
        check (phase in ('submission', 'review', 'nomination', 'voting', 'evaluation', 'results')),
      change text not null check (change in ('open', 'close')),
      at timestamptz not null,
      recorded_at timestamptz not null default now(),
      primary key (edition_id, phase, change, at)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table prize_phase_changes`.execute(db);
}
