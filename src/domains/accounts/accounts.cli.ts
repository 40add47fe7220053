import type { Kysely } from "kysely";
import type { Database, Role } from "../../db/schema.ts";

// PLACEHOLDER — to be implemented by the accounts work.
export async function addVerifiedUser(
  _db: Kysely<Database>,
  _input: { email: string; password: string; role: string; name: string },
): Promise<{ id: string; email: string; role: Role }> {
  throw new Error("not implemented");
}

export async function issueApiToken(
  _db: Kysely<Database>,
  _input: { email: string; scopes: string[]; name: string },
): Promise<string> {
  throw new Error("not implemented");
}
