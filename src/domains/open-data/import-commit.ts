import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { AppError } from "../../platform/errors.ts";
import { toLanguage, translator } from "../../platform/i18n.ts";
import { fingerprint, type Idempotent, runIdempotent } from "../../platform/idempotency.ts";
import { publishedColumns } from "../stocktaking/entry-fields.ts";
import { asCompleteEntry, type EntryCodes, entryCodes } from "../stocktaking/entry-validation.ts";
import { loadReferenceData, type ReferenceData } from "../taxonomy/taxonomy.repo.ts";
import { assertCommittable, importFileOf } from "./import.service.ts";
import {
  allocateEntryIds,
  applyUpdatedEntries,
  type CommitContext,
  type CreateRecord,
  countTakenExternalIds,
  insertCreatedEntries,
  lockSource,
  lockTargetsAndCountStale,
  mapUnchangedRows,
  tuneCommitTransaction,
  type UpdateRecord,
} from "./import-commit.repo.ts";
import { IMPORT_COMMIT_HOOKS, IMPORT_FOLLOW_UPS } from "./import-hooks.ts";
import {
  currentReferenceVersion,
  findJob,
  type ImportJob,
  lockJob,
  markCommitted,
} from "./import-jobs.repo.ts";
import { findTargetEntries } from "./import-lookups.repo.ts";
import { lastRowNumber, readStagedWrites, restartValidation, type StagedWrite } from "./import-rows.repo.ts";
import { type FileContext, planRow, readRow, type TargetEntry } from "./import-rows.ts";

/**
 * The commit: everything the dry run decided, written in ONE transaction, so a failure anywhere
 * (a row that no longer passes the rules, a database error, a hook) leaves nothing behind.
 *
 * Two uploads of the same file committed at once must not both create: commits of one source
 * serialise on an advisory lock, and each re-checks under it that what its dry run saw still
 * holds (no external id taken since, no target entry changed since, same reference data). If not,
 * it writes nothing, answers 409 `import_outdated`, and its dry run starts again, which then finds
 * the other import's entries and plans updates. The primary key on (source, external_id) is the
 * last line of defence.
 */

class Outdated extends Error {}

/** Row numbers per commit statement: fewer, larger statements cost less per row, up to a point. */
const COMMIT_BATCH_ROWS = 2_000;

const UNIQUE_VIOLATION = "23505";
const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === UNIQUE_VIOLATION;

export interface CommitOptions {
  ip?: string | null;
  idempotencyKey?: string | null;
  onProgress?: (done: number, total: number) => void;
}

/** One batch's rows, planned again from the file and ready for the insert and update statements. */
interface PreparedBatch {
  created: CreateRecord[];
  updated: UpdateRecord[];
  written: string[];
}

/** What a batch needs from the database before it can be planned. */
interface BatchInputs {
  staged: StagedWrite[];
  entries: Map<string, TargetEntry>;
  ids: Array<{ entry_id: string; revision_id: string }>;
}

/**
 * Reads a batch's staged rows, then queues (without waiting) the reads its planning needs: the
 * entries it updates and ids for those it creates.
 */
async function readBatch(
  trx: Transaction<Database>,
  jobId: string,
  from: number,
): Promise<() => Promise<BatchInputs>> {
  const staged = await readStagedWrites(trx, jobId, { from, to: from + COMMIT_BATCH_ROWS });
  const updateIds = staged.flatMap((row) => (row.outcome === "update" && row.entry_id ? [row.entry_id] : []));
  const reads = Promise.all([
    findTargetEntries(trx, updateIds),
    allocateEntryIds(trx, staged.length - updateIds.length),
  ]);
  return async () => {
    const [entries, ids] = await reads;
    return { staged, entries, ids };
  };
}

/**
 * Plans the batch's staged rows again from the file, with the dry run's rules and what it decided
 * against (the owner, the entry's latest revision), and turns them into the statements' records.
 * A row that now comes out differently means the dry run no longer holds: `Outdated`.
 */
function prepareBatch(job: ImportJob, plan: PlanContext, inputs: BatchInputs): PreparedBatch {
  const batch: PreparedBatch = { created: [], updated: [], written: [] };
  for (const row of inputs.staged) {
    const index = plan.indexOf.get(row.row_number);
    if (index === undefined) throw new Outdated();
    const input = readRow(plan.file, index);
    const mapped = new Map<string, string>();
    if (row.outcome === "update" && input.externalId !== null && !row.map_external_id && row.entry_id)
      mapped.set(input.externalId, row.entry_id);
    const owners = new Map<string, string>();
    if (input.ownerEmail !== null && row.owner_id) owners.set(input.ownerEmail, row.owner_id);
    const planned = planRow(input, {
      codes: plan.codes,
      mapped,
      entries: inputs.entries,
      owners,
      importerId: job.user_id,
    });
    if (planned.outcome !== row.outcome || !planned.data) throw new Outdated();
    const complete = asCompleteEntry(planned.data);
    const {
      title: _title,
      description: _description,
      ...columns
    } = publishedColumns({ ...complete, translations: planned.data.translations }, plan.regions);
    if (row.outcome === "create") {
      const id = inputs.ids[batch.created.length];
      if (!id || !row.owner_id) throw new Outdated();
      batch.created.push({
        ...columns,
        row_number: row.row_number,
        entry_id: id.entry_id,
        revision_id: id.revision_id,
        owner_id: row.owner_id,
        external_id: row.map_external_id ? row.external_id : null,
        data: planned.data,
      });
      batch.written.push(id.entry_id);
    } else {
      if (planned.entryId !== row.entry_id || !row.entry_id) throw new Outdated();
      batch.updated.push({
        ...columns,
        row_number: row.row_number,
        entry_id: row.entry_id,
        external_id: row.external_id,
        map_external_id: row.map_external_id,
        data: planned.data,
      });
      batch.written.push(row.entry_id);
    }
  }
  return batch;
}

