import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.ts";

/** How long a replayable outcome is kept: a retry after a day is a new request. */
export const IDEMPOTENCY_TTL_HOURS = 24;
/** Search indexes away from the feed for over an hour rebuild, so a day of changes is plenty. */
export const SEARCH_CHANGES_TTL_HOURS = 24;

export interface PurgeCounts {
  sessions: number;
  oneTimeTokens: number;
  idempotencyKeys: number;
  rateLimitHits: number;
  searchChanges: number;
}

/**
 * Deletes rows that can never be used again: expired sessions and links, old idempotency keys and
 * finished rate-limit windows, and the search change feed's old rows. Safe to run from several instances at once.
 */
export async function purgeExpired(db: Kysely<Database>): Promise<PurgeCounts> {
  const count = (result: { numDeletedRows: bigint }[]) => Number(result[0]?.numDeletedRows ?? 0n);
  const sessions = await db.deleteFrom("sessions").where("expires_at", "<=", sql<Date>`now()`).execute();
  const oneTimeTokens = await db
    .deleteFrom("one_time_tokens")
    .where("expires_at", "<=", sql<Date>`now()`)
    .execute();
  const idempotencyKeys = await db
    .deleteFrom("idempotency_keys")
    .where("created_at", "<", sql<Date>`now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`)
    .execute();
  const rateLimitHits = await db
    .deleteFrom("rate_limit_hits")
    .where("reset_at", "<=", sql<Date>`now()`)
    .execute();
  const searchChanges = await db
    .deleteFrom("search_changes")
    .where("at", "<", sql<Date>`now() - make_interval(hours => ${SEARCH_CHANGES_TTL_HOURS})`)
    .execute();
  return {
    searchChanges: count(searchChanges),
    sessions: count(sessions),
    oneTimeTokens: count(oneTimeTokens),
    idempotencyKeys: count(idempotencyKeys),
    rateLimitHits: count(rateLimitHits),
  };
}

/**
 * Periodic work a domain adds to housekeeping (e.g. the daily open-data dumps). Each task decides
 * for itself whether anything is due, must be safe to call from several instances at once, and
 * runs beside the purge, so a long one delays neither the purge nor the next tick.
 */
export interface HousekeepingTask {
  name: string;
  /**
   * Its own cadence, for work an hour would make too late (the prize phase clock); such a task is
   * logged only when its outcome is truthy, so a quiet minute leaves no line. Hourly when absent.
   */
  everyMs?: number;
  run(): Promise<unknown>;
}

/**
 * Runs `purgeExpired` and `tasks` now and then every hour (a task with `everyMs`, at its own
 * cadence); the timers never keep the process alive. Returns the function that stops them all.
 */
export function scheduleHousekeeping(
  db: Kysely<Database>,
  log: { info(obj: object, msg: string): void; error(obj: object, msg: string): void },
  tasks: readonly HousekeepingTask[] = [],
): () => void {
  const running = new Set<string>();
  const start = (task: HousekeepingTask) => {
    // A task still busy from the last tick is not started twice by this process.
    if (running.has(task.name)) return;
    running.add(task.name);
    void task
      .run()
      .then(
        (outcome) => {
          if (task.everyMs === undefined || outcome)
            log.info({ task: task.name, outcome }, "housekeeping task done");
        },
        (error: unknown) => log.error({ err: error, task: task.name }, "housekeeping task failed"),
      )
      .finally(() => running.delete(task.name));
  };
  const hourly = tasks.filter((task) => task.everyMs === undefined);
  const run = () => {
    void purgeExpired(db).then(
      (counts) => log.info(counts, "housekeeping done"),
      (error: unknown) => log.error({ err: error }, "housekeeping failed"),
    );
    for (const task of hourly) start(task);
  };
  run();
  const timers = [setInterval(run, 3600_000)];
  for (const task of tasks) {
    if (task.everyMs === undefined) continue;
    start(task);
    timers.push(setInterval(() => start(task), task.everyMs));
  }
  for (const timer of timers) timer.unref();
  return () => {
    for (const timer of timers) clearInterval(timer);
  };
}
