import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { clientIp } from "../../platform/http/request-context.ts";
import { requirePermission } from "../../platform/permissions.ts";
import { ProblemSchema } from "../stocktaking/search.schema.ts";
import type { Conflict } from "./conflicts.ts";
import { publishProgramme } from "./programme-versions.service.ts";
import {
  ConflictsResponse,
  PLACES_DESCRIPTION,
  PlacesBody,
  PlacesResponse,
  PublishResponse,
  ScheduleSessionParams,
  ScheduleYearParams,
  SLOT_DESCRIPTION,
  SlotBody,
  SlotResponse,
} from "./schedule.schema.ts";
import {
  loadProgramme,
  loadScheduleEdition,
  type ProgrammeState,
  savedSessionConflicts,
  scheduleSession,
} from "./schedule.service.ts";
import { setSessionPlaces } from "./schedule-places.service.ts";

const SECRETARIAT = { permission: "forum.secretariat" as const };

/** A conflict as the API shows it: session numbers and room names, never row ids. */
function presentConflict(conflict: Conflict, state: Pick<ProgrammeState, "sessions" | "rooms">) {
  const numbers = conflict.sessionIds.map(
    (id) => state.sessions.find((session) => session.id === id)?.number ?? 0,
  );
  const detail = conflict.detail;
  const room = "roomId" in detail ? state.rooms.find((item) => item.id === detail.roomId)?.name : undefined;
  return {
    kind: conflict.kind,
    sessions: numbers,
    ...(room === undefined ? {} : { room }),
    ...(detail.kind === "speaker_double_booked" ? { email: detail.email } : {}),
    ...(detail.kind === "over_capacity" ? { expected: detail.expected, capacity: detail.capacity } : {}),
  };
}

/**
 * The secretariat's programme API (tag `forum`, scope `moderation`): conflicts, placing, places,
 * publishing. `baseUrl` starts the links in the mails of people promoted from a waiting list.
 */
export function registerScheduleApi(base: FastifyInstance, db: Kysely<Database>, baseUrl: string): void {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    "/api/v1/forum/editions/:year/programme/conflicts",
    {
      config: SECRETARIAT,
      schema: {
        operationId: "listForumProgrammeConflicts",
        tags: ["forum"],
        summary: "List the conflicts of an edition's programme (scope moderation)",
        description:
          "Rooms booked twice, speakers (by lower-cased e-mail) in two overlapping sessions, expected attendance (the larger of a session's capacity and its confirmed places taken) above a room's seats, sessions outside their room's daily hours in venue time. An unknown year is 404 `forum_edition_not_found`.",
        params: ScheduleYearParams,
        response: { 200: ConflictsResponse, 403: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      requirePermission(request.actor, "forum.secretariat");
      const edition = await loadScheduleEdition(db, String(request.params.year));
      const state = await loadProgramme(db, edition);
      return { conflicts: state.conflicts.map((conflict) => presentConflict(conflict, state)) };
    },
  );

  app.put(
    "/api/v1/forum/editions/:year/sessions/:number/slot",
    {
      config: SECRETARIAT,
      schema: {
        operationId: "scheduleForumSession",
        tags: ["forum"],
        summary: "Place or move a session on the programme grid (scope moderation)",
        description: SLOT_DESCRIPTION,
        params: ScheduleSessionParams,
        body: SlotBody,
        response: { 200: SlotResponse, 400: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      const actor = requirePermission(request.actor, "forum.secretariat");
      const edition = await loadScheduleEdition(db, String(request.params.year));
      const number = String(request.params.number);
      const { body } = request;
      const saved = await scheduleSession(
        db,
        actor,
        edition,
        number,
        {
          day: body.day,
          start: body.start,
          duration: String(body.duration),
          room: body.room ?? "",
          override: body.saveAnyway ? "yes" : "",
        },
        clientIp(request),
        baseUrl,
      );
      const { session } = saved;
      return {
        number: session.number,
        startsAt: (session.starts_at as Date).toISOString(),
        endsAt: (session.ends_at as Date).toISOString(),
        conflicts: saved.conflicts.map((conflict) => presentConflict(conflict, saved)),
      };
    },
  );

  app.put(
    "/api/v1/forum/editions/:year/sessions/:number/places",
    {
      config: SECRETARIAT,
      schema: {
        operationId: "setForumSessionPlaces",
        tags: ["forum"],
        summary: "Set a session's limited places and waiting list (scope moderation)",
        description: PLACES_DESCRIPTION,
        params: ScheduleSessionParams,
        body: PlacesBody,
        response: {
          200: PlacesResponse,
          400: ProblemSchema,
          403: ProblemSchema,
          404: ProblemSchema,
          409: ProblemSchema,
        },
      },
    },
    async (request) => {
      const actor = requirePermission(request.actor, "forum.secretariat");
      const edition = await loadScheduleEdition(db, String(request.params.year));
      const number = String(request.params.number);
      const { body } = request;
      const { session, rooms, ...saved } = await setSessionPlaces(
        db,
        actor,
        edition,
        number,
        {
          limited: body.limited ? "yes" : "",
          capacity: body.capacity === undefined ? "" : String(body.capacity),
          override: body.saveAnyway ? "yes" : "",
        },
        { ip: clientIp(request), baseUrl },
      );
      // The save checked over_capacity only: list every conflict the session is in now.
      const { conflicts, sessions } = await savedSessionConflicts(
        db,
        edition,
        session,
        rooms,
        saved.confirmed,
      );
      return {
        number: session.number,
        ...saved,
        conflicts: conflicts.map((item) => presentConflict(item, { sessions, rooms })),
      };
    },
  );

  app.post(
    "/api/v1/forum/editions/:year/programme/versions",
    {
      config: SECRETARIAT,
      schema: {
        operationId: "publishForumProgramme",
        tags: ["forum"],
        summary: "Publish the programme as a new immutable version (scope moderation)",
        description:
          "Snapshots every scheduled session as the next version. Nothing scheduled is 409 `forum_programme_empty`; nothing changed since the last version is 409 `forum_programme_unchanged`. Conflicts do not stop a publication. An unknown year is 404 `forum_edition_not_found`.",
        params: ScheduleYearParams,
        response: { 201: PublishResponse, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "forum.secretariat");
      const edition = await loadScheduleEdition(db, String(request.params.year));
      const published = await publishProgramme(db, actor, edition.id, { confirm: "yes" }, clientIp(request));
      return reply.code(201).send(published);
    },
  );
}
