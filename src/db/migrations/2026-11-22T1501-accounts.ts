import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table organisations (
      id bigint generated always as identity primary key,
      name text not null check (length(name) between 1 and 300),
      name_key text not null unique,
      stakeholder_type text not null references stakeholder_types (code) on update cascade,
      country_code char(2) references countries (code),
      created_at timestamptz not null default now()
    );
    create table users (
      id bigint generated always as identity primary key,
      email text not null check (length(email) <= 254),
      name text not null check (length(name) between 1 and 200),
      password_hash text not null,
      role text not null default 'user' check (role in ('user', 'moderator', 'admin')),
      organisation_id bigint references organisations (id),
      stakeholder_type text references stakeholder_types (code) on update cascade,
      country_code char(2) references countries (code),
      email_verified_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index users_email_key on users (lower(email));
    create table sessions (
      id text primary key,
      user_id bigint not null references users (id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      ip text,
      user_agent text
    );
    create index sessions_user on sessions (user_id);
    create table one_time_tokens (
      id text primary key,
      user_id bigint not null references users (id) on delete cascade,
      purpose text not null check (purpose in ('verify_email', 'reset_password')),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz
    );
    create index one_time_tokens_user on one_time_tokens (user_id, purpose);
    create table api_tokens (
      id bigint generated always as identity primary key,
      user_id bigint not null references users (id) on delete cascade,
      name text not null,
      token_hash text not null unique,
      scopes text[] not null default '{}',
      created_at timestamptz not null default now(),
      expires_at timestamptz,
      revoked_at timestamptz,
      last_used_at timestamptz
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table api_tokens, one_time_tokens, sessions, users, organisations`.execute(db);
}
