import { type Kysely, sql } from "kysely";

/**
 * Expert review and the nominated list of the WSIS Prizes.
 *
 * - `prize_experts`: who reviews which category of an edition (assigned by the secretariat).
 * - `prize_conflicts`: an expert's declared conflict of interest on one submission. The foreign key
 *   to `prize_experts` means only an assigned expert can declare one; removing the expert from the
 *   category removes it with the rest of their work there.
 * - `prize_scores`: one integer 0–10 per expert, submission and criterion, with an optional
 *   comment. The criterion must be one of the submission's edition (foreign key on the edition and
 *   code), and the expert must be assigned to the submission's category (foreign key on the edition,
 *   category and expert), so neither rule rests on a service's if alone.
 * - `prize_nominations`: the secretariat's selection for the nominated list before it is published;
 *   publication turns it into the submissions' `nominated` / `not_nominated` statuses and keeps
 *   the rows as the record of who selected what.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table prize_experts (
      edition_id bigint not null,
      category_code text not null,
      user_id bigint not null references users (id),
      assigned_by bigint references users (id),
      assigned_at timestamptz not null default now(),
      primary key (edition_id, category_code, user_id),
      foreign key (edition_id, category_code) references prize_categories (edition_id, code) on delete cascade
    );
    create index prize_experts_user on prize_experts (user_id, edition_id);

    create table prize_conflicts (
      submission_id bigint not null,
      edition_id bigint not null,
      category_code text not null,
      expert_id bigint not null,
      reason text not null check (length(reason) between 1 and 1000),
      declared_at timestamptz not null default now(),
      primary key (submission_id, expert_id),
      foreign key (submission_id, edition_id, category_code)
        references prize_submissions (id, edition_id, category_code) on delete cascade,
      foreign key (edition_id, category_code, expert_id)
        references prize_experts (edition_id, category_code, user_id) on delete cascade
    );

    create table prize_scores (
      submission_id bigint not null,
      edition_id bigint not null,
      category_code text not null,
      expert_id bigint not null,
      criterion_code text not null,
      score int not null check (score between 0 and 10),
      comment text not null default '' check (length(comment) <= 2000),
      updated_at timestamptz not null default now(),
      primary key (submission_id, expert_id, criterion_code),
      foreign key (submission_id, edition_id, category_code)
        references prize_submissions (id, edition_id, category_code) on delete cascade,
      foreign key (edition_id, category_code, expert_id)
        references prize_experts (edition_id, category_code, user_id) on delete cascade,
      foreign key (edition_id, criterion_code) references prize_criteria (edition_id, code) on delete cascade
    );
    create index prize_scores_expert on prize_scores (expert_id, edition_id);

    create table prize_nominations (
      submission_id bigint primary key,
      edition_id bigint not null,
      category_code text not null,
      selected_by bigint references users (id),
      selected_at timestamptz not null default now(),
      foreign key (submission_id, edition_id, category_code)
        references prize_submissions (id, edition_id, category_code) on delete cascade
    );
    create index prize_nominations_edition on prize_nominations (edition_id, category_code);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table prize_nominations, prize_scores, prize_conflicts, prize_experts`.execute(db);
}
