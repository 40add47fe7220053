import { type Kysely, sql, type Transaction } from "kysely";
import type { Database, OneTimeTokenPurpose, Role } from "../../db/schema.ts";
import type { Language } from "../../platform/i18n.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** What sign-in and the token flows need to know about a user. */
export interface UserCredentials {
  id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  email_verified_at: Date | null;
  /** The language of the mail this user receives. */
  language: string;
}

// Emails compare with PostgreSQL's lower() on both sides, matching the unique index users_email_key.
const sameEmail = (email: string) => sql<boolean>`lower(email) = lower(${email})`;

export async function findUserByEmail(db: Db, email: string): Promise<UserCredentials | undefined> {
  return db
    .selectFrom("users")
    .select(["id", "email", "name", "role", "password_hash", "email_verified_at", "language"])
    .where(sameEmail(email))
    .executeTakeFirst();
}

/** The first admin account made (the one `npm start` or `user:add` created), if any. */
export async function findOldestAdmin(db: Db): Promise<UserCredentials | undefined> {
  return db
    .selectFrom("users")
    .select(["id", "email", "name", "role", "password_hash", "email_verified_at", "language"])
    .where("role", "=", "admin")
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
}

export async function findUserById(db: Db, userId: string): Promise<UserCredentials | undefined> {
  return db
    .selectFrom("users")
    .select(["id", "email", "name", "role", "password_hash", "email_verified_at", "language"])
    .where("id", "=", userId)
    .executeTakeFirst();
}

export async function emailExists(db: Db, email: string): Promise<boolean> {
  const row = await db.selectFrom("users").select("id").where(sameEmail(email)).executeTakeFirst();
  return row !== undefined;
}

export interface NewUserRow {
  email: string;
  name: string;
  passwordHash: string;
  role: Role;
  organisationId: string | null;
  stakeholderType: string | null;
  countryCode: string | null;
  verified: boolean;
  language: Language;
}

