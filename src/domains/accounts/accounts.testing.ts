import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { Browser } from "../../testing/test-app.ts";

let sequence = 0;

/** A registration form that passes every check; each call uses a new address. */
export function validRegistration(overrides: Record<string, string> = {}): Record<string, string> {
  sequence += 1;
  return {
    name: "Amina Diallo",
    email: `amina.${sequence}.${process.pid}@example.org`,
    password: "tall green lanterns drift",
    confirmPassword: "tall green lanterns drift",
    organisation: "Kenya ICT Action Network",
    stakeholderType: "civil_society",
    country: "KE",
    ...overrides,
  };
}

/** The path and query of the newest link to `path` mailed to `email`, as a reader would click it. */
export async function mailedLink(db: Kysely<Database>, email: string, path: string): Promise<string> {
  const mail = await db
    .selectFrom("outbox")
    .select("text_body")
    .where("to_address", "=", email)
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
  const match = mail.text_body.match(new RegExp(`https?://[^\\s/]+(${path}\\?token=[A-Za-z0-9_-]+)`));
  if (!match?.[1]) throw new Error(`No ${path} link in the mail to ${email}`);
  return match[1];
}

/** When the account with this address confirmed it; null while unconfirmed. */
export async function verifiedAt(db: Kysely<Database>, email: string): Promise<Date | null> {
  const user = await db
    .selectFrom("users")
    .select("email_verified_at")
    .where("email", "=", email)
    .executeTakeFirstOrThrow();
  return user.email_verified_at;
}

export async function countUsers(db: Kysely<Database>, email: string): Promise<number> {
  const rows = await db
    .selectFrom("users")
    .select("id")
    .where(sql<boolean>`lower(email) = lower(${email})`)
    .execute();
  return rows.length;
}

/** Limits no test file reaches, for files that register or sign in many times from one address. */
export const GENEROUS_RATE_LIMITS = { signIn: 1000, register: 1000, reset: 1000, windowMs: 60_000 };

export async function register(browser: Browser, fields: Record<string, string>) {
  return browser.submit("/register", "/register", fields);
}
