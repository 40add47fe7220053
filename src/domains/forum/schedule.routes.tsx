import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError, ValidationError } from "../../platform/errors.ts";
import { clientIp } from "../../platform/http/request-context.ts";
import { requirePermission } from "../../platform/permissions.ts";
import { type FormErrors, toFormErrors } from "../../ui/components.tsx";
import { pageContext, redirectWithFlash, sendPage } from "../../ui/render.tsx";
import { conflictsOf } from "./conflicts.ts";
import { programmeChanges } from "./programme-changes.ts";
import { listVersionSummaries } from "./programme-versions.repo.ts";
import { publishProgramme } from "./programme-versions.service.ts";
import { registerScheduleApi } from "./schedule.api.ts";
import { ProgrammeGridPage } from "./schedule.pages.tsx";
import { localPlace } from "./schedule.presenter.ts";
import {
  editSessionDetails,
  loadProgramme,
  loadScheduleEdition,
  loadScheduleSession,
  type ScheduleEdition,
  scheduleSession,
  unscheduleSession,
} from "./schedule.service.ts";
import { programmeBase, sessionUrl } from "./schedule-components.tsx";
import { SPEAKERS_MAX } from "./schedule-input.ts";
import { setSessionPlaces } from "./schedule-places.service.ts";
import { ScheduleSessionPage, type SessionForms, type SpeakerValues } from "./schedule-session.pages.tsx";

type YearParams = { year: string };
type SessionParams = { year: string; number: string };

const SECRETARIAT = { config: { permission: "forum.secretariat" as const } };
/** Blank speaker rows offered under the existing ones. */
const BLANK_ROWS = 2;

const bodyOf = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;
const field = (body: Record<string, unknown>, name: string) => {
  const value = body[name];
  return typeof value === "string" ? value : "";
};
const blankSpeaker = (): SpeakerValues => ({ name: "", email: "", organisation: "", role: "" });

/**
 * Programme building for the secretariat (`forum.secretariat`): the grid per venue day with the
 * drafts and the conflicts, publication, and a session's page with the forms that place it and
 * edit its title and speakers.
 */
