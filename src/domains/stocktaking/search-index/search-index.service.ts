import type { FastifyBaseLogger } from "fastify";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema.ts";
import type { PublishedFigures } from "../home.repo.ts";
import type { SearchCriteria } from "../search.params.ts";
import { findEntriesByIds, type SearchBackend, type SearchHits, sqlSearchBackend } from "../search.repo.ts";
import type { BitmapIndex } from "./bitmap-index.ts";
import { readChanges, readPublishedBatch, readPublishedEntries, snapshotXmin } from "./search-index.repo.ts";

export interface SearchIndexStatus {
  engine: "bitmap" | "sql";
  ready: boolean;
  entries: number;
  /** Milliseconds the last full build took. */
  buildMs: number | null;
}

export interface SearchIndexOptions {
  /** How often to follow the change feed when no search asks; searches also catch up first. */
  pollMs?: number;
  batchSize?: number;
  /** Changes read and applied per round trip. */
  changesPerRead?: number;
  /**
   * At most this many changes per catch-up: a search arriving during a bulk load answers after
   * this much, slightly behind, and the timer goes on from where it stopped.
   */
  changesPerCatchUp?: number;
}

/** Where this instance is in the change feed (see the search-index migration for the xid rule). */
interface FeedCursor {
  fromXid: bigint;
  /** Changes at or above `fromXid` already applied, so a long transaction does not replay them. */
  applied: Map<string, bigint>;
  lastPollAt: number;
  /** Where an unfinished pass through the feed stopped, and the xmin seen when that pass began. */
  resume: { xid: bigint; seq: string } | null;
  passXmin: bigint | null;
}
/** An instance that could not follow the feed this long may have missed purged changes. */
const STALE_AFTER_MS = 60 * 60 * 1000;

/**
 * The search backend of one service instance: a `BitmapIndex` rebuilt from the database at start
 * and kept current from `search_changes`. Every search first catches up with the feed (one small
 * indexed query), so a change is visible to the next search on any instance; a timer catches up
 * in between. Until the first build finishes, or if the native bitmap library cannot load, searches
 * go to the plain SQL backend: slower, never wrong.
 */
