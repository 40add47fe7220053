import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppError } from "../../platform/errors.ts";
import { effectiveTimeZone } from "../../platform/zoned-time.ts";
import type { FormErrors } from "../../ui/components.tsx";
import { pageContext, sendPage } from "../../ui/render.tsx";
import { editorOf, handleForm } from "../admin/admin.http.ts";
import { AdminForumEditionPage, AdminForumEditionsPage } from "./edition-admin.pages.tsx";
import { ForumEditionFormPage } from "./edition-form.pages.tsx";
import { type ForumEditionForm, readForumEditionForm } from "./edition-input.ts";
import { readForumEdition, readForumEditions } from "./edition-read.service.ts";
import { RoomFormPage, TrackFormPage } from "./edition-rooms.pages.tsx";
import {
  blankRoomForm,
  blankTrackForm,
  type RoomForm,
  readRoomForm,
  readTrackForm,
  removeRoom,
  removeTrack,
  requireRoom,
  requireTrack,
  roomForm,
  saveRoom,
  saveTrack,
  type TrackForm,
  trackForm,
} from "./edition-rooms.service.ts";
import {
  createForumEdition,
  forumEditionForm,
  forumYearOf,
  isPastForum,
  newForumEditionForm,
  requireForumEdition,
  updateForumEdition,
} from "./editions.service.ts";
import { parsePastForumFigures } from "./past-forums.ts";

const config = { permission: "forum.administer" } as const;
type YearParams = { Params: { year: string } };
type ItemParams = { Params: { year: string; id: string } };

const yearOf = forumYearOf;

