import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { notFound } from "../../platform/errors.ts";
import { handleForm } from "../../platform/http/form-routes.ts";
import type { FormErrors } from "../../ui/components.tsx";
import { pageContext, sendPage } from "../../ui/render.tsx";
import { editorOf } from "../admin/admin.http.ts";
import { parseYear } from "./edition-read.service.ts";
import { PastFiguresPage } from "./past-editions-edit.pages.tsx";
import { type PastFiguresContext, readPastFigures, updatePastFigures } from "./past-editions-edit.service.ts";
import { type PastFiguresForm, pastFiguresForm, readPastFiguresForm } from "./past-editions-form.ts";

const config = { permission: "prizes.administer" } as const;
type YearParams = { Params: { year: string } };

const yearOf = (raw: string): number => {
  const year = parseYear(raw);
  if (year === null) throw notFound("prize_edition_not_found");
  return year;
};

/** `/admin/prizes/:year/figures`: admins correct the figures of an edition run before this platform. */
export async function pastFiguresRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.db;

  const page = (
    request: FastifyRequest,
    reply: FastifyReply,
    context: PastFiguresContext,
    values: PastFiguresForm,
    errors: FormErrors,
  ) => (
    <PastFiguresPage
      ctx={pageContext(request, reply)}
      year={context.year}
      values={values}
      codes={context.codes}
      names={context.names}
      errors={errors}
    />
  );

  app.get<YearParams>("/admin/prizes/:year/figures", { config }, async (request, reply) => {
    const context = await readPastFigures(db, yearOf(request.params.year), request.lang);
    return sendPage(
      reply,
      page(request, reply, context, pastFiguresForm(context.figures, context.codes), {}),
    );
  });

  app.post<YearParams>("/admin/prizes/:year/figures", { config }, async (request, reply) => {
    const context = await readPastFigures(db, yearOf(request.params.year), request.lang);
    const values = readPastFiguresForm(request.body, context.codes);
    return handleForm(
      reply,
      () =>
        updatePastFigures(db, editorOf(request, "prizes.administer"), context.year, values, context.codes),
      () => ({ location: `/admin/prizes/${context.year}`, flash: "flash.prizes.editions.figuresSaved" }),
      (errors) => page(request, reply, context, values, errors),
    );
  });
}
