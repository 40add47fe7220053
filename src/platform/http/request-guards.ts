import Tokens from "@fastify/csrf";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../errors.ts";
import { requirePermission } from "../permissions.ts";

// Routes added by plugins we do not write (the API reference UI) are public documentation.
const INFRASTRUCTURE_ROUTES = /^\/api\/docs(\/|$)/;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
export const CSRF_COOKIE = "wsis_csrf";
const tokens = new Tokens.Tokens();

/** The secret lives in a signed cookie set by `reply.generateCsrf()`; the form carries a token derived from it. */
function hasValidCsrfToken(request: FastifyRequest, reply: FastifyReply): boolean {
  const cookie = request.cookies[CSRF_COOKIE];
  if (!cookie) return false;
  const secret = reply.unsignCookie(cookie);
  const body = request.body as Record<string, unknown> | undefined;
  const token = body?._csrf ?? request.headers["x-csrf-token"];
  return (
    secret.valid &&
    typeof secret.value === "string" &&
    typeof token === "string" &&
    tokens.verify(secret.value, token, undefined as never)
  );
}

function isFormPost(request: FastifyRequest): boolean {
  const type = request.headers["content-type"] ?? "";
  return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data");
}

/**
 * Two guards run before any handler: the CSRF check on browser form posts, and the route's named
 * permission. A route that names no permission fails at start-up, so none can be left open by accident.
 */
export function registerRequestGuards(app: FastifyInstance): void {
  app.addHook("onRoute", (route) => {
    if (route.config?.permission) return;
    if (INFRASTRUCTURE_ROUTES.test(route.url)) {
      route.config = { ...route.config, permission: "public" };
      return;
    }
    throw new Error(`Route ${String(route.method)} ${route.url} names no permission (config.permission)`);
  });

  app.addHook("preValidation", async (request, reply) => {
    // API tokens are not ambient credentials, so bearer requests need no CSRF token. JSON bodies
    // cannot be sent cross-site without a CORS preflight, which we never grant.
    if (!SAFE_METHODS.has(request.method) && isFormPost(request) && !request.headers.authorization) {
      if (!hasValidCsrfToken(request, reply)) throw new AppError("csrf_invalid", 403);
    }
    const permission = request.routeOptions.config.permission;
    if (permission && permission !== "public") requirePermission(request.actor, permission);
  });
}
