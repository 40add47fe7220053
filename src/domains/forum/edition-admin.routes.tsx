import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { VNode } from "preact";
import type { AppError } from "../../platform/errors.ts";
import { type FormRender, formRoute, handleForm } from "../../platform/http/form-routes.ts";
import { effectiveTimeZone } from "../../platform/zoned-time.ts";
import type { FormErrors } from "../../ui/components.tsx";
import { pageContext, sendPage } from "../../ui/render.tsx";
import { editorOf } from "../admin/admin.http.ts";
import type { Editor } from "../taxonomy/taxonomy.edit.service.ts";
import { AdminForumEditionPage, AdminForumEditionsPage } from "./edition-admin.pages.tsx";
import { ForumEditionFormPage } from "./edition-form.pages.tsx";
import { blankForumEditionForm, type ForumEditionForm, readForumEditionForm } from "./edition-input.ts";
import { readForumEdition, readForumEditions } from "./edition-read.service.ts";
import { RoomFormPage, TrackFormPage } from "./edition-rooms.pages.tsx";
import {
  blankRoomForm,
  blankTrackForm,
  readRoomForm,
  readTrackForm,
  removeRoom,
  removeTrack,
  requireRoom,
  requireTrack,
  roomForm,
  saveRoom,
  saveTrack,
  trackForm,
} from "./edition-rooms.service.ts";
import {
  createForumEdition,
  forumEditionForm,
  isPastForum,
  requireForumEdition,
  updateForumEdition,
} from "./editions.service.ts";
import { parseForumYear } from "./ocp-edition.ts";
import { parsePastForumFigures } from "./past-forums.ts";

const permission = "forum.administer";
const config = { permission } as const;
type YearRequest = FastifyRequest<{ Params: { year: string } }>;
type ItemParams = { Params: { year: string; id: string } };

const toEdition = (year: number, flash: string) => ({ location: `/admin/forum/${year}`, flash });

/** What an edition's room or track form page is drawn from. */
interface ItemPage<Form> {
  request: FastifyRequest;
  reply: FastifyReply;
  year: number;
  /** null: a new one. */
  id: string | null;
  values: Form;
  errors: FormErrors;
  problem: AppError | null;
}

/** The rooms and the tracks of an edition are set up alike: new, edit, remove unless in use. */
interface EditionItems<Row extends { id: string }, Form> {
  path: "rooms" | "tracks";
  blank: () => Form;
  form: (row: NoInfer<Row>) => Form;
  read: (body: unknown) => Form;
  require: (year: number, id: string) => Promise<Row>;
  save: (editor: Editor, year: number, id: string | null, values: Form) => Promise<void>;
  remove: (editor: Editor, year: number, id: string) => Promise<void>;
  flashes: { saved: string; removed: string };
  /** The refusal of a removal, shown on the form. */
  inUse: string;
  render: (page: ItemPage<Form>) => Promise<VNode>;
}

/** `/admin/forum…`: editions (dates, zone, venue, chair, registration, OCP), rooms and tracks. Admins only. */
export async function forumEditionAdminRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.db;
  const editor = (request: FastifyRequest) => editorOf(request, permission);

  async function editionPage({
    request,
    reply,
    context: year,
    values,
    errors,
  }: FormRender<unknown, number | null, ForumEditionForm>) {
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

  formRoute(app, {
    permission,
    page: "/admin/forum/new",
    action: "/admin/forum",
    load: () => null,
    initial: blankForumEditionForm,
    read: readForumEditionForm,
    save: (request, _none, values) => createForumEdition(db, editor(request), values),
    done: ({ year }) => toEdition(year, "flash.forum.editions.created"),
    render: editionPage,
  });

  app.get("/admin/forum/:year", { config }, async (request: YearRequest, reply) => {
    const edition = await readForumEdition(db, parseForumYear(request.params.year), request.lang);
    return sendPage(reply, <AdminForumEditionPage ctx={pageContext(request, reply)} edition={edition} />);
  });

  formRoute(app, {
    permission,
    page: "/admin/forum/:year/edit",
    load: (request: YearRequest) => parseForumYear(request.params.year),
    initial: async (year) => forumEditionForm(db, await requireForumEdition(db, year)),
    read: readForumEditionForm,
    save: (request, year, values) => updateForumEdition(db, editor(request), year, values),
    done: (_saved, year) => toEdition(year, "flash.forum.editions.saved"),
    render: editionPage,
  });

  function itemRoutes<Row extends { id: string }, Form>(items: EditionItems<Row, Form>) {
    const list = `/admin/forum/:year/${items.path}`;
    type Context = { year: number; row: Row | null };
    const common = {
      permission,
      read: items.read,
      save: (request: FastifyRequest, { year, row }: Context, values: Form) =>
        items.save(editor(request), year, row?.id ?? null, values),
      done: (_saved: unknown, { year }: Context) => toEdition(year, items.flashes.saved),
      render: ({ context: { year, row }, ...page }: FormRender<unknown, Context, Form>) =>
        items.render({ ...page, year, id: row?.id ?? null }),
    } as const;
    formRoute(app, {
      ...common,
      page: `${list}/new`,
      action: list,
      load: (request: YearRequest): Context => ({ year: parseForumYear(request.params.year), row: null }),
      initial: items.blank,
    });
    formRoute(app, {
      ...common,
      page: `${list}/:id`,
      load: async (request: FastifyRequest<ItemParams>): Promise<Context> => {
        const year = parseForumYear(request.params.year);
        return { year, row: await items.require(year, request.params.id) };
      },
      initial: ({ row }) => items.form(row as Row),
    });
    app.post<ItemParams>(`${list}/:id/delete`, { config }, async (request, reply) => {
      const year = parseForumYear(request.params.year);
      const row = await items.require(year, request.params.id);
      return handleForm(
        reply,
        () => items.remove(editor(request), year, row.id),
        () => toEdition(year, items.flashes.removed),
        (errors, problem) =>
          items.render({ request, reply, year, id: row.id, values: items.form(row), errors, problem }),
        [items.inUse],
      );
    });
  }

  // Rooms: capacity and daily hours in venue time.
  itemRoutes({
    path: "rooms",
    blank: blankRoomForm,
    form: roomForm,
    read: readRoomForm,
    require: async (year: number, id: string) => (await requireRoom(db, year, id)).room,
    save: (who, year, id, values) => saveRoom(db, who, year, id, values),
    remove: (who, year, id) => removeRoom(db, who, year, id),
    flashes: { saved: "flash.forum.editions.roomSaved", removed: "flash.forum.editions.roomRemoved" },
    inUse: "forum_room_in_use",
    render: async ({ request, reply, ...page }) => {
      const edition = await requireForumEdition(db, page.year);
      const zone = effectiveTimeZone(edition.time_zone);
      return <RoomFormPage ctx={pageContext(request, reply)} zone={zone} {...page} />;
    },
  });

  // Special tracks: a code and names in the six languages.
  itemRoutes({
    path: "tracks",
    blank: blankTrackForm,
    form: trackForm,
    read: readTrackForm,
    require: async (year: number, id: string) => (await requireTrack(db, year, id)).track,
    save: (who, year, id, values) => saveTrack(db, who, year, id, values),
    remove: (who, year, id) => removeTrack(db, who, year, id),
    flashes: { saved: "flash.forum.editions.trackSaved", removed: "flash.forum.editions.trackRemoved" },
    inUse: "forum_track_in_use",
    render: async ({ request, reply, ...page }) => {
      await requireForumEdition(db, page.year);
      return <TrackFormPage ctx={pageContext(request, reply)} {...page} />;
    },
  });
}
