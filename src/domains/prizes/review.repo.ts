import { type Kysely, sql, type Transaction } from "kysely";
import type { Database, LocalisedNames, PrizeSubmissionStatus } from "../../db/schema.ts";
import { SUBMISSION_CONTENT_COLUMNS, type SubmissionContent } from "./submissions.repo.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** A category of an edition with its Action Line names, in the edition's order. */
export interface CategoryRow {
  code: string;
  names: LocalisedNames;
}

export async function findCategories(db: Db, editionId: string): Promise<CategoryRow[]> {
  return (await db
    .selectFrom("prize_categories as c")
    .innerJoin("action_lines as a", "a.code", "c.code")
    .select(["c.code", "a.names"])
    .where("c.edition_id", "=", editionId)
    .orderBy("c.sort_order")
    .execute()) as CategoryRow[];
}

export interface CriterionRow {
  code: string;
  names: LocalisedNames;
  weight: number;
}

/** The edition's criteria in their order, weights as numbers. */
export async function findCriteria(db: Db, editionId: string): Promise<CriterionRow[]> {
  const rows = await db
    .selectFrom("prize_criteria")
    .select(["code", "names", "weight"])
    .where("edition_id", "=", editionId)
    .orderBy("sort_order")
    .execute();
  return rows.map((row) => ({
    code: row.code,
    names: row.names as LocalisedNames,
    weight: Number(row.weight),
  }));
}

/** The categories `userId` reviews in the edition. */
export async function findExpertCategories(db: Db, editionId: string, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("prize_experts")
    .select("category_code")
    .where("edition_id", "=", editionId)
    .where("user_id", "=", userId)
    .execute();
  return rows.map((row) => row.category_code);
}

/** A submission as an expert reads it. */
export interface ReviewSubmissionRow extends SubmissionContent {
  id: string;
  edition_id: string;
  category_code: string;
  status: PrizeSubmissionStatus;
  entry_id: string;
  organisation_id: string;
  organisation_name: string;
  submitter_id: string;
  project_stage: "completed" | "major_phase_end" | null;
}

export async function findSubmission(
  db: Db,
  editionId: string,
  submissionId: string,
): Promise<ReviewSubmissionRow | undefined> {
  return (await db
    .selectFrom("prize_submissions as s")
    .innerJoin("organisations as o", "o.id", "s.organisation_id")
    .select([
      "s.id",
      "s.edition_id",
      "s.category_code",
      "s.status",
      "s.entry_id",
      "s.organisation_id",
      "o.name as organisation_name",
      "s.submitter_id",
      ...SUBMISSION_CONTENT_COLUMNS,
      "s.project_stage",
    ])
    .where("s.edition_id", "=", editionId)
    .where("s.id", "=", submissionId)
    .executeTakeFirst()) as ReviewSubmissionRow | undefined;
}

/** The submission row locked for a change, so publication (which rewrites statuses) waits for it. */
export async function lockSubmissionStatus(
  trx: Transaction<Database>,
  submissionId: string,
): Promise<PrizeSubmissionStatus | undefined> {
  const row = await trx
    .selectFrom("prize_submissions")
    .select("status")
    .where("id", "=", submissionId)
    .forShare()
    .executeTakeFirst();
  return row?.status;
}

export async function findUserOrganisation(db: Db, userId: string): Promise<string | null> {
  const row = await db
    .selectFrom("users")
    .select("organisation_id")
    .where("id", "=", userId)
    .executeTakeFirst();
  return row?.organisation_id ?? null;
}

export interface QueueRow {
  id: string;
  category_code: string;
  title: string;
  organisation_name: string;
  /** Criteria this expert has scored on it. */
  scored: number;
}

/**
 * What `expertId` reviews: submitted projects in their categories, without those they declared a
 * conflict on and those of their own organisation or their own (a conflict nobody has to declare).
 */
