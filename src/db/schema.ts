import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";
import type { ForumDatabase } from "./schema-forum.ts";
import type { PrizesDatabase } from "./schema-prizes.ts";

/** Names of reference data per language; `en` is always present. */
export type LocalisedNames = Record<string, string>;

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type Json<T> = ColumnType<T, T | string, T | string>;

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

export type EntryState =
  | "draft"
  | "submitted"
  | "returned"
  | "published"
  | "rejected"
  | "withdrawn"
  /** Retired into another entry (`merged_into_id`) as a duplicate; its revisions stay. */
  | "merged";

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
  /** The entry this one was merged into (state `merged`); its old URL redirects there. */
  merged_into_id: ColumnType<string | null, string | null | undefined, string | null>;
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

export type DuplicateStatus = "open" | "not_duplicate" | "merged";
/** A pair of likely duplicate entries (`entry_a < entry_b`), flagged once and decided by a moderator. */
export interface DuplicateCandidatesTable {
  id: Generated<string>;
  entry_a: string;
  entry_b: string;
  title_score: number;
  organisation_score: number;
  description_score: number;
  status: Generated<DuplicateStatus>;
  survivor_id: string | null;
  flagged_at: Generated<Date>;
  decided_by: string | null;
  decided_at: Timestamp | null;
}

export interface Database extends PrizesDatabase, ForumDatabase {
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
  import_jobs: ImportJobsTable;
  import_files: ImportFilesTable;
  import_rows: ImportRowsTable;
  import_external_ids: ImportExternalIdsTable;
  import_written: ImportWrittenTable;
  duplicate_candidates: DuplicateCandidatesTable;
  open_data_runs: OpenDataRunsTable;
  open_data_dumps: OpenDataDumpsTable;
  open_data_dump_chunks: OpenDataDumpChunksTable;
}

/** One regeneration of the open-data dumps (see its migration); at most one is `running`. */
export interface OpenDataRunsTable {
  id: Generated<string>;
  trigger: "daily" | "admin";
  requested_by: string | null;
  status: Generated<"running" | "done" | "failed">;
  started_at: Generated<Date>;
  finished_at: Timestamp | null;
  lease_until: Timestamp;
  error: string | null;
}
/** One dump file of a run; only `ready` ones are listed and served. */
export interface OpenDataDumpsTable {
  id: Generated<string>;
  run_id: string;
  format: "csv" | "ndjson";
  status: Generated<"building" | "ready">;
  generated_at: Timestamp;
  row_count: ColumnType<string, number | string | undefined, number | string>;
  byte_size: ColumnType<string, number | string | undefined, number | string>;
  sha256: string | null;
  chunk_count: Generated<number>;
  created_at: Generated<Date>;
  ready_at: Timestamp | null;
}
/** A dump's gzip bytes, 1 MB a row, in order of `seq`. */
export interface OpenDataDumpChunksTable {
  dump_id: string;
  seq: number;
  data: Uint8Array;
}

export type ImportStatus = "validating" | "ready" | "invalid" | "committing" | "committed" | "failed";
export type ImportOutcome = "create" | "update" | "unchanged" | "error";
/** One bulk import (see its migration): the upload, the dry run's progress and counts, the state. */
export interface ImportJobsTable {
  id: Generated<string>;
  user_id: string;
  source: string;
  filename: Generated<string>;
  format: "csv" | "xlsx";
  byte_size: ColumnType<string, number | string, number | string>;
  sha256: string;
  language: Generated<string>;
  status: Generated<ImportStatus>;
  auto_commit: Generated<boolean>;
  rows_total: Generated<number>;
  rows_done: Generated<number>;
  creates: Generated<number>;
  updates: Generated<number>;
  unchanged: Generated<number>;
  error_rows: Generated<number>;
  reference_version: string | null;
  error: Json<{ code: string; params?: Record<string, string | number> }> | null;
  lease_until: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  validated_at: Timestamp | null;
  committed_at: Timestamp | null;
  committed_by: string | null;
  followups_pending: Generated<boolean>;
  followups_row: Generated<number>;
  followups_done: Generated<number>;
}
export interface ImportFilesTable {
  job_id: string;
  gzip: Uint8Array;
}
export interface ImportRowsTable {
  job_id: string;
  row_number: number;
  outcome: ImportOutcome;
  external_id: string | null;
  entry_id: string | null;
  base_revision_id: string | null;
  base_published_revision_id: string | null;
  owner_id: string | null;
  map_external_id: Generated<boolean>;
  title: Generated<string>;
  errors: Json<Array<{ column: string; code: string; params?: Record<string, string | number> }>> | null;
}
export interface ImportWrittenTable {
  job_id: string;
  row_number: number;
  entry_id: string;
}
export interface ImportExternalIdsTable {
  source: string;
  external_id: string;
  entry_id: string;
  job_id: string | null;
  created_at: Generated<Date>;
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

export type * from "./schema-forum.ts";
// The prizes domain's tables are declared beside this file, to keep each file readable.
export type * from "./schema-prizes.ts";
