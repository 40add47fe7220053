import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.ts";
import { Batcher } from "./batcher.ts";
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
  const [hit] = await hitRateLimits(db, [key], windowMs);
  return hit as RateLimitHit;
}

/**
 * `hitRateLimit` for many attempts in one statement (`apiRateLimiter` groups the API's, which come
 * one per request). Attempts on one key are summed into its row and each gets the count it would
 * have seen had they come one after the other, in order.
 */
export async function hitRateLimits(
  db: Kysely<Database>,
  keys: readonly string[],
  windowMs: number,
): Promise<RateLimitHit[]> {
  const attempts = new Map<string, number>();
  for (const key of keys) attempts.set(key, (attempts.get(key) ?? 0) + 1);
  // Inside a caller's transaction the setting would cover its writes too, so it is left alone there.
  const asyncCommit = db.isTransaction
    ? sql``
    : sql`, (select set_config('synchronous_commit', 'off', true)) as async_commit`;
  const result = await sql<{ key: string; count: number; reset_in_ms: number }>`
    insert into rate_limit_hits as r (key, count, reset_at)
    select k.key, k.n, now() + ${`${windowMs} milliseconds`}::interval
    from unnest(${[...attempts.keys()]}::text[], ${[...attempts.values()]}::int[]) as k (key, n)
      ${asyncCommit}
    on conflict (key) do update set
      count = case when r.reset_at <= now() then excluded.count else r.count + excluded.count end,
      reset_at = case when r.reset_at <= now() then excluded.reset_at else r.reset_at end
    returning key, count, greatest(0, extract(epoch from (reset_at - now())) * 1000)::float8 as reset_in_ms
  `.execute(db);
  const after = new Map(result.rows.map((row) => [row.key, row]));
  // The last attempt on a key sees the row's count; the ones before it, one less each.
  const remaining = new Map(attempts);
  return keys.map((key) => {
    const row = after.get(key);
    const left = (remaining.get(key) ?? 1) - 1;
    remaining.set(key, left);
    const total = Number(row?.count ?? attempts.get(key) ?? 1);
    return { count: total - left, resetInMs: Number(row?.reset_in_ms ?? windowMs) };
  });
}

/** Counts API attempts per key, the attempts of requests that arrive together in one statement. */
export function apiRateLimiter(
  db: Kysely<Database>,
  windowMs: number,
): (key: string) => Promise<RateLimitHit> {
  const batcher = new Batcher<string, RateLimitHit>((keys) => hitRateLimits(db, keys, windowMs));
  return (key) => batcher.submit(key);
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
