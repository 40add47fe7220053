import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError, notFound, ValidationError } from "../../platform/errors.ts";
import { clientIp } from "../../platform/http/request-context.ts";
import { requirePermission } from "../../platform/permissions.ts";
import { type FormErrors, toFormErrors } from "../../ui/components.tsx";
import { pageContext, redirectWithFlash, sendPage } from "../../ui/render.tsx";
import { formField } from "../stocktaking/entry-http.ts";
import { loadReferenceData } from "../taxonomy/taxonomy.repo.ts";
import { flagVotes, listFlags } from "./vote-screening.repo.ts";
import { clearFlag, invalidate, screenVotes, secretariatView } from "./vote-screening.service.ts";
import { FlagPage, SecretariatVotesPage } from "./vote-secretariat.pages.tsx";
import { yearParam } from "./vote-view.ts";
import { listNominees } from "./votes.repo.ts";
import { votingEdition } from "./voting-edition.ts";

/** Refusals shown on the secretariat's forms rather than on an error page. */
const FORM_PROBLEMS = new Set(["vote_not_found", "vote_already_invalidated", "vote_flag_not_open"]);

function flagParam(request: FastifyRequest): string {
  const raw = (request.params as Record<string, unknown>).id;
  if (typeof raw !== "string" || !/^\d{1,18}$/.test(raw)) throw notFound("vote_flag_not_found");
  return raw;
}

/**
 * The secretariat's vote screening (`prizes.secretariat`): live totals and flags at
 * `/prizes/:year/secretariat/votes`, one flag's review page, invalidating a vote or a flagged
 * group with a reason, clearing a flag, and screening now.
 */
export async function voteSecretariatRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app.deps;
  const base = (year: number) => `/prizes/${year}/secretariat/votes`;

  async function renderOverview(
    request: FastifyRequest,
    reply: FastifyReply,
    year: number,
    form: { errors?: FormErrors; values?: { vote?: string; reason?: string }; problem?: string | null } = {},
    status = 200,
  ) {
    const [view, reference] = await Promise.all([secretariatView(db, year), loadReferenceData(db)]);
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      <SecretariatVotesPage ctx={ctx} view={view} reference={reference} {...form} />,
      status,
    );
  }

  async function renderFlag(
    request: FastifyRequest,
    reply: FastifyReply,
    year: number,
    flagId: string,
    form: { errors?: FormErrors; values?: { reason?: string; note?: string }; problem?: string | null } = {},
    status = 200,
  ) {
    const edition = await votingEdition(db, year, true);
    const [reference, nominees, [flag]] = await Promise.all([
      loadReferenceData(db),
      listNominees(db, edition.id),
      listFlags(db, edition.id, { flagId }),
    ]);
    if (!flag) throw notFound("vote_flag_not_found");
    const view = { edition, nominees: new Map(nominees.map((row) => [row.id, row])) };
    const votes = await flagVotes(db, flag.id, 100);
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      <FlagPage ctx={ctx} view={view} flag={flag} votes={votes} reference={reference} {...form} />,
      status,
    );
  }

  /** Field errors and known refusals re-render the form (400 or the refusal's status); others propagate. */
  async function handled(
    action: () => Promise<unknown>,
    render: (form: { errors?: FormErrors; problem?: string | null }, status: number) => Promise<FastifyReply>,
    t: FastifyRequest["t"],
  ): Promise<FastifyReply | null> {
    try {
      await action();
      return null;
    } catch (error) {
      if (error instanceof ValidationError) return render({ errors: toFormErrors(error.fieldErrors) }, 400);
      if (error instanceof AppError && FORM_PROBLEMS.has(error.code))
        return render({ problem: t(`errors.${error.code}`, error.params) }, error.status);
      throw error;
    }
  }

  app.get(
    "/prizes/:year/secretariat/votes",
    { config: { permission: "prizes.secretariat" } },
    async (request, reply) => renderOverview(request, reply, yearParam(request)),
  );

  app.post(
    "/prizes/:year/secretariat/votes/screen",
    { config: { permission: "prizes.secretariat" } },
    async (request, reply) => {
      requirePermission(request.actor, "prizes.secretariat");
      const year = yearParam(request);
      const edition = await votingEdition(db, year, true);
      await screenVotes(db, edition.id, config.voting);
      return redirectWithFlash(reply, `${base(year)}#flags`, "flash.prizes.voting.screened");
    },
  );

  app.post(
    "/prizes/:year/secretariat/votes/invalidate",
    { config: { permission: "prizes.secretariat" } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "prizes.secretariat");
      const year = yearParam(request);
      const values = { vote: formField(request.body, "vote"), reason: formField(request.body, "reason") };
      const refused = await handled(
        () =>
          invalidate(db, actor, { year, vote: values.vote, reason: values.reason, ip: clientIp(request) }),
        (form, status) => renderOverview(request, reply, year, { ...form, values }, status),
        request.t,
      );
      return refused ?? redirectWithFlash(reply, base(year), "flash.prizes.voting.invalidated");
    },
  );

  app.get(
    "/prizes/:year/secretariat/votes/flags/:id",
    { config: { permission: "prizes.secretariat" } },
    async (request, reply) => renderFlag(request, reply, yearParam(request), flagParam(request)),
  );

  app.post(
    "/prizes/:year/secretariat/votes/flags/:id/invalidate",
    { config: { permission: "prizes.secretariat" } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "prizes.secretariat");
      const year = yearParam(request);
      const flagId = flagParam(request);
      const values = { reason: formField(request.body, "reason") };
      const refused = await handled(
        () => invalidate(db, actor, { year, flagId, reason: values.reason, ip: clientIp(request) }),
        (form, status) => renderFlag(request, reply, year, flagId, { ...form, values }, status),
        request.t,
      );
      return (
        refused ??
        redirectWithFlash(reply, `${base(year)}/flags/${flagId}`, "flash.prizes.voting.invalidated")
      );
    },
  );

  app.post(
    "/prizes/:year/secretariat/votes/flags/:id/clear",
    { config: { permission: "prizes.secretariat" } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "prizes.secretariat");
      const year = yearParam(request);
      const flagId = flagParam(request);
      const values = { note: formField(request.body, "note") };
      const refused = await handled(
        () => clearFlag(db, actor, { year, flagId, note: values.note, ip: clientIp(request) }),
        (form, status) => renderFlag(request, reply, year, flagId, { ...form, values }, status),
        request.t,
      );
      return (
        refused ?? redirectWithFlash(reply, `${base(year)}/flags/${flagId}`, "flash.prizes.voting.cleared")
      );
    },
  );
}
