import type { FastifyInstance } from "fastify";

export async function stocktakingRoutes(_app: FastifyInstance): Promise<void> {}
