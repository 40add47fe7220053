import type { VotingConfig } from "../../config.ts";
import { tooManyRequests } from "../../platform/errors.ts";
import { type RateLimitHit, retryAfterSeconds } from "../../platform/rate-limit.ts";

/** Where a caller stands in their per-voter window (what the RateLimit-* headers say). */
export interface VoteBudget extends RateLimitHit {
  limit: number;
  windowMs: number;
}

/**
 * The two limits on casting votes, per voter and per client address (429 `rate_limited` with
 * `Retry-After` past either), counted in this process rather than in the database like the
 * platform's other limits. The vote path is the hottest write there is (2,000 votes a second is
 * the target) and a database counter costs a round trip per vote; a per-address counter is worse,
 * one row that every vote from a NAT, a campus or the benchmark's loopback updates in turn.
 *
 * What that gives up: N instances allow N times each limit. That is acceptable because neither
 * limit is the integrity defence: the unique index makes a voter's 18 votes the most they can
 * ever cast, and screening flags suspicious groups for the secretariat. The per-voter limit
 * (default 60 attempts a minute) only bounds what a script hammering one account costs; the
 * per-address cap (default 300,000 a minute) is a flood guard far above what screening already
 * flags as a burst, so honest voters behind one address are flagged for review, never blocked.
 *
 * These limits replace the platform's per-user API budget on `castVote` (`ownRateLimit`): that
 * budget would count each vote again, in a database upsert on the hottest path. The API answer's
 * RateLimit-* headers give the per-voter window.
 */
export class VoteRateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private sweptAt = 0;

  constructor(private readonly config: VotingConfig) {}

  /** Counts one attempt; 429 past either limit. The voter's budget, or null with that limit off. */
  consume(voterId: string, ip: string | null): VoteBudget | null {
    const { ipLimit, voterLimit, windowMs } = this.config;
    const now = Date.now();
    this.sweep(now, windowMs);
    if (ipLimit > 0 && ip) this.hit(`ip:${ip}`, ipLimit, windowMs, now);
    if (voterLimit <= 0) return null;
    return { limit: voterLimit, windowMs, ...this.hit(`voter:${voterId}`, voterLimit, windowMs, now) };
  }

  private hit(key: string, limit: number, windowMs: number, now: number): RateLimitHit {
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    const hit = { count: window.count, resetInMs: window.resetAt - now };
    if (hit.count > limit) throw tooManyRequests(retryAfterSeconds(hit));
    return hit;
  }

  /** Forgets finished windows once per window, so the map holds only the current minute's keys. */
  private sweep(now: number, windowMs: number): void {
    if (now - this.sweptAt < windowMs) return;
    this.sweptAt = now;
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}
