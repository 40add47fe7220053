import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table audit_log (
      id bigint generated always as identity primary key,
      at timestamptz not null default now(),
      actor_id bigint references users (id) on delete set null,
      action text not null,
      subject_type text not null,
      subject_id text,
      before jsonb,
      after jsonb,
      ip text
    );
    create index audit_log_at on audit_log (at desc, id desc);
    create index audit_log_subject on audit_log (subject_type, subject_id);
    create table outbox (
      id bigint generated always as identity primary key,
      created_at timestamptz not null default now(),
      to_address text not null,
      subject text not null,
      text_body text not null,
      html_body text,
      sent_at timestamptz,
      error text
    );
    create index outbox_created on outbox (created_at desc, id desc);
    -- A replayed form or API call with the same key returns the first outcome instead of acting twice.
    create table idempotency_keys (
      user_id bigint not null references users (id) on delete cascade,
      key text not null check (length(key) between 8 and 200),
      scope text not null,
      result jsonb not null,
      created_at timestamptz not null default now(),
      primary key (user_id, key)
    );
    create table rate_limit_hits (
      key text primary key,
      count int not null,
      reset_at timestamptz not null
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table rate_limit_hits, idempotency_keys, outbox, audit_log`.execute(db);
}
