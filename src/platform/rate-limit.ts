import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.ts";
import { tooManyRequests } from "./errors.ts";

/**
 * A fixed-window counter kept in the database, so every service instance shares one limit for
 * sign-in, registration and reset (an in-memory limiter would multiply by the instance count).
 * One upsert per attempt: the row is reset once its window has passed.
 */
export async function consumeRateLimit(
  db: Kysely<Database>,
  key: string,
  limit: number,
  windowMs: number,
): Promise<void> {
  const row = await sql<{ count: number; reset_at: Date }>`
    insert into rate_limit_hits as r (key, count, reset_at)
    values (${key}, 1, now() + ${`${windowMs} milliseconds`}::interval)
    on conflict (key) do update set
      count = case when r.reset_at <= now() then 1 else r.count + 1 end,
      reset_at = case when r.reset_at <= now() then excluded.reset_at else r.reset_at end
    returning count, reset_at
  `.execute(db);
  const hit = row.rows[0];
  if (hit && hit.count > limit) {
    const seconds = Math.max(1, Math.ceil((new Date(hit.reset_at).getTime() - Date.now()) / 1000));
    throw tooManyRequests(seconds);
  }
}
