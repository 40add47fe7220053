import type { Kysely } from "kysely";
import type {
  Database,
  ForumOcpPhase,
  ForumSessionMode,
  ForumSessionStatus,
  ForumSessionType,
  ForumSpeakerRole,
} from "../../db/schema.ts";
import { OCP_PHASES } from "./forum-vocabulary.ts";

const DAY = 24 * 60 * 60 * 1000;
let sequence = 0;

export interface TestForumEdition {
  id: string;
  year: number;
  timeZone: string;
  /** The venue's first day, `YYYY-MM-DD`; the edition runs `days` days from it. */
  startsOn: string;
  days: number;
  rooms: Array<{ id: string; name: string; capacity: number }>;
  tracks: Array<{ id: string; code: string }>;
}

/**
 * A Forum edition whose OCP step `ocpOpen` is open now (null: the whole OCP is over), four weeks
 * after which the event runs `days` days from `startsOn` (default: 60 days from now), with `rooms`
 * rooms of capacity 100, 200, … open 08:00–20:00 venue time and two special tracks. Each call gets
 * its own year unless one is given.
 */
export async function makeForumEdition(
  db: Kysely<Database>,
  options: {
    year?: number;
    ocpOpen?: ForumOcpPhase | null;
    timeZone?: string;
    startsOn?: string;
    days?: number;
    rooms?: number;
  } = {},
): Promise<TestForumEdition> {
  sequence += 1;
  const year = options.year ?? 2040 + ((process.pid + sequence * 7) % 55);
  const timeZone = options.timeZone ?? "Europe/Zurich";
  const days = options.days ?? 5;
  const startsOn = options.startsOn ?? new Date(Date.now() + 60 * DAY).toISOString().slice(0, 10);
  const endsOn = new Date(Date.parse(`${startsOn}T00:00:00Z`) + (days - 1) * DAY).toISOString().slice(0, 10);
  const edition = await db
    .insertInto("forum_editions")
    .values({
      year,
      theme: JSON.stringify({ en: `Test Forum ${year}` }),
      starts_on: startsOn,
      ends_on: endsOn,
      time_zone: timeZone,
      venue: "CICG",
      city: "Geneva",
      chair: "Test chair",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const open = options.ocpOpen === undefined ? "submissions" : options.ocpOpen;
  const openIndex = open === null ? OCP_PHASES.length : OCP_PHASES.indexOf(open);
  // The open step started a day ago; the others follow on weekly, before and after it.
  const firstStart = Date.now() - DAY - openIndex * 7 * DAY;
  await db
    .insertInto("forum_ocp_phases")
    .values(
      OCP_PHASES.map((phase, index) => ({
        edition_id: edition.id,
        phase,
        starts_at: new Date(firstStart + index * 7 * DAY),
        ends_at: new Date(firstStart + (index + 1) * 7 * DAY),
      })),
    )
    .execute();
  const rooms = [];
  for (let index = 0; index < (options.rooms ?? 3); index += 1) {
    const room = {
      name: `Room ${String.fromCharCode(65 + (index % 26))}${index >= 26 ? index : ""}`,
      capacity: 100 * (index + 1),
    };
    const row = await db
      .insertInto("forum_rooms")
      .values({ edition_id: edition.id, ...room })
      .returning("id")
      .executeTakeFirstOrThrow();
    rooms.push({ id: row.id, ...room });
  }
  const tracks = await db
    .insertInto("forum_tracks")
    .values(
      ["youth", "older_persons"].map((code) => ({
        edition_id: edition.id,
        code,
        names: JSON.stringify({ en: code.replace("_", " ") }),
      })),
    )
    .returning(["id", "code"])
    .execute();
  return { id: edition.id, year, timeZone, startsOn, days, rooms, tracks };
}

export interface TestForumSession {
  id: string;
  number: number;
}

/**
 * A session of `edition`, numbered after the last one. Scheduled in `roomId` from `startsAt` for
 * `minutes` when both are given, otherwise a draft without a slot.
 */
export async function makeForumSession(
  db: Kysely<Database>,
  edition: Pick<TestForumEdition, "id">,
  options: {
    title?: string;
    type?: ForumSessionType;
    mode?: ForumSessionMode;
    roomId?: string | null;
    startsAt?: Date;
    minutes?: number;
    status?: ForumSessionStatus;
    placesLimited?: boolean;
    capacity?: number | null;
    actionLines?: string[];
    sdgs?: number[];
    trackId?: string | null;
    speakers?: Array<{ name: string; email?: string; role: ForumSpeakerRole }>;
    organiserIds?: string[];
  } = {},
): Promise<TestForumSession> {
  const last = await db
    .selectFrom("forum_sessions")
    .select((eb) => eb.fn.max("number").as("number"))
    .where("edition_id", "=", edition.id)
    .executeTakeFirst();
  const number = Number(last?.number ?? 0) + 1;
  const startsAt = options.startsAt ?? null;
  const scheduled = startsAt !== null;
  const row = await db
    .insertInto("forum_sessions")
    .values({
      edition_id: edition.id,
      number,
      title: options.title ?? `Session ${number}`,
      description: `What session ${number} is about.`,
      session_type: options.type ?? "thematic_workshop",
      mode: options.mode ?? "hybrid",
      room_id: options.roomId ?? null,
      track_id: options.trackId ?? null,
      starts_at: startsAt,
      ends_at: startsAt ? new Date(startsAt.getTime() + (options.minutes ?? 60) * 60_000) : null,
      status: options.status ?? (scheduled ? "scheduled" : "draft"),
      places_limited: options.placesLimited ?? false,
      capacity: options.capacity ?? null,
      action_lines: options.actionLines ?? ["C1"],
      sdgs: options.sdgs ?? [9],
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const speakers = options.speakers ?? [];
  if (speakers.length > 0)
    await db
      .insertInto("forum_session_speakers")
      .values(
        speakers.map((speaker, index) => ({
          session_id: row.id,
          name: speaker.name,
          email: speaker.email ?? null,
          role: speaker.role,
          sort_order: index,
        })),
      )
      .execute();
  for (const userId of options.organiserIds ?? [])
    await db.insertInto("forum_session_organisers").values({ session_id: row.id, user_id: userId }).execute();
  return { id: row.id, number };
}