export async function insertUser(db: Db, user: NewUserRow): Promise<string> {
  const row = await db
    .insertInto("users")
    .values({
      email: user.email,
      name: user.name,
      password_hash: user.passwordHash,
      role: user.role,
      organisation_id: user.organisationId,
      stakeholder_type: user.stakeholderType,
      country_code: user.countryCode,
      email_verified_at: user.verified ? sql<Date>`now()` : null,
      language: user.language,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Sets role and password of an existing user and marks the address verified (the CLI's upsert). */
export async function updateUserRoleAndPassword(
  db: Db,
  userId: string,
  change: { role: Role; passwordHash: string },
): Promise<void> {
  await db
    .updateTable("users")
    .set({
      role: change.role,
      password_hash: change.passwordHash,
      email_verified_at: sql<Date>`coalesce(email_verified_at, now())`,
      updated_at: sql<Date>`now()`,
    })
    .where("id", "=", userId)
    .execute();
}

/**
 * Sets the language of a user's mail; returns the language it replaced, or nothing when the user
 * does not exist. The row is locked, so the audit records what was really there before.
 */
export async function setUserLanguage(
  db: Db,
  userId: string,
  language: Language,
): Promise<string | undefined> {
  const before = await db
    .selectFrom("users")
    .select("language")
    .where("id", "=", userId)
    .forUpdate()
    .executeTakeFirst();
  if (!before) return undefined;
  if (before.language !== language)
    await db
      .updateTable("users")
      .set({ language, updated_at: sql<Date>`now()` })
      .where("id", "=", userId)
      .execute();
  return before.language;
}

/** Returns true when this call verified the address, false when it already was. */
export async function markEmailVerified(db: Db, userId: string): Promise<boolean> {
  const result = await db
    .updateTable("users")
    .set({ email_verified_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
    .where("id", "=", userId)
    .where("email_verified_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** A reset link proves the reader owns the address, so it also counts as verification. */
export async function setPasswordHash(db: Db, userId: string, passwordHash: string): Promise<void> {
  await db
    .updateTable("users")
    .set({
      password_hash: passwordHash,
      email_verified_at: sql<Date>`coalesce(email_verified_at, now())`,
      updated_at: sql<Date>`now()`,
    })
    .where("id", "=", userId)
    .execute();
}

export async function deleteSessionsOfUser(db: Db, userId: string): Promise<number> {
  const result = await db.deleteFrom("sessions").where("user_id", "=", userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function sessionUserId(db: Db, sessionId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("sessions")
    .select("user_id")
    .where("id", "=", sessionId)
    .executeTakeFirst();
  return row?.user_id;
}

export async function deleteSessionById(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}

// ---------------------------------------------------------------- organisations

export async function findOrganisationByKey(
  db: Db,
  nameKey: string,
): Promise<{ id: string; name: string } | undefined> {
  return db
    .selectFrom("organisations")
    .select(["id", "name"])
    .where("name_key", "=", nameKey)
    .executeTakeFirst();
}

/**
 * Inserts the organisation unless one with the same key exists (two people may register the same
 * new organisation at once); `created` tells the caller whether to audit a creation.
 */
export async function findOrCreateOrganisation(
  db: Db,
  org: { name: string; nameKey: string; stakeholderType: string; countryCode: string | null },
): Promise<{ id: string; created: boolean }> {
  const inserted = await db
    .insertInto("organisations")
    .values({
      name: org.name,
      name_key: org.nameKey,
      stakeholder_type: org.stakeholderType,
      country_code: org.countryCode,
    })
    .onConflict((oc) => oc.column("name_key").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  const existing = await findOrganisationByKey(db, org.nameKey);
  if (!existing) throw new Error("organisation vanished between insert and select");
  return { id: existing.id, created: false };
}

/** Names for the registration form's suggestion list, alphabetically, capped to keep the page light. */
export async function listOrganisationNames(db: Db, limit: number): Promise<string[]> {
  const rows = await db.selectFrom("organisations").select("name").orderBy("name").limit(limit).execute();
  return rows.map((row) => row.name);
}

// ---------------------------------------------------------------- one-time tokens

export async function insertOneTimeToken(
  db: Db,
  token: { id: string; userId: string; purpose: OneTimeTokenPurpose; validForMs: number },
): Promise<void> {
  await db
    .insertInto("one_time_tokens")
    .values({
      id: token.id,
      user_id: token.userId,
      purpose: token.purpose,
      expires_at: sql<Date>`now() + ${`${token.validForMs} milliseconds`}::interval`,
    })
    .execute();
}

/**
 * Marks the token used if it is unused and unexpired, in one statement, so two clicks racing each
 * other cannot both succeed. Returns the user it belongs to, or nothing.
 */
export async function consumeOneTimeToken(
  db: Db,
  id: string,
  purpose: OneTimeTokenPurpose,
): Promise<string | undefined> {
  const row = await db
    .updateTable("one_time_tokens")
    .set({ used_at: sql<Date>`now()` })
    .where("id", "=", id)
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .where(sql<boolean>`expires_at > now()`)
    .returning("user_id")
    .executeTakeFirst();
  return row?.user_id;
}

export interface OneTimeTokenState {
  user_id: string;
  used: boolean;
  expired: boolean;
}

export async function findOneTimeToken(
  db: Db,
  id: string,
  purpose: OneTimeTokenPurpose,
): Promise<OneTimeTokenState | undefined> {
  return db
    .selectFrom("one_time_tokens")
    .select([
      "user_id",
      sql<boolean>`used_at is not null`.as("used"),
      sql<boolean>`expires_at <= now()`.as("expired"),
    ])
    .where("id", "=", id)
    .where("purpose", "=", purpose)
    .executeTakeFirst();
}

/** After a successful reset, other reset links in flight must not work any more. */
export async function retireOneTimeTokens(
  db: Db,
  userId: string,
  purpose: OneTimeTokenPurpose,
): Promise<void> {
  await db
    .updateTable("one_time_tokens")
    .set({ used_at: sql<Date>`now()` })
    .where("user_id", "=", userId)
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .execute();
}

// ---------------------------------------------------------------- account page

/** An account with its organisation's name, as the account page and the admin user pages show it. */
export interface UserSummaryRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  email_verified_at: Date | null;
  created_at: Date;
  organisation_name: string | null;
  stakeholder_type: string | null;
  country_code: string | null;
}

export interface AccountRow extends UserSummaryRow {
  stakeholder_type_names: Record<string, string> | null;
  /** The language of the mail this user receives. */
  language: string;
}

/** One account; `lock` holds the user row (not its organisation) for a change that reads it first. */
export async function findAccount(db: Db, userId: string, lock = false): Promise<AccountRow | undefined> {
  const query = db
    .selectFrom("users")
    .leftJoin("organisations", "organisations.id", "users.organisation_id")
    .leftJoin("stakeholder_types", "stakeholder_types.code", "users.stakeholder_type")
    .select([
      "users.id",
      "users.name",
      "users.email",
      "users.role",
      "users.email_verified_at",
      "users.created_at",
      "organisations.name as organisation_name",
      "users.stakeholder_type",
      "stakeholder_types.names as stakeholder_type_names",
      "users.country_code",
      "users.language",
    ])
    .where("users.id", "=", userId);
  return (lock ? query.forUpdate("users") : query).executeTakeFirst();
}
