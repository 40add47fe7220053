import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { conflict, notFound } from "../../platform/errors.ts";
import type { Actor } from "../../platform/permissions.ts";
import { FieldErrors, isRowId } from "../../platform/validation.ts";
import { lockEditionPublication } from "./experts.repo.ts";
import {
  applyPublication,
  deleteSelection,
  listRanking,
  listScoreCells,
  lockSubmission,
  type RankingRow,
  replaceSelection,
  setStatus,
} from "./nominations.repo.ts";
import { type CriterionRow, findCategories, findCriteria } from "./review.repo.ts";
import { aggregateScores, rankByScore, type SubmissionAggregate } from "./review-aggregate.ts";
import { hasReviewEnded, type ReviewEdition } from "./review-edition.ts";

export const REASON_MAX = 1000;
/** The cut-off form's bounds: how many per category the top-N helper may select. */
export const CUTOFF_MIN = 1;
export const CUTOFF_MAX = 50;

export type RankedSubmission = RankingRow & { aggregate: SubmissionAggregate; rank: number | null };

const text = (value: unknown) => (typeof value === "string" ? value : "");

/** Each submission of the edition (or of one category) with its aggregate, best first per category. */
export async function rankSubmissions(
  db: Kysely<Database> | Transaction<Database>,
  editionId: string,
  criteria: readonly CriterionRow[],
  categoryCode?: string,
): Promise<RankedSubmission[]> {
  const rows = await listRanking(db, editionId, categoryCode);
  const cells = await listScoreCells(db, editionId, categoryCode === undefined ? {} : { categoryCode });
  const bySubmission = new Map<string, typeof cells>();
  for (const cell of cells) {
    const list = bySubmission.get(cell.submission_id) ?? [];
    list.push(cell);
    bySubmission.set(cell.submission_id, list);
  }
  const withAggregates = rows.map((row) => ({
    ...row,
    aggregate: aggregateScores(
      (bySubmission.get(row.id) ?? []).map((cell) => ({
        expertId: cell.expert_id,
        criterionCode: cell.criterion_code,
        score: cell.score,
      })),
      criteria,
    ),
  }));
  const categories = [...new Set(rows.map((row) => row.category_code))];
  return categories.flatMap((code) =>
    rankByScore(withAggregates.filter((row) => row.category_code === code)),
  );
}

/** The category of `raw` in the edition, or 404. */
export async function loadCategory(
  db: Kysely<Database>,
  edition: ReviewEdition,
  raw: unknown,
): Promise<string> {
  const codes = (await findCategories(db, edition.id)).map((category) => category.code);
  if (typeof raw !== "string" || !codes.includes(raw)) throw notFound();
  return raw;
}

/** Locks the edition; a nominated list already out is final. */
async function assertNotPublished(trx: Transaction<Database>, edition: ReviewEdition): Promise<void> {
  const row = await lockEditionPublication(trx, edition.id);
  if (!row) throw notFound();
  if (row.nominees_published_at) throw conflict("nominees_published");
}

const selectable = (row: RankingRow) => row.status === "submitted";

/**
 * The secretariat's choice for one category: exactly the `nominees` ticked (submitted projects of
 * that category; anything else is `invalid_value`). Audited with the selection before and after.
 */
export async function saveSelection(
  db: Kysely<Database>,
  actor: Actor,
  edition: ReviewEdition,
  categoryCode: string,
  nominees: readonly string[],
  ip: string | null,
): Promise<number> {
  await db.transaction().execute(async (trx) => {
    await assertNotPublished(trx, edition);
    const rows = await listRanking(trx, edition.id, categoryCode);
    const allowed = new Set(rows.filter(selectable).map((row) => row.id));
    const chosen = [...new Set(nominees)];
    const errors = new FieldErrors();
    if (chosen.some((id) => !allowed.has(id))) errors.add("nominees", "invalid_value");
    errors.throwIfAny();
    await replaceSelection(
      trx,
      edition.id,
      [categoryCode],
      chosen.map((submissionId) => ({ submissionId, categoryCode })),
      actor.id,
    );
    await recordAudit(trx, {
      actorId: actor.id,
      action: "prize.nominees_select",
      subjectType: "prize_edition",
      subjectId: edition.id,
      before: { category: categoryCode, selected: rows.filter((row) => row.selected).map((row) => row.id) },
      after: { category: categoryCode, selected: chosen.sort((a, b) => Number(a) - Number(b)) },
      ip,
    });
  });
  return new Set(nominees).size;
}

/**
 * The ranking as help: selects, in every category, the submitted projects ranked within the top
 * `count` (ties at the cut-off all go in), replacing the whole selection. Unscored projects are
 * never selected this way. Audited.
 */
