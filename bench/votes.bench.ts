import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { sql } from "kysely";
import { prizeRules } from "../src/domains/prizes/prize-rules.ts";
import { ipRange, newReceipt } from "../src/domains/prizes/vote-receipts.ts";
import { tallyVotes } from "../src/domains/prizes/vote-tally.repo.ts";
import { insertVote } from "../src/domains/prizes/votes.repo.ts";
import { drive } from "./drive.ts";
import { withScratchDatabase } from "./scratch-database.ts";
import { cpuSeconds, startService } from "./service-process.ts";
import { percentile, round } from "./stats.ts";
import { type BenchEdition, makeBenchEdition, makeVoters, seedVotes } from "./votes-fixture.ts";

export interface VotesBenchOptions {
  seconds: number;
  voters: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** Votes seeded in SQL for the tally timing (rounded up to whole voters × 18). */
  tallyVotes: number;
}

const NOMINEES_PER_CATEGORY = 5;

interface Ballot {
  voter: { id: string; token: string };
  category: string;
  nominee: string;
}

/** Every voter × category pair in a shuffled order, each with a nominee of that category. */
function ballots(edition: BenchEdition, voters: Array<{ id: string; token: string }>): Ballot[] {
  const all: Ballot[] = [];
  for (const voter of voters)
    for (const category of edition.categories) {
      const nominees = edition.nominees.get(category) as string[];
      all.push({ voter, category, nominee: nominees[Math.floor(Math.random() * nominees.length)] as string });
    }
  for (let i = all.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [all[i], all[j]] = [all[j] as Ballot, all[i] as Ballot];
  }
  return all;
}

