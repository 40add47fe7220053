import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { conflict, notFound, ValidationError } from "../../platform/errors.ts";
import { ROLES } from "../../platform/permissions.ts";
import { isRowId } from "../../platform/validation.ts";
import { findAccount, type UserSummaryRow } from "../accounts/accounts.repo.ts";
import type { Editor } from "../taxonomy/taxonomy.edit.service.ts";
import {
  type AuditRow,
  auditSubjectTypes,
  countOutbox,
  countUsers,
  listAuditEvents,
  listOutbox,
  listUsers,
  type OutboxRow,
  setUserRole,
} from "./admin.repo.ts";

export const USERS_PAGE_SIZE = 25;
export const OUTBOX_PAGE_SIZE = 25;
export const AUDIT_PAGE_SIZE = 50;
/** Longest search or filter text we pass on to the database; longer input is cut, never an error. */
const FILTER_MAX = 200;

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageCount: number;
}

export async function findUsers(
  db: Kysely<Database>,
  filter: { query: string; page: number },
): Promise<Paged<UserSummaryRow> & { query: string }> {
  const query = filter.query.trim().slice(0, FILTER_MAX);
  const total = await countUsers(db, query);
  const pageCount = Math.max(1, Math.ceil(total / USERS_PAGE_SIZE));
  const page = Math.min(filter.page, pageCount);
  const items = await listUsers(db, { query, limit: USERS_PAGE_SIZE, offset: (page - 1) * USERS_PAGE_SIZE });
  return { items, total, page, pageCount, query };
}

export async function getUser(db: Kysely<Database>, id: string): Promise<UserSummaryRow> {
  const user = isRowId(id) ? await findAccount(db, id) : undefined;
  if (!user) throw notFound("user_not_found");
  return user;
}

/**
 * Changes a user's role. An admin may not change their own: with that rule, the admin acting is
 * always one admin left, so the platform can never be locked out of its administration.
 */
export async function changeUserRole(
  db: Kysely<Database>,
  editor: Editor,
  userId: string,
  roleInput: string,
): Promise<{ changed: boolean }> {
  if (!isRowId(userId)) throw notFound("user_not_found");
  const role = ROLES.find((candidate) => candidate === roleInput.trim());
  if (!role)
    throw new ValidationError([
      { field: "role", code: roleInput.trim() === "" ? "required" : "invalid_value" },
    ]);
  return db.transaction().execute(async (trx) => {
    const user = await findAccount(trx, userId, true);
    if (!user) throw notFound("user_not_found");
    if (user.role === role) return { changed: false };
    if (user.id === editor.actorId) throw conflict("self_demotion");
    await setUserRole(trx, user.id, role);
    await recordAudit(trx, {
      actorId: editor.actorId,
      action: "user.role_change",
      subjectType: "user",
      subjectId: user.id,
      before: { role: user.role },
      after: { role },
      ip: editor.ip,
    });
    return { changed: true };
  });
}

export interface AuditPage {
  items: AuditRow[];
  /** Cursor for the next (older) page, null on the last page. */
  nextBefore: string | null;
  subjectTypes: string[];
  filter: { action: string; subject: string; before: string | null };
}

export async function readAuditLog(
  db: Kysely<Database>,
  input: { action: string; subject: string; before: string },
): Promise<AuditPage> {
  const filter = {
    action: input.action.trim().slice(0, FILTER_MAX),
    subject: input.subject.trim().slice(0, FILTER_MAX),
    before: isRowId(input.before) ? input.before : null,
  };
  const [rows, subjectTypes] = await Promise.all([
    listAuditEvents(db, {
      actionPrefix: filter.action,
      subjectType: filter.subject,
      before: filter.before,
      limit: AUDIT_PAGE_SIZE + 1,
    }),
    auditSubjectTypes(db),
  ]);
  const items = rows.slice(0, AUDIT_PAGE_SIZE);
  const nextBefore = rows.length > AUDIT_PAGE_SIZE ? (items.at(-1)?.id ?? null) : null;
  return { items, nextBefore, subjectTypes, filter };
}

export async function readOutbox(db: Kysely<Database>, requestedPage: number): Promise<Paged<OutboxRow>> {
  const total = await countOutbox(db);
  const pageCount = Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE));
  const page = Math.min(requestedPage, pageCount);
  const items = await listOutbox(db, { limit: OUTBOX_PAGE_SIZE, offset: (page - 1) * OUTBOX_PAGE_SIZE });
  return { items, total, page, pageCount };
}
