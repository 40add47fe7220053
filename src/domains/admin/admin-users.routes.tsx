import type { FastifyInstance } from "fastify";
import { formText } from "../../platform/http/form-input.ts";
import { handleForm } from "../../platform/http/form-routes.ts";
import { pageContext, sendPage } from "../../ui/render.tsx";
import { editorOf, pageNumber } from "./admin.http.ts";
import { presentUser } from "./admin.presenter.ts";
import { changeUserRole, findUsers, getUser } from "./admin.service.ts";
import { UserPage, UsersPage } from "./admin-users.pages.tsx";

interface UserParams {
  id: string;
}

/** Accounts and their roles. */
export async function adminUsersRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.db;
  const permission = { permission: "users.manage" } as const;

  app.get("/admin/users", { config: permission }, async (request, reply) => {
    const result = await findUsers(db, {
      query: formText(request.query, "q"),
      page: pageNumber(request.query),
    });
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      <UsersPage ctx={ctx} result={{ ...result, items: result.items.map(presentUser) }} />,
    );
  });

  app.get<{ Params: UserParams }>("/admin/users/:id", { config: permission }, async (request, reply) => {
    const user = presentUser(await getUser(db, request.params.id));
    const ctx = pageContext(request, reply);
    return sendPage(reply, <UserPage ctx={ctx} user={user} role={user.role} errors={{}} problem={null} />);
  });

  app.post<{ Params: UserParams }>(
    "/admin/users/:id/role",
    { config: permission },
    async (request, reply) => {
      const { id } = request.params;
      const role = formText(request.body, "role");
      return handleForm(
        reply,
        () => changeUserRole(db, editorOf(request, "users.manage"), id, role),
        ({ changed }) => ({
          location: `/admin/users/${id}`,
          flash: changed ? "flash.admin.roleChanged" : "flash.admin.unchanged",
        }),
        async (errors, problem) => {
          const user = presentUser(await getUser(db, id));
          return (
            <UserPage
              ctx={pageContext(request, reply)}
              user={user}
              role={role}
              errors={errors}
              problem={problem}
            />
          );
        },
        ["self_demotion"],
      );
    },
  );
}
