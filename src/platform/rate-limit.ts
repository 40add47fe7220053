import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.ts";
import { tooManyRequests } from "./errors.ts";

/** A counter after one more hit: how many in the current window, and when the window ends. */
export interface RateLimitHit {
  count: number;
  /** Milliseconds until the window ends, by the database's clock (the one that keeps it). */
  resetInMs: number;
}

/**
 * A fixed-window counter kept in the database, so every service instance shares one limit for
 * sign-in, registration, reset and the API (an in-memory limiter would multiply by the instance
 * count). One upsert per attempt: the row is reset once its window has passed.
 *
 * Outside a caller's transaction the upsert commits asynchronously (`synchronous_commit = off` for
 * its own implicit transaction only): the API counts every request, and waiting for the WAL flush
 * doubled the cost of each (0.3 → 0.17 ms median here, far more under write load). A crash can
 * forget the last few counts, which only ever lets a few more attempts through.
 */
export async function hitRateLimit(
  db: Kysely<Database>,
  key: string,
  windowMs: number,
): Promise<RateLimitHit> {
  // Inside a caller's transaction the setting would cover its writes too, so it is left alone there.
  const asyncCommit = db.isTransaction
    ? sql``
    : sql`from (select set_config('synchronous_commit', 'off', true)) as async_commit`;
  const result = await sql<{ count: number; reset_in_ms: number }>`
    insert into rate_limit_hits as r (key, count, reset_at)
    select ${key}, 1, now() + ${`${windowMs} milliseconds`}::interval ${asyncCommit}
    on conflict (key) do update set
      count = case when r.reset_at <= now() then 1 else r.count + 1 end,
      reset_at = case when r.reset_at <= now() then excluded.reset_at else r.reset_at end
    returning count, greatest(0, extract(epoch from (reset_at - now())) * 1000)::float8 as reset_in_ms
  `.execute(db);
  const hit = result.rows[0];
  return { count: Number(hit?.count ?? 1), resetInMs: Number(hit?.reset_in_ms ?? windowMs) };
}

/** Whole seconds until a window ends, at least 1 (what `Retry-After` says). */
export function retryAfterSeconds(hit: RateLimitHit): number {
  return Math.max(1, Math.ceil(hit.resetInMs / 1000));
}

/** Counts one attempt against `limit` per window; over it, throws 429 `rate_limited` with `Retry-After`. */
export async function consumeRateLimit(
  db: Kysely<Database>,
  key: string,
  limit: number,
  windowMs: number,
): Promise<void> {
  const hit = await hitRateLimit(db, key, windowMs);
  if (hit.count > limit) throw tooManyRequests(retryAfterSeconds(hit));
}
