import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { conflict, notFound } from "../../platform/errors.ts";
import type { Actor } from "../../platform/permissions.ts";
import { FieldErrors, isRowId } from "../../platform/validation.ts";
import { alreadyAssigned, assigneeByEmail, formText as text } from "./assignment.ts";
import { deleteExpert, insertExpert, lockEditionPublication } from "./experts.repo.ts";
import { findCategories } from "./review.repo.ts";
import type { ReviewEdition } from "./review-edition.ts";

/** The assignment form as typed. */
export interface AssignInput {
  email?: unknown;
  category?: unknown;
}

/** Locks the edition and refuses once the nominated list is out: the review is over then. */
async function assertListOpen(trx: Parameters<typeof lockEditionPublication>[0], edition: ReviewEdition) {
  const row = await lockEditionPublication(trx, edition.id);
  if (!row) throw notFound();
  if (row.nominees_published_at) throw conflict("nominees_published");
}

/**
 * Assigns an existing account (by email, in any case) as an expert of one category. An unknown
 * email is `no_such_account`, a category outside the edition `unknown_code`, a repeated assignment
 * `duplicate`. Audited.
 */
export async function assignExpert(
  db: Kysely<Database>,
  actor: Actor,
  edition: ReviewEdition,
  input: AssignInput,
  ip: string | null,
): Promise<{ userId: string; categoryCode: string }> {
  const errors = new FieldErrors();
  const account = await assigneeByEmail(db, errors, input.email);
  const categories = (await findCategories(db, edition.id)).map((category) => category.code);
  const category = errors.choice("category", text(input.category), categories);
  errors.throwIfAny();
  const user = account as NonNullable<typeof account>;
  const categoryCode = category as string;
  await db.transaction().execute(async (trx) => {
    await assertListOpen(trx, edition);
    const added = await insertExpert(trx, {
      editionId: edition.id,
      categoryCode,
      userId: user.id,
      assignedBy: actor.id,
    });
    if (!added) throw alreadyAssigned();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "prize.expert_assign",
      subjectType: "prize_edition",
      subjectId: edition.id,
      after: { userId: user.id, email: user.email, category: categoryCode },
      ip,
    });
  });
  return { userId: user.id, categoryCode };
}

/**
 * Ends an assignment; the expert's scores and conflicts in that category go with it, and the audit
 * record says how many. 404 `review_expert_not_found` when there is no such assignment.
 */
export async function removeExpert(
  db: Kysely<Database>,
  actor: Actor,
  edition: ReviewEdition,
  input: { userId?: unknown; category?: unknown },
  ip: string | null,
): Promise<void> {
  const userId = text(input.userId);
  const categoryCode = text(input.category);
  if (!isRowId(userId) || categoryCode === "") throw notFound("review_expert_not_found");
  await db.transaction().execute(async (trx) => {
    await assertListOpen(trx, edition);
    const removed = await deleteExpert(trx, { editionId: edition.id, categoryCode, userId });
    if (!removed) throw notFound("review_expert_not_found");
    await recordAudit(trx, {
      actorId: actor.id,
      action: "prize.expert_remove",
      subjectType: "prize_edition",
      subjectId: edition.id,
      before: { userId, category: categoryCode },
      after: { scoresRemoved: removed.scores, conflictsRemoved: removed.conflicts },
      ip,
    });
  });
}
