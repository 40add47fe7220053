import type { FastifyInstance } from "fastify";
import { duplicatesRoutes } from "./duplicates.routes.tsx";
import { entriesRoutes } from "./entries.routes.tsx";
import { entryImagesRoutes } from "./entry-images.routes.tsx";
import { entryTranslationsRoutes } from "./entry-translations.routes.tsx";
import { homeRoutes } from "./home.routes.tsx";
import { moderationRoutes } from "./moderation.routes.tsx";
import { searchRoutes } from "./search.routes.tsx";
import { withdrawalRoutes } from "./withdrawal.routes.tsx";
import { workspaceApiRoutes } from "./workspace.api.ts";

export async function stocktakingRoutes(app: FastifyInstance): Promise<void> {
  await app.register(homeRoutes);
  await app.register(searchRoutes);
  await app.register(entriesRoutes);
  await app.register(entryImagesRoutes);
  await app.register(entryTranslationsRoutes);
  await app.register(moderationRoutes);
  await app.register(duplicatesRoutes);
  await app.register(withdrawalRoutes);
  await app.register(workspaceApiRoutes);
}