/** What planning every batch of one commit shares. */
interface PlanContext {
  file: FileContext;
  indexOf: ReadonlyMap<number, number>;
  codes: EntryCodes;
  regions: ReadonlyMap<string, string | null>;
}

/**
 * Writes every staged row, a row-number range at a time. The next batch's reads are queued before
 * the current batch's statements, so on PostgreSQL its planning (JavaScript) runs while the
 * database writes.
 */
async function writeAll(
  trx: Transaction<Database>,
  job: ImportJob,
  file: FileContext,
  commit: CommitContext,
  reference: ReferenceData,
  onProgress?: (done: number, total: number) => void,
): Promise<string[]> {
  const indexOf = new Map<number, number>();
  for (let index = 1; index < file.table.numbers.length; index++)
    indexOf.set(file.table.numbers[index] as number, index);
  const plan: PlanContext = {
    file,
    indexOf,
    codes: entryCodes(reference),
    regions: new Map(reference.countries.map((row) => [row.code, row.region_code])),
  };
  const last = await lastRowNumber(trx, job.id);
  const total = job.creates + job.updates;
  const written: string[] = [];
  onProgress?.(0, total);
  let from = 0;
  let batch = prepareBatch(job, plan, await (await readBatch(trx, job.id, from))());
  while (from < last) {
    from += COMMIT_BATCH_ROWS;
    const next = from < last ? await readBatch(trx, job.id, from) : null;
    const writing = Promise.all([
      insertCreatedEntries(trx, batch.created, commit),
      applyUpdatedEntries(trx, batch.updated, commit),
    ]);
    // The next batch's reads were queued first, so this plans it while the writes run.
    const following = next ? prepareBatch(job, plan, await next()) : null;
    await writing;
    written.push(...batch.written);
    onProgress?.(written.length, total);
    if (!following) break;
    batch = following;
  }
  await mapUnchangedRows(trx, commit);
  return written;
}

/**
 * Commits a `ready` job (or one the worker took as `committing`) as `actorId`. On a stale dry run
 * the job goes back to validating and this throws 409 `import_outdated`.
 */
export async function commitImport(
  db: Kysely<Database>,
  actorId: string,
  jobId: string,
  options: CommitOptions = {},
): Promise<Idempotent<{ jobId: string }>> {
  const first = await findJob(db, jobId);
  if (!first) throw new AppError("import_not_found", 404);
  // Read before the transaction: on the embedded engine the transaction holds the only connection.
  const [reference, file] = await Promise.all([loadReferenceData(db), importFileOf(db, first)]);
  const t = translator(toLanguage(first.language));
  const context: CommitContext = {
    jobId,
    source: first.source,
    actorId,
    comment: t("import.decisionComment", { id: jobId }),
    ip: options.ip ?? null,
  };
  try {
    return await db.transaction().execute((trx) =>
      runIdempotent(
        trx,
        {
          userId: actorId,
          key: options.idempotencyKey ?? null,
          scope: `imports.commit:${jobId}`,
          fingerprint: fingerprint(`imports.commit:${jobId}`, {}),
        },
        async () => {
          const job = await lockJob(trx, jobId);
          if (!job) throw new AppError("import_not_found", 404);
          assertCommittable(job, ["committing"]);
          if ((await currentReferenceVersion(trx)) !== job.reference_version) throw new Outdated();
          await lockSource(trx, job.source);
          if ((await lockTargetsAndCountStale(trx, jobId)) > 0) throw new Outdated();
          if ((await countTakenExternalIds(trx, jobId, job.source)) > 0) throw new Outdated();

          await tuneCommitTransaction(trx);
          const written = await writeAll(trx, job, file, context, reference, options.onProgress);
          await markCommitted(trx, jobId, actorId, IMPORT_FOLLOW_UPS.length > 0 && written.length > 0);
          await recordAudit(trx, {
            actorId,
            action: "import.commit",
            subjectType: "import",
            subjectId: jobId,
            before: { status: job.status },
            after: {
              status: "committed",
              source: job.source,
              creates: job.creates,
              updates: job.updates,
              unchanged: job.unchanged,
            },
            ip: options.ip ?? null,
          });
          // In-transaction hooks see the written entries before anything is visible, and can still
          // roll the whole import back; duplicate detection runs after, as a follow-up.
          for (const hook of IMPORT_COMMIT_HOOKS) await hook(trx, written);
          return { jobId };
        },
      ),
    );
  } catch (error) {
    if (error instanceof Outdated || isUniqueViolation(error)) {
      await restartValidation(db, jobId, { code: "import_outdated" });
      throw new AppError("import_outdated", 409);
    }
    throw error;
  }
}
