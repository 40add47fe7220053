import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { conflict, forbidden, notFound } from "../../platform/errors.ts";
import type { Actor } from "../../platform/permissions.ts";
import { FieldErrors, isRowId } from "../../platform/validation.ts";
import { type Expert, reviewAccess } from "./review.policy.ts";
import {
  type CriterionRow,
  countConflicts,
  deleteOwnScores,
  findCriteria,
  findExpertCategories,
  findOwnScores,
  findSubmission,
  findUserOrganisation,
  hasConflict,
  insertConflict,
  listQueue,
  lockSubmissionStatus,
  type MyScore,
  type QueueRow,
  type ReviewSubmissionRow,
  upsertScores,
} from "./review.repo.ts";
import { SCORE_MAX, SCORE_MIN } from "./review-aggregate.ts";
import { isReviewOpen, type ReviewEdition } from "./review-edition.ts";

export const COMMENT_MAX = 2000;
export const CONFLICT_REASON_MAX = 1000;

/** Form field names of a criterion's score and comment (`score-impact`, `comment-impact`). */
export const scoreField = (code: string) => `score-${code}`;
export const commentField = (code: string) => `comment-${code}`;

/** The actor as an expert of the edition; 403 `review_not_expert` when assigned to no category. */
export async function loadExpert(
  db: Kysely<Database>,
  edition: ReviewEdition,
  actor: Actor,
): Promise<Expert> {
  const categories = await findExpertCategories(db, edition.id, actor.id);
  if (categories.length === 0) throw forbidden("review_not_expert");
  return { id: actor.id, organisationId: await findUserOrganisation(db, actor.id), categories };
}

export interface ReviewQueue {
  expert: Expert;
  open: boolean;
  rows: QueueRow[];
  criteria: number;
  conflicts: number;
}

/** An expert's list: during the review phase, what they review and how far they got; else nothing. */
export async function reviewQueue(
  db: Kysely<Database>,
  edition: ReviewEdition,
  actor: Actor,
): Promise<ReviewQueue> {
  const expert = await loadExpert(db, edition, actor);
  const open = isReviewOpen(edition);
  return {
    expert,
    open,
    rows: open ? await listQueue(db, edition.id, expert.id, expert.organisationId) : [],
    criteria: (await findCriteria(db, edition.id)).length,
    conflicts: await countConflicts(db, edition.id, expert.id),
  };
}

export interface ReviewView {
  expert: Expert;
  submission: ReviewSubmissionRow;
  criteria: CriterionRow[];
  /** This expert's own scores only: experts never see each other's (blind review). */
  scores: MyScore[];
}

function parseSubmissionId(raw: unknown): string {
  if (!isRowId(raw)) throw notFound("review_submission_not_found");
  return raw;
}

/** A submission the expert may review now; refusals say why (hidden, conflicted, phase closed). */
async function reviewable(
  db: Kysely<Database>,
  edition: ReviewEdition,
  actor: Actor,
  rawId: unknown,
): Promise<{ expert: Expert; submission: ReviewSubmissionRow }> {
  const expert = await loadExpert(db, edition, actor);
  if (!isReviewOpen(edition)) throw conflict("review_phase_closed");
  const submission = await findSubmission(db, edition.id, parseSubmissionId(rawId));
  if (!submission) throw notFound("review_submission_not_found");
  const access = reviewAccess(expert, submission, await hasConflict(db, submission.id, expert.id));
  if (access === "hidden") throw notFound("review_submission_not_found");
  if (access === "conflicted") throw conflict("review_conflicted");
  return { expert, submission };
}

export async function reviewView(
  db: Kysely<Database>,
  edition: ReviewEdition,
  actor: Actor,
  rawId: unknown,
): Promise<ReviewView> {
  const { expert, submission } = await reviewable(db, edition, actor, rawId);
  return {
    expert,
    submission,
    criteria: await findCriteria(db, edition.id),
    scores: await findOwnScores(db, submission.id, expert.id),
  };
}

/** A score as typed: a whole number from 0 to 10. */
function parseScore(errors: FieldErrors, field: string, raw: string): number | null {
  const value = raw.trim();
  if (value === "") {
    errors.add(field, "required");
    return null;
  }
  if (!/^-?[0-9]{1,6}$/.test(value)) {
    errors.add(field, "invalid_value");
    return null;
  }
  const score = Number(value);
  if (score < SCORE_MIN || score > SCORE_MAX) {
    errors.add(field, "out_of_range", { min: SCORE_MIN, max: SCORE_MAX });
    return null;
  }
  return score;
}