/** `/admin/forum…`: editions (dates, zone, venue, chair, registration, OCP), rooms and tracks. Admins only. */
export async function forumEditionAdminRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.db;
  const editor = (request: FastifyRequest) => editorOf(request, "forum.administer");

  async function editionPage(
    request: FastifyRequest,
    reply: FastifyReply,
    year: number | null,
    values: ForumEditionForm,
    errors: FormErrors,
  ) {
    const edition = year === null ? null : await requireForumEdition(db, year);
    const past = edition !== null && isPastForum(edition);
    // A past edition whose sources give no dates holds placeholder days: the form says so.
    const placeholderDates = past && parsePastForumFigures(edition?.past_figures)?.datesRecorded === false;
    return (
      <ForumEditionFormPage
        ctx={pageContext(request, reply)}
        year={year}
        values={values}
        errors={errors}
        past={past}
        placeholderDates={placeholderDates}
      />
    );
  }

  app.get("/admin/forum", { config }, async (request, reply) =>
    sendPage(
      reply,
      <AdminForumEditionsPage
        ctx={pageContext(request, reply)}
        editions={await readForumEditions(db, request.lang)}
      />,
    ),
  );

  app.get("/admin/forum/new", { config }, async (request, reply) =>
    sendPage(reply, await editionPage(request, reply, null, newForumEditionForm(), {})),
  );

  app.post("/admin/forum", { config }, async (request, reply) => {
    const values = readForumEditionForm(request.body);
    return handleForm(
      reply,
      () => createForumEdition(db, editor(request), values),
      ({ year }) => ({ location: `/admin/forum/${year}`, flash: "flash.forum.editions.created" }),
      (errors) => editionPage(request, reply, null, values, errors),
    );
  });

  app.get<YearParams>("/admin/forum/:year", { config }, async (request, reply) => {
    const edition = await readForumEdition(db, yearOf(request.params.year), request.lang);
    return sendPage(reply, <AdminForumEditionPage ctx={pageContext(request, reply)} edition={edition} />);
  });

  app.get<YearParams>("/admin/forum/:year/edit", { config }, async (request, reply) => {
    const year = yearOf(request.params.year);
    const values = await forumEditionForm(db, await requireForumEdition(db, year));
    return sendPage(reply, await editionPage(request, reply, year, values, {}));
  });

  app.post<YearParams>("/admin/forum/:year/edit", { config }, async (request, reply) => {
    const year = yearOf(request.params.year);
    const values = readForumEditionForm(request.body);
    return handleForm(
      reply,
      () => updateForumEdition(db, editor(request), year, values),
      () => ({ location: `/admin/forum/${year}`, flash: "flash.forum.editions.saved" }),
      (errors) => editionPage(request, reply, year, values, errors),
    );
  });

  // Rooms: capacity and daily hours in venue time.
  async function roomPage(
    request: FastifyRequest,
    reply: FastifyReply,
    year: number,
    id: string | null,
    values: RoomForm,
    errors: FormErrors,
    problem: AppError | null = null,
  ) {
    const edition = await requireForumEdition(db, year);
    return (
      <RoomFormPage
        ctx={pageContext(request, reply)}
        year={year}
        zone={effectiveTimeZone(edition.time_zone)}
        id={id}
        values={values}
        errors={errors}
        problem={problem}
      />
    );
  }

  app.get<YearParams>("/admin/forum/:year/rooms/new", { config }, async (request, reply) =>
    sendPage(reply, await roomPage(request, reply, yearOf(request.params.year), null, blankRoomForm(), {})),
  );

  app.post<YearParams>("/admin/forum/:year/rooms", { config }, async (request, reply) => {
    const year = yearOf(request.params.year);
    const values = readRoomForm(request.body);
    return handleForm(
      reply,
      () => saveRoom(db, editor(request), year, null, values),
      () => ({ location: `/admin/forum/${year}`, flash: "flash.forum.editions.roomSaved" }),
      (errors) => roomPage(request, reply, year, null, values, errors),
    );
  });

  app.get<ItemParams>("/admin/forum/:year/rooms/:id", { config }, async (request, reply) => {
    const year = yearOf(request.params.year);
    const { room } = await requireRoom(db, year, request.params.id);
    return sendPage(reply, await roomPage(request, reply, year, room.id, roomForm(room), {}));
  });

  app.post<ItemParams>("/admin/forum/:year/rooms/:id", { config }, async (request, reply) => {
    const year = yearOf(request.params.year);
    const { room } = await requireRoom(db, year, request.params.id);
    const values = readRoomForm(request.body);
    return handleForm(
      reply,
      () => saveRoom(db, editor(request), year, room.id, values),
      () => ({ location: `/admin/forum/${year}`, flash: "flash.forum.editions.roomSaved" }),
      (errors) => roomPage(request, reply, year, room.id, values, errors),
    );
  });

  app.post<ItemParams>("/admin/forum/:year/rooms/:id/delete", { config }, async (request, reply) => {
    const year = yearOf(request.params.year);
    const { room } = await requireRoom(db, year, request.params.id);
    return handleForm(
      reply,
      () => removeRoom(db, editor(request), year, room.id),
      () => ({ location: `/admin/forum/${year}`, flash: "flash.forum.editions.roomRemoved" }),
      (errors, problem) => roomPage(request, reply, year, room.id, roomForm(room), errors, problem),
      ["forum_room_in_use"],
    );
  });

  // Special tracks: a code and names in the six languages.
  async function trackPage(
    request: FastifyRequest,
    reply: FastifyReply,
    year: number,
    id: string | null,
    values: TrackForm,
    errors: FormErrors,
    problem: AppError | null = null,
  ) {
    await requireForumEdition(db, year);
    return (
      <TrackFormPage
        ctx={pageContext(request, reply)}
        year={year}
        id={id}
        values={values}
        errors={errors}
        problem={problem}
      />
    );
  }

  app.get<YearParams>("/admin/forum/:year/tracks/new", { config }, async (request, reply) =>
    sendPage(reply, await trackPage(request, reply, yearOf(request.params.year), null, blankTrackForm(), {})),
  );

  app.post<YearParams>("/admin/forum/:year/tracks", { config }, async (request, reply) => {
    const year = yearOf(request.params.year);
    const values = readTrackForm(request.body);
    return handleForm(
      reply,
      () => saveTrack(db, editor(request), year, null, values),
      () => ({ location: `/admin/forum/${year}`, flash: "flash.forum.editions.trackSaved" }),
      (errors) => trackPage(request, reply, year, null, values, errors),
    );
  });

  app.get<ItemParams>("/admin/forum/:year/tracks/:id", { config }, async (request, reply) => {
    const year = yearOf(request.params.year);
    const { track } = await requireTrack(db, year, request.params.id);
    return sendPage(reply, await trackPage(request, reply, year, track.id, trackForm(track), {}));
  });

  app.post<ItemParams>("/admin/forum/:year/tracks/:id", { config }, async (request, reply) => {
    const year = yearOf(request.params.year);
    const { track } = await requireTrack(db, year, request.params.id);
    const values = readTrackForm(request.body);
    return handleForm(
      reply,
      () => saveTrack(db, editor(request), year, track.id, values),
      () => ({ location: `/admin/forum/${year}`, flash: "flash.forum.editions.trackSaved" }),
      (errors) => trackPage(request, reply, year, track.id, values, errors),
    );
  });

  app.post<ItemParams>("/admin/forum/:year/tracks/:id/delete", { config }, async (request, reply) => {
    const year = yearOf(request.params.year);
    const { track } = await requireTrack(db, year, request.params.id);
    return handleForm(
      reply,
      () => removeTrack(db, editor(request), year, track.id),
      () => ({ location: `/admin/forum/${year}`, flash: "flash.forum.editions.trackRemoved" }),
      (errors, problem) => trackPage(request, reply, year, track.id, trackForm(track), errors, problem),
      ["forum_track_in_use"],
    );
  });
}
