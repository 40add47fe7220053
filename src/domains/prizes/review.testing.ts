import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { TEST_CRITERIA, type TestEdition } from "./prizes.testing.ts";

/** Assigns `userId` as an expert of `category` directly (the secretariat's form is tested apart). */
export async function makeExpert(
  db: Kysely<Database>,
  edition: TestEdition,
  userId: string,
  category = edition.categories[0] as string,
): Promise<void> {
  await db
    .insertInto("prize_experts")
    .values({ edition_id: edition.id, category_code: category, user_id: userId })
    .execute();
}

/** A score form with every test criterion at `score` (or per-criterion values) and an optional comment. */
export function scoreForm(
  score: number | string | Partial<Record<(typeof TEST_CRITERIA)[number], number | string>>,
  comment = "",
): Record<string, string> {
  const form: Record<string, string> = {};
  for (const code of TEST_CRITERIA) {
    const value = typeof score === "object" ? score[code] : score;
    if (value !== undefined) form[`score-${code}`] = String(value);
    form[`comment-${code}`] = comment;
  }
  return form;
}

/** Stores an expert's scores of a submission directly (every criterion; per-criterion values win). */
export async function storeScores(
  db: Kysely<Database>,
  edition: TestEdition,
  submission: { id: string; category?: string },
  expertId: string,
  score: number | Partial<Record<(typeof TEST_CRITERIA)[number], number>>,
): Promise<void> {
  await db
    .insertInto("prize_scores")
    .values(
      TEST_CRITERIA.map((code) => ({
        submission_id: submission.id,
        edition_id: edition.id,
        category_code: submission.category ?? (edition.categories[0] as string),
        expert_id: expertId,
        criterion_code: code,
        score: typeof score === "number" ? score : (score[code] ?? 0),
      })),
    )
    .execute();
}

/** How many audit records of `action` name `subjectId`. */
export async function auditCount(db: Kysely<Database>, action: string, subjectId?: string): Promise<number> {
  let query = db
    .selectFrom("audit_log")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("action", "=", action);
  if (subjectId !== undefined) query = query.where("subject_id", "=", subjectId);
  return Number((await query.executeTakeFirstOrThrow()).n);
}
