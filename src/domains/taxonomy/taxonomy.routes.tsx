import type { FastifyInstance } from "fastify";

export async function taxonomyRoutes(_app: FastifyInstance): Promise<void> {}
