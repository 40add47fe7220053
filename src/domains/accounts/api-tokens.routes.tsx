import type { FastifyInstance, FastifyRequest } from "fastify";
import { ValidationError } from "../../platform/errors.ts";
import { formList, formText } from "../../platform/http/form-input.ts";
import { requirePermission } from "../../platform/permissions.ts";
import { toFormErrors } from "../../ui/components.tsx";
import { pageContext, redirectWithFlash, sendPage } from "../../ui/render.tsx";
import { requestMeta } from "./accounts.http.ts";
import { type TokenForm, TokensPage } from "./api-tokens.pages.tsx";
import { toApiTokenView } from "./api-tokens.presenter.ts";
import {
  createPersonalToken,
  grantableScopes,
  listTokens,
  revokePersonalToken,
} from "./api-tokens.service.ts";

/**
 * `/account/tokens`: the user's personal API tokens. A browser session only (`account.tokens` has
 * no API scope), so a leaked token cannot mint or revoke tokens.
 */
export async function apiTokenRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;
  const actorOf = (request: FastifyRequest) => requirePermission(request.actor, "account.tokens");

  app.get("/account/tokens", { config: { permission: "account.tokens" } }, async (request, reply) => {
    const actor = actorOf(request);
    const ctx = pageContext(request, reply);
    const tokens = (await listTokens(db, actor.id)).map((row) => toApiTokenView(row));
    return sendPage(reply, <TokensPage ctx={ctx} tokens={tokens} scopes={grantableScopes(actor)} />);
  });

  app.post("/account/tokens", { config: { permission: "account.tokens" } }, async (request, reply) => {
    const actor = actorOf(request);
    const form: TokenForm = {
      name: formText(request.body, "name"),
      scopes: formList(request.body, "scopes"),
      expiry: formText(request.body, "expiry"),
    };
    let created: Awaited<ReturnType<typeof createPersonalToken>> | null = null;
    let errors = {};
    try {
      created = await createPersonalToken(db, actor, form, requestMeta(request));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      errors = toFormErrors(error.fieldErrors);
    }
    const ctx = pageContext(request, reply);
    const tokens = (await listTokens(db, actor.id)).map((row) => toApiTokenView(row));
    // The secret is shown in this answer and never again, so this is not a redirect (the page is
    // sent `no-store`; reloading it would make a second token, listed and revocable).
    return sendPage(
      reply,
      <TokensPage
        ctx={ctx}
        tokens={tokens}
        scopes={grantableScopes(actor)}
        form={created ? undefined : form}
        errors={errors}
        created={created}
      />,
      created ? 201 : 400,
    );
  });

  app.post(
    "/account/tokens/:id/revoke",
    { config: { permission: "account.tokens" } },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id } = request.params as { id: string };
      await revokePersonalToken(db, actor, id, requestMeta(request));
      return redirectWithFlash(reply, "/account/tokens", "flash.tokens.revoked");
    },
  );
}
