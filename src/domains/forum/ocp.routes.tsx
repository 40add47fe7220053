import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type AppError, ValidationError } from "../../platform/errors.ts";
import { formList, formText } from "../../platform/http/form-input.ts";
import { clientIp } from "../../platform/http/request-context.ts";
import { localName } from "../../platform/i18n.ts";
import { type Actor, requirePermission } from "../../platform/permissions.ts";
import { type FormErrors, toFormErrors } from "../../ui/components.tsx";
import { pageContext, redirectWithFlash, sendPage } from "../../ui/render.tsx";
import { loadReferenceData } from "../taxonomy/taxonomy.repo.ts";
import { ocpApiRoutes } from "./ocp.api.ts";
import { type OcpFormValues, OcpPage } from "./ocp.pages.tsx";
import { findOcpSubmission } from "./ocp.repo.ts";
import { saveOcpSubmission } from "./ocp.service.ts";
import { isOcpOpen, loadOcpEdition, type OcpEdition, parseForumYear } from "./ocp-edition.ts";
import { isRefusal } from "./ocp-http.ts";
import { ocpOptions } from "./ocp-options.ts";
import { deadlineText } from "./requests.presenter.ts";
import { findStakeholderProfile } from "./requests.repo.ts";
import { requestPagesRoutes } from "./requests.routes.tsx";

/** The WSIS Forum's Open Consultation Process, the stakeholder's side (official submission + requests). */
export async function ocpRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;
  await app.register(requestPagesRoutes);
  await app.register(ocpApiRoutes);
  const actorOf = (request: FastifyRequest): Actor => requirePermission(request.actor, "forum.participate");

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    edition: OcpEdition,
    state: { values?: OcpFormValues; errors?: FormErrors; refusal?: AppError; status?: number } = {},
  ) {
    const ctx = pageContext(request, reply);
    const ref = await loadReferenceData(db);
    const stored = await findOcpSubmission(db, edition.id, actor.id);
    const profile = await findStakeholderProfile(db, actor.id);
    const values =
      state.values ??
      (stored
        ? {
            themes: stored.themes,
            format: stored.format,
            actionLines: stored.action_lines,
            sdgs: stored.sdgs.map(String),
          }
        : { themes: "", format: "", actionLines: [], sdgs: [] });
    const type = ref.stakeholderTypes.find((row) => row.code === profile.stakeholderType);
    const region = ref.regions.find((row) => row.code === profile.regionCode);
    return sendPage(
      reply,
      <OcpPage
        ctx={ctx}
        year={edition.year}
        open={isOcpOpen(edition)}
        deadline={deadlineText(ctx.t, edition, ctx.lang)}
        values={values}
        errors={state.errors ?? {}}
        options={ocpOptions(ref, ctx.t, ctx.lang)}
        saved={stored !== undefined}
        profile={{
          stakeholderType: type ? localName(type.names, ctx.lang) : "",
          region: region ? localName(region.names, ctx.lang) : "",
        }}
        refusal={state.refusal ?? null}
      />,
      state.status ?? 200,
    );
  }

  app.get("/forum/:year/ocp", { config: { permission: "forum.participate" } }, async (request, reply) => {
    const actor = actorOf(request);
    const edition = await loadOcpEdition(db, parseForumYear((request.params as { year: string }).year));
    return render(request, reply, actor, edition);
  });

  app.post("/forum/:year/ocp", { config: { permission: "forum.participate" } }, async (request, reply) => {
    const actor = actorOf(request);
    const edition = await loadOcpEdition(db, parseForumYear((request.params as { year: string }).year));
    const { body } = request;
    const values: OcpFormValues = {
      themes: formText(body, "themes"),
      format: formText(body, "format"),
      actionLines: formList(body, "actionLines"),
      sdgs: formList(body, "sdgs"),
    };
    try {
      await saveOcpSubmission(db, actor, edition, values, { lang: request.lang, ip: clientIp(request) });
    } catch (error) {
      if (error instanceof ValidationError)
        return render(request, reply, actor, edition, {
          values,
          errors: toFormErrors(error.fieldErrors),
          status: 400,
        });
      if (isRefusal(error))
        return render(request, reply, actor, edition, { values, refusal: error, status: 409 });
      throw error;
    }
    return redirectWithFlash(reply, `/forum/${edition.year}/ocp`, "flash.forum.ocp.submissionSaved");
  });
}
