import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Kysely } from "kysely";
import type { AppConfig } from "../../config.ts";
import type { Engine } from "../../db/connection.ts";
import type { Database } from "../../db/schema.ts";
import type { SearchIndexService } from "../../domains/stocktaking/search-index/search-index.service.ts";
import {
  actorForApiToken,
  rememberUserLanguage,
  SESSION_COOKIE,
  sessionActorLoader,
} from "../auth/sessions.ts";
import { isLanguage, type Language, negotiateLanguage, type Translate, translator } from "../i18n.ts";
import type { MailDispatcher } from "../mail.ts";
import type { Actor, Permission } from "../permissions.ts";

/** Everything a route needs from the outside world, created once per app. */
export interface AppDeps {
  config: AppConfig;
  db: Kysely<Database>;
  engine: Engine;
  mail: MailDispatcher;
  /** The search backend of this instance (the in-process index, or SQL while it builds). */
  search: SearchIndexService;
}

declare module "fastify" {
  interface FastifyInstance {
    deps: AppDeps;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** Raw session cookie value when signed in through the browser. */
    sessionToken: string | null;
    lang: Language;
    t: Translate;
  }
  interface FastifyContextConfig {
    /** The named permission this route requires; every route must declare one. */
    permission?: Permission;
    /** The route counts its own attempts and sets the RateLimit-* headers (not the API budget). */
    ownRateLimit?: boolean;
  }
}

export const LANGUAGE_COOKIE = "wsis_lang";

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith("/api/");
}

export function clientIp(request: FastifyRequest): string | null {
  return request.ip ?? null;
}

/** Resolves language and caller once per request, before any route code runs. */
export const requestContext = fp(async (app: FastifyInstance) => {
  app.decorateRequest("actor", null);
  app.decorateRequest("sessionToken", null);
  app.decorateRequest("lang", "en");
  app.decorateRequest("t", (key: string) => key);

  // One loader per app: concurrent requests share one session lookup statement.
  const sessionActor = sessionActorLoader(app.deps.db);
  app.addHook("onRequest", async (request: FastifyRequest, reply: FastifyReply) => {
    const query = request.query as Record<string, unknown> | undefined;
    const requested = Array.isArray(query?.lang) ? query.lang[0] : query?.lang;
    request.lang = negotiateLanguage(
      requested,
      request.cookies[LANGUAGE_COOKIE],
      request.headers["accept-language"],
    );
    request.t = translator(request.lang);
    // A language picked with `?lang=` (the switcher's links) is remembered for the next pages.
    if (isLanguage(requested) && request.cookies[LANGUAGE_COOKIE] !== requested)
      reply.setCookie(LANGUAGE_COOKIE, requested, {
        path: "/",
        maxAge: 365 * 24 * 3600,
        sameSite: "lax",
        httpOnly: true,
        secure: app.deps.config.secureCookies,
      });
    reply.header("content-language", request.lang);
    reply.header("vary", "Accept-Language, Cookie");

    const authorization = request.headers.authorization;
    if (authorization?.startsWith("Bearer ")) {
      request.actor = await actorForApiToken(app.deps.db, authorization.slice(7).trim());
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      request.actor = await sessionActor(token);
      if (request.actor) request.sessionToken = token;
    }
    // A signed-in user's switch also sets the language of their mail (sent when others act).
    if (request.actor && isLanguage(requested))
      await rememberUserLanguage(app.deps.db, request.actor.id, requested);
  });
});
