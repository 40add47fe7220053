import type { FastifyInstance } from "fastify";

export async function homeRoutes(_app: FastifyInstance): Promise<void> {}
