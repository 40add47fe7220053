import type { Translate } from "../../platform/i18n.ts";
import type { ImportJob } from "./import-jobs.repo.ts";
import type { ImportRowRecord } from "./import-rows.repo.ts";

/** Import jobs and their rows in the API's shape (never the rows as stored). */

const iso = (value: Date | string | null): string | null =>
  value === null ? null : (value instanceof Date ? value : new Date(value)).toISOString();

function jobError(job: ImportJob): { code: string; params?: Record<string, string | number> } | null {
  const raw = typeof job.error === "string" ? JSON.parse(job.error) : job.error;
  return raw && typeof raw === "object" && typeof raw.code === "string" ? raw : null;
}

export function presentImportJob(job: ImportJob, t: Translate) {
  const error = jobError(job);
  return {
    id: job.id,
    status: job.status,
    source: job.source,
    filename: job.filename,
    format: job.format,
    byteSize: Number(job.byte_size),
    sha256: job.sha256,
    rowsTotal: job.rows_total,
    rowsDone: job.rows_done,
    counts: {
      create: job.creates,
      update: job.updates,
      unchanged: job.unchanged,
      error: job.error_rows,
    },
    followUps: {
      pending: job.followups_pending,
      done: job.followups_done,
      total: job.creates + job.updates,
    },
    error: error ? { code: error.code, message: t(`errors.${error.code}`, error.params) } : null,
    createdAt: iso(job.created_at) as string,
    validatedAt: iso(job.validated_at),
    committedAt: iso(job.committed_at),
    links: {
      self: `/api/v1/imports/${job.id}`,
      rows: `/api/v1/imports/${job.id}/rows`,
      commit: `/api/v1/imports/${job.id}/commit`,
      html: `/imports/${job.id}`,
    },
  };
}

export function presentImportRow(row: ImportRowRecord, t: Translate) {
  return {
    row: row.row_number,
    outcome: row.outcome,
    externalId: row.external_id,
    entryId: row.entry_id,
    title: row.title,
    errors: (row.errors ?? []).map((error) => ({
      column: error.column,
      code: error.code,
      message: t(`fields.${error.code}`, error.params),
    })),
  };
}

/** The job's stored error, for pages. */
export function importJobError(job: ImportJob) {
  return jobError(job);
}
