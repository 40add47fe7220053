import type { FastifyInstance } from "fastify";
import { apiTokenRoutes } from "./api-tokens.routes.tsx";
import { passwordResetRoutes } from "./password-reset.routes.tsx";
import { registrationRoutes } from "./registration.routes.tsx";
import { sessionRoutes } from "./session.routes.tsx";

/**
 * Accounts: registration and email confirmation, sign-in and out, password reset, the account
 * page and its personal API tokens.
 */
export async function accountsRoutes(app: FastifyInstance): Promise<void> {
  await app.register(registrationRoutes);
  await app.register(sessionRoutes);
  await app.register(passwordResetRoutes);
  await app.register(apiTokenRoutes);
}
