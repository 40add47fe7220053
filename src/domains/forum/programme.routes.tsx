import type { FastifyInstance, FastifyRequest } from "fastify";
import { toFormErrors } from "../../ui/components.tsx";
import { pageContext, sendPage } from "../../ui/render.tsx";
import { loadReferenceData } from "../taxonomy/taxonomy.repo.ts";
import { agendaRoutes } from "./agenda.routes.tsx";
import { isSessionStarred } from "./agenda.service.ts";
import { parseForumYear } from "./ocp-edition.ts";
import { programmeApiRoutes } from "./programme.api.ts";
import { ProgrammePage } from "./programme.pages.tsx";
import {
  getProgramme,
  getPublishedSession,
  loadProgrammeEdition,
  parseSessionNumber,
} from "./programme.service.ts";
import { programmeChanges } from "./programme-changes.ts";
import { ChangesPage } from "./programme-updates.pages.tsx";
import { SessionPage } from "./session-page.pages.tsx";
import { sessionPlacesSummary } from "./waitlist.service.ts";

const params = (request: FastifyRequest) => request.params as Record<string, unknown>;
const query = (request: FastifyRequest) => request.query as Record<string, unknown>;

/**
 * The public Forum programme (pages): the latest published version with filters and search, a
 * session's page, and "what changed" since the previous version. Registers the personal agenda,
 * the iCal feeds and the programme API as well.
 */
export async function forumProgrammeRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;

  app.get("/forum/:year/programme", { config: { permission: "public" } }, async (request, reply) => {
    const year = parseForumYear(params(request).year);
    const view = await getProgramme(db, year, query(request));
    const ctx = pageContext(request, reply);
    // Bad filter values are named next to their field (400, as a refused form) and ignored: the
    // rest of the filters still apply, so a stale bookmark still shows a programme.
    return sendPage(
      reply,
      <ProgrammePage ctx={ctx} view={view} reference={view.reference} errors={toFormErrors(view.errors)} />,
      view.errors.length > 0 ? 400 : 200,
    );
  });

  app.get("/forum/:year/sessions/:number", { config: { permission: "public" } }, async (request, reply) => {
    const year = parseForumYear(params(request).year);
    const number = parseSessionNumber(params(request).number);
    const [view, reference] = await Promise.all([
      getPublishedSession(db, year, number, query(request)),
      loadReferenceData(db),
    ]);
    const [starred, places] = await Promise.all([
      isSessionStarred(db, request.actor, view.session.id),
      sessionPlacesSummary(db, request.actor?.id ?? null, view.edition.id, number),
    ]);
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      <SessionPage ctx={ctx} view={view} reference={reference} starred={starred} places={places} />,
    );
  });

  app.get("/forum/:year/changes", { config: { permission: "public" } }, async (request, reply) => {
    const edition = await loadProgrammeEdition(db, parseForumYear(params(request).year));
    const changes = await programmeChanges(db, edition.id);
    const ctx = pageContext(request, reply);
    return sendPage(reply, <ChangesPage ctx={ctx} edition={edition} changes={changes} />);
  });

  await app.register(agendaRoutes);
  await app.register(programmeApiRoutes);
}
