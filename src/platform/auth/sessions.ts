import { type Kysely, sql } from "kysely";
import type { Database, Role } from "../../db/schema.ts";
import { Batcher } from "../batcher.ts";
import { randomToken, sha256 } from "../crypto.ts";
import { AppError } from "../errors.ts";
import type { Language } from "../i18n.ts";
import type { Actor } from "../permissions.ts";

export const SESSION_COOKIE = "wsis_session";
export const SESSION_TTL_MS = 14 * 24 * 3600 * 1000;

/** The user columns an actor is made from. */
export interface ActorRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  email_verified_at: Date | null;
}

/** The acting user as the request pipeline resolves them; `scopes` only for API tokens. */
export function toActor(user: ActorRow, scopes: readonly string[] | null): Actor {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    emailVerified: user.email_verified_at !== null,
    scopes,
  };
}

/** Returns the cookie value; only its hash is stored, so the table cannot be replayed. */
export async function createSession(
  db: Kysely<Database>,
  userId: string,
  meta: { ip: string | null; userAgent: string | null },
): Promise<string> {
  const token = randomToken();
  await db
    .insertInto("sessions")
    .values({
      id: sha256(token),
      user_id: userId,
      expires_at: new Date(Date.now() + SESSION_TTL_MS),
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return token;
}

export async function actorForSession(db: Kysely<Database>, token: string): Promise<Actor | null> {
  const [actor] = await actorsForSessions(db, [token]);
  return actor ?? null;
}

/**
 * `actorForSession` for many tokens in one statement: what `sessionActorLoader` sends when
 * requests arrive together. One actor (or null) per token, in order.
 */
export async function actorsForSessions(
  db: Kysely<Database>,
  tokens: readonly string[],
): Promise<Array<Actor | null>> {
  const hashes = tokens.map((token) => (token.length > 100 ? "" : sha256(token)));
  const rows = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "sessions.id as session_id",
      "users.id",
      "users.name",
      "users.email",
      "users.role",
      "users.email_verified_at",
    ])
    .where("sessions.id", "in", [...new Set(hashes.filter((hash) => hash !== ""))].concat(["-"]))
    .where("sessions.expires_at", ">", new Date())
    .execute();
  const byHash = new Map(rows.map((row) => [row.session_id, toActor(row, null)]));
  return hashes.map((hash) => byHash.get(hash) ?? null);
}

/**
 * Resolves session cookies to actors, the lookups of requests that arrive together grouped into
 * one statement (`Batcher`): every request of a signed-in user starts with this lookup, so under
 * load it is the busiest read there is. Nothing is cached: a session ended is refused by the next
 * lookup, as before.
 */
export function sessionActorLoader(db: Kysely<Database>): (token: string) => Promise<Actor | null> {
  const batcher = new Batcher<string, Actor | null>((tokens) => actorsForSessions(db, tokens));
  return (token) => batcher.submit(token);
}

/**
 * Keeps a signed-in user's switch of language (`?lang=`) for the mail they receive. One statement
 * that changes nothing when the language is already stored, run only on a switch, never per request.
 */
export async function rememberUserLanguage(
  db: Kysely<Database>,
  userId: string,
  lang: Language,
): Promise<void> {
  await db
    .updateTable("users")
    .set({ language: lang, updated_at: sql<Date>`now()` })
    .where("id", "=", userId)
    .where("language", "<>", lang)
    .execute();
}

export async function destroySession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", sha256(token)).execute();
}

/** Personal API tokens carry a recognisable prefix so leaked ones are easy to find in logs and code. */
export const API_TOKEN_PREFIX = "wsis_";

export async function actorForApiToken(db: Kysely<Database>, token: string): Promise<Actor> {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200) throw new AppError("invalid_token", 401);
  const row = await db
    .selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.user_id")
    .select([
      "api_tokens.id as token_id",
      "api_tokens.scopes",
      "api_tokens.expires_at",
      "api_tokens.revoked_at",
      "users.id",
      "users.name",
      "users.email",
      "users.role",
      "users.email_verified_at",
    ])
    .where("api_tokens.token_hash", "=", sha256(token))
    .executeTakeFirst();
  if (!row || row.revoked_at || (row.expires_at && new Date(row.expires_at) <= new Date())) {
    throw new AppError("invalid_token", 401);
  }
  await db
    .updateTable("api_tokens")
    .set({ last_used_at: new Date() })
    .where("id", "=", row.token_id)
    .execute();
  return toActor(row, row.scopes);
}

export async function createApiToken(
  db: Kysely<Database>,
  userId: string,
  name: string,
  scopes: string[],
  expiresAt: Date | null,
): Promise<string> {
  return (await insertApiToken(db, userId, name, scopes, expiresAt)).token;
}

/** Like `createApiToken`, with the new row's id (for the audit record). */
export async function insertApiToken(
  db: Kysely<Database>,
  userId: string,
  name: string,
  scopes: string[],
  expiresAt: Date | null,
): Promise<{ id: string; token: string }> {
  const token = API_TOKEN_PREFIX + randomToken();
  const row = await db
    .insertInto("api_tokens")
    .values({ user_id: userId, name, token_hash: sha256(token), scopes, expires_at: expiresAt })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: String(row.id), token };
}
