import { randomBytes } from "node:crypto";
import { request } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { type Kysely, sql } from "kysely";
import type { Database } from "../src/db/schema.ts";
import { makeForumSession } from "../src/domains/forum/forum.testing.ts";
import { publishProgramme } from "../src/domains/forum/programme-versions.service.ts";
import {
  attendanceOf,
  conflictsFor,
  loadProgramme,
  loadScheduleEdition,
} from "../src/domains/forum/schedule.service.ts";
import { registerForSession } from "../src/domains/forum/waitlist.service.ts";
import { localToInstant } from "../src/platform/zoned-time.ts";
import { actorFor } from "../src/testing/entry-factory.ts";
import { makeUser } from "../src/testing/factories.ts";
import { drive } from "./drive.ts";
import { withScratchDatabase } from "./scratch-database.ts";
import { createRng } from "./search-mix.ts";
import { startService } from "./service-process.ts";
import { percentile, round } from "./stats.ts";

export interface ForumBenchOptions {
  sessions: number;
  rooms: number;
  days: number;
  /** Programme page requests timed (after five not counted). */
  requests: number;
  /** Sessions with limited places contended for, each by `capacity × 2` registrants. */
  placeSessions: number;
  capacity: number;
  /** Registrations in flight at once. */
  concurrency: number;
}

const YEAR = 2095;
const TIME_ZONE = "Europe/Zurich";
/** Slot starts in venue time; a session lasts 75 minutes. */
const SLOTS = ["09:00", "10:30", "12:00", "13:30", "15:00", "16:30", "18:00"];
const DAY_MS = 86_400_000;

/**
 * An edition of `days` days from a month ahead with `rooms` rooms and `sessions` sessions spread
 * over the days, slots and rooms, each with three speakers drawn from a pool (so some speakers are
 * in two places at once, as in a real draft), Action Lines, SDGs and a real-length description.
 */