export async function scheduleRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app.deps;
  const base = "/forum/:year/secretariat/programme";
  registerScheduleApi(app, db, config.baseUrl);

  async function renderGrid(
    request: FastifyRequest,
    reply: FastifyReply,
    edition: ScheduleEdition,
    publish: { errors: FormErrors; problem?: string },
    status = 200,
  ) {
    const asked = (request.query as { day?: unknown } | undefined)?.day;
    const day =
      typeof asked === "string" && edition.days.includes(asked) ? asked : (edition.days[0] as string);
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      <ProgrammeGridPage
        ctx={ctx}
        edition={edition}
        day={day}
        state={await loadProgramme(db, edition)}
        versions={await listVersionSummaries(db, edition.id)}
        changes={await programmeChanges(db, edition.id)}
        publishErrors={publish.errors}
        publishProblem={publish.problem}
      />,
      status,
    );
  }

  async function renderSession(
    request: FastifyRequest,
    reply: FastifyReply,
    edition: ScheduleEdition,
    rawNumber: string,
    submitted: Partial<SessionForms>,
    status = 200,
  ) {
    const session = await loadScheduleSession(db, edition, rawNumber);
    const state = await loadProgramme(db, edition);
    const place = localPlace(session, edition.timeZone);
    const speakers = state.speakers.filter((speaker) => speaker.session_id === session.id);
    const forms: SessionForms = {
      slot: submitted.slot ?? {
        values: {
          day: place?.day ?? "",
          start: place?.start ?? "",
          duration: place ? String(place.minutes) : "60",
          room: session.room_id ?? "",
        },
        errors: {},
      },
      details: submitted.details ?? {
        values: {
          title: session.title,
          speakers: [
            ...speakers.map((speaker) => ({
              name: speaker.name,
              email: speaker.email ?? "",
              organisation: speaker.organisation,
              role: speaker.role,
            })),
            ...Array.from({ length: BLANK_ROWS }, blankSpeaker),
          ],
        },
        errors: {},
      },
      places: submitted.places ?? {
        values: { limited: session.places_limited, capacity: session.capacity?.toString() ?? "" },
        errors: {},
      },
    };
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      <ScheduleSessionPage
        ctx={ctx}
        edition={edition}
        session={session}
        rooms={state.rooms}
        conflicts={conflictsOf(state.conflicts, session.id)}
        sessions={state.sessions}
        places={state.places.get(session.id) ?? { confirmed: 0, waitlisted: 0 }}
        forms={forms}
      />,
      status,
    );
  }

  app.get<{ Params: YearParams }>(base, SECRETARIAT, async (request, reply) => {
    requirePermission(request.actor, "forum.secretariat");
    return renderGrid(request, reply, await loadScheduleEdition(db, request.params.year), { errors: {} });
  });

  app.post<{ Params: YearParams }>(`${base}/publish`, SECRETARIAT, async (request, reply) => {
    const actor = requirePermission(request.actor, "forum.secretariat");
    const edition = await loadScheduleEdition(db, request.params.year);
    try {
      await publishProgramme(
        db,
        actor,
        edition.id,
        { confirm: field(bodyOf(request), "confirm") },
        clientIp(request),
      );
    } catch (error) {
      if (error instanceof ValidationError)
        return renderGrid(request, reply, edition, { errors: toFormErrors(error.fieldErrors) }, 400);
      if (error instanceof AppError && error.status === 409)
        return renderGrid(request, reply, edition, { errors: {}, problem: error.code }, 409);
      throw error;
    }
    return redirectWithFlash(reply, programmeBase(edition), "flash.forum.schedule.published");
  });

  app.get<{ Params: SessionParams }>(`${base}/sessions/:number`, SECRETARIAT, async (request, reply) => {
    requirePermission(request.actor, "forum.secretariat");
    const edition = await loadScheduleEdition(db, request.params.year);
    return renderSession(request, reply, edition, request.params.number, {});
  });

  app.post<{ Params: SessionParams }>(
    `${base}/sessions/:number/slot`,
    SECRETARIAT,
    async (request, reply) => {
      const actor = requirePermission(request.actor, "forum.secretariat");
      const edition = await loadScheduleEdition(db, request.params.year);
      const body = bodyOf(request);
      const values = {
        day: field(body, "day"),
        start: field(body, "start"),
        duration: field(body, "duration"),
        room: field(body, "room"),
      };
      try {
        const saved = await scheduleSession(
          db,
          actor,
          edition,
          request.params.number,
          { ...values, override: field(body, "override") },
          clientIp(request),
          config.baseUrl,
        );
        const back =
          field(body, "return") === "grid"
            ? `${programmeBase(edition)}?day=${values.day}`
            : sessionUrl(edition, Number(request.params.number));
        const flash =
          saved.conflicts.length > 0
            ? "flash.forum.schedule.savedWithConflicts"
            : "flash.forum.schedule.saved";
        return redirectWithFlash(reply, back, flash);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const slot = { values, errors: toFormErrors(error.fieldErrors) };
        return renderSession(request, reply, edition, request.params.number, { slot }, 400);
      }
    },
  );

  app.post<{ Params: SessionParams }>(
    `${base}/sessions/:number/unschedule`,
    SECRETARIAT,
    async (request, reply) => {
      const actor = requirePermission(request.actor, "forum.secretariat");
      const edition = await loadScheduleEdition(db, request.params.year);
      try {
        await unscheduleSession(db, actor, edition, request.params.number, clientIp(request));
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return renderSession(request, reply, edition, request.params.number, {}, 400);
      }
      return redirectWithFlash(reply, programmeBase(edition), "flash.forum.schedule.unscheduled");
    },
  );

  app.post<{ Params: SessionParams }>(
    `${base}/sessions/:number/places`,
    SECRETARIAT,
    async (request, reply) => {
      const actor = requirePermission(request.actor, "forum.secretariat");
      const edition = await loadScheduleEdition(db, request.params.year);
      const body = bodyOf(request);
      const values = { limited: field(body, "limited") === "yes", capacity: field(body, "capacity") };
      let flash: string;
      try {
        const saved = await setSessionPlaces(
          db,
          actor,
          edition,
          request.params.number,
          { limited: field(body, "limited"), capacity: values.capacity, override: field(body, "override") },
          { ip: clientIp(request), baseUrl: config.baseUrl },
        );
        flash =
          saved.promoted > 0
            ? "flash.forum.schedule.placesSavedPromoted"
            : "flash.forum.schedule.placesSaved";
      } catch (error) {
        if (error instanceof ValidationError) {
          const places = { values, errors: toFormErrors(error.fieldErrors) };
          return renderSession(request, reply, edition, request.params.number, { places }, 400);
        }
        if (error instanceof AppError && error.status === 409) {
          const places = { values, errors: {}, problem: error.code };
          return renderSession(request, reply, edition, request.params.number, { places }, 409);
        }
        throw error;
      }
      return redirectWithFlash(reply, sessionUrl(edition, Number(request.params.number)), flash);
    },
  );

  app.post<{ Params: SessionParams }>(
    `${base}/sessions/:number/details`,
    SECRETARIAT,
    async (request, reply) => {
      const actor = requirePermission(request.actor, "forum.secretariat");
      const edition = await loadScheduleEdition(db, request.params.year);
      const body = bodyOf(request);
      const rows = Math.min(Number(field(body, "rows")) || 0, SPEAKERS_MAX + BLANK_ROWS);
      try {
        await editSessionDetails(db, actor, edition, request.params.number, body, rows, clientIp(request));
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const speakers = Array.from({ length: rows }, (_, index) => ({
          name: field(body, `speaker-${index}-name`),
          email: field(body, `speaker-${index}-email`),
          organisation: field(body, `speaker-${index}-organisation`),
          role: field(body, `speaker-${index}-role`),
        }));
        const details = {
          values: { title: field(body, "title"), speakers },
          errors: toFormErrors(error.fieldErrors),
        };
        return renderSession(request, reply, edition, request.params.number, { details }, 400);
      }
      return redirectWithFlash(
        reply,
        sessionUrl(edition, Number(request.params.number)),
        "flash.forum.schedule.detailsSaved",
      );
    },
  );
}
