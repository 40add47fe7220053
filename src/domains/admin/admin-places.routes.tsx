import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppError } from "../../platform/errors.ts";
import { notFound } from "../../platform/errors.ts";
import { formText } from "../../platform/http/form-input.ts";
import { handleForm } from "../../platform/http/form-routes.ts";
import type { FormErrors } from "../../ui/components.tsx";
import { pageContext, sendPage } from "../../ui/render.tsx";
import {
  addCodeListItem,
  moveCountry,
  removeCodeListItem,
  renameCodeListItem,
  renameRegion,
} from "../taxonomy/taxonomy.edit.service.ts";
import type { CodeListName } from "../taxonomy/taxonomy.repo.ts";
import { readReferenceData } from "../taxonomy/taxonomy.service.ts";
import { editorOf } from "./admin.http.ts";
import { CodeListAdminPage, CodeListItemPage, type CodeListScreen } from "./admin-code-lists.pages.tsx";
import { CountryEditPage, RegionEditPage, RegionsAdminPage } from "./admin-places.pages.tsx";
import {
  presentCodeListForEdit,
  presentCountryForEdit,
  presentRegionsForEdit,
} from "./admin-reference.presenter.ts";

const config = { permission: "reference.manage" } as const;
const editor = (request: FastifyRequest) => editorOf(request, "reference.manage");

const CODE_LISTS: { list: CodeListName; screen: CodeListScreen }[] = [
  {
    list: "stakeholder_types",
    screen: {
      base: "/admin/stakeholder-types",
      titleKey: "admin.stakeholderTypes.title",
      addKey: "admin.stakeholderTypes.add",
    },
  },
  {
    list: "target_groups",
    screen: {
      base: "/admin/target-groups",
      titleKey: "admin.targetGroups.title",
      addKey: "admin.targetGroups.add",
    },
  },
];

/** Regions with the country→region mapping, stakeholder types and target groups. */
export async function adminPlacesRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.db;

  async function regionsView(request: FastifyRequest) {
    return presentRegionsForEdit(await readReferenceData(db), request.lang);
  }

  async function region(request: FastifyRequest, code: string) {
    const found = (await regionsView(request)).regions.find((item) => item.code === code);
    if (!found) throw notFound("reference_not_found");
    return found;
  }

  app.get("/admin/regions", { config }, async (request, reply) => {
    const view = await regionsView(request);
    return sendPage(reply, <RegionsAdminPage ctx={pageContext(request, reply)} {...view} />);
  });

  app.get<{ Params: { code: string } }>("/admin/regions/:code", { config }, async (request, reply) => {
    const found = await region(request, request.params.code);
    const ctx = pageContext(request, reply);
    return sendPage(reply, <RegionEditPage ctx={ctx} region={found} values={found} errors={{}} />);
  });

  app.post<{ Params: { code: string } }>("/admin/regions/:code", { config }, async (request, reply) => {
    const found = await region(request, request.params.code);
    const values = { name: formText(request.body, "name") };
    return handleForm(
      reply,
      () => renameRegion(db, editor(request), found.code, values),
      () => ({ location: "/admin/regions", flash: "flash.admin.saved" }),
      (errors) => (
        <RegionEditPage ctx={pageContext(request, reply)} region={found} values={values} errors={errors} />
      ),
    );
  });

  async function countryPage(
    request: FastifyRequest,
    reply: FastifyReply,
    code: string,
    region: string | null,
    errors: FormErrors,
  ) {
    const ref = await readReferenceData(db);
    const country = presentCountryForEdit(ref, code, request.lang);
    if (!country) throw notFound("reference_not_found");
    const { regions } = presentRegionsForEdit(ref, request.lang);
    return (
      <CountryEditPage
        ctx={pageContext(request, reply)}
        country={country}
        regions={regions}
        values={{ region: region ?? country.region ?? "" }}
        errors={errors}
      />
    );
  }

  app.get<{ Params: { code: string } }>("/admin/countries/:code", { config }, async (request, reply) =>
    sendPage(reply, await countryPage(request, reply, request.params.code, null, {})),
  );

  app.post<{ Params: { code: string } }>("/admin/countries/:code", { config }, async (request, reply) => {
    const { code } = request.params;
    const values = { region: formText(request.body, "region") };
    return handleForm(
      reply,
      () => moveCountry(db, editor(request), code, values),
      () => ({ location: "/admin/regions", flash: "flash.admin.countryMoved" }),
      (errors) => countryPage(request, reply, code, values.region, errors),
    );
  });

  for (const { list, screen } of CODE_LISTS) {
    const items = async (request: FastifyRequest) => {
      const ref = await readReferenceData(db);
      const rows = list === "stakeholder_types" ? ref.stakeholderTypes : ref.targetGroups;
      return presentCodeListForEdit(rows, request.lang);
    };

    const listPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      values: { code: string; name: string },
      errors: FormErrors,
      problem: { error: AppError; name: string } | null,
    ) => {
      return (
        <CodeListAdminPage
          ctx={pageContext(request, reply)}
          screen={screen}
          items={await items(request)}
          values={values}
          errors={errors}
          problem={problem}
        />
      );
    };

    const item = async (request: FastifyRequest, code: string) => {
      const found = (await items(request)).find((row) => row.code === code);
      if (!found) throw notFound("reference_not_found");
      return found;
    };

    app.get(screen.base, { config }, async (request, reply) =>
      sendPage(reply, await listPage(request, reply, { code: "", name: "" }, {}, null)),
    );

    app.post(screen.base, { config }, async (request, reply) => {
      const values = { code: formText(request.body, "code"), name: formText(request.body, "name") };
      return handleForm(
        reply,
        () => addCodeListItem(db, editor(request), list, values),
        () => ({ location: screen.base, flash: "flash.admin.added" }),
        (errors) => listPage(request, reply, values, errors, null),
      );
    });

    app.get<{ Params: { code: string } }>(`${screen.base}/:code`, { config }, async (request, reply) => {
      const found = await item(request, request.params.code);
      const ctx = pageContext(request, reply);
      return sendPage(
        reply,
        <CodeListItemPage ctx={ctx} screen={screen} item={found} values={found} errors={{}} />,
      );
    });

    app.post<{ Params: { code: string } }>(`${screen.base}/:code`, { config }, async (request, reply) => {
      const found = await item(request, request.params.code);
      const values = { name: formText(request.body, "name") };
      return handleForm(
        reply,
        () => renameCodeListItem(db, editor(request), list, found.code, values),
        () => ({ location: screen.base, flash: "flash.admin.saved" }),
        (errors) => (
          <CodeListItemPage
            ctx={pageContext(request, reply)}
            screen={screen}
            item={found}
            values={values}
            errors={errors}
          />
        ),
      );
    });

    app.post<{ Params: { code: string } }>(
      `${screen.base}/:code/delete`,
      { config },
      async (request, reply) => {
        const found = await item(request, request.params.code);
        return handleForm(
          reply,
          () => removeCodeListItem(db, editor(request), list, found.code),
          () => ({ location: screen.base, flash: "flash.admin.deleted" }),
          (_errors, problem) =>
            listPage(
              request,
              reply,
              { code: "", name: "" },
              {},
              problem ? { error: problem, name: found.label } : null,
            ),
          ["reference_in_use"],
        );
      },
    );
  }
}
