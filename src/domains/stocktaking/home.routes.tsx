import type { FastifyInstance } from "fastify";
import { pageContext, sendPage } from "../../ui/render.tsx";
import { HomePage } from "./home.pages.tsx";
import { presentHome } from "./home.presenter.ts";
import { loadHome } from "./home.service.ts";

/** `GET /`: the front page with live figures of the public register. */
export async function homeRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;
  app.get("/", { config: { permission: "public" } }, async (request, reply) => {
    const data = await loadHome(db, app.deps.search);
    const ctx = pageContext(request, reply);
    return sendPage(reply, <HomePage ctx={ctx} model={presentHome(data, ctx.lang)} />);
  });
}
