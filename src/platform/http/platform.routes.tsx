import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { ASSETS } from "../../ui/assets.ts";
import { AppError } from "../errors.ts";
import { registerErrorCodesPage } from "./error-codes.page.tsx";

const ONE_YEAR = 365 * 24 * 3600;

export function registerPlatformRoutes(app: FastifyInstance): void {
  app.get("/healthz", { config: { permission: "public" } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(app.deps.db);
    } catch {
      return reply.code(503).send({ status: "unavailable", database: app.deps.engine });
    }
    return { status: "ok", database: app.deps.engine, search: app.deps.search.status() };
  });

  registerErrorCodesPage(app);

  app.get("/openapi.json", { config: { permission: "public" } }, async () => app.swagger());

  // Everything public may be indexed; pages behind sign-in answer crawlers with a redirect anyway.
  app.get("/robots.txt", { config: { permission: "public" } }, async (_request, reply) =>
    reply.type("text/plain; charset=utf-8").send("User-agent: *\nDisallow:\n"),
  );

  const byUrl = new Map(Object.values(ASSETS).map((asset) => [asset.url, asset]));
  app.get("/assets/:file", { config: { permission: "public" } }, async (request, reply) => {
    const asset = byUrl.get(request.url.split("?")[0] ?? "");
    if (!asset) throw new AppError("not_found", 404);
    // The file name carries the content hash, so the browser may keep it for a year.
    return reply
      .header("cache-control", `public, max-age=${ONE_YEAR}, immutable`)
      .type(asset.contentType)
      .send(asset.body);
  });
}
