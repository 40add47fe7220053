import type { ApiTokenRow } from "./api-tokens.repo.ts";

export type TokenStatus = "active" | "expired" | "revoked";

/** A token as its owner's list shows it. */
export interface ApiTokenView {
  id: string;
  name: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  status: TokenStatus;
}

export function toApiTokenView(row: ApiTokenRow, now = new Date()): ApiTokenView {
  const expiresAt = row.expires_at ? new Date(row.expires_at) : null;
  const status: TokenStatus = row.revoked_at
    ? "revoked"
    : expiresAt && expiresAt <= now
      ? "expired"
      : "active";
  return {
    id: String(row.id),
    name: row.name,
    scopes: row.scopes,
    createdAt: new Date(row.created_at),
    lastUsedAt: row.last_used_at ? new Date(row.last_used_at) : null,
    expiresAt,
    status,
  };
}
