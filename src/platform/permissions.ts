import type { Role } from "../db/schema.ts";
import { forbidden, unauthenticated } from "./errors.ts";

/**
 * Every route names one of these. Roles grant permissions; ownership rules (an owner edits their
 * own entry) are checked by the domain's policy on top.
 */
export const PERMISSIONS = [
  "public",
  "account.self",
  /** Managing one's own API tokens: a browser session only, so a token can never mint another. */
  "account.tokens",
  "entries.create",
  "entries.moderate",
  /** Bulk import (CSV/XLSX): entries are published directly, so moderators and admins only. */
  "entries.import",
  "users.manage",
  "reference.manage",
  "audit.read",
  "outbox.read",
  /** Regenerating the open-data dumps on demand (admins). */
  "opendata.manage",
  /** Entering projects for a WSIS Prizes edition (any signed-in user; eligibility is the service's). */
  "prizes.submit",
  /** Voting for nominees (any signed-in user; a confirmed email is checked by the voting service). */
  "prizes.vote",
  /** Scoring submissions (any signed-in user; being an assigned expert is checked by the review policy). */
  "prizes.review",
  /** The secretariat's work: nominated list, vote screening and invalidation, live totals, winners. */
  "prizes.secretariat",
  /** Setting up editions: phases, categories, rules, criteria, special prizes, phase extensions. */
  "prizes.administer",
  /**
   * Taking part in the WSIS Forum (any signed-in user): OCP submissions and requests, registration,
   * a personal agenda, and a session's outcomes (being its organiser is checked by the service).
   */
  "forum.participate",
  /** The Forum secretariat's work: reviewing requests, the programme, accreditation, outcomes. */
  "forum.secretariat",
  /** Scanning badges at the door (moderators and admins; the check-in page works offline). */
  "forum.checkin",
  /** Setting up Forum editions: dates, venue, rooms, tracks, OCP phases. */
  "forum.administer",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Every role, least powerful first (the order forms list them in). */
export const ROLES: readonly Role[] = ["user", "moderator", "admin"];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** What every account may do in the prizes (the services check eligibility, email and assignment). */
const PRIZE_PARTICIPATION: readonly Permission[] = ["prizes.submit", "prizes.vote", "prizes.review"];

const GRANTS: Record<Role, ReadonlySet<Permission>> = {
  user: new Set([
    "public",
    "account.self",
    "account.tokens",
    "entries.create",
    ...PRIZE_PARTICIPATION,
    "forum.participate",
  ]),
  moderator: new Set([
    "public",
    "account.self",
    "account.tokens",
    "entries.create",
    "entries.moderate",
    "entries.import",
    ...PRIZE_PARTICIPATION,
    "prizes.secretariat",
    "forum.participate",
    "forum.secretariat",
    "forum.checkin",
  ]),
  admin: new Set(PERMISSIONS),
};

/** Who is acting: a signed-in user, or an API token's holder limited to the token's scopes. */
export interface Actor {
  id: string;
  name: string;
  email: string;
  role: Role;
  emailVerified: boolean;
  /** Set when the request came with an API token: the scopes it grants. */
  scopes: readonly string[] | null;
}

export function hasPermission(actor: Actor | null, permission: Permission): boolean {
  if (permission === "public") return true;
  try {
    requirePermission(actor, permission);
    return true;
  } catch {
    return false;
  }
}

/** API tokens reach only what their scopes name; permissions without a scope need a browser session. */
export const API_SCOPES = [
  "entries:read",
  "entries:write",
  "prizes:write",
  "forum:write",
  "moderation",
] as const;
const SCOPE_FOR: Partial<Record<Permission, (typeof API_SCOPES)[number]>> = {
  "account.self": "entries:read",
  "entries.create": "entries:write",
  "entries.moderate": "moderation",
  // An import publishes what it writes, which is a moderator's power.
  "entries.import": "moderation",
  // Regenerating the dumps is an administrative chore, not a change of data: the same scope.
  "opendata.manage": "moderation",
  // Entering projects and voting, from a script or an app: one scope for a participant's prize actions.
  "prizes.submit": "prizes:write",
  "prizes.vote": "prizes:write",
  "prizes.secretariat": "moderation",
  // Proposing sessions, registering and reading one's agenda from an app: a participant's Forum actions.
  "forum.participate": "forum:write",
  "forum.secretariat": "moderation",
};

/** The scope an API token needs for a permission; null when only a browser session reaches it. */
export function scopeFor(permission: Exclude<Permission, "public">): (typeof API_SCOPES)[number] | null {
  return SCOPE_FOR[permission] ?? null;
}

/** Throws 401 for anonymous callers and 403 for callers who lack the permission; returns the actor. */
export function requirePermission(actor: Actor | null, permission: Exclude<Permission, "public">): Actor {
  if (!actor) throw unauthenticated();
  if (!GRANTS[actor.role].has(permission)) throw forbidden();
  if (actor.scopes) {
    const scope = SCOPE_FOR[permission];
    if (!scope || !actor.scopes.includes(scope)) throw forbidden("insufficient_scope");
  }
  return actor;
}

export function rolePermissions(role: Role): Permission[] {
  return [...GRANTS[role]];
}
