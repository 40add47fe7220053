import { isPhaseOpen, type PhaseWindow } from "./prize-phases.ts";
import { countWords } from "./submission-rules.ts";
import type { SubmissionRecord } from "./submissions.repo.ts";
import type { SubmissionResponse } from "./submissions.schema.ts";
import { OPEN_STATUSES } from "./submissions.service.ts";

const iso = (value: Date | string | null): string | null =>
  value === null ? null : new Date(value).toISOString();

/** Whether the submitter may still change it: an open status while the submission phase runs. */
export function isEditable(submission: SubmissionRecord, windows: readonly PhaseWindow[], now = new Date()) {
  return OPEN_STATUSES.includes(submission.status) && isPhaseOpen(windows, "submission", now);
}

/** A submission in the API's shape (never the row as is). */
export function presentSubmission(
  submission: SubmissionRecord,
  windows: readonly PhaseWindow[],
  categoryName: (code: string) => string,
): SubmissionResponse {
  const deadline = windows.find((window) => window.phase === "submission")?.endsAt ?? null;
  return {
    id: submission.id,
    year: submission.year,
    category: { code: submission.category_code, name: categoryName(submission.category_code) },
    entryId: submission.entry_id,
    status: submission.status,
    statusReason: submission.status_reason,
    title: submission.title,
    shortDescription: submission.short_description,
    shortDescriptionWords: countWords(submission.short_description),
    actionLineSdgLinks: submission.action_line_sdg_links,
    gdcObjectives: submission.gdc_objectives,
    impact: submission.impact,
    partnerships: submission.partnerships,
    challenges: submission.challenges,
    projectStage: submission.project_stage,
    editable: isEditable(submission, windows),
    deadline: iso(deadline),
    createdAt: iso(submission.created_at) as string,
    updatedAt: iso(submission.updated_at) as string,
    submittedAt: iso(submission.submitted_at),
    links: {
      self: `/api/v1/prizes/submissions/${submission.id}`,
      html: `/prizes/submissions/${submission.id}`,
      entry: `/api/v1/entries/${submission.entry_id}`,
    },
  };
}
