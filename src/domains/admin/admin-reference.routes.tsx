import type { FastifyInstance, FastifyRequest } from "fastify";
import { notFound } from "../../platform/errors.ts";
import { formText } from "../../platform/http/form-input.ts";
import { handleForm } from "../../platform/http/form-routes.ts";
import type { FormErrors } from "../../ui/components.tsx";
import { pageContext, sendPage } from "../../ui/render.tsx";
import {
  addMatrixLink,
  editActionLine,
  editMatrixRationale,
  editSdg,
  removeMatrixLink,
} from "../taxonomy/taxonomy.edit.service.ts";
import { readReferenceData } from "../taxonomy/taxonomy.service.ts";
import { parseSdgNumber } from "../taxonomy/taxonomy.validation.ts";
import { editorOf } from "./admin.http.ts";
import { MatrixAdminPage, MatrixLinePage, MatrixLinkPage } from "./admin-matrix.pages.tsx";
import {
  ActionLineEditPage,
  ActionLinesAdminPage,
  SdgEditPage,
  SdgsAdminPage,
} from "./admin-reference.pages.tsx";
import {
  presentActionLinesForEdit,
  presentLinksOf,
  presentSdgsForEdit,
} from "./admin-reference.presenter.ts";

const config = { permission: "reference.manage" } as const;
const editor = (request: FastifyRequest) => editorOf(request, "reference.manage");

