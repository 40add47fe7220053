import type { FastifyInstance } from "fastify";

export async function moderationRoutes(_app: FastifyInstance): Promise<void> {}
