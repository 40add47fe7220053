import type { Role } from "../../db/schema.ts";
import type { UserSummaryRow } from "../accounts/accounts.repo.ts";
import type { AuditRow, OutboxRow } from "./admin.repo.ts";

/** Admin page and API shapes; rows never leave as they are (no password hashes, no raw columns). */

export interface AdminUserView {
  id: string;
  name: string;
  email: string;
  role: Role;
  verified: boolean;
  organisation: string | null;
  createdAt: string;
}

export function presentUser(row: UserSummaryRow): AdminUserView {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    verified: row.email_verified_at !== null,
    organisation: row.organisation_name,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export interface AuditEventView {
  id: string;
  at: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  /** Null for changes made by the system (seeding, start-up). */
  actor: { id: string; name: string | null; email: string | null } | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

// PGlite and pg both parse jsonb, but a value written as a JSON string may come back as text.
function parseJson(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

export function presentAuditEvent(row: AuditRow): AuditEventView {
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    actor: row.actor_id ? { id: row.actor_id, name: row.actor_name, email: row.actor_email } : null,
    before: parseJson(row.before),
    after: parseJson(row.after),
    ip: row.ip,
  };
}

export type MailState = "sent" | "failed" | "pending";

export interface MailView {
  id: string;
  createdAt: string;
  to: string;
  subject: string;
  text: string;
  state: MailState;
  sentAt: string | null;
  error: string | null;
}

export function presentMail(row: OutboxRow): MailView {
  return {
    id: row.id,
    createdAt: new Date(row.created_at).toISOString(),
    to: row.to_address,
    subject: row.subject,
    text: row.text_body,
    state: row.sent_at ? "sent" : row.error ? "failed" : "pending",
    sentAt: row.sent_at ? new Date(row.sent_at).toISOString() : null,
    error: row.error,
  };
}

/** JSON for a `<pre>`: indented, or empty when there is nothing. */
export function prettyJson(value: unknown): string {
  return value === null || value === undefined ? "" : JSON.stringify(value, null, 2);
}
