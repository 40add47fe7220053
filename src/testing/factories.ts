import type { Kysely } from "kysely";
import type { Database, Role } from "../db/schema.ts";
import { hashPassword } from "../platform/auth/passwords.ts";
import type { Language } from "../platform/i18n.ts";

export const TEST_PASSWORD = "correct horse battery staple";
let passwordHash: Promise<string> | undefined;
let sequence = 0;

export interface MadeUser {
  id: string;
  email: string;
  name: string;
  password: string;
  role: Role;
}

/** A verified account with TEST_PASSWORD; hashing once keeps factories fast. */
export async function makeUser(
  db: Kysely<Database>,
  overrides: { email?: string; name?: string; role?: Role; verified?: boolean; language?: Language } = {},
): Promise<MadeUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  sequence += 1;
  const email = overrides.email ?? `user${sequence}.${process.pid}@example.org`;
  const name = overrides.name ?? `Test User ${sequence}`;
  const role = overrides.role ?? "user";
  const row = await db
    .insertInto("users")
    .values({
      email,
      name,
      password_hash: await passwordHash,
      role,
      stakeholder_type: "civil_society",
      country_code: "KE",
      email_verified_at: overrides.verified === false ? null : new Date(),
      language: overrides.language ?? "en",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, email, name, password: TEST_PASSWORD, role };
}
