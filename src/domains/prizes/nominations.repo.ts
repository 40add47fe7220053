import { type Kysely, sql, type Transaction } from "kysely";
import type { Database, PrizeSubmissionStatus } from "../../db/schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** The statuses the secretariat's ranking shows: in the running, set aside, or decided. */
export const RANKED_STATUSES: readonly PrizeSubmissionStatus[] = [
  "submitted",
  "ineligible",
  "nominated",
  "not_nominated",
];

/** A submission as the secretariat ranks it. */
export interface RankingRow {
  id: string;
  category_code: string;
  title: string;
  organisation_name: string;
  status: PrizeSubmissionStatus;
  status_reason: string | null;
  selected: boolean;
  /** Assigned experts who may score it: not conflicted, not its submitter or of its organisation. */
  reviewers: number;
}

export async function listRanking(db: Db, editionId: string, categoryCode?: string): Promise<RankingRow[]> {
  let query = db
    .selectFrom("prize_submissions as s")
    .innerJoin("organisations as o", "o.id", "s.organisation_id")
    .leftJoin("prize_nominations as n", "n.submission_id", "s.id")
    .select((eb) => [
      "s.id",
      "s.category_code",
      "s.title",
      "o.name as organisation_name",
      "s.status",
      "s.status_reason",
      sql<boolean>`n.submission_id is not null`.as("selected"),
      eb
        .selectFrom("prize_experts as e")
        .innerJoin("users as u", "u.id", "e.user_id")
        .select(eb.fn.countAll<string>().as("n"))
        .whereRef("e.edition_id", "=", "s.edition_id")
        .whereRef("e.category_code", "=", "s.category_code")
        .whereRef("e.user_id", "<>", "s.submitter_id")
        .where(sql<boolean>`u.organisation_id is distinct from s.organisation_id`)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom("prize_conflicts as k")
                .select("k.expert_id")
                .whereRef("k.submission_id", "=", "s.id")
                .whereRef("k.expert_id", "=", "e.user_id"),
            ),
          ),
        )
        .as("reviewers"),
    ])
    .where("s.edition_id", "=", editionId)
    .where("s.status", "in", RANKED_STATUSES);
  if (categoryCode !== undefined) query = query.where("s.category_code", "=", categoryCode);
  const rows = await query.orderBy("s.id").execute();
  return rows.map((row) => ({
    ...row,
    selected: Boolean(row.selected),
    reviewers: Number(row.reviewers ?? 0),
  }));
}

export interface ScoreCellRow {
  submission_id: string;
  expert_id: string;
  criterion_code: string;
  score: number;
}

/** Every score of the edition (or of one submission), for the aggregates. */
export async function listScoreCells(
  db: Db,
  editionId: string,
  filter: { categoryCode?: string; submissionId?: string } = {},
): Promise<ScoreCellRow[]> {
  let query = db
    .selectFrom("prize_scores")
    .select(["submission_id", "expert_id", "criterion_code", "score"])
    .where("edition_id", "=", editionId);
  if (filter.categoryCode !== undefined) query = query.where("category_code", "=", filter.categoryCode);
  if (filter.submissionId !== undefined) query = query.where("submission_id", "=", filter.submissionId);
  return await query.execute();
}

/** The experts who scored a submission, with their comments, for the secretariat's detail page. */
export async function listSubmissionReviews(
  db: Db,
  submissionId: string,
): Promise<
  Array<{ expert_id: string; name: string; criterion_code: string; score: number; comment: string }>
> {
  return await db
    .selectFrom("prize_scores as p")
    .innerJoin("users as u", "u.id", "p.expert_id")
    .select(["p.expert_id", "u.name", "p.criterion_code", "p.score", "p.comment"])
    .where("p.submission_id", "=", submissionId)
    .orderBy("u.name")
    .orderBy("p.expert_id")
    .execute();
}