/** Editing Action Lines, SDGs and the WSIS-SDG Matrix. */
export async function adminReferenceRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.db;

  async function actionLine(request: FastifyRequest, code: string) {
    const ref = await readReferenceData(db);
    const line = presentActionLinesForEdit(ref, request.lang).find((item) => item.code === code);
    if (!line) throw notFound("reference_not_found");
    return { ref, line };
  }

  async function sdg(request: FastifyRequest, raw: string) {
    const number = parseSdgNumber(raw);
    const found = presentSdgsForEdit(await readReferenceData(db), request.lang).find(
      (item) => item.number === number,
    );
    if (!found) throw notFound("reference_not_found");
    return found;
  }

  // Action Lines

  app.get("/admin/action-lines", { config }, async (request, reply) => {
    const lines = presentActionLinesForEdit(await readReferenceData(db), request.lang);
    return sendPage(reply, <ActionLinesAdminPage ctx={pageContext(request, reply)} lines={lines} />);
  });

  app.get<{ Params: { code: string } }>("/admin/action-lines/:code", { config }, async (request, reply) => {
    const { line } = await actionLine(request, request.params.code);
    const ctx = pageContext(request, reply);
    return sendPage(reply, <ActionLineEditPage ctx={ctx} line={line} values={line} errors={{}} />);
  });

  app.post<{ Params: { code: string } }>("/admin/action-lines/:code", { config }, async (request, reply) => {
    const { code } = request.params;
    const values = {
      name: formText(request.body, "name"),
      facilitator: formText(request.body, "facilitator"),
      description: formText(request.body, "description"),
    };
    return handleForm(
      reply,
      () => editActionLine(db, editor(request), code, values),
      () => ({ location: "/admin/action-lines", flash: "flash.admin.saved" }),
      async (errors) => {
        const { line } = await actionLine(request, code);
        return (
          <ActionLineEditPage ctx={pageContext(request, reply)} line={line} values={values} errors={errors} />
        );
      },
    );
  });

  // SDGs

  app.get("/admin/sdgs", { config }, async (request, reply) => {
    const sdgs = presentSdgsForEdit(await readReferenceData(db), request.lang);
    return sendPage(reply, <SdgsAdminPage ctx={pageContext(request, reply)} sdgs={sdgs} />);
  });

  app.get<{ Params: { number: string } }>("/admin/sdgs/:number", { config }, async (request, reply) => {
    const item = await sdg(request, request.params.number);
    const ctx = pageContext(request, reply);
    return sendPage(reply, <SdgEditPage ctx={ctx} sdg={item} values={item} errors={{}} />);
  });

  app.post<{ Params: { number: string } }>("/admin/sdgs/:number", { config }, async (request, reply) => {
    const item = await sdg(request, request.params.number);
    const values = { name: formText(request.body, "name"), colour: formText(request.body, "colour") };
    return handleForm(
      reply,
      () => editSdg(db, editor(request), item.number, values),
      () => ({ location: "/admin/sdgs", flash: "flash.admin.saved" }),
      (errors) => (
        <SdgEditPage ctx={pageContext(request, reply)} sdg={item} values={values} errors={errors} />
      ),
    );
  });

  // WSIS-SDG Matrix

  async function renderLine(
    request: FastifyRequest,
    reply: Parameters<typeof pageContext>[1],
    code: string,
    values: { sdg: string; rationale: string },
    errors: FormErrors,
  ) {
    const { ref, line } = await actionLine(request, code);
    const links = presentLinksOf(ref, code, request.lang);
    const linked = new Set(links.map((link) => link.sdg));
    const available = presentSdgsForEdit(ref, request.lang)
      .filter((item) => !linked.has(item.number))
      .map((item) => ({ sdg: item.number, sdgLabel: item.label }));
    return (
      <MatrixLinePage
        ctx={pageContext(request, reply)}
        line={line}
        links={links}
        available={available}
        values={values}
        errors={errors}
      />
    );
  }

  app.get("/admin/sdg-matrix", { config }, async (request, reply) => {
    const lines = presentActionLinesForEdit(await readReferenceData(db), request.lang);
    return sendPage(reply, <MatrixAdminPage ctx={pageContext(request, reply)} lines={lines} />);
  });

  app.get<{ Params: { code: string } }>("/admin/sdg-matrix/:code", { config }, async (request, reply) =>
    sendPage(reply, await renderLine(request, reply, request.params.code, { sdg: "", rationale: "" }, {})),
  );

  app.post<{ Params: { code: string } }>(
    "/admin/sdg-matrix/:code/links",
    { config },
    async (request, reply) => {
      const { code } = request.params;
      const values = { sdg: formText(request.body, "sdg"), rationale: formText(request.body, "rationale") };
      return handleForm(
        reply,
        () => addMatrixLink(db, editor(request), code, values),
        () => ({ location: `/admin/sdg-matrix/${code}`, flash: "flash.admin.linkAdded" }),
        (errors) => renderLine(request, reply, code, values, errors),
      );
    },
  );

  async function link(request: FastifyRequest, code: string, rawSdg: string) {
    const { ref, line } = await actionLine(request, code);
    const number = parseSdgNumber(rawSdg);
    const found = presentLinksOf(ref, code, request.lang).find((item) => item.sdg === number);
    if (!found) throw notFound("reference_not_found");
    return { line, link: found };
  }

  type LinkParams = { Params: { code: string; sdg: string } };

  app.get<LinkParams>("/admin/sdg-matrix/:code/:sdg", { config }, async (request, reply) => {
    const found = await link(request, request.params.code, request.params.sdg);
    const ctx = pageContext(request, reply);
    return sendPage(reply, <MatrixLinkPage ctx={ctx} {...found} values={found.link} errors={{}} />);
  });

  app.post<LinkParams>("/admin/sdg-matrix/:code/:sdg", { config }, async (request, reply) => {
    const found = await link(request, request.params.code, request.params.sdg);
    const values = { rationale: formText(request.body, "rationale") };
    return handleForm(
      reply,
      () => editMatrixRationale(db, editor(request), found.line.code, found.link.sdg, values),
      () => ({ location: `/admin/sdg-matrix/${found.line.code}`, flash: "flash.admin.saved" }),
      (errors) => (
        <MatrixLinkPage ctx={pageContext(request, reply)} {...found} values={values} errors={errors} />
      ),
    );
  });

  app.post<LinkParams>("/admin/sdg-matrix/:code/:sdg/delete", { config }, async (request, reply) => {
    const found = await link(request, request.params.code, request.params.sdg);
    return handleForm(
      reply,
      () => removeMatrixLink(db, editor(request), found.line.code, found.link.sdg),
      () => ({ location: `/admin/sdg-matrix/${found.line.code}`, flash: "flash.admin.linkRemoved" }),
      () => <MatrixLinkPage ctx={pageContext(request, reply)} {...found} values={found.link} errors={{}} />,
    );
  });
}