export class SearchIndexService implements SearchBackend {
  private index: BitmapIndex | null = null;
  private cursor: FeedCursor | null = null;
  private readonly fallback: SearchBackend;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private rebuilding: Promise<void> | null = null;
  private buildMs: number | null = null;
  private closed = false;
  private disabled = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly log: FastifyBaseLogger,
    private readonly options: SearchIndexOptions = {},
  ) {
    this.fallback = sqlSearchBackend(db);
  }

  /** Builds the index; resolves when it serves searches (or when it has fallen back to SQL). */
  async start(): Promise<void> {
    await this.rebuild();
    if (this.closed || this.disabled) return;
    this.timer = setInterval(() => {
      this.catchUp().catch((error) =>
        this.log.error({ err: error }, "search index: following changes failed"),
      );
    }, this.options.pollMs ?? 250);
    this.timer.unref();
  }

  status(): SearchIndexStatus {
    return {
      engine: this.disabled ? "sql" : "bitmap",
      ready: this.index !== null || this.disabled,
      entries: this.index?.size ?? 0,
      buildMs: this.buildMs,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await Promise.allSettled([this.running, this.queued, this.rebuilding]);
  }

  /** Home page figures from the index; null while it builds (callers then count in SQL). */
  async figures(): Promise<PublishedFigures | null> {
    if (!this.index) return null;
    await this.catchUpOrServeStale();
    return this.index.figures();
  }

  async search(criteria: SearchCriteria): Promise<SearchHits> {
    if (!this.index) return this.fallback.search(criteria);
    await this.catchUpOrServeStale();
    const index = this.index;
    const hits = index.search(criteria);
    const rows = await findEntriesByIds(this.db, hits.ids);
    return { total: hits.total, rows, facetCounts: hits.facetCounts, next: hits.next };
  }

  /**
   * The ids of a search's results (or its first `limit`) in the order the search shows them, for
   * exports and feeds; null while the index builds (callers then ask SQL).
   */
  async matchingIds(criteria: SearchCriteria, limit?: number): Promise<Float64Array | null> {
    if (!this.index) return null;
    await this.catchUpOrServeStale();
    return this.index.matchingIds(criteria, limit);
  }

  /** A feed read that fails (the database hiccuped) must not fail the search: the timer retries. */
  private async catchUpOrServeStale(): Promise<void> {
    try {
      await this.catchUp();
    } catch (error) {
      this.log.error(
        { err: error },
        "search index: following changes failed; answering from the index as it is",
      );
    }
  }

  /**
   * Applies every change committed before this call. Concurrent callers share one read; a caller
   * arriving while a read runs waits for the next one, which starts after it arrived.
   */
  catchUp(): Promise<void> {
    if (!this.index || this.closed) return Promise.resolve();
    if (!this.running) {
      this.running = this.followFeed().finally(() => {
        this.running = null;
      });
      return this.running;
    }
    // Whether the running read succeeded or not, the next one must start (and clear this slot).
    this.queued ??= this.running
      .catch(() => {})
      .then(() => {
        this.queued = null;
        return this.catchUp();
      });
    return this.queued;
  }

  /** Builds a complete new index beside the current one and swaps it in. */
  rebuild(): Promise<void> {
    this.rebuilding ??= this.buildNew().finally(() => {
      this.rebuilding = null;
    });
    return this.rebuilding;
  }

  private async buildNew(): Promise<void> {
    let BitmapIndexClass: typeof BitmapIndex;
    try {
      ({ BitmapIndex: BitmapIndexClass } = await import("./bitmap-index.ts"));
    } catch (error) {
      this.disabled = true;
      this.log.warn(
        { err: error },
        "search index: the native bitmap library did not load; searching with SQL",
      );
      return;
    }
    const started = performance.now();
    // Changes from transactions at or after this xmin may be missing from the batches below; the
    // catch-up after loading replays them (applying a change twice is harmless).
    const fromXid = await snapshotXmin(this.db);
    const index = new BitmapIndexClass();
    const batchSize = this.options.batchSize ?? 5000;
    let after = "0";
    for (;;) {
      if (this.closed) return;
      const batch = await readPublishedBatch(this.db, after, batchSize);
      if (batch.length === 0) break;
      index.load(batch);
      after = batch[batch.length - 1]?.id ?? after;
    }
    index.finishLoading();
    const cursor: FeedCursor = {
      fromXid,
      applied: new Map(),
      lastPollAt: Date.now(),
      resume: null,
      passXmin: null,
    };
    while (!(await this.followFeedInto(index, cursor))) {
      if (this.closed) return;
    }
    this.index = index;
    this.cursor = cursor;
    this.buildMs = Math.round(performance.now() - started);
    this.log.info({ entries: index.size, ms: this.buildMs }, "search index built");
  }

  private async followFeed(): Promise<void> {
    const index = this.index;
    const cursor = this.cursor;
    if (!index || !cursor) return;
    if (Date.now() - cursor.lastPollAt > STALE_AFTER_MS) {
      await this.rebuild();
      return;
    }
    await this.followFeedInto(index, cursor);
    if (index.deadSlots > Math.max(10_000, index.size / 4)) {
      // Every change leaves a dead slot behind: reclaim them with a fresh index, serving on meanwhile.
      void this.rebuild().catch((error) => this.log.error({ err: error }, "search index: rebuild failed"));
    }
  }

  /**
   * Reads and applies the feed from `cursor`; false if it stopped after `changesPerCatchUp`
   * changes (it resumes there next time). A pass may span several calls; it takes the xmin of its
   * first read, because only changes below that were surely visible to every read of the pass.
   */
  private async followFeedInto(index: BitmapIndex, cursor: FeedCursor): Promise<boolean> {
    const perRead = this.options.changesPerRead ?? 2000;
    const limit = this.options.changesPerCatchUp ?? 10_000;
    let seen = 0;
    for (;;) {
      const page = await readChanges(this.db, cursor.fromXid, cursor.resume, perRead);
      cursor.passXmin ??= page.xmin;
      const xmin = cursor.passXmin;
      const fresh = page.changes.filter((change) => !cursor.applied.has(change.seq));
      if (fresh.length > 0) await this.apply(index, [...new Set(fresh.map((change) => change.entryId))]);
      for (const change of fresh) if (change.xid >= xmin) cursor.applied.set(change.seq, change.xid);
      seen += page.changes.length;
      const last = page.changes[page.changes.length - 1];
      if (!last || page.changes.length < perRead) break;
      cursor.resume = { xid: last.xid, seq: last.seq };
      if (seen >= limit) return false;
    }
    const xmin = cursor.passXmin;
    // Everything below xmin is now final and applied; only younger changes need remembering.
    for (const [seq, xid] of cursor.applied) if (xid < xmin) cursor.applied.delete(seq);
    cursor.fromXid = xmin > cursor.fromXid ? xmin : cursor.fromXid;
    cursor.resume = null;
    cursor.passXmin = null;
    cursor.lastPollAt = Date.now();
    return true;
  }

  private async apply(index: BitmapIndex, ids: string[]): Promise<void> {
    const entries = await readPublishedEntries(this.db, ids);
    for (const id of ids) index.remove(id);
    index.upsertMany(entries);
  }
}
