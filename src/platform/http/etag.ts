import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";

/** Bodies larger than this are sent without an ETag (hashing them would cost more than it saves). */
const MAX_HASHED_BYTES = 8 * 1024 * 1024;

/** Answers that get validators: the JSON API and its OpenAPI document. */
function isCacheableApi(request: FastifyRequest): boolean {
  return request.url.startsWith("/api/v1/") || request.url.split("?")[0] === "/openapi.json";
}

/** Weak comparison (RFC 9110 §13.1.2): `W/` prefixes are ignored; `*` matches any current tag. */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = etag.replace(/^W\//, "");
  return header.split(",").some((candidate) => {
    const tag = candidate.trim();
    return tag === "*" || tag.replace(/^W\//, "") === opaque;
  });
}

/** Adds a value to a comma-separated header without repeating it. */
function appendVary(current: unknown, value: string): string {
  const list = String(current ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
  if (!list.some((item) => item.toLowerCase() === value.toLowerCase())) list.push(value);
  return list.join(", ");
}

/**
 * Conditional GETs for the API, once for every route: a successful GET gets a weak ETag (a hash
 * of the body as serialised, so it changes exactly when the answer does, in each language), and
 * `If-None-Match` with that tag answers 304 with no body. Weak, because compression may send the
 * same representation with different bytes.
 *
 * `Cache-Control`: `no-cache` everywhere (a cache may keep the answer but revalidates each time,
 * which the ETag makes cheap, so a published change is never served stale), `public` for
 * anonymous callers and `private` once credentials are involved, since a signed-in caller may
 * see their own drafts. `Vary` names what selects the representation: the language
 * (`Accept-Language`, the language cookie) and the credentials (`Authorization`, the session cookie).
 */
export function registerEtags(app: FastifyInstance): void {
  app.addHook("onSend", async (request, reply, payload) => {
    if (request.method !== "GET" && request.method !== "HEAD") return payload;
    if (reply.statusCode !== 200 || !isCacheableApi(request)) return payload;
    if (typeof payload !== "string" && !Buffer.isBuffer(payload)) return payload; // streams: no tag
    if (payload.length > MAX_HASHED_BYTES) return payload;

    const personal = request.actor !== null || request.headers.authorization !== undefined;
    if (!reply.hasHeader("cache-control"))
      reply.header("cache-control", personal ? "private, no-cache" : "public, no-cache");
    let vary = reply.getHeader("vary");
    for (const name of ["Accept-Language", "Cookie", "Authorization"]) vary = appendVary(vary, name);
    reply.header("vary", vary);

    let etag = reply.getHeader("etag");
    if (typeof etag !== "string") {
      etag = `W/"${createHash("sha256").update(payload).digest("base64url").slice(0, 27)}"`;
      reply.header("etag", etag);
    }
    if (ifNoneMatchHits(request.headers["if-none-match"], etag)) {
      reply.code(304);
      reply.removeHeader("content-type");
      reply.removeHeader("content-length");
      return null;
    }
    return payload;
  });
}