/**
 * Checks a score form: every criterion of the edition scored, comments within their length, and no
 * field naming a criterion the edition does not have (`unknown_code`).
 */
export function validateScores(
  input: Record<string, unknown>,
  criteria: readonly CriterionRow[],
): Array<{ criterion: string; score: number; comment: string }> {
  const errors = new FieldErrors();
  const known = new Set(criteria.map((criterion) => criterion.code));
  for (const name of Object.keys(input)) {
    const match = /^(?:score|comment)-(.*)$/.exec(name);
    if (match && !known.has(match[1] as string)) errors.add(name, "unknown_code");
  }
  const text = (name: string) => (typeof input[name] === "string" ? (input[name] as string) : "");
  const scores = criteria.map((criterion) => ({
    criterion: criterion.code,
    score: parseScore(errors, scoreField(criterion.code), text(scoreField(criterion.code))),
    comment: errors.text(commentField(criterion.code), text(commentField(criterion.code)), COMMENT_MAX),
  }));
  errors.throwIfAny();
  return scores.map((item) => ({ ...item, score: item.score as number }));
}

/**
 * Saves an expert's scores of a submission (all criteria at once), replacing their earlier ones;
 * editable while the review phase is open. Audited with the scores before and after.
 */
export async function saveScores(
  db: Kysely<Database>,
  edition: ReviewEdition,
  actor: Actor,
  rawId: unknown,
  input: Record<string, unknown>,
  ip: string | null,
): Promise<void> {
  const { expert, submission } = await reviewable(db, edition, actor, rawId);
  const scores = validateScores(input, await findCriteria(db, edition.id));
  await db.transaction().execute(async (trx) => {
    // The submission is locked against publication; a conflict declared meanwhile still wins.
    if ((await lockSubmissionStatus(trx, submission.id)) !== "submitted")
      throw notFound("review_submission_not_found");
    if (await hasConflict(trx, submission.id, expert.id)) throw conflict("review_conflicted");
    const before = await findOwnScores(trx, submission.id, expert.id);
    await upsertScores(
      trx,
      {
        submissionId: submission.id,
        editionId: edition.id,
        categoryCode: submission.category_code,
        expertId: expert.id,
      },
      scores,
    );
    await recordAudit(trx, {
      actorId: actor.id,
      action: "prize.score",
      subjectType: "prize_submission",
      subjectId: submission.id,
      before: before.length ? Object.fromEntries(before.map((row) => [row.criterion_code, row.score])) : null,
      after: Object.fromEntries(scores.map((row) => [row.criterion, row.score])),
      ip,
    });
  });
}

/**
 * Declares a conflict of interest: the submission leaves the expert's list for good and any scores
 * they gave it are removed (they must not count). Audited with the reason.
 */
export async function declareConflict(
  db: Kysely<Database>,
  edition: ReviewEdition,
  actor: Actor,
  rawId: unknown,
  input: { reason?: unknown },
  ip: string | null,
): Promise<void> {
  const { expert, submission } = await reviewable(db, edition, actor, rawId);
  const errors = new FieldErrors();
  const reason = errors.text(
    "reason",
    typeof input.reason === "string" ? input.reason : "",
    CONFLICT_REASON_MAX,
    true,
  );
  errors.throwIfAny();
  await db.transaction().execute(async (trx) => {
    if ((await lockSubmissionStatus(trx, submission.id)) !== "submitted")
      throw notFound("review_submission_not_found");
    if (await hasConflict(trx, submission.id, expert.id)) throw conflict("review_conflicted");
    await insertConflict(trx, {
      submissionId: submission.id,
      editionId: edition.id,
      categoryCode: submission.category_code,
      expertId: expert.id,
      reason,
    });
    const removed = await deleteOwnScores(trx, submission.id, expert.id);
    await recordAudit(trx, {
      actorId: actor.id,
      action: "prize.conflict_declare",
      subjectType: "prize_submission",
      subjectId: submission.id,
      after: { reason, scoresRemoved: removed },
      ip,
    });
  });
}