/** A submission's status, locked for the secretariat's change. */
export async function lockSubmission(
  trx: Transaction<Database>,
  editionId: string,
  submissionId: string,
): Promise<{ id: string; category_code: string; status: PrizeSubmissionStatus } | undefined> {
  return await trx
    .selectFrom("prize_submissions")
    .select(["id", "category_code", "status"])
    .where("edition_id", "=", editionId)
    .where("id", "=", submissionId)
    .forUpdate()
    .executeTakeFirst();
}

export async function setStatus(
  trx: Transaction<Database>,
  submissionId: string,
  status: PrizeSubmissionStatus,
  reason: string | null,
): Promise<void> {
  await trx
    .updateTable("prize_submissions")
    .set({ status, status_reason: reason, updated_at: sql`now()` })
    .where("id", "=", submissionId)
    .execute();
}

/** The selection of one category (or all), submission ids in id order. */
export async function listSelection(db: Db, editionId: string, categoryCode?: string): Promise<string[]> {
  let query = db.selectFrom("prize_nominations").select("submission_id").where("edition_id", "=", editionId);
  if (categoryCode !== undefined) query = query.where("category_code", "=", categoryCode);
  const rows = await query.orderBy("submission_id").execute();
  return rows.map((row) => row.submission_id);
}

/** Replaces the selection of the given categories with `selected` (ids of those categories). */
export async function replaceSelection(
  trx: Transaction<Database>,
  editionId: string,
  categories: readonly string[],
  selected: ReadonlyArray<{ submissionId: string; categoryCode: string }>,
  selectedBy: string,
): Promise<void> {
  if (categories.length === 0) return;
  await trx
    .deleteFrom("prize_nominations")
    .where("edition_id", "=", editionId)
    .where("category_code", "in", categories)
    .execute();
  if (selected.length === 0) return;
  await trx
    .insertInto("prize_nominations")
    .values(
      selected.map((item) => ({
        submission_id: item.submissionId,
        edition_id: editionId,
        category_code: item.categoryCode,
        selected_by: selectedBy,
      })),
    )
    .execute();
}

export async function deleteSelection(trx: Transaction<Database>, submissionId: string): Promise<void> {
  await trx.deleteFrom("prize_nominations").where("submission_id", "=", submissionId).execute();
}

/**
 * Publication: every submitted project of the edition becomes `nominated` (selected) or
 * `not_nominated`, and the edition records when — within the caller's transaction.
 */
export async function applyPublication(
  trx: Transaction<Database>,
  editionId: string,
): Promise<{
  publishedAt: Date;
  decided: Array<{ id: string; category_code: string; status: PrizeSubmissionStatus }>;
}> {
  const decided = await trx
    .updateTable("prize_submissions as s")
    .set({
      status: sql`case when exists (select 1 from prize_nominations n where n.submission_id = s.id) then 'nominated' else 'not_nominated' end`,
      updated_at: sql`now()`,
    })
    .where("s.edition_id", "=", editionId)
    .where("s.status", "=", "submitted")
    .returning(["s.id", "s.category_code", "s.status"])
    .execute();
  const edition = await trx
    .updateTable("prize_editions")
    .set({ nominees_published_at: sql`now()`, updated_at: sql`now()` })
    .where("id", "=", editionId)
    .returning("nominees_published_at")
    .executeTakeFirstOrThrow();
  return { publishedAt: new Date(edition.nominees_published_at as Date), decided };
}

/** A published nominee as everyone reads it. */
export interface NomineeRow {
  id: string;
  category_code: string;
  title: string;
  organisation_name: string;
  short_description: string;
}

export async function listNominees(db: Db, editionId: string): Promise<NomineeRow[]> {
  return await db
    .selectFrom("prize_submissions as s")
    .innerJoin("organisations as o", "o.id", "s.organisation_id")
    .innerJoin("prize_categories as c", (join) =>
      join.onRef("c.edition_id", "=", "s.edition_id").onRef("c.code", "=", "s.category_code"),
    )
    .select(["s.id", "s.category_code", "s.title", "o.name as organisation_name", "s.short_description"])
    .where("s.edition_id", "=", editionId)
    .where("s.status", "=", "nominated")
    .orderBy("c.sort_order")
    .orderBy("s.title")
    .orderBy("s.id")
    .execute();
}
