import type { FastifyInstance } from "fastify";
import { pageContext, sendPage } from "../../ui/render.tsx";
import { DashboardPage } from "./admin.pages.tsx";
import { adminPlacesRoutes } from "./admin-places.routes.tsx";
import { adminRecordsRoutes } from "./admin-records.routes.tsx";
import { adminReferenceRoutes } from "./admin-reference.routes.tsx";
import { adminUsersRoutes } from "./admin-users.routes.tsx";

/**
 * Administration under /admin. Each route names the precise permission it needs (users.manage,
 * reference.manage, audit.read, outbox.read); admins hold all of them.
 */
export async function adminRoutes(app: FastifyInstance): Promise<void> {
  // The dashboard is where the layout's "Administration" link goes, shown to holders of reference.manage.
  app.get("/admin", { config: { permission: "reference.manage" } }, async (request, reply) =>
    sendPage(reply, <DashboardPage ctx={pageContext(request, reply)} />),
  );
  await app.register(adminUsersRoutes);
  await app.register(adminReferenceRoutes);
  await app.register(adminPlacesRoutes);
  await app.register(adminRecordsRoutes);
}
