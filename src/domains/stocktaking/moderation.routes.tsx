import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ModerationDecision } from "../../db/schema.ts";
import { apiWriteOptions } from "../../platform/http/idempotent-api.ts";
import { requirePermission } from "../../platform/permissions.ts";
import { pageContext, redirectWithFlash, sendPage } from "../../ui/render.tsx";
import { openPairsCount, openPairsOfEntry } from "./duplicates-view.service.ts";
import { answerWrite } from "./entries.api.ts";
import { makeLabels, presentContent } from "./entries.presenter.ts";
import { EntryParams, EntryResponse, IdempotencyHeaders, ModerateEntryBody } from "./entries.schema.ts";
import { parseEntryId } from "./entries.service.ts";
import { type FormState, formField, formPageRoutes, pageOf, pageParam } from "./entry-http.ts";
import { type DecisionFormValues, ModerationPage, QueuePage } from "./moderation.pages.tsx";
import { getModerationView, moderateEntry, moderationQueue } from "./moderation.service.ts";

/** The confirmation shown after each kind of decision. */
const DECISION_FLASH: Record<ModerationDecision, string> = {
  publish: "flash.moderation.publish",
  return: "flash.moderation.return",
  reject: "flash.moderation.reject",
};

/** The moderators' queue and decision pages, and the `moderateEntry` API. */
export async function moderationRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app.deps;
  const deps = { db, baseUrl: config.baseUrl };

  async function renderEntry(
    request: FastifyRequest,
    reply: FastifyReply,
    entryId: string,
    form: FormState<DecisionFormValues>,
  ) {
    const [view, duplicates] = await Promise.all([
      getModerationView(db, entryId),
      openPairsOfEntry(db, entryId),
    ]);
    const ctx = pageContext(request, reply);
    const labels = makeLabels(view.ref, ctx.t, ctx.lang);
    return sendPage(
      reply,
      <ModerationPage
        ctx={ctx}
        view={view}
        submitted={presentContent(view.submitted, labels, view.images)}
        labels={labels}
        duplicates={duplicates}
        values={form.values}
        errors={form.errors}
        idempotencyKey={form.key}
      />,
      form.status,
    );
  }

  app.get("/moderation", { config: { permission: "entries.moderate" } }, async (request, reply) => {
    const page = pageParam(request.query);
    const [queue, duplicateCount] = await Promise.all([moderationQueue(db, page), openPairsCount(db)]);
    return sendPage(
      reply,
      <QueuePage
        ctx={pageContext(request, reply)}
        duplicateCount={duplicateCount}
        {...pageOf(queue, page)}
      />,
    );
  });

  formPageRoutes(base, {
    path: "/moderation/entries/:id",
    permission: "entries.moderate",
    target: parseEntryId,
    initial: { decision: "", comment: "" },
    read: (body) => ({ decision: formField(body, "decision"), comment: formField(body, "comment") }),
    render: renderEntry,
    submit: async (reply, actor, entryId, values, write) => {
      const { outcome } = await moderateEntry(deps, actor, entryId, values, write);
      return redirectWithFlash(reply, "/moderation", DECISION_FLASH[outcome.decision]);
    },
  });

  app.post(
    "/api/v1/entries/:id/moderation",
    {
      config: { permission: "entries.moderate" },
      schema: {
        operationId: "moderateEntry",
        tags: ["moderation"],
        summary: "Publish, return (with a comment) or reject (with a reason) a submitted entry",
        description:
          "Only a submitted entry can be moderated (409 invalid_state_transition otherwise). The owner is emailed the decision.",
        security: [{ bearer: [] }],
        params: EntryParams,
        headers: IdempotencyHeaders,
        body: ModerateEntryBody,
        response: { 200: EntryResponse },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "entries.moderate");
      const entryId = parseEntryId(request.params.id);
      const result = await moderateEntry(deps, actor, entryId, request.body, apiWriteOptions(request));
      return answerWrite(base, request, reply, result);
    },
  );
}
