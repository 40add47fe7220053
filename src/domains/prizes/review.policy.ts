import type { PrizeSubmissionStatus } from "../../db/schema.ts";

/** Who is reviewing: an assigned expert of the edition, with the categories they review. */
export interface Expert {
  id: string;
  organisationId: string | null;
  categories: readonly string[];
}

/**
 * What an expert may do with a submission:
 * - `reviewable`: in one of their categories, submitted, and no conflict;
 * - `conflicted`: a conflict they declared, or their own project or their organisation's (a
 *   conflict nobody has to declare) — hidden from their list, and never scored by them;
 * - `hidden`: anything else (another category, a draft, a withdrawn or already decided
 *   submission), answered as if it did not exist.
 */
export type ReviewAccess = "reviewable" | "conflicted" | "hidden";

export function reviewAccess(
  expert: Expert,
  submission: {
    category_code: string;
    status: PrizeSubmissionStatus;
    submitter_id: string;
    organisation_id: string;
  },
  declaredConflict: boolean,
): ReviewAccess {
  if (!expert.categories.includes(submission.category_code) || submission.status !== "submitted")
    return "hidden";
  const own =
    submission.submitter_id === expert.id ||
    (expert.organisationId !== null && submission.organisation_id === expert.organisationId);
  return own || declaredConflict ? "conflicted" : "reviewable";
}
