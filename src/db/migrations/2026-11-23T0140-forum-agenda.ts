import { type Kysely, sql } from "kysely";

/**
 * Personal agendas for the WSIS Forum.
 *
 * - `forum_agenda_stars`: the sessions an account starred. The agenda, its clash warnings and the
 *   iCal feed show a starred session with the slot of the latest PUBLISHED programme, so a star on
 *   a session taken out of the programme stays (it reappears if the session comes back).
 * - `forum_ical_tokens`: secret feed addresses (`/forum/ical/<token>.ics`) a calendar application
 *   polls without signing in. Only the token's sha256 is stored; revoking keeps the row (so the
 *   feed answers "revoked" rather than nothing, and the agenda page can list it) but the feed stops.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table forum_agenda_stars (
      user_id bigint not null references users (id) on delete cascade,
      session_id bigint not null references forum_sessions (id) on delete cascade,
      created_at timestamptz not null default now(),
      primary key (user_id, session_id)
    );
    create index forum_agenda_stars_session on forum_agenda_stars (session_id);

    create table forum_ical_tokens (
      id bigint generated always as identity primary key,
      user_id bigint not null references users (id) on delete cascade,
      token_sha256 text not null unique check (token_sha256 ~ '^[0-9a-f]{64}$'),
      created_at timestamptz not null default now(),
      revoked_at timestamptz,
      last_used_at timestamptz
    );
    create index forum_ical_tokens_user on forum_ical_tokens (user_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table forum_ical_tokens, forum_agenda_stars`.execute(db);
}