export async function selectTopRanked(
  db: Kysely<Database>,
  actor: Actor,
  edition: ReviewEdition,
  input: { count?: unknown },
  ip: string | null,
): Promise<number> {
  const errors = new FieldErrors();
  const raw = text(input.count).trim();
  let count = 0;
  if (raw === "") errors.add("count", "required");
  else if (!/^[0-9]{1,6}$/.test(raw)) errors.add("count", "invalid_value");
  else if (Number(raw) < CUTOFF_MIN || Number(raw) > CUTOFF_MAX)
    errors.add("count", "out_of_range", { min: CUTOFF_MIN, max: CUTOFF_MAX });
  else count = Number(raw);
  errors.throwIfAny();
  const criteria = await findCriteria(db, edition.id);
  const categories = (await findCategories(db, edition.id)).map((category) => category.code);
  let total = 0;
  await db.transaction().execute(async (trx) => {
    await assertNotPublished(trx, edition);
    const ranked = (await rankSubmissions(trx, edition.id, criteria)).filter(selectable);
    // Ranks among the projects still in the running, so a set-aside one leaves no hole.
    const chosen = categories.flatMap((code) =>
      rankByScore(ranked.filter((row) => row.category_code === code))
        .filter((row) => row.rank !== null && row.rank <= count)
        .map((row) => ({ submissionId: row.id, categoryCode: code })),
    );
    total = chosen.length;
    await replaceSelection(trx, edition.id, categories, chosen, actor.id);
    await recordAudit(trx, {
      actorId: actor.id,
      action: "prize.nominees_cutoff",
      subjectType: "prize_edition",
      subjectId: edition.id,
      after: { count, selected: chosen.map((item) => item.submissionId) },
      ip,
    });
  });
  return total;
}

/**
 * Sets a submitted project aside as ineligible (a reason is required and kept), or restores an
 * ineligible one to the running. Any other status is `invalid_state_transition`. Audited.
 */
export async function setEligibility(
  db: Kysely<Database>,
  actor: Actor,
  edition: ReviewEdition,
  rawId: unknown,
  input: { decision?: unknown; reason?: unknown },
  ip: string | null,
): Promise<"ineligible" | "submitted"> {
  if (!isRowId(rawId)) throw notFound("review_submission_not_found");
  const errors = new FieldErrors();
  const decision = errors.choice("decision", text(input.decision), ["ineligible", "restore"] as const, {
    code: "invalid_value",
  });
  const reason = errors.text("reason", text(input.reason), REASON_MAX, decision === "ineligible");
  errors.throwIfAny();
  const status = decision === "ineligible" ? "ineligible" : "submitted";
  await db.transaction().execute(async (trx) => {
    await assertNotPublished(trx, edition);
    const submission = await lockSubmission(trx, edition.id, rawId);
    if (!submission || !["submitted", "ineligible"].includes(submission.status))
      throw notFound("review_submission_not_found");
    const from = decision === "ineligible" ? "submitted" : "ineligible";
    if (submission.status !== from) throw conflict("invalid_state_transition", { state: submission.status });
    await setStatus(trx, submission.id, status, status === "ineligible" ? reason : null);
    if (status === "ineligible") await deleteSelection(trx, submission.id);
    await recordAudit(trx, {
      actorId: actor.id,
      action: status === "ineligible" ? "prize.submission_ineligible" : "prize.submission_restore",
      subjectType: "prize_submission",
      subjectId: submission.id,
      before: { status: submission.status },
      after: { status, reason: status === "ineligible" ? reason : null },
      ip,
    });
  });
  return status;
}

export interface PublicationOutcome {
  publishedAt: Date;
  nominated: number;
  notNominated: number;
}

/**
 * Publishes the nominated list, once: in one transaction every submitted project becomes
 * `nominated` (selected) or `not_nominated`, and `nominees_published_at` is set, with the audit
 * record `prize.nominees_publish`. Refused before the review phase has ended
 * (`nominees_review_open`), with nothing selected (`nominees_none_selected`) and when already
 * published (`nominees_published`; the edition row lock makes a concurrent second try wait and then
 * get that answer). The confirmation box is required.
 */
export async function publishNominees(
  db: Kysely<Database>,
  actor: Actor,
  edition: ReviewEdition,
  input: { confirm?: unknown },
  ip: string | null,
): Promise<PublicationOutcome> {
  const errors = new FieldErrors();
  if (text(input.confirm) !== "yes") errors.add("confirm", "required");
  errors.throwIfAny();
  return await db.transaction().execute(async (trx) => {
    await assertNotPublished(trx, edition);
    if (!hasReviewEnded(edition)) throw conflict("nominees_review_open");
    const rows = await listRanking(trx, edition.id);
    if (!rows.some((row) => row.selected && row.status === "submitted"))
      throw conflict("nominees_none_selected");
    const { publishedAt, decided } = await applyPublication(trx, edition.id);
    const perCategory: Record<string, { nominated: string[]; notNominated: number }> = {};
    for (const row of decided) {
      const entry = perCategory[row.category_code] ?? { nominated: [], notNominated: 0 };
      perCategory[row.category_code] = entry;
      if (row.status === "nominated") entry.nominated.push(row.id);
      else entry.notNominated += 1;
    }
    const nominated = decided.filter((row) => row.status === "nominated").length;
    await recordAudit(trx, {
      actorId: actor.id,
      action: "prize.nominees_publish",
      subjectType: "prize_edition",
      subjectId: edition.id,
      before: { nomineesPublishedAt: null },
      after: { nomineesPublishedAt: publishedAt.toISOString(), nominated, perCategory },
      ip,
    });
    return { publishedAt, nominated, notNominated: decided.length - nominated };
  });
}
