import { type Kysely, sql } from "kysely";

/**
 * The WSIS Forum core: editions, their Open Consultation Process (OCP) phases, venue rooms, special
 * tracks, and the sessions of the programme with their speakers and organisers. The OCP requests,
 * programme versions, registration, personal agendas and outcomes add their own tables later.
 *
 * - `forum_editions`: one Forum a year. `time_zone` is the IANA zone of the venue (times are stored
 *   in UTC and shown in this zone and the visitor's own); Geneva keeps `Europe/Zurich` time.
 *   `starts_on`/`ends_on` are the venue's calendar days. `past_figures` holds the real participant
 *   figures of editions run before this platform (DOMAIN.md).
 * - `forum_ocp_phases`: the OCP's dated steps. Which one is open is decided by the server's clock
 *   against these rows; official submissions and binding requests are taken while `submissions`
 *   is open, so its end is the deadline.
 * - `forum_rooms`: the venue's rooms with their capacity and daily opening hours (venue time).
 * - `forum_tracks`: the edition's special tracks (e.g. ICTs and older persons, youth, gender).
 * - `forum_sessions`: a session of the programme. `number` is its public number in the edition
 *   (unique). A session is unscheduled until it has a room and both instants; the room's capacity
 *   applies unless `capacity` is lower. `places_limited` sessions take registrations with a
 *   waiting list. Action Lines and SDGs are arrays checked by the services against the reference data.
 * - `forum_session_speakers`: speakers with their role; one e-mail address appears once per
 *   session whatever its case (unique on `lower(email)`), and conflict detection compares
 *   addresses the same way across sessions.
 * - `forum_session_organisers`: the accounts that organise a session (they write its outcomes).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table forum_editions (
      id bigint generated always as identity primary key,
      year int not null unique check (year between 2000 and 2100),
      theme jsonb not null default '{}'::jsonb check (jsonb_typeof(theme) = 'object'),
      starts_on date not null,
      ends_on date not null,
      time_zone text not null default 'Europe/Zurich' check (length(time_zone) between 1 and 64),
      venue text not null default '' check (length(venue) <= 300),
      city text not null default '' check (length(city) <= 120),
      chair text not null default '' check (length(chair) <= 300),
      registration_opens_at timestamptz,
      registration_closes_at timestamptz,
      accreditation_deadline timestamptz,
      past_figures jsonb check (past_figures is null or jsonb_typeof(past_figures) = 'object'),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (ends_on >= starts_on),
      check (registration_closes_at is null or registration_opens_at is null
        or registration_closes_at > registration_opens_at)
    );

    create table forum_ocp_phases (
      edition_id bigint not null references forum_editions (id) on delete cascade,
      phase text not null check (phase in ('launch', 'consultation', 'submissions', 'final_brief')),
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      primary key (edition_id, phase),
      check (ends_at > starts_at)
    );

    create table forum_rooms (
      id bigint generated always as identity primary key,
      edition_id bigint not null references forum_editions (id) on delete cascade,
      name text not null check (length(name) between 1 and 120),
      capacity int not null check (capacity between 1 and 100000),
      opens_at time not null default '08:00',
      closes_at time not null default '20:00',
      check (closes_at > opens_at),
      unique (edition_id, name),
      unique (id, edition_id)
    );

    create table forum_tracks (
      id bigint generated always as identity primary key,
      edition_id bigint not null references forum_editions (id) on delete cascade,
      code text not null check (code ~ '^[a-z][a-z0-9_]{0,39}$'),
      names jsonb not null check (names ? 'en'),
      unique (edition_id, code),
      unique (id, edition_id)
    );

    create table forum_sessions (
      id bigint generated always as identity primary key,
      edition_id bigint not null references forum_editions (id) on delete cascade,
      number int not null check (number between 1 and 99999),
      title text not null check (length(title) between 1 and 300),
      description text not null default '' check (length(description) <= 20000),
      session_type text not null check (session_type in (
        'high_level_policy', 'ministerial_round_table', 'action_line_facilitation',
        'thematic_workshop', 'country_workshop', 'interactive', 'knowledge_cafe', 'talkx',
        'hackathon', 'exhibition', 'prize_ceremony', 'special_track')),
      track_id bigint,
      mode text not null default 'hybrid' check (mode in ('onsite', 'remote', 'hybrid')),
      room_id bigint,
      starts_at timestamptz,
      ends_at timestamptz,
      capacity int check (capacity is null or capacity between 1 and 100000),
      places_limited boolean not null default false,
      status text not null default 'draft' check (status in ('draft', 'scheduled', 'cancelled')),
      action_lines text[] not null default '{}',
      sdgs int[] not null default '{}',
      documents jsonb not null default '[]'::jsonb check (jsonb_typeof(documents) = 'array'),
      organisers_text text not null default '' check (length(organisers_text) <= 2000),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      search_vector tsvector generated always as (
        setweight(to_tsvector('simple', title), 'A') ||
        setweight(to_tsvector('simple', organisers_text), 'B') ||
        setweight(to_tsvector('simple', description), 'C')
      ) stored,
      unique (edition_id, number),
      unique (id, edition_id),
      foreign key (room_id, edition_id) references forum_rooms (id, edition_id),
      foreign key (track_id, edition_id) references forum_tracks (id, edition_id),
      check ((starts_at is null) = (ends_at is null)),
      check (ends_at is null or ends_at > starts_at),
      check (status <> 'scheduled' or (starts_at is not null and (room_id is not null or mode = 'remote')))
    );
    create index forum_sessions_edition_start on forum_sessions (edition_id, starts_at);
    create index forum_sessions_room on forum_sessions (room_id, starts_at);
    create index forum_sessions_track on forum_sessions (track_id);
    create index forum_sessions_search on forum_sessions using gin (search_vector);
    create index forum_sessions_action_lines on forum_sessions using gin (action_lines);
    create index forum_sessions_sdgs on forum_sessions using gin (sdgs);

    create table forum_session_speakers (
      id bigint generated always as identity primary key,
      session_id bigint not null references forum_sessions (id) on delete cascade,
      name text not null check (length(name) between 1 and 200),
      email text check (email is null or length(email) <= 254),
      organisation text not null default '' check (length(organisation) <= 300),
      role text not null check (role in ('moderator', 'panellist', 'keynote', 'remote')),
      sort_order int not null default 0
    );
    create unique index forum_session_speakers_email
      on forum_session_speakers (session_id, lower(email)) where email is not null;
    create index forum_session_speakers_by_email
      on forum_session_speakers (lower(email)) where email is not null;

    create table forum_session_organisers (
      session_id bigint not null references forum_sessions (id) on delete cascade,
      user_id bigint not null references users (id),
      primary key (session_id, user_id)
    );
    create index forum_session_organisers_user on forum_session_organisers (user_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table forum_session_organisers, forum_session_speakers, forum_sessions, forum_tracks,
      forum_rooms, forum_ocp_phases, forum_editions
  `.execute(db);
}
