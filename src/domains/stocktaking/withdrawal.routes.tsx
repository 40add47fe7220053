import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { apiWriteOptions } from "../../platform/http/idempotent-api.ts";
import { requirePermission } from "../../platform/permissions.ts";
import { pageContext, redirectWithFlash, sendPage } from "../../ui/render.tsx";
import { answerWrite } from "./entries.api.ts";
import { EntryParams, EntryResponse, IdempotencyHeaders } from "./entries.schema.ts";
import { parseEntryId } from "./entries.service.ts";
import { type FormState, formField, formPageRoutes } from "./entry-http.ts";
import { WithdrawPage } from "./withdrawal.pages.tsx";
import { WithdrawEntryBody, WithdrawProblems } from "./withdrawal.schema.ts";
import { getWithdrawalView, withdrawEntry } from "./withdrawal.service.ts";

/**
 * Withdrawing a published entry from the public database: the confirmation page and the
 * `withdrawEntry` API. Owners withdraw their own entries; moderators anyone's, with a reason.
 */
export async function withdrawalRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app.deps;
  const deps = { db, baseUrl: config.baseUrl };

  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    entryId: string,
    form: FormState<{ reason: string }>,
  ) {
    const actor = requirePermission(request.actor, "entries.create");
    const view = await getWithdrawalView(db, actor, entryId);
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      <WithdrawPage
        ctx={ctx}
        view={view}
        values={form.values}
        errors={form.errors}
        idempotencyKey={form.key}
      />,
      form.status,
    );
  }

  formPageRoutes(base, {
    path: "/entries/:id/withdraw",
    permission: "entries.create",
    target: parseEntryId,
    initial: { reason: "" },
    read: (body) => ({ reason: formField(body, "reason") }),
    render: renderForm,
    submit: async (reply, actor, entryId, values, write) => {
      const { outcome } = await withdrawEntry(deps, actor, entryId, values, write);
      return outcome.byOwner
        ? redirectWithFlash(reply, "/my/entries", "flash.entries.withdrawn")
        : redirectWithFlash(reply, `/entries/${entryId}`, "flash.entries.withdrawnForOwner");
    },
  });

  app.post(
    "/api/v1/entries/:id/withdraw",
    {
      config: { permission: "entries.create" },
      // The owner needs no reason, so a request without any body is as good as `{}`.
      preValidation: async (request) => {
        request.body ??= {};
      },
      schema: {
        operationId: "withdrawEntry",
        tags: ["entries"],
        summary: "Withdraw a published entry from the public database",
        description:
          "For the entry's owner, and for moderators (who must give a `reason`; the owner is emailed it). From the commit on, the entry is in no search result or facet count and its public page is a 404; its state becomes `withdrawn`. The owner can edit it and submit it again; it is public again once a moderator publishes it. Only a public entry can be withdrawn (409 invalid_state_transition otherwise). API tokens need the `entries:write` scope, and `moderation` too for someone else's entry.",
        security: [{ bearer: [] }],
        params: EntryParams,
        headers: IdempotencyHeaders,
        body: WithdrawEntryBody,
        response: { 200: EntryResponse, ...WithdrawProblems },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "entries.create");
      const entryId = parseEntryId(request.params.id);
      const result = await withdrawEntry(deps, actor, entryId, request.body, apiWriteOptions(request));
      return answerWrite(base, request, reply, result);
    },
  );
}
