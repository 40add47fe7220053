import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError, conflict } from "../../platform/errors.ts";
import { isUploadedFile } from "../../platform/http/multipart.ts";
import { clientIp } from "../../platform/http/request-context.ts";
import { parseIdempotencyKey } from "../../platform/idempotency.ts";
import { type Actor, requirePermission } from "../../platform/permissions.ts";
import { IdempotencyHeaders } from "../stocktaking/entries.schema.ts";
import { ProblemSchema } from "../stocktaking/search.schema.ts";
import { presentImportJob, presentImportRow } from "./import.presenter.ts";
import {
  IMPORT_CONTENT_TYPES,
  IMPORT_DESCRIPTION,
  ImportBody,
  ImportJobResponse,
  ImportListQuery,
  ImportListResponse,
  ImportParams,
  ImportQuery,
  ImportRowsQuery,
  ImportRowsResponse,
} from "./import.schema.ts";
import {
  getImport,
  IMPORT_LEASE_MS,
  type ImportUpload,
  importRows,
  listImports,
  parseImportId,
  queueCommit,
  runDryRun,
  startImport,
} from "./import.service.ts";
import type { ImportWorker } from "./import.worker.ts";
import { commitImport } from "./import-commit.ts";
import { IMPORT_LIMITS, IMPORT_MAX_MEGABYTES } from "./import-file.ts";
import { runFollowUps } from "./import-followups.ts";
import { type ImportJob, setLease } from "./import-jobs.repo.ts";

/** A request does this much of a dry run itself (small files: all of it) before answering. */
const INLINE_BUDGET_MS = 3_000;
/** Larger commits go to the worker (202) instead of holding the request for their transaction. */
export const INLINE_COMMIT_ROWS = 5_000;
// Multipart framing around the file, on top of the file's own limit.
const MULTIPART_OVERHEAD = 64 * 1024;

/** A body announced as larger than any import may be is refused before a byte of it is read. */
export async function refuseOversizedBody(request: FastifyRequest): Promise<void> {
  const length = Number(request.headers["content-length"] ?? 0);
  if (length > IMPORT_LIMITS.maxBytes + MULTIPART_OVERHEAD)
    throw new AppError("import_file_too_large", 413, { max: IMPORT_MAX_MEGABYTES });
}

/** What a multipart form or a raw body carries. */
export function uploadOf(
  request: FastifyRequest,
  fields: { source?: unknown; filename?: unknown },
): ImportUpload {
  const body = request.body as unknown;
  if (Buffer.isBuffer(body))
    return {
      bytes: body,
      filename: typeof fields.filename === "string" ? fields.filename : "",
      source: fields.source,
    };
  const form = (body ?? {}) as Record<string, unknown>;
  const file = isUploadedFile(form.file) ? form.file : null;
  return {
    bytes: file?.data ?? null,
    truncated: file?.truncated ?? false,
    filename: file?.filename ?? "",
    source: form.source ?? fields.source,
  };
}

/**
 * Shared by the page and the API: the upload's dry run, as far as a request should go; the worker
 * does the rest. A job that commits by itself and is small is committed here too.
 */
export async function processUpload(
  app: FastifyInstance,
  worker: ImportWorker,
  actor: Actor,
  job: ImportJob,
): Promise<ImportJob> {
  const { db } = app.deps;
  let current = job;
  try {
    current = await runDryRun(db, job.id, { budgetMs: INLINE_BUDGET_MS });
    if (current.status === "committing" && current.creates + current.updates <= INLINE_COMMIT_ROWS) {
      try {
        await commitImport(db, actor.id, job.id);
        await runFollowUps(db, job.id, { budgetMs: INLINE_BUDGET_MS });
      } catch (error) {
        if (!(error instanceof AppError && error.code === "import_outdated")) throw error;
      }
    }
  } finally {
    await setLease(db, job.id, null);
    worker.wake();
  }
  return getImport(db, actor, job.id);
}

/**
 * Commits now (small jobs, one transaction within the request) or hands the commit to the worker
 * (202). An `Idempotency-Key` replay gets the first outcome.
 */
export async function requestCommit(
  app: FastifyInstance,
  worker: ImportWorker,
  actor: Actor,
  jobId: string,
  options: { idempotencyKey: string | null; ip: string | null },
): Promise<{ job: ImportJob; queued: boolean; replayed: boolean }> {
  const { db } = app.deps;
  const job = await getImport(db, actor, jobId);
  if (job.status === "ready" && job.creates + job.updates > INLINE_COMMIT_ROWS) {
    const queued = await queueCommit(db, actor, job);
    worker.wake();
    return { job: queued, queued: true, replayed: false };
  }
  // Without a key there is nothing to replay: a job already on its way is a 409 at once.
  if (!options.idempotencyKey && (job.status === "committing" || job.status === "committed"))
    throw conflict("import_not_ready", { status: job.status });
  try {
    const result = await commitImport(db, actor.id, jobId, options);
    if (!result.replayed) await runFollowUps(db, jobId, { budgetMs: INLINE_BUDGET_MS });
    return { job: await getImport(db, actor, jobId), queued: false, replayed: result.replayed };
  } finally {
    worker.wake();
  }
}

const SECURITY = [{ bearer: [] }];

