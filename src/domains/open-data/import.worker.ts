import type { FastifyBaseLogger } from "fastify";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import { IMPORT_LEASE_MS, runDryRun } from "./import.service.ts";
import { commitImport } from "./import-commit.ts";
import { runFollowUps } from "./import-followups.ts";
import { claimNextJob, moveJob, setLease } from "./import-jobs.repo.ts";

/** A commit runs in one transaction; its lease must outlast it. */
const COMMIT_LEASE_MS = 30 * 60_000;
const POLL_MS = 5_000;

/**
 * Processes import jobs in the service process: dry runs batch by batch, then large commits. Any
 * instance may take any job whose lease ran out, so work left by a stopped instance is resumed.
 * A request that creates work calls `wake()` so the worker starts at once instead of at the next
 * poll.
 */
export class ImportWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly log: FastifyBaseLogger,
    private readonly pollMs = POLL_MS,
  ) {}

  start(): void {
    this.schedule(1_000);
  }

  wake(): void {
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(), delayMs);
    this.timer.unref();
  }

  private run(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error) => this.log.error({ err: error }, "import worker failed"))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.schedule(0);
        } else this.schedule(this.pollMs);
      });
  }

  private async drain(): Promise<void> {
    while (!this.stopped) {
      const job = await claimNextJob(this.db, IMPORT_LEASE_MS);
      if (!job) return;
      await this.process(job.id);
    }
  }

  private async process(jobId: string): Promise<void> {
    try {
      const job = await runDryRun(this.db, jobId, { shouldStop: () => this.stopped });
      if (job?.status === "committing" && !this.stopped) {
        await setLease(this.db, jobId, COMMIT_LEASE_MS);
        await this.commit(job.committed_by ?? job.user_id, jobId);
      }
      if (!this.stopped) await runFollowUps(this.db, jobId, { shouldStop: () => this.stopped });
    } catch (error) {
      this.log.error({ err: error, importJob: jobId }, "import job failed");
      await moveJob(this.db, jobId, "validating", { status: "failed", error: { code: "internal_error" } });
    } finally {
      await setLease(this.db, jobId, null);
    }
  }

  private async commit(actorId: string, jobId: string): Promise<void> {
    try {
      await commitImport(this.db, actorId, jobId);
    } catch (error) {
      // An outdated dry run was restarted and is redone next round; anything else leaves the job
      // committable again, with the reason.
      if (error instanceof AppError && error.code === "import_outdated") return;
      this.log.error({ err: error, importJob: jobId }, "import commit failed");
      await moveJob(this.db, jobId, "committing", { status: "ready", error: { code: "internal_error" } });
    }
  }
}
