import type { FastifyInstance, FastifyReply } from "fastify";
import { sha256 } from "../crypto.ts";
import { tooManyRequests } from "../errors.ts";
import { apiRateLimiter, type RateLimitHit, retryAfterSeconds } from "../rate-limit.ts";
import { clientIp } from "./request-context.ts";

/**
 * Rate limits on `/api/v1`, with the IETF draft's headers (draft-ietf-httpapi-ratelimit-headers:
 * `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` in seconds, and `RateLimit-Policy`)
 * on every answer, and 429 `rate_limited` with `Retry-After` past the limit.
 *
 * One budget per API token (keyed by a prefix of its hash), per signed-in user for browser calls,
 * and per client address for anonymous ones. Counters live in the database table the sign-in and
 * registration limits already use (`consumeRateLimit`), not in `@fastify/rate-limit`'s default
 * in-memory store: instances are stateless and several may serve one database, and a per-process
 * counter would multiply the limit by the instance count (that plugin's only shared store is
 * Redis, which we do not run). The price is one upsert per API request.
 *
 * A route with limits of its own says `config: { ownRateLimit: true }` and sets these headers
 * itself: `castVote`, whose per-voter and per-address limits already count every attempt.
 */
export function registerApiRateLimit(app: FastifyInstance): void {
  // Requests that arrive together count in one statement (see `apiRateLimiter`).
  const hitApiLimit = apiRateLimiter(app.deps.db, app.deps.config.apiRateLimit.windowMs);
  app.addHook("onRequest", async (request, reply) => {
    if (!request.url.startsWith("/api/v1/") || request.routeOptions.config.ownRateLimit) return;
    const { anonymous, authenticated, windowMs } = app.deps.config.apiRateLimit;
    const bearer = request.headers.authorization?.startsWith("Bearer ")
      ? request.headers.authorization.slice(7).trim()
      : null;
    // The request context has already turned credentials into an actor (or refused them).
    const limit = request.actor ? authenticated : anonymous;
    if (limit === 0) return;
    const key = !request.actor
      ? `api:ip:${clientIp(request) ?? "unknown"}`
      : bearer
        ? `api:token:${sha256(bearer).slice(0, 32)}`
        : `api:user:${request.actor.id}`;
    const hit = await hitApiLimit(key);
    setRateLimitHeaders(reply, { ...hit, limit, windowMs });
    if (hit.count > limit) throw tooManyRequests(retryAfterSeconds(hit));
  });
}

/** The `RateLimit-*` headers of an answer: where the caller stands in a window of `limit` attempts. */
export function setRateLimitHeaders(
  reply: FastifyReply,
  budget: RateLimitHit & { limit: number; windowMs: number },
): void {
  const { limit, windowMs, count } = budget;
  reply.headers({
    "ratelimit-limit": String(limit),
    "ratelimit-remaining": String(Math.max(0, limit - count)),
    "ratelimit-reset": String(retryAfterSeconds(budget)),
    "ratelimit-policy": `${limit};w=${Math.round(windowMs / 1000)}`,
  });
}
