import { type Kysely, sql, type Transaction } from "kysely";
import type { Database, Role } from "../../db/schema.ts";
import type { UserSummaryRow } from "../accounts/accounts.repo.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** Case-insensitive substring of name or email; `strpos` needs no escaping of `%` and `_`. */
function userSearch(query: string) {
  return sql<boolean>`(strpos(lower(users.name), lower(${query})) > 0 or strpos(lower(users.email), lower(${query})) > 0)`;
}

function usersQuery(db: Db, query: string) {
  let select = db.selectFrom("users").leftJoin("organisations", "organisations.id", "users.organisation_id");
  if (query) select = select.where(userSearch(query));
  return select;
}

/** Newest accounts first. */
export async function listUsers(
  db: Db,
  filter: { query: string; limit: number; offset: number },
): Promise<UserSummaryRow[]> {
  return usersQuery(db, filter.query)
    .select([
      "users.id",
      "users.name",
      "users.email",
      "users.role",
      "users.email_verified_at",
      "users.created_at",
      "users.stakeholder_type",
      "users.country_code",
      "organisations.name as organisation_name",
    ])
    .orderBy("users.created_at", "desc")
    .orderBy("users.id", "desc")
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
}

export async function countUsers(db: Db, query: string): Promise<number> {
  const row = await usersQuery(db, query)
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

export async function setUserRole(trx: Transaction<Database>, id: string, role: Role): Promise<void> {
  await trx.updateTable("users").set({ role, updated_at: sql<Date>`now()` }).where("id", "=", id).execute();
}

export interface AuditRow {
  id: string;
  at: Date;
  action: string;
  subject_type: string;
  subject_id: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  actor_id: string | null;
  actor_name: string | null;
  actor_email: string | null;
}

/** Newest first, by id (insertion order) so a keyset cursor `before` pages without gaps or repeats. */
export async function listAuditEvents(
  db: Db,
  filter: { actionPrefix: string; subjectType: string; before: string | null; limit: number },
): Promise<AuditRow[]> {
  let query = db
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_id")
    .select([
      "audit_log.id",
      "audit_log.at",
      "audit_log.action",
      "audit_log.subject_type",
      "audit_log.subject_id",
      "audit_log.before",
      "audit_log.after",
      "audit_log.ip",
      "audit_log.actor_id",
      "users.name as actor_name",
      "users.email as actor_email",
    ]);
  if (filter.actionPrefix)
    query = query.where(sql<boolean>`starts_with(audit_log.action, ${filter.actionPrefix})`);
  if (filter.subjectType) query = query.where("audit_log.subject_type", "=", filter.subjectType);
  if (filter.before) query = query.where(sql<boolean>`audit_log.id < ${filter.before}::bigint`);
  return query.orderBy("audit_log.id", "desc").limit(filter.limit).execute();
}

export async function auditSubjectTypes(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom("audit_log")
    .select("subject_type")
    .distinct()
    .orderBy("subject_type")
    .execute();
  return rows.map((row) => row.subject_type);
}

export interface OutboxRow {
  id: string;
  created_at: Date;
  to_address: string;
  subject: string;
  text_body: string;
  sent_at: Date | null;
  error: string | null;
}

export async function listOutbox(db: Db, page: { limit: number; offset: number }): Promise<OutboxRow[]> {
  return db
    .selectFrom("outbox")
    .select(["id", "created_at", "to_address", "subject", "text_body", "sent_at", "error"])
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countOutbox(db: Db): Promise<number> {
  const row = await db
    .selectFrom("outbox")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}
