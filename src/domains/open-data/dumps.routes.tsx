import { Readable } from "node:stream";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../../platform/errors.ts";
import { clientIp } from "../../platform/http/request-context.ts";
import { hasPermission, requirePermission } from "../../platform/permissions.ts";
import { pageContext, redirectWithFlash, sendPage } from "../../ui/render.tsx";
import { ProblemSchema } from "../stocktaking/search.schema.ts";
import { loadReferenceData } from "../taxonomy/taxonomy.repo.ts";
import { OpenDataPage } from "./dumps.pages.tsx";
import { presentOverview, presentRun } from "./dumps.presenter.ts";
import {
  DumpListResponse,
  LIST_DESCRIPTION,
  REGENERATE_DESCRIPTION,
  RegenerateResponse,
} from "./dumps.schema.ts";
import {
  type DumpDeps,
  dumpBytes,
  dumpFileName,
  dumpForDownload,
  dumpsOverview,
  requestDumpRegeneration,
  stopDumpBuilds,
} from "./dumps.service.ts";
import { engineExportReader } from "./export.repo.ts";
import { READ_AHEAD } from "./export-batches.ts";

/** A dump's bytes never change (a new dump gets a new id), so caches may keep them for a year. */
const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * The open-data page (`/open-data`), its downloads (`/open-data/dumps/:id/:file`), "regenerate
 * now" for admins, and the API (`listOpenDataDumps`, `regenerateOpenDataDumps`).
 */
export async function dumpsRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config, engine } = app.deps;
  // Read as exports read: on PostgreSQL streamed through a small pool of the dumps' own.
  const reader = engineExportReader(db, {
    engine,
    url: config.databaseReadUrl ?? config.databaseUrl,
    max: READ_AHEAD,
  });
  const deps: DumpDeps = { db, baseUrl: config.baseUrl, log: app.log, read: reader.read };
  app.addHook("onClose", async () => {
    // A build in progress is stopped (its run marked failed) rather than holding the shutdown.
    await stopDumpBuilds();
    await reader.close();
  });

  async function renderPage(
    request: FastifyRequest,
    reply: FastifyReply,
    problem: string | null,
    status: number,
  ) {
    const now = new Date();
    const [overview, reference] = await Promise.all([dumpsOverview(db, now), loadReferenceData(db)]);
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      <OpenDataPage
        ctx={ctx}
        overview={overview}
        reference={reference}
        canRegenerate={hasPermission(request.actor, "opendata.manage")}
        problem={problem}
        now={now}
      />,
      status,
    );
  }

  app.get("/open-data", { config: { permission: "public" } }, async (request, reply) =>
    renderPage(request, reply, null, 200),
  );

  app.post("/open-data/regenerate", { config: { permission: "opendata.manage" } }, async (request, reply) => {
    const actor = requirePermission(request.actor, "opendata.manage");
    try {
      await requestDumpRegeneration(deps, actor, clientIp(request));
    } catch (error) {
      if (error instanceof AppError && error.code === "dump_in_progress")
        return renderPage(request, reply, request.t("errors.dump_in_progress"), 409);
      throw error;
    }
    return redirectWithFlash(reply, "/open-data", "flash.openDataDumps.started");
  });

  app.get(
    "/open-data/dumps/:id/:file",
    { config: { permission: "public" }, compress: false },
    async (request, reply) => {
      const params = request.params as { id: string; file: string };
      const dump = await dumpForDownload(db, params.id, params.file);
      const sha256 = dump.sha256 ?? "";
      const etag = `"${sha256}"`;
      // The file is the same in every language and for every caller.
      reply.removeHeader("vary");
      reply.removeHeader("content-language");
      reply
        .header("etag", etag)
        .header("cache-control", IMMUTABLE)
        .header("repr-digest", `sha-256=:${Buffer.from(sha256, "hex").toString("base64")}:`)
        // Public data without credentials: tools running in a browser (notebooks) may fetch it.
        .header("access-control-allow-origin", "*")
        .header("cross-origin-resource-policy", "cross-origin");
      const match = request.headers["if-none-match"];
      if (match?.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag))
        return reply.code(304).send();
      return reply
        .code(200)
        .header("content-type", "application/gzip")
        .header("content-length", String(dump.byte_size))
        .header("content-disposition", `attachment; filename="${dumpFileName(dump)}"`)
        .send(Readable.from(dumpBytes(db, dump)));
    },
  );

  app.get(
    "/api/v1/open-data/dumps",
    {
      config: { permission: "public" },
      schema: {
        operationId: "listOpenDataDumps",
        tags: ["open-data"],
        summary: "List the full dumps of the database, with their checksums",
        description: LIST_DESCRIPTION,
        response: { 200: DumpListResponse },
      },
    },
    async () => presentOverview(await dumpsOverview(db), config.baseUrl),
  );

  app.post(
    "/api/v1/open-data/dumps/regenerate",
    {
      config: { permission: "opendata.manage" },
      schema: {
        operationId: "regenerateOpenDataDumps",
        tags: ["open-data"],
        summary: "Regenerate the full dumps now (admins)",
        description: REGENERATE_DESCRIPTION,
        response: { 202: RegenerateResponse, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "opendata.manage");
      const run = await requestDumpRegeneration(deps, actor, clientIp(request));
      return reply.code(202).send({ run: presentRun(run) });
    },
  );
}
