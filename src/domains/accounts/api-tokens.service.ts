import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { insertApiToken } from "../../platform/auth/sessions.ts";
import { notFound, ValidationError } from "../../platform/errors.ts";
import { type Actor, API_SCOPES, hasPermission } from "../../platform/permissions.ts";
import { FieldErrors, isRowId } from "../../platform/validation.ts";
import type { RequestMeta } from "./accounts.service.ts";
import {
  type ApiTokenRow,
  countLiveTokens,
  findUserTokenForUpdate,
  listUserTokens,
  markTokenRevoked,
} from "./api-tokens.repo.ts";

export type ApiScope = (typeof API_SCOPES)[number];

export const TOKEN_LIMITS = {
  nameMax: 100,
  /** Tokens that still work, per user: enough for every script, and no endless minting. */
  liveMax: 50,
  /** The list shows this many, newest first. */
  listMax: 200,
} as const;

/** How long a new token lives, as the form offers it; `never` leaves `expires_at` empty. */
export const TOKEN_EXPIRIES = ["30", "90", "365", "never"] as const;
export type TokenExpiry = (typeof TOKEN_EXPIRIES)[number];
const DAY_MS = 24 * 3600 * 1000;

/** The scopes this user may put on a token: `moderation` only for those who can moderate. */
export function grantableScopes(actor: Actor): ApiScope[] {
  const canModerate = hasPermission({ ...actor, scopes: null }, "entries.moderate");
  return API_SCOPES.filter((scope) => scope !== "moderation" || canModerate);
}

export interface NewTokenInput {
  name: string;
  scopes: string[];
  expiry: string;
}

export interface CreatedToken {
  id: string;
  name: string;
  /** The secret, shown once; only its sha256 is stored. */
  token: string;
  expiresAt: Date | null;
}

export function listTokens(db: Kysely<Database>, userId: string): Promise<ApiTokenRow[]> {
  return listUserTokens(db, userId, TOKEN_LIMITS.listMax);
}

/**
 * Creates a personal API token for the signed-in user. Bad input fails with field errors and
 * stores nothing: `name` required and at most 100 characters; `scopes` at least one of the
 * scopes the user may grant (`unknown_code` for a name that is no scope, `invalid_value` for
 * `moderation` asked by someone who cannot moderate); `expiry` one of 30, 90, 365 days or never.
 */
export async function createPersonalToken(
  db: Kysely<Database>,
  actor: Actor,
  input: NewTokenInput,
  meta: RequestMeta,
): Promise<CreatedToken> {
  const errors = new FieldErrors();
  const name = errors.line("name", input.name, TOKEN_LIMITS.nameMax);
  const scopes = [...new Set(input.scopes.map((scope) => scope.trim()).filter((scope) => scope !== ""))];
  const grantable: readonly string[] = grantableScopes(actor);
  if (scopes.length === 0) errors.add("scopes", "required");
  else if (scopes.some((scope) => !(API_SCOPES as readonly string[]).includes(scope)))
    errors.add("scopes", "unknown_code");
  else if (scopes.some((scope) => !grantable.includes(scope))) errors.add("scopes", "invalid_value");
  const expiry = errors.choice("expiry", input.expiry.trim(), TOKEN_EXPIRIES, { code: "invalid_value" });
  if (!errors.ok || !expiry) throw new ValidationError(errors.list);
  const expiresAt = expiry === "never" ? null : new Date(Date.now() + Number(expiry) * DAY_MS);

  return db.transaction().execute(async (trx) => {
    if ((await countLiveTokens(trx, actor.id)) >= TOKEN_LIMITS.liveMax)
      throw new ValidationError([{ field: "name", code: "too_many", params: { max: TOKEN_LIMITS.liveMax } }]);
    // Sorted so the stored list and the audit record read the same for the same choice.
    const sorted = API_SCOPES.filter((scope) => scopes.includes(scope));
    const { id, token } = await insertApiToken(trx, actor.id, name, sorted, expiresAt);
    await recordAudit(trx, {
      actorId: actor.id,
      action: "api_token.create",
      subjectType: "api_token",
      subjectId: id,
      after: { name, scopes: sorted, expiresAt: expiresAt?.toISOString() ?? null },
      ip: meta.ip,
    });
    return { id, name, token, expiresAt };
  });
}

/**
 * Revokes one of the user's own tokens at once (the next request with it is 401 `invalid_token`).
 * Another user's token, or an id that is no token, is `not_found`: the answer does not say which.
 * Revoking a revoked token changes nothing.
 */
export async function revokePersonalToken(
  db: Kysely<Database>,
  actor: Actor,
  rawTokenId: string,
  meta: RequestMeta,
): Promise<void> {
  if (!isRowId(rawTokenId)) throw notFound();
  await db.transaction().execute(async (trx) => {
    const token = await findUserTokenForUpdate(trx, actor.id, rawTokenId);
    if (!token) throw notFound();
    if (token.revoked_at) return;
    await markTokenRevoked(trx, token.id);
    await recordAudit(trx, {
      actorId: actor.id,
      action: "api_token.revoke",
      subjectType: "api_token",
      subjectId: token.id,
      before: { name: token.name, scopes: token.scopes },
      after: { revoked: true },
      ip: meta.ip,
    });
  });
}
