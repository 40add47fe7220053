import compress from "@fastify/compress";
import cookie from "@fastify/cookie";
import csrf from "@fastify/csrf-protection";
import formbody from "@fastify/formbody";
import multipart from "@fastify/multipart";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyInstance } from "fastify";
import type { AppConfig } from "./config.ts";
import type { DatabaseHandle } from "./db/connection.ts";
import { accountsRoutes } from "./domains/accounts/accounts.routes.tsx";
import { adminRoutes } from "./domains/admin/admin.routes.tsx";
import { forumEditionsRoutes } from "./domains/forum/editions.routes.tsx";
import { ocpRoutes } from "./domains/forum/ocp.routes.tsx";
import { forumProgrammeRoutes } from "./domains/forum/programme.routes.tsx";
import { forumRegistrationRoutes } from "./domains/forum/registration.routes.tsx";
import { requestReviewRoutes } from "./domains/forum/request-review.routes.tsx";
import { scheduleRoutes } from "./domains/forum/schedule.routes.tsx";
import { dumpsRoutes } from "./domains/open-data/dumps.routes.tsx";
import { importRoutes } from "./domains/open-data/import.routes.tsx";
import { openDataRoutes } from "./domains/open-data/open-data.routes.ts";
import { editionsRoutes } from "./domains/prizes/editions.routes.tsx";
import { prizePhotoRoutes } from "./domains/prizes/photos.routes.tsx";
import { resultsRoutes } from "./domains/prizes/results.routes.tsx";
import { prizeReviewRoutes } from "./domains/prizes/review.routes.tsx";
import { submissionsRoutes } from "./domains/prizes/submissions.routes.tsx";
import { votingRoutes } from "./domains/prizes/voting.routes.tsx";
import { SearchIndexService } from "./domains/stocktaking/search-index/search-index.service.ts";
import { stocktakingRoutes } from "./domains/stocktaking/stocktaking.routes.tsx";
import { taxonomyRoutes } from "./domains/taxonomy/taxonomy.routes.tsx";
import { registerApiRateLimit } from "./platform/http/api-rate-limit.ts";
import { registerErrorHandling } from "./platform/http/error-handler.tsx";
import { registerEtags } from "./platform/http/etag.ts";
import { MULTIPART_LIMITS, registerMultipartBodies } from "./platform/http/multipart.ts";
import { openApiOptions } from "./platform/http/openapi.ts";
import { registerPlatformRoutes } from "./platform/http/platform.routes.tsx";
import { type AppDeps, requestContext } from "./platform/http/request-context.ts";
import { CSRF_COOKIE, registerRequestGuards } from "./platform/http/request-guards.ts";
import { registerSecurityHeaders } from "./platform/http/security-headers.ts";
import { createMailDispatcher, type MailDispatcher } from "./platform/mail.ts";

export interface BuildAppOptions {
  config: AppConfig;
  database: DatabaseHandle;
  /** Tests pass their own logger settings; the server logs per LOG_LEVEL. */
  logger?: boolean | { level: string };
  /**
   * Wait for the search index before returning (tests, small databases). The server does not:
   * at a million entries the build takes a while, and searches run on SQL until it is done.
   */
  awaitSearchIndex?: boolean;
}

export type App = FastifyInstance;

/** Builds the whole HTTP application; `main.ts` listens on it, tests call `inject`. */
export async function buildApp({
  config,
  database,
  logger,
  awaitSearchIndex = true,
}: BuildAppOptions): Promise<App> {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
    trustProxy: true,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: "array", useDefaults: true, allErrors: true },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const mail: MailDispatcher = createMailDispatcher(
    database.db,
    config.smtpUrl,
    "WSIS Platform <no-reply@wsis.example>",
    app.log,
  );
  const search = new SearchIndexService(database.db, app.log);
  const deps: AppDeps = { config, db: database.db, engine: database.engine, mail, search };
  app.decorate("deps", deps);
  app.addHook("onClose", async () => {
    await search.close();
    await mail.close();
  });

  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    hsts: config.secureCookies,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(compress, { threshold: 1024 });
  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(formbody);
  // Oversized files are cut and flagged (not thrown), so the upload form can say so next to the field.
  await app.register(multipart, { limits: MULTIPART_LIMITS, throwFileSizeLimit: false });
  await app.register(csrf, {
    sessionPlugin: "@fastify/cookie",
    cookieKey: CSRF_COOKIE,
    cookieOpts: { path: "/", httpOnly: true, sameSite: "lax", secure: config.secureCookies, signed: true },
  });
  await app.register(swagger, openApiOptions());
  await app.register(swaggerUi, { routePrefix: "/api/docs", staticCSP: true });

  await app.register(requestContext);
  registerApiRateLimit(app); // after the request context: the budget is per token, user or address
  registerEtags(app);
  registerMultipartBodies(app); // before the guards: they read the multipart form's CSRF field
  registerRequestGuards(app);
  registerErrorHandling(app);
  registerPlatformRoutes(app);
  await app.register(taxonomyRoutes);
  await app.register(accountsRoutes);
  await app.register(stocktakingRoutes);
  await app.register(openDataRoutes);
  await app.register(importRoutes);
  await app.register(dumpsRoutes);
  await app.register(editionsRoutes);
  await app.register(resultsRoutes);
  await app.register(prizeReviewRoutes);
  await app.register(submissionsRoutes);
  await app.register(prizePhotoRoutes);
  await app.register(votingRoutes);
  await app.register(forumEditionsRoutes);
  await app.register(ocpRoutes);
  await app.register(requestReviewRoutes);
  await app.register(scheduleRoutes);
  await app.register(forumProgrammeRoutes);
  await app.register(forumRegistrationRoutes);
  await app.register(adminRoutes);
  // Mail written during a request goes out right after the response, not on the request's time.
  app.addHook("onResponse", async (request) => {
    if (request.method !== "GET")
      void mail.flush().catch((error) => app.log.error({ err: error }, "mail flush failed"));
  });
  await app.ready();
  const indexing = search
    .start()
    .catch((error) => app.log.error({ err: error }, "search index build failed"));
  if (awaitSearchIndex) await indexing;
  return app;
}
