import { type Kysely, sql } from "kysely";

/**
 * WSIS Forum registration: who attends an edition and how, the accreditation of onsite
 * participants, focal points, limited session places with their waiting list, and door check-in.
 *
 * - `forum_registrations`: one per account and edition. `attendance` is onsite or remote;
 *   `accreditation` says how an onsite participant was accredited (`automatic` by their
 *   organisation's stakeholder type, or `requested` through an expression of interest then
 *   `approved`/`declined`); remote participants need none. `status` is what counts: only
 *   `confirmed` registrations attend. `badge_version` goes up whenever a registration is
 *   cancelled, so a badge printed before no longer admits anyone (badge tokens carry it).
 * - `forum_focal_points`: the accounts the secretariat names, per edition and organisation, to
 *   approve or decline their organisation's expressions of interest.
 * - `forum_session_places`: a seat (`confirmed`) or a place on the waiting list (`waitlisted`) in
 *   a session with limited places. The waiting list runs in `id` order (first come, first
 *   served); `promoted_at` marks the one time a waitlisted person got a freed place. The count of
 *   confirmed seats is kept under the capacity by the services, which lock the session row first.
 * - `forum_checkins`: every scan synced from a door phone, keyed by the scan id the phone made up,
 *   so a scan synced twice is stored (and counted) once. At most one `admitted` scan per
 *   registration: the database refuses a second.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table forum_registrations (
      id bigint generated always as identity primary key,
      edition_id bigint not null references forum_editions (id) on delete cascade,
      user_id bigint not null references users (id),
      organisation_id bigint references organisations (id),
      attendance text not null check (attendance in ('onsite', 'remote')),
      accreditation text not null check (accreditation in
        ('none', 'automatic', 'requested', 'approved', 'declined')),
      status text not null check (status in ('pending', 'confirmed', 'declined', 'cancelled')),
      interest text not null default '' check (length(interest) <= 2000),
      decided_by bigint references users (id),
      decided_at timestamptz,
      decision_reason text not null default '' check (length(decision_reason) <= 1000),
      badge_version int not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (edition_id, user_id),
      check ((attendance = 'remote') = (accreditation = 'none'))
    );
    create index forum_registrations_pending on forum_registrations (edition_id, status, organisation_id);
    create index forum_registrations_user on forum_registrations (user_id);
    create index forum_registrations_organisation on forum_registrations (organisation_id);
    create index forum_registrations_decided_by on forum_registrations (decided_by);

    create table forum_focal_points (
      edition_id bigint not null references forum_editions (id) on delete cascade,
      organisation_id bigint not null references organisations (id),
      user_id bigint not null references users (id),
      named_by bigint references users (id),
      named_at timestamptz not null default now(),
      primary key (edition_id, organisation_id, user_id)
    );
    create index forum_focal_points_user on forum_focal_points (user_id);
    create index forum_focal_points_organisation on forum_focal_points (organisation_id);
    create index forum_focal_points_named_by on forum_focal_points (named_by);

    create table forum_session_places (
      id bigint generated always as identity primary key,
      session_id bigint not null references forum_sessions (id) on delete cascade,
      user_id bigint not null references users (id),
      status text not null check (status in ('confirmed', 'waitlisted')),
      promoted_at timestamptz,
      created_at timestamptz not null default now(),
      unique (session_id, user_id)
    );
    create index forum_session_places_queue on forum_session_places (session_id, status, id);
    create index forum_session_places_user on forum_session_places (user_id);

    create table forum_checkins (
      edition_id bigint not null references forum_editions (id) on delete cascade,
      scan_id text not null check (scan_id ~ '^[A-Za-z0-9_-]{8,64}$'),
      token_hash text not null,
      registration_id bigint references forum_registrations (id) on delete cascade,
      result text not null check (result in
        ('admitted', 'already_checked_in', 'invalid', 'other_edition', 'revoked', 'not_onsite')),
      scanned_at timestamptz not null,
      synced_at timestamptz not null default now(),
      scanned_by bigint references users (id),
      primary key (edition_id, scan_id)
    );
    create unique index forum_checkins_admitted on forum_checkins (registration_id)
      where result = 'admitted';
    create index forum_checkins_registration on forum_checkins (registration_id);
    create index forum_checkins_scanned_by on forum_checkins (scanned_by);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table forum_checkins, forum_session_places, forum_focal_points, forum_registrations`.execute(
    db,
  );
}