export async function listQueue(
  db: Db,
  editionId: string,
  expertId: string,
  organisationId: string | null,
): Promise<QueueRow[]> {
  let query = db
    .selectFrom("prize_submissions as s")
    .innerJoin("prize_experts as e", (join) =>
      join
        .onRef("e.edition_id", "=", "s.edition_id")
        .onRef("e.category_code", "=", "s.category_code")
        .on("e.user_id", "=", expertId),
    )
    .innerJoin("organisations as o", "o.id", "s.organisation_id")
    .innerJoin("prize_categories as c", (join) =>
      join.onRef("c.edition_id", "=", "s.edition_id").onRef("c.code", "=", "s.category_code"),
    )
    .select((eb) => [
      "s.id",
      "s.category_code",
      "s.title",
      "o.name as organisation_name",
      eb
        .selectFrom("prize_scores as p")
        .select(eb.fn.countAll<string>().as("n"))
        .whereRef("p.submission_id", "=", "s.id")
        .where("p.expert_id", "=", expertId)
        .as("scored"),
    ])
    .where("s.edition_id", "=", editionId)
    .where("s.status", "=", "submitted")
    .where("s.submitter_id", "<>", expertId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("prize_conflicts as k")
            .select("k.submission_id")
            .whereRef("k.submission_id", "=", "s.id")
            .where("k.expert_id", "=", expertId),
        ),
      ),
    );
  if (organisationId !== null) query = query.where("s.organisation_id", "<>", organisationId);
  const rows = await query.orderBy("c.sort_order").orderBy("s.id").execute();
  return rows.map((row) => ({ ...row, scored: Number(row.scored ?? 0) }));
}

export async function countConflicts(db: Db, editionId: string, expertId: string): Promise<number> {
  const row = await db
    .selectFrom("prize_conflicts")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("edition_id", "=", editionId)
    .where("expert_id", "=", expertId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function hasConflict(db: Db, submissionId: string, expertId: string): Promise<boolean> {
  const row = await db
    .selectFrom("prize_conflicts")
    .select("submission_id")
    .where("submission_id", "=", submissionId)
    .where("expert_id", "=", expertId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertConflict(
  trx: Transaction<Database>,
  row: { submissionId: string; editionId: string; categoryCode: string; expertId: string; reason: string },
): Promise<void> {
  await trx
    .insertInto("prize_conflicts")
    .values({
      submission_id: row.submissionId,
      edition_id: row.editionId,
      category_code: row.categoryCode,
      expert_id: row.expertId,
      reason: row.reason,
    })
    .execute();
}

export interface MyScore {
  criterion_code: string;
  score: number;
  comment: string;
}

/** One expert's own scores of a submission: the only scores an expert ever reads (blind review). */
export async function findOwnScores(db: Db, submissionId: string, expertId: string): Promise<MyScore[]> {
  return await db
    .selectFrom("prize_scores")
    .select(["criterion_code", "score", "comment"])
    .where("submission_id", "=", submissionId)
    .where("expert_id", "=", expertId)
    .execute();
}

/** Removes one expert's scores of a submission (a conflict declared after scoring); returns how many. */
export async function deleteOwnScores(
  trx: Transaction<Database>,
  submissionId: string,
  expertId: string,
): Promise<number> {
  const rows = await trx
    .deleteFrom("prize_scores")
    .where("submission_id", "=", submissionId)
    .where("expert_id", "=", expertId)
    .returning("criterion_code")
    .execute();
  return rows.length;
}

/** Writes an expert's scores of a submission, replacing what they gave before for each criterion. */
export async function upsertScores(
  trx: Transaction<Database>,
  key: { submissionId: string; editionId: string; categoryCode: string; expertId: string },
  scores: ReadonlyArray<{ criterion: string; score: number; comment: string }>,
): Promise<void> {
  if (scores.length === 0) return;
  await trx
    .insertInto("prize_scores")
    .values(
      scores.map((item) => ({
        submission_id: key.submissionId,
        edition_id: key.editionId,
        category_code: key.categoryCode,
        expert_id: key.expertId,
        criterion_code: item.criterion,
        score: item.score,
        comment: item.comment,
      })),
    )
    .onConflict((oc) =>
      oc.columns(["submission_id", "expert_id", "criterion_code"]).doUpdateSet({
        score: (eb) => eb.ref("excluded.score"),
        comment: (eb) => eb.ref("excluded.comment"),
        updated_at: sql`now()`,
      }),
    )
    .execute();
}
