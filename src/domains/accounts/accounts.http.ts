import type { FastifyRequest } from "fastify";
import { AppError } from "../../platform/errors.ts";
import { clientIp } from "../../platform/http/request-context.ts";
import type { RequestMeta } from "./accounts.service.ts";

/** The request facts the account services record and rate-limit on. */
export function requestMeta(request: FastifyRequest): RequestMeta {
  return { ip: clientIp(request), lang: request.lang, userAgent: request.headers["user-agent"] ?? null };
}

const LINK_CODES = new Set(["link_invalid", "link_expired", "link_used"]);

/** A one-time link that cannot be used; pages explain these themselves instead of the generic error page. */
export function isLinkError(error: unknown): error is AppError {
  return error instanceof AppError && LINK_CODES.has(error.code);
}