/** One castVote over a keep-alive connection: its status, code and milliseconds. */
function castOverHttp(
  agent: Agent,
  base: string,
  year: number,
  ballot: Ballot,
): Promise<{ status: number; code: string | null; ms: number }> {
  const body = JSON.stringify({ category: ballot.category, nomineeId: ballot.nominee });
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}/api/v1/prizes/editions/${year}/votes`,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          cookie: `wsis_session=${ballot.voter.token}`,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          let code: string | null = null;
          if (status >= 400)
            code = (JSON.parse(Buffer.concat(chunks).toString("utf8")) as { code?: string }).code ?? null;
          resolve({ status, code, ms: performance.now() - started });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * CPU seconds used so far by the local PostgreSQL backends serving `database` and by the WAL
 * writer, from `/proc` (process titles name the database): the database's share of the machine
 * for this benchmark, not counting other databases' work on a shared server. Null when none is
 * found (a remote server). Backends that ended meanwhile are not counted; the pool keeps its own.
 */
function postgresCpuSeconds(database: string): number | null {
  let total = 0;
  let found = false;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ");
      if (!title.startsWith("postgres: ")) continue;
      if (!title.includes(` ${database} `) && !title.includes("walwriter")) continue;
      const seconds = cpuSeconds(Number(entry));
      if (seconds === null) continue;
      total += seconds;
      found = true;
    } catch {
      // the process ended meanwhile
    }
  }
  return found ? total : null;
}

/** Counts an answer under its status and problem code ("201", "409 vote_already_cast"). */
function countAnswer(counts: Map<string, number>, answer: { status: number; code: string | null }): void {
  const key = answer.code ? `${answer.status} ${answer.code}` : String(answer.status);
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** Milliseconds per item between two CPU readings in seconds, or null when either is missing. */
const msPer = (before: number | null, after: number | null, items: number) =>
  before === null || after === null || items === 0 ? null : ((after - before) * 1000) / items;

/**
 * Issue 6's votes benchmark, on PostgreSQL only (`DATABASE_URL`), in a scratch database of its own
 * that it drops at the end: a real service process takes `castVote` over HTTP (browser sessions,
 * keep-alive) from `voters` verified voters for `seconds`; the same INSERT is then run straight in
 * SQL for the ratio; accepted = rows = tally and duplicates = 0 are checked (with duplicates sent
 * on purpose); finally ~2,000,000 votes are seeded in SQL and `tallyVotes` is timed.
 */
export async function benchVotes(options: VotesBenchOptions): Promise<Record<string, unknown>> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  return withScratchDatabase("votes", async ({ name: scratch, url: scratchUrl, db }) => {
    log(`Scratch database ${scratch}: an edition in its voting phase and ${options.voters} voters…`);
    const edition = await makeBenchEdition(db, 2090, NOMINEES_PER_CATEGORY);
    const sqlEdition = await makeBenchEdition(db, 2091, NOMINEES_PER_CATEGORY);
    const voters = await makeVoters(db, options.voters, "http");
    const service = await startService({
      DATABASE_URL: scratchUrl,
      LOG_LEVEL: "warn",
      SESSION_SECRET: randomBytes(32).toString("hex"),
    });
    const latencies: number[] = [];
    const statuses = new Map<string, number>();
    const accepted: Ballot[] = [];
    let http: { done: number; seconds: number };
    const duplicateStatuses = new Map<string, number>();
    /** The service process's CPU per request (its share of the two cores), for reading the rate. */
    let serviceCpuMs: number | null = null;
    /** The same for the database's processes and for this client, which share the machine. */
    let databaseCpuMs: number | null = null;
    let clientCpuMs: number | null = null;
    try {
      const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
      const work = ballots(edition, voters);
      // A short warm-up on the first ballots, not counted in the rate (they are counted as votes).
      log(
        `Service ready in ${Math.round(service.startupMs)} ms; voting for ${options.seconds} s with ${options.concurrency} requests in flight…`,
      );
      const cpuBefore = cpuSeconds(service.child.pid);
      const databaseBefore = postgresCpuSeconds(scratch);
      const clientBefore = process.cpuUsage();
      http = await drive(work, options.concurrency, options.seconds, async (ballot) => {
        const answer = await castOverHttp(agent, service.base, edition.year, ballot);
        latencies.push(answer.ms);
        countAnswer(statuses, answer);
        if (answer.status === 201) accepted.push(ballot);
      });
      const client = process.cpuUsage(clientBefore);
      serviceCpuMs = msPer(cpuBefore, cpuSeconds(service.child.pid), http.done);
      databaseCpuMs = msPer(databaseBefore, postgresCpuSeconds(scratch), http.done);
      clientCpuMs = msPer(0, (client.user + client.system) / 1e6, http.done);
      log(
        `  ${accepted.length} accepted in ${http.seconds.toFixed(1)} s; answers ${JSON.stringify(Object.fromEntries(statuses))}`,
      );
      // Duplicates on purpose: 1,000 accepted ballots again (other nominees too), 50 of them 20 times at once.
      const again = accepted.slice(0, 1000);
      const storm = again.slice(0, 50).flatMap((ballot) => Array.from({ length: 20 }, () => ballot));
      for (const batch of [again, storm]) {
        const answers = await Promise.all(
          batch.map((ballot) => castOverHttp(agent, service.base, edition.year, ballot)),
        );
        for (const answer of answers) countAnswer(duplicateStatuses, answer);
      }
      log(`  deliberate duplicates answered ${JSON.stringify(Object.fromEntries(duplicateStatuses))}`);
      agent.destroy();
    } finally {
      await service.stop();
    }
    // Every deliberate duplicate must be refused as one.
    const duplicateChecks = {
      sent: [...duplicateStatuses.values()].reduce((sum, count) => sum + count, 0),
      refused: duplicateStatuses.get("409 vote_already_cast") ?? 0,
    };

    const count = async (editionId: string) =>
      Number(
        (
          await db
            .selectFrom("prize_votes")
            .select((eb) => eb.fn.countAll<string>().as("n"))
            .where("edition_id", "=", editionId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const rows = await count(edition.id);
    const tally = (await tallyVotes(db, edition.id, prizeRules({}))).counted;
    const duplicates = Number(
      (
        await sql<{ n: string }>`
          select count(*)::text as n from (
            select 1 from prize_votes group by edition_id, category_code, voter_id having count(*) > 1
          ) as twice
        `.execute(db)
      ).rows[0]?.n ?? 0,
    );

    // The same INSERTs straight in SQL (same statement, same checks, same pool size as the service).
    log(`The same ${accepted.length} inserts straight in SQL…`);
    const sqlBallots = accepted.map((ballot) => {
      const nominees = sqlEdition.nominees.get(ballot.category) as string[];
      return { ...ballot, nominee: nominees[Number(ballot.nominee) % nominees.length] as string };
    });
    let sqlAccepted = 0;
    const direct = await drive(sqlBallots, 10, options.seconds * 2, async (ballot) => {
      const { nonce, receipt } = newReceipt({
        year: sqlEdition.year,
        category: ballot.category,
        nomineeId: ballot.nominee,
      });
      const row = await insertVote(db, {
        editionId: sqlEdition.id,
        category: ballot.category,
        nomineeId: ballot.nominee,
        voterId: ballot.voter.id,
        receipt,
        nonce,
        ip: "127.0.0.1",
        ipRange: ipRange("127.0.0.1"),
        now: new Date(),
      });
      if (row) sqlAccepted += 1;
    });
    log(`  ${sqlAccepted} in ${direct.seconds.toFixed(1)} s`);

    const tallyVoters = Math.ceil(options.tallyVotes / edition.categories.length);
    log(`Seeding ${tallyVoters * edition.categories.length} votes in SQL for the tally…`);
    const tallyEdition = await makeBenchEdition(db, 2092, NOMINEES_PER_CATEGORY);
    const seeded = await seedVotes(db, tallyEdition, tallyVoters);
    const rules = prizeRules({});
    const timings: number[] = [];
    let counted = 0;
    for (let run = 0; run < 5; run += 1) {
      const started = performance.now();
      counted = (await tallyVotes(db, tallyEdition.id, rules)).counted;
      timings.push(performance.now() - started);
    }
    const strictStarted = performance.now();
    await tallyVotes(db, tallyEdition.id, prizeRules({ votesOnlyFromCompleteVoters: true }));
    const strictMs = performance.now() - strictStarted;
    log(`  ${seeded} votes; tally runs ${timings.map((ms) => Math.round(ms)).join(", ")} ms`);

    const votesPerSecond = accepted.length / http.seconds;
    const sqlPerSecond = sqlAccepted / direct.seconds;
    return {
      name: "votes",
      engine: "postgres",
      votes_per_s: Math.round(votesPerSecond),
      sql_votes_per_s: Math.round(sqlPerSecond),
      accepted: accepted.length,
      rows,
      tally,
      duplicates,
      tally_2m_ms: Math.round(percentile(timings, 50)),
      http_to_sql_ratio: round(votesPerSecond / sqlPerSecond, 3),
      seconds: round(http.seconds, 1),
      voters: options.voters,
      concurrency: options.concurrency,
      p50_ms: round(percentile(latencies, 50), 1),
      p95_ms: round(percentile(latencies, 95), 1),
      p99_ms: round(percentile(latencies, 99), 1),
      answers: Object.fromEntries(statuses),
      service_cpu_ms_per_vote: serviceCpuMs === null ? null : round(serviceCpuMs, 3),
      database_cpu_ms_per_vote: databaseCpuMs === null ? null : round(databaseCpuMs, 3),
      client_cpu_ms_per_vote: clientCpuMs === null ? null : round(clientCpuMs, 3),
      duplicate_attempts: duplicateChecks.sent,
      duplicate_attempts_refused: duplicateChecks.refused,
      tally_votes: counted,
      tally_first_ms: Math.round(timings[0] ?? 0),
      tally_complete_voters_ms: Math.round(strictMs),
      checks_ok:
        accepted.length === rows &&
        rows === tally &&
        duplicates === 0 &&
        duplicateChecks.sent === duplicateChecks.refused &&
        counted === seeded,
    };
  });
}
