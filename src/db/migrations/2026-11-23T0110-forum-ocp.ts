import { type Kysely, sql } from "kysely";

/**
 * The Forum's Open Consultation Process (OCP), the stakeholders' side: official submissions and
 * binding requests, and the secretariat's decisions on them.
 *
 * - `forum_ocp_submissions`: one official submission per account per edition (views on themes
 *   and format, linked to Action Lines and SDGs). The stakeholder type, country and region are
 *   copied from the account's organisation when it is written, so the analysis counts what the
 *   stakeholder was when they wrote, even if the organisation changes later.
 * - `forum_requests`: binding requests: a workshop, exhibition space or a high-level speaking
 *   slot. Drafts are kept; `submitted` ones go to the secretariat, who accepts (a draft session is
 *   created: `session_id`), merges several into one new session (`merged`, `session_id` is the
 *   shared session) or declines with a reason. Kind-specific fields are null for the other kinds.
 * - `forum_request_speakers`: a workshop's proposed speakers; an address once per request
 *   whatever its case, as the sessions' speakers.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table forum_ocp_submissions (
      id bigint generated always as identity primary key,
      edition_id bigint not null references forum_editions (id) on delete cascade,
      user_id bigint not null references users (id),
      organisation_id bigint references organisations (id),
      stakeholder_type text,
      country_code text,
      region_code text,
      themes text not null check (length(themes) between 1 and 10000),
      format text not null default '' check (length(format) <= 10000),
      action_lines text[] not null default '{}',
      sdgs int[] not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (edition_id, user_id)
    );
    create index forum_ocp_submissions_user on forum_ocp_submissions (user_id);
    create index forum_ocp_submissions_organisation on forum_ocp_submissions (organisation_id);

    create table forum_requests (
      id bigint generated always as identity primary key,
      edition_id bigint not null references forum_editions (id) on delete cascade,
      requester_id bigint not null references users (id),
      kind text not null check (kind in ('workshop', 'exhibition', 'high_level')),
      status text not null default 'draft'
        check (status in ('draft', 'submitted', 'accepted', 'merged', 'declined')),
      title text not null check (length(title) between 1 and 300),
      description text not null default '' check (length(description) <= 20000),
      session_type text,
      mode text check (mode is null or mode in ('onsite', 'remote', 'hybrid')),
      organisers_text text not null default '' check (length(organisers_text) <= 2000),
      action_lines text[] not null default '{}',
      sdgs int[] not null default '{}',
      stand_size text check (stand_size is null or stand_size in ('small', 'medium', 'large')),
      speaker_name text check (speaker_name is null or length(speaker_name) <= 200),
      speaker_position text check (speaker_position is null or length(speaker_position) <= 300),
      stakeholder_type text,
      country_code text,
      region_code text,
      decision_reason text check (decision_reason is null or length(decision_reason) <= 2000),
      session_id bigint references forum_sessions (id),
      decided_by bigint references users (id),
      decided_at timestamptz,
      submitted_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (status <> 'declined' or length(decision_reason) > 0),
      check ((status in ('accepted', 'merged')) = (session_id is not null))
    );
    create index forum_requests_edition_status on forum_requests (edition_id, status, kind);
    create index forum_requests_requester on forum_requests (requester_id);
    create index forum_requests_session on forum_requests (session_id);
    create index forum_requests_decided_by on forum_requests (decided_by);

    create table forum_request_speakers (
      id bigint generated always as identity primary key,
      request_id bigint not null references forum_requests (id) on delete cascade,
      name text not null check (length(name) between 1 and 200),
      email text not null check (length(email) between 3 and 254),
      role text not null check (role in ('moderator', 'panellist', 'keynote', 'remote')),
      sort_order int not null default 0
    );
    create unique index forum_request_speakers_email on forum_request_speakers (request_id, lower(email));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table forum_request_speakers, forum_requests, forum_ocp_submissions`.execute(db);
}
