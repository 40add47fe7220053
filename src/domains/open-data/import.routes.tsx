import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError, ValidationError } from "../../platform/errors.ts";
import { clientIp } from "../../platform/http/request-context.ts";
import { type Actor, requirePermission } from "../../platform/permissions.ts";
import { pageContext, redirectWithFlash, sendPage } from "../../ui/render.tsx";
import {
  formField,
  formWriteOptions,
  idParam,
  newIdempotencyKey,
  pageParam,
} from "../stocktaking/entry-http.ts";
import { csvLine } from "./csv.ts";
import {
  importApiRoutes,
  processUpload,
  refuseOversizedBody,
  requestCommit,
  uploadOf,
} from "./import.api.ts";
import {
  getImport,
  IMPORT_LEASE_MS,
  importRows,
  listImports,
  parseImportId,
  ROW_OUTCOMES,
  startImport,
} from "./import.service.ts";
import { ImportWorker } from "./import.worker.ts";
import { IMPORT_COLUMNS } from "./import-columns.ts";
import { IMPORT_LIMITS } from "./import-file.ts";
import { ImportPage } from "./import-report.pages.tsx";
import { ImportsPage, type UploadProblem } from "./import-upload.pages.tsx";

const ROWS_PAGE_SIZE = 100;

/** Pages of `pageSize` that `total` items fill; an empty list still has its one page. */
const pageCount = (total: number, pageSize: number) => Math.max(1, Math.ceil(total / pageSize));

/** One example row of the template, every column filled the way the import reads it. */
const TEMPLATE_EXAMPLE: Record<string, string> = {
  external_id: "my-db-0001",
  title: "Rural school connectivity",
  description: "Solar kits and offline tablets bring digital lessons to forty rural schools.",
  language: "en",
  organisation: "Sahel Digital Schools Initiative",
  stakeholderType: "civil_society",
  coverage: "national",
  countries: "SN",
  actionLines: "C2;C7-elearn",
  sdgs: "4;9",
  targetGroups: "youth;teachers_students",
  status: "ongoing",
  startDate: "2024-09-01",
  website: "https://example.org/schools",
};

/**
 * Bulk import for moderators and admins: the pages (`/imports`), the API (`importEntries` and its
 * job) and the worker that runs long dry runs and commits in the background.
 */
export async function importRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;
  const worker = new ImportWorker(db, app.log);
  app.addHook("onReady", async () => worker.start());
  app.addHook("onClose", async () => worker.stop());
  await importApiRoutes(app, worker);
  const actorOf = (request: FastifyRequest): Actor => requirePermission(request.actor, "entries.import");

  async function renderList(
    request: FastifyRequest,
    reply: FastifyReply,
    form: { source: string; problem: UploadProblem | null; status: number },
  ) {
    const actor = actorOf(request);
    const page = pageParam(request.query);
    const list = await listImports(db, actor, page);
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      <ImportsPage
        ctx={ctx}
        jobs={list.rows}
        total={list.total}
        page={page}
        pageCount={pageCount(list.total, list.pageSize)}
        showOwner={actor.role === "admin"}
        source={form.source}
        problem={form.problem}
      />,
      form.status,
    );
  }

  app.get("/imports", { config: { permission: "entries.import" } }, async (request, reply) =>
    renderList(request, reply, { source: "", problem: null, status: 200 }),
  );

  app.get("/imports/template.csv", { config: { permission: "entries.import" } }, async (_request, reply) =>
    reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", 'attachment; filename="wsis-import-template.csv"')
      .send(
        `\uFEFF${csvLine(IMPORT_COLUMNS)}${csvLine(IMPORT_COLUMNS.map((column) => TEMPLATE_EXAMPLE[column] ?? null))}`,
      ),
  );

  app.post(
    "/imports",
    {
      config: { permission: "entries.import", multipart: { fileSize: IMPORT_LIMITS.maxBytes } },
      onRequest: refuseOversizedBody,
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const source = formField(request.body, "source");
      try {
        const job = await startImport(db, actor, uploadOf(request, {}), {
          lang: request.lang,
          ip: clientIp(request),
          leaseMs: IMPORT_LEASE_MS,
        });
        await processUpload(app, worker, actor, job);
        return redirectWithFlash(reply, `/imports/${job.id}`, "flash.import.uploaded");
      } catch (error) {
        const t = request.t;
        let problem: UploadProblem;
        if (error instanceof ValidationError) {
          const first = error.fieldErrors[0];
          const field = first?.field === "source" ? "source" : "file";
          problem = { field, message: t(`fields.${first?.code ?? "invalid_value"}`, first?.params) };
        } else if (error instanceof AppError && error.code.startsWith("import_")) {
          problem = { field: "file", message: t(`errors.${error.code}`, error.params) };
        } else throw error;
        const status = error instanceof AppError ? error.status : 400;
        return renderList(request, reply, { source, problem, status });
      }
    },
  );

  app.get("/imports/:id", { config: { permission: "entries.import" } }, async (request, reply) => {
    const actor = actorOf(request);
    const jobId = parseImportId(idParam(request));
    const raw = (request.query as Record<string, unknown>).outcome;
    const outcome = ROW_OUTCOMES.find((value) => value === raw) ?? null;
    const page = pageParam(request.query);
    const result = await importRows(db, actor, jobId, { outcome, page, pageSize: ROWS_PAGE_SIZE });
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      <ImportPage
        ctx={ctx}
        job={result.job}
        rows={result.rows}
        rowsTotal={result.total}
        outcome={outcome}
        page={page}
        pageCount={pageCount(result.total, ROWS_PAGE_SIZE)}
        idempotencyKey={newIdempotencyKey()}
      />,
    );
  });

  app.post("/imports/:id/commit", { config: { permission: "entries.import" } }, async (request, reply) => {
    const actor = actorOf(request);
    const jobId = parseImportId(idParam(request));
    await getImport(db, actor, jobId);
    try {
      const outcome = await requestCommit(app, worker, actor, jobId, formWriteOptions(request));
      const flash = outcome.queued ? "flash.import.commitQueued" : "flash.import.committed";
      return redirectWithFlash(reply, `/imports/${jobId}`, flash);
    } catch (error) {
      // The page shows where the job stands; the flash says why nothing was written now.
      if (error instanceof AppError && error.code === "import_outdated")
        return redirectWithFlash(reply, `/imports/${jobId}`, "flash.import.outdated");
      if (
        error instanceof AppError &&
        (error.code === "import_not_ready" || error.code === "import_has_errors")
      )
        return reply.code(303).redirect(`/imports/${jobId}`);
      throw error;
    }
  });
}