async function buildProgramme(db: Kysely<Database>, options: ForumBenchOptions) {
  // Seeded, so every run builds the same programme.
  const random = createRng(7);
  const startsOn = new Date(Date.now() + 30 * DAY_MS).toISOString().slice(0, 10);
  const endsOn = new Date(Date.parse(startsOn) + (options.days - 1) * DAY_MS).toISOString().slice(0, 10);
  const edition = await db
    .insertInto("forum_editions")
    .values({
      year: YEAR,
      theme: JSON.stringify({ en: "WSIS Forum benchmark edition" }),
      starts_on: startsOn,
      ends_on: endsOn,
      time_zone: TIME_ZONE,
      venue: "CICG",
      city: "Geneva",
      chair: "Benchmark chair",
      registration_opens_at: new Date(Date.now() - DAY_MS),
      registration_closes_at: new Date(Date.now() + 20 * DAY_MS),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const rooms = await db
    .insertInto("forum_rooms")
    .values(
      Array.from({ length: options.rooms }, (_, index) => ({
        edition_id: edition.id,
        name: `Room ${index + 1}`,
        capacity: 50 + (index % 10) * 50,
      })),
    )
    .returning(["id", "capacity"])
    .execute();
  const lines = (await db.selectFrom("action_lines").select("code").execute()).map((row) => row.code);
  const words =
    "digital inclusion broadband access capacity building cybersecurity e-health e-learning open data artificial intelligence gender youth accessibility multilingual content infrastructure".split(
      " ",
    );
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  const places = options.days * SLOTS.length * rooms.length;
  if (options.sessions > places)
    throw new Error(`${options.sessions} sessions do not fit in ${places} slots`);
  // Every slot of every room in a shuffled order: sessions take the first `sessions` of them.
  const slots = Array.from({ length: places }, (_, index) => index).sort(() => random() - 0.5);
  for (let index = 0; index < options.sessions; index += 1) {
    const slot = slots[index] as number;
    const room = rooms[slot % rooms.length] as { id: string };
    const dayIndex = Math.floor(slot / (rooms.length * SLOTS.length));
    const time = SLOTS[Math.floor(slot / rooms.length) % SLOTS.length] as string;
    const day = new Date(Date.parse(startsOn) + dayIndex * DAY_MS).toISOString().slice(0, 10);
    const local = localToInstant(`${day}T${time}`, TIME_ZONE);
    if (!local.ok) throw new Error(`no instant for ${day} ${time}`);
    const title = Array.from({ length: 6 }, () => pick(words)).join(" ");
    await makeForumSession(
      db,
      { id: edition.id },
      {
        title: `${title[0]?.toUpperCase()}${title.slice(1)}`,
        roomId: room.id,
        startsAt: local.instant,
        minutes: 75,
        actionLines: [pick(lines), pick(lines)].filter((line, at, all) => all.indexOf(line) === at),
        sdgs: [1 + Math.floor(random() * 17)],
        speakers: [
          {
            name: "Moderator",
            email: `speaker-${Math.floor(random() * 600)}@bench.example.org`,
            role: "moderator" as const,
          },
          {
            name: "Panellist",
            email: `speaker-${Math.floor(random() * 600)}@bench.example.org`,
            role: "panellist" as const,
          },
          {
            name: "Remote",
            email: `speaker-${Math.floor(random() * 600)}@bench.example.org`,
            role: "remote" as const,
          },
        ].filter((speaker, at, all) => all.findIndex((other) => other.email === speaker.email) === at),
      },
    );
  }
  await sql`
    update forum_sessions
    set description = repeat('A session description of ordinary length, as organisers write them. ', 8)
    where edition_id = ${edition.id}
  `.execute(db);
  return { editionId: edition.id, rooms };
}

/** One GET with compression asked for: milliseconds, bytes on the wire and bytes once decoded. */
function fetchCompressed(
  url: string,
): Promise<{ ms: number; wire: number; decoded: number; status: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { headers: { "accept-encoding": "br, gzip", "accept-language": "en" } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const body = Buffer.concat(chunks);
          const encoding = res.headers["content-encoding"];
          const decoded =
            encoding === "br" ? brotliDecompressSync(body) : encoding === "gzip" ? gunzipSync(body) : body;
          resolve({
            ms: performance.now() - started,
            wire: body.length,
            decoded: decoded.length,
            status: res.statusCode ?? 0,
          });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/**
 * Issue 7's Forum benchmark, on PostgreSQL (`DATABASE_URL`), in a scratch database it drops at
 * the end: a published programme of `sessions` sessions in `rooms` rooms over `days` days;
 * - the public programme page served by a real service process, compressed as browsers ask
 *   (p50 time and the size on the wire);
 * - conflict detection over the whole programme, as the scheduling page loads it (database reads
 *   included), and the detection alone;
 * - registrations for limited places under contention: `placeSessions` sessions of `capacity`
 *   places, each wanted by twice as many registrants, all sent at once in a shuffled order; then
 *   no session may hold more confirmed seats than places, and everyone else must be waitlisted.
 */
export async function benchForum(options: ForumBenchOptions): Promise<Record<string, unknown>> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  return withScratchDatabase("forum", async ({ name: scratch, url: scratchUrl, db }) => {
    log(
      `Scratch database ${scratch}: ${options.sessions} sessions, ${options.rooms} rooms, ${options.days} days…`,
    );
    const { editionId } = await buildProgramme(db, options);
    // A verified admin, the publisher of the programme.
    const admin = await actorFor(db, (await makeUser(db, { role: "admin", name: "Forum bench admin" })).id);
    const published = await publishProgramme(db, admin, editionId, { confirm: "yes" }, null);

    // The programme page, through a real service process.
    const service = await startService({
      DATABASE_URL: scratchUrl,
      LOG_LEVEL: "warn",
      SESSION_SECRET: randomBytes(32).toString("hex"),
    });
    const pages: Array<{ ms: number; wire: number; decoded: number; status: number }> = [];
    try {
      const url = `${service.base}/forum/${YEAR}/programme`;
      for (let run = 0; run < 5; run += 1) await fetchCompressed(url);
      for (let run = 0; run < options.requests; run += 1) pages.push(await fetchCompressed(url));
    } finally {
      await service.stop();
    }
    const pageTimes = pages.map((page) => page.ms);
    log(`  programme page: p50 ${round(percentile(pageTimes, 50))} ms, ${pages[0]?.wire} bytes compressed`);

    // Conflicts: as the scheduling page computes them, and the detection alone.
    const edition = await loadScheduleEdition(db, String(YEAR));
    const loaded: number[] = [];
    const detected: number[] = [];
    let state = await loadProgramme(db, edition);
    for (let run = 0; run < 20; run += 1) {
      let started = performance.now();
      state = await loadProgramme(db, edition);
      loaded.push(performance.now() - started);
      started = performance.now();
      conflictsFor(edition, state.sessions, state.rooms, state.speakers, attendanceOf(state.places));
      detected.push(performance.now() - started);
    }
    log(
      `  conflicts: ${state.conflicts.length} found; load and detect p50 ${round(percentile(loaded, 50))} ms`,
    );

    // Registrations for limited places under contention.
    const contended = await db
      .selectFrom("forum_sessions")
      .select("id")
      .where("edition_id", "=", editionId)
      .orderBy("number")
      .limit(options.placeSessions)
      .execute();
    await db
      .updateTable("forum_sessions")
      .set({ places_limited: true, capacity: options.capacity })
      .where(
        "id",
        "in",
        contended.map((row) => row.id),
      )
      .execute();
    const perSession = options.capacity * 2;
    const registrants = await sql<{ id: string }>`
      insert into users (email, name, password_hash, role, email_verified_at)
      select 'participant-' || n || '@bench.example.org', 'Participant ' || n, 'x', 'user', now()
      from generate_series(1, ${perSession}::int) as n
      returning id
    `.execute(db);
    await sql`
      insert into forum_registrations (edition_id, user_id, attendance, accreditation, status)
      select ${editionId}::bigint, id, 'onsite', 'automatic', 'confirmed'
      from unnest(${registrants.rows.map((row) => row.id)}::bigint[]) as u (id)
    `.execute(db);
    // Every registrant wants a place in every contended session; the order is shuffled.
    const random = createRng(11);
    const attempts = contended
      .flatMap((session) => registrants.rows.map((user) => ({ sessionId: session.id, userId: user.id })))
      .sort(() => random() - 0.5);
    const outcomes = new Map<string, number>();
    log(`  ${attempts.length} registrations for ${contended.length} × ${options.capacity} places…`);
    const { seconds } = await drive(attempts, options.concurrency, Infinity, async (attempt) => {
      const outcome = await registerForSession(db, { id: attempt.userId }, attempt.sessionId);
      outcomes.set(outcome.status, (outcomes.get(outcome.status) ?? 0) + 1);
    });
    const counts = await db
      .selectFrom("forum_session_places")
      .select(["session_id", "status", (eb) => eb.fn.countAll<string>().as("n")])
      .where(
        "session_id",
        "in",
        contended.map((row) => row.id),
      )
      .groupBy(["session_id", "status"])
      .execute();
    const held = (sessionId: string, status: string) =>
      Number(counts.find((row) => row.session_id === sessionId && row.status === status)?.n ?? 0);
    const capacityOk = contended.every(
      (session) =>
        held(session.id, "confirmed") === options.capacity &&
        held(session.id, "waitlisted") === perSession - options.capacity,
    );
    log(
      `  ${Math.round(attempts.length / seconds)} registrations/s; answers ${JSON.stringify(Object.fromEntries(outcomes))}`,
    );

    return {
      name: "forum",
      engine: "postgres",
      programme_p50_ms: round(percentile(pageTimes, 50), 1),
      programme_kb: round((pages[0]?.wire ?? 0) / 1024, 1),
      conflicts_ms: round(percentile(loaded, 50), 1),
      registrations_per_s: Math.round(attempts.length / seconds),
      capacity_ok: capacityOk,
      programme_p95_ms: round(percentile(pageTimes, 95), 1),
      programme_decoded_kb: round((pages[0]?.decoded ?? 0) / 1024, 1),
      programme_status: pages[0]?.status ?? null,
      programme_version: published.version,
      sessions: published.sessions,
      rooms: options.rooms,
      days: options.days,
      conflicts_found: state.conflicts.length,
      conflicts_detect_ms: round(percentile(detected, 50), 2),
      registration_attempts: attempts.length,
      registration_answers: Object.fromEntries(outcomes),
    };
  });
}
