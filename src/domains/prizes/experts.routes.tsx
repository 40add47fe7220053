import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ValidationError } from "../../platform/errors.ts";
import { clientIp } from "../../platform/http/request-context.ts";
import { requirePermission } from "../../platform/permissions.ts";
import { type FormErrors, toFormErrors } from "../../ui/components.tsx";
import { pageContext, redirectWithFlash, sendPage } from "../../ui/render.tsx";
import { ExpertsPage } from "./experts.pages.tsx";
import { listExperts } from "./experts.repo.ts";
import { assignExpert, removeExpert } from "./experts.service.ts";
import { findCategories } from "./review.repo.ts";
import { loadEdition, type ReviewEdition } from "./review-edition.ts";

type YearParams = { year: string };

const field = (body: unknown, name: string) => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === "string" ? value : "";
};

/** The secretariat assigns experts to categories and removes them (`prizes.secretariat`). */
export async function expertsRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;
  const path = "/prizes/:year/secretariat/nominations/experts";

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    edition: ReviewEdition,
    form: { values: { email: string; category: string }; errors: FormErrors },
    status = 200,
  ) {
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      <ExpertsPage
        ctx={ctx}
        edition={edition}
        experts={await listExperts(db, edition.id)}
        categories={await findCategories(db, edition.id)}
        values={form.values}
        errors={form.errors}
      />,
      status,
    );
  }

  app.get<{ Params: YearParams }>(
    path,
    { config: { permission: "prizes.secretariat" } },
    async (request, reply) => {
      requirePermission(request.actor, "prizes.secretariat");
      const edition = await loadEdition(db, request.params.year);
      return render(request, reply, edition, { values: { email: "", category: "" }, errors: {} });
    },
  );

  app.post<{ Params: YearParams }>(
    path,
    { config: { permission: "prizes.secretariat" } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "prizes.secretariat");
      const edition = await loadEdition(db, request.params.year);
      const values = { email: field(request.body, "email"), category: field(request.body, "category") };
      try {
        await assignExpert(db, actor, edition, values, clientIp(request));
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return render(request, reply, edition, { values, errors: toFormErrors(error.fieldErrors) }, 400);
      }
      return redirectWithFlash(
        reply,
        `/prizes/${edition.year}/secretariat/nominations/experts`,
        "flash.prizes.review.expertAssigned",
      );
    },
  );

  app.post<{ Params: YearParams }>(
    `${path}/remove`,
    { config: { permission: "prizes.secretariat" } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "prizes.secretariat");
      const edition = await loadEdition(db, request.params.year);
      await removeExpert(
        db,
        actor,
        edition,
        { userId: field(request.body, "userId"), category: field(request.body, "category") },
        clientIp(request),
      );
      return redirectWithFlash(
        reply,
        `/prizes/${edition.year}/secretariat/nominations/experts`,
        "flash.prizes.review.expertRemoved",
      );
    },
  );
}
