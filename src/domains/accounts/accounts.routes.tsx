import type { FastifyInstance } from "fastify";
import { passwordResetRoutes } from "./password-reset.routes.tsx";
import { registrationRoutes } from "./registration.routes.tsx";
import { sessionRoutes } from "./session.routes.tsx";

/** Accounts: registration and email confirmation, sign-in and out, password reset, the account page. */
export async function accountsRoutes(app: FastifyInstance): Promise<void> {
  await app.register(registrationRoutes);
  await app.register(sessionRoutes);
  await app.register(passwordResetRoutes);
}
