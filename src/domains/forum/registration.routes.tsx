import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError, ValidationError } from "../../platform/errors.ts";
import { clientIp } from "../../platform/http/request-context.ts";
import { requirePermission } from "../../platform/permissions.ts";
import { type FormErrors, toFormErrors } from "../../ui/components.tsx";
import { pageContext, redirectWithFlash, sendPage } from "../../ui/render.tsx";
import { accreditationRoutes } from "./accreditation.routes.tsx";
import { badgeRoutes } from "./badges.routes.ts";
import { checkinRoutes } from "./checkin.routes.tsx";
import { parseForumYear } from "./ocp-edition.ts";
import { registrationApiRoutes } from "./registration.api.ts";
import { MyRegistrationPage, RegisterPage, type ShownRegistration } from "./registration.pages.tsx";
import { listMyRegistrations } from "./registration.repo.ts";
import { cancelRegistration, registerForForum, registrationView } from "./registration.service.ts";
import { interestOpen, registrationDates, registrationState } from "./registration-edition.ts";
import { placesOfUser } from "./waitlist.repo.ts";
import { waitlistRoutes } from "./waitlist.routes.tsx";

const text = (value: unknown): string => (typeof value === "string" ? value : "");
const yearOf = (request: FastifyRequest) => parseForumYear((request.params as Record<string, unknown>).year);

/**
 * WSIS Forum registration (F5): registering, one's registrations, session places with waiting
 * lists, accreditation decisions and focal points, badges and door check-in, and the API.
 */
export async function forumRegistrationRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;

  async function renderRegister(
    request: FastifyRequest,
    reply: FastifyReply,
    year: number,
    form: { attendance: string; interest: string; errors: FormErrors; problem: string | null },
    status = 200,
  ) {
    const ctx = pageContext(request, reply);
    const actor = requirePermission(request.actor, "forum.participate");
    const view = await registrationView(db, actor, year);
    const registration: ShownRegistration | null = view.registration
      ? {
          year,
          attendance: view.registration.attendance,
          status: view.registration.status,
          accreditation: view.registration.accreditation,
          reason: view.registration.decision_reason,
          organisation: view.registration.organisation_name,
          places: [],
        }
      : null;
    return sendPage(
      reply,
      <RegisterPage
        ctx={ctx}
        year={year}
        state={registrationState(view.edition)}
        interestOpen={interestOpen(view.edition)}
        dates={registrationDates(view.edition, ctx.lang)}
        automatic={view.automatic}
        organisation={view.organisationName}
        registration={registration}
        form={form}
        errors={form.errors}
        problem={form.problem}
      />,
      status,
    );
  }

  app.get("/forum/:year/register", { config: { permission: "forum.participate" } }, async (request, reply) =>
    renderRegister(request, reply, yearOf(request), {
      attendance: "",
      interest: "",
      errors: {},
      problem: null,
    }),
  );

  app.post(
    "/forum/:year/register",
    { config: { permission: "forum.participate" } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "forum.participate");
      const year = yearOf(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const form = { attendance: text(body.attendance), interest: text(body.interest) };
      try {
        const { outcome } = await registerForForum(db, actor, year, form, {
          ip: clientIp(request),
          lang: request.lang,
        });
        return redirectWithFlash(
          reply,
          "/forum/my-registration",
          outcome.status === "pending"
            ? "flash.forum.registration.pending"
            : "flash.forum.registration.confirmed",
        );
      } catch (error) {
        if (error instanceof ValidationError)
          return renderRegister(
            request,
            reply,
            year,
            { ...form, errors: toFormErrors(error.fieldErrors), problem: null },
            400,
          );
        if (error instanceof AppError && error.status === 409)
          return renderRegister(
            request,
            reply,
            year,
            { ...form, errors: {}, problem: request.t(`errors.${error.code}`, error.params) },
            409,
          );
        throw error;
      }
    },
  );

  app.get(
    "/forum/my-registration",
    { config: { permission: "forum.participate" } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "forum.participate");
      const ctx = pageContext(request, reply);
      const rows = await listMyRegistrations(db, actor.id);
      const registrations: ShownRegistration[] = [];
      for (const row of rows) {
        const places = await placesOfUser(db, row.edition_id, actor.id);
        registrations.push({
          year: row.year,
          attendance: row.attendance,
          status: row.status,
          accreditation: row.accreditation,
          reason: row.decision_reason,
          organisation: row.organisation_name,
          places: places.map((place) => ({ number: place.number, title: place.title, status: place.status })),
        });
      }
      return sendPage(reply, <MyRegistrationPage ctx={ctx} registrations={registrations} />);
    },
  );

  app.post(
    "/forum/:year/registration/cancel",
    { config: { permission: "forum.participate" } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "forum.participate");
      await cancelRegistration(db, actor, yearOf(request), { ip: clientIp(request) });
      return redirectWithFlash(reply, "/forum/my-registration", "flash.forum.registration.cancelled");
    },
  );

  await app.register(registrationApiRoutes);
  await app.register(waitlistRoutes);
  await app.register(accreditationRoutes);
  await app.register(badgeRoutes);
  await app.register(checkinRoutes);
}
