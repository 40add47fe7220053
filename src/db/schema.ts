import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/** Names of reference data per language; `en` is always present. */
export type LocalisedNames = Record<string, string>;

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, T | string, T | string>;

export interface ActionLinesTable {
  code: string;
  names: Json<LocalisedNames>;
  facilitator: string;
  group_code: string | null;
  description: Generated<string>;
  sort_order: number;
}
export interface SdgsTable {
  number: number;
  names: Json<LocalisedNames>;
  colour: string;
}
export interface ActionLineSdgsTable {
  action_line_code: string;
  sdg_number: number;
  rationale: Generated<string>;
}
export interface RegionsTable {
  code: string;
  names: Json<LocalisedNames>;
  sort_order: number;
}
export interface CountriesTable {
  code: string;
  region_code: string | null;
}
export interface CodeListTable {
  code: string;
  names: Json<LocalisedNames>;
  sort_order: number;
}

export type Role = "user" | "moderator" | "admin";

export interface OrganisationsTable {
  id: Generated<string>;
  name: string;
  name_key: string;
  stakeholder_type: string;
  country_code: string | null;
  created_at: Generated<Date>;
}
export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string;
  role: Generated<Role>;
  organisation_id: string | null;
  stakeholder_type: string | null;
  country_code: string | null;
  email_verified_at: Timestamp | null;
  /** One of the UN languages (`Language`); the language of the mail this user receives. */
  language: Generated<string>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}
export type OneTimeTokenPurpose = "verify_email" | "reset_password";
export interface OneTimeTokensTable {
  id: string;
  user_id: string;
  purpose: OneTimeTokenPurpose;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}
export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  scopes: string[];
  created_at: Generated<Date>;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
}

export type EntryState = "draft" | "submitted" | "returned" | "published" | "rejected" | "withdrawn";

export interface EntriesTable {
  id: Generated<string>;
  owner_id: string;
  state: Generated<EntryState>;
  latest_revision_id: string | null;
  published_revision_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  submitted_at: Timestamp | null;
  published_at: Timestamp | null;
  title: string | null;
  description: string | null;
  organisation_name: string | null;
  stakeholder_type: string | null;
  coverage: string | null;
  countries: Generated<string[]>;
  regions: Generated<string[]>;
  action_lines: Generated<string[]>;
  sdgs: Generated<number[]>;
  target_groups: Generated<string[]>;
  project_status: string | null;
  start_year: number | null;
  language: string | null;
  /** The published revision's translations (`EntryTranslation[]`), written by `publishedColumns`. */
  translations: ColumnType<unknown, string | undefined, string>;
  /** Written as a tsvector literal by `publishedColumns`; read back as text. */
  search_vector: ColumnType<string, string | undefined, string>;
}
export interface EntryRevisionsTable {
  id: Generated<string>;
  entry_id: string;
  number: number;
  author_id: string;
  data: Json<Record<string, unknown>>;
  created_at: Generated<Date>;
}
/** An image's bytes and what was read from its header; rows are never updated. */
export interface EntryImagesTable {
  id: Generated<string>;
  entry_id: string;
  uploader_id: string;
  content_type: string;
  bytes: Uint8Array;
  byte_size: number;
  width: number;
  height: number;
  sha256: string;
  created_at: Generated<Date>;
}
/** A WebP rendition of an entry image at one width (see its migration). */
export interface EntryImageRenditionsTable {
  image_id: string;
  width: number;
  height: number;
  bytes: Uint8Array;
  byte_size: number;
}
export type ModerationDecision = "publish" | "return" | "reject";
export interface ModerationDecisionsTable {
  id: Generated<string>;
  entry_id: string;
  revision_id: string;
  moderator_id: string;
  decision: ModerationDecision;
  comment: Generated<string>;
  created_at: Generated<Date>;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Generated<Date>;
  actor_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
  ip: string | null;
}
export interface OutboxTable {
  id: Generated<string>;
  created_at: Generated<Date>;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  sent_at: Timestamp | null;
  error: string | null;
}
export interface IdempotencyKeysTable {
  user_id: string;
  key: string;
  scope: string;
  result: Json<unknown>;
  created_at: Generated<Date>;
}
export interface RateLimitHitsTable {
  key: string;
  count: number;
  reset_at: Timestamp;
}

export interface Database {
  action_lines: ActionLinesTable;
  sdgs: SdgsTable;
  action_line_sdgs: ActionLineSdgsTable;
  regions: RegionsTable;
  countries: CountriesTable;
  stakeholder_types: CodeListTable;
  target_groups: CodeListTable;
  organisations: OrganisationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  one_time_tokens: OneTimeTokensTable;
  api_tokens: ApiTokensTable;
  entries: EntriesTable;
  entry_revisions: EntryRevisionsTable;
  moderation_decisions: ModerationDecisionsTable;
  entry_images: EntryImagesTable;
  entry_image_renditions: EntryImageRenditionsTable;
  audit_log: AuditLogTable;
  outbox: OutboxTable;
  idempotency_keys: IdempotencyKeysTable;
  rate_limit_hits: RateLimitHitsTable;
  search_changes: SearchChangesTable;
  reference_version: ReferenceVersionTable;
}

/** One row, bumped by triggers on every reference table (see its migration). */
export interface ReferenceVersionTable {
  id: Generated<number>;
  version: string;
}

/** The change feed search indexes follow; rows are written by triggers on `entries`. */
export interface SearchChangesTable {
  seq: Generated<string>;
  xid: Generated<string>;
  entry_id: string;
  at: Generated<Date>;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Entry = Selectable<EntriesTable>;
export type EntryRevision = Selectable<EntryRevisionsTable>;
