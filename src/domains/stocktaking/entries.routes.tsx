import type { FastifyInstance } from "fastify";

export async function entriesRoutes(_app: FastifyInstance): Promise<void> {}