/** `importEntries` and the import job it creates: read, list its rows, commit. */
export async function importApiRoutes(base: FastifyInstance, worker: ImportWorker): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.deps;
  const actorOf = (request: FastifyRequest) => requirePermission(request.actor, "entries.import");

  // The raw body of a CSV or XLSX upload, read up to the import limit (this plugin's routes only).
  base.addContentTypeParser([...IMPORT_CONTENT_TYPES], (_request, payload, done) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    payload.on("data", (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > IMPORT_LIMITS.maxBytes) {
        refused = true;
        done(new AppError("import_file_too_large", 413, { max: IMPORT_MAX_MEGABYTES }), undefined);
        return;
      }
      chunks.push(chunk);
    });
    payload.on("end", () => {
      if (!refused) done(null, Buffer.concat(chunks));
    });
    payload.on("error", (error: Error) => {
      if (!refused) done(error, undefined);
    });
  });

  app.post(
    "/api/v1/imports",
    {
      config: { permission: "entries.import", multipart: { fileSize: IMPORT_LIMITS.maxBytes } },
      onRequest: refuseOversizedBody,
      schema: {
        operationId: "importEntries",
        tags: ["open-data"],
        summary: "Upload a CSV or XLSX of entries and check every row (dry run)",
        description: IMPORT_DESCRIPTION,
        security: SECURITY,
        querystring: ImportQuery,
        body: ImportBody,
        response: { 201: ImportJobResponse, 400: ProblemSchema, 413: ProblemSchema, 415: ProblemSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const query = request.query;
      const job = await startImport(
        db,
        actor,
        { ...uploadOf(request, query), autoCommit: query.dryRun === false },
        { lang: request.lang, ip: clientIp(request), leaseMs: IMPORT_LEASE_MS },
      );
      const processed = await processUpload(base, worker, actor, job);
      reply.header("location", `/api/v1/imports/${job.id}`);
      return reply.code(201).send(presentImportJob(processed, request.t));
    },
  );

  app.get(
    "/api/v1/imports",
    {
      config: { permission: "entries.import" },
      schema: {
        operationId: "listImports",
        tags: ["open-data"],
        summary: "Your imports (an admin sees everyone's), newest first",
        security: SECURITY,
        querystring: ImportListQuery,
        response: { 200: ImportListResponse },
      },
    },
    async (request) => {
      const page = request.query.page ?? 1;
      const result = await listImports(db, actorOf(request), page);
      return {
        total: result.total,
        page,
        pageSize: result.pageSize,
        items: result.rows.map((job) => presentImportJob(job, request.t)),
      };
    },
  );

  app.get(
    "/api/v1/imports/:id",
    {
      config: { permission: "entries.import" },
      schema: {
        operationId: "getImport",
        tags: ["open-data"],
        summary: "An import job: its state, the dry run's progress and counts",
        security: SECURITY,
        params: ImportParams,
        response: { 200: ImportJobResponse },
      },
    },
    async (request) =>
      presentImportJob(await getImport(db, actorOf(request), parseImportId(request.params.id)), request.t),
  );

  app.get(
    "/api/v1/imports/:id/rows",
    {
      config: { permission: "entries.import" },
      schema: {
        operationId: "listImportRows",
        tags: ["open-data"],
        summary: "The dry run's verdict on each row, with errors by column in your language",
        security: SECURITY,
        params: ImportParams,
        querystring: ImportRowsQuery,
        response: { 200: ImportRowsResponse },
      },
    },
    async (request) => {
      const page = request.query.page ?? 1;
      const pageSize = request.query.pageSize ?? 100;
      const result = await importRows(db, actorOf(request), parseImportId(request.params.id), {
        outcome: request.query.outcome ?? null,
        page,
        pageSize,
      });
      return {
        total: result.total,
        page,
        pageSize,
        items: result.rows.map((row) => presentImportRow(row, request.t)),
      };
    },
  );

  app.post(
    "/api/v1/imports/:id/commit",
    {
      config: { permission: "entries.import" },
      schema: {
        operationId: "commitImport",
        tags: ["open-data"],
        summary: "Write a checked import: every row, or nothing",
        description: `Only a \`ready\` job (a dry run without errors) commits; \`invalid\` answers 409 \`import_has_errors\`, a job still validating or already committing 409 \`import_not_ready\`. If entries or reference data changed since the dry run, nothing is written, the answer is 409 \`import_outdated\` and the dry run starts again. Up to ${INLINE_COMMIT_ROWS.toLocaleString("en")} written rows commit within the request (200); larger jobs commit in the background (202, then \`status\` goes to \`committed\`).`,
        security: SECURITY,
        params: ImportParams,
        headers: IdempotencyHeaders,
        response: { 200: ImportJobResponse, 202: ImportJobResponse, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const outcome = await requestCommit(base, worker, actor, parseImportId(request.params.id), {
        idempotencyKey: parseIdempotencyKey(request.headers["idempotency-key"], "Idempotency-Key"),
        ip: clientIp(request),
      });
      if (outcome.replayed) reply.header("idempotent-replayed", "true");
      return reply.code(outcome.queued ? 202 : 200).send(presentImportJob(outcome.job, request.t));
    },
  );
}
