import type { ColumnType, Generated } from "kysely";
import type { Json, LocalisedNames, Timestamp } from "./schema.ts";

/** The WSIS Prizes tables (migrations T1800–T1850); `Database` in schema.ts extends this. */
export interface PrizesDatabase {
  prize_editions: PrizeEditionsTable;
  prize_phases: PrizePhasesTable;
  prize_categories: PrizeCategoriesTable;
  prize_criteria: PrizeCriteriaTable;
  prize_submissions: PrizeSubmissionsTable;
  prize_votes: PrizeVotesTable;
  prize_awards: PrizeAwardsTable;
  prize_vote_flags: PrizeVoteFlagsTable;
  prize_vote_flag_votes: PrizeVoteFlagVotesTable;
  prize_winner_picks: PrizeWinnerPicksTable;
  prize_results: PrizeResultsTable;
  prize_photos: PrizePhotosTable;
  prize_photo_renditions: PrizePhotoRenditionsTable;
  prize_photo_results: PrizePhotoResultsTable;
  prize_photo_jurors: PrizePhotoJurorsTable;
  prize_special_prizes: PrizeSpecialPrizesTable;
  prize_special_prize_jurors: PrizeSpecialPrizeJurorsTable;
  prize_experts: PrizeExpertsTable;
  prize_conflicts: PrizeConflictsTable;
  prize_scores: PrizeScoresTable;
  prize_nominations: PrizeNominationsTable;
  prize_phase_changes: PrizePhaseChangesTable;
}

/** The phases of a prize edition, in the order they run. */
export type PrizePhase = "submission" | "review" | "nomination" | "voting" | "evaluation" | "results";
export type PrizeSubmissionStatus =
  | "draft"
  | "submitted"
  | "ineligible"
  | "nominated"
  | "not_nominated"
  | "withdrawn";

/** One WSIS Prizes contest (see its migration). */
export interface PrizeEditionsTable {
  id: Generated<string>;
  year: number;
  theme: ColumnType<LocalisedNames, string | undefined, string>;
  time_zone: Generated<string>;
  /** The edition's rule switches (`PrizeRules` in the prizes domain). */
  rules: ColumnType<Record<string, unknown>, string | undefined, string>;
  /** Real figures of an edition run before this platform; null for editions run here. */
  past_figures: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  nominees_published_at: Timestamp | null;
  results_published_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export interface PrizePhasesTable {
  edition_id: string;
  phase: PrizePhase;
  starts_at: Timestamp;
  ends_at: Timestamp;
}
/** A phase opening or closing by the clock, recorded once in the audit log (T1870). */
export interface PrizePhaseChangesTable {
  edition_id: string;
  phase: PrizePhase;
  change: "open" | "close";
  at: Timestamp;
  recorded_at: Generated<Date>;
}
export interface PrizeCategoriesTable {
  edition_id: string;
  code: string;
  sort_order: number;
}
export interface PrizeCriteriaTable {
  edition_id: string;
  code: string;
  names: Json<LocalisedNames>;
  /** numeric(5,2): read as text by both drivers. */
  weight: ColumnType<string, number | string, number | string>;
  sort_order: number;
}
export interface PrizeSubmissionsTable {
  id: Generated<string>;
  edition_id: string;
  category_code: string;
  entry_id: string;
  organisation_id: string;
  submitter_id: string;
  status: Generated<PrizeSubmissionStatus>;
  project_stage: "completed" | "major_phase_end" | null;
  title: Generated<string>;
  short_description: Generated<string>;
  action_line_sdg_links: Generated<string>;
  gdc_objectives: Generated<number[]>;
  impact: Generated<string>;
  partnerships: Generated<string>;
  challenges: Generated<string>;
  /** Why the secretariat set it ineligible, or another status change's reason. */
  status_reason: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  submitted_at: Timestamp | null;
}
/** One vote; unique per (edition, category, voter). Invalidated votes stay, with their reason. */
export interface PrizeVotesTable {
  id: Generated<string>;
  edition_id: string;
  category_code: string;
  submission_id: string;
  voter_id: string;
  receipt: string;
  ip: string | null;
  cast_at: Generated<Date>;
  invalidated_at: Timestamp | null;
  invalidated_by: string | null;
  invalidation_reason: string | null;
  /** The random value the receipt hash covers (T1830; null on votes cast before it). */
  receipt_nonce: string | null;
  /** The /24 or /48 network the vote came from, for burst screening (T1830). */
  ip_range: string | null;
}
/** A champion (`rank` by votes) or the winner of a category; see its migration. */
export interface PrizeAwardsTable {
  edition_id: string;
  category_code: string;
  submission_id: string;
  award: "champion" | "winner";
  rank: number | null;
  votes: number | null;
  decided_by: string | null;
  decided_at: Generated<Date>;
}
/** An expert assigned to review one category of an edition (see the prize-review migration). */
export interface PrizeExpertsTable {
  edition_id: string;
  category_code: string;
  user_id: string;
  assigned_by: string | null;
  assigned_at: Generated<Date>;
}
/** An expert's declared conflict of interest on a submission: it is hidden from them. */
export interface PrizeConflictsTable {
  submission_id: string;
  edition_id: string;
  category_code: string;
  expert_id: string;
  reason: string;
  declared_at: Generated<Date>;
}
/** One expert's score (0–10) of a submission against one criterion; blind to other experts. */
export interface PrizeScoresTable {
  submission_id: string;
  edition_id: string;
  category_code: string;
  expert_id: string;
  criterion_code: string;
  score: number;
  comment: Generated<string>;
  updated_at: Generated<Date>;
}
/** A submission the secretariat selected for the nominated list, before and after publication. */
export interface PrizeNominationsTable {
  submission_id: string;
  edition_id: string;
  category_code: string;
  selected_by: string | null;
  selected_at: Generated<Date>;
}
/** A special prize of an edition, with its own rules, timeline, jury and finalists (see its migration). */
export interface PrizeSpecialPrizesTable {
  id: Generated<string>;
  edition_id: string;
  code: string;
  names: Json<LocalisedNames>;
  rules: Generated<string>;
  starts_at: Timestamp;
  ends_at: Timestamp;
  finalists: Generated<string[]>;
  winner: string | null;
  sort_order: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
/** A juror of a special prize: an account of the platform. */
export interface PrizeSpecialPrizeJurorsTable {
  special_prize_id: string;
  user_id: string;
}
/** A photo entered in an edition's Photo Contest (see its migration); `bytes` carry no metadata. */
export interface PrizePhotosTable {
  id: Generated<string>;
  edition_id: string;
  entrant_id: string;
  slot: number;
  caption: string;
  sdgs: number[];
  licence: string;
  owns_rights: boolean;
  persons_consented: boolean;
  adult_confirmed: boolean;
  content_type: string;
  bytes: Uint8Array;
  byte_size: number;
  width: number;
  height: number;
  sha256: string;
  shortlisted_at: Timestamp | null;
  shortlisted_by: string | null;
  winner_rank: number | null;
  ranked_by: string | null;
  ranked_at: Timestamp | null;
  created_at: Generated<Date>;
}
/** A WebP rendition of a contest photo at one width. */
export interface PrizePhotoRenditionsTable {
  photo_id: string;
  width: number;
  height: number;
  bytes: Uint8Array;
  byte_size: number;
}
/** A juror of an edition's Photo Contest (migration T1880). */
export interface PrizePhotoJurorsTable {
  edition_id: string;
  user_id: string;
  assigned_by: string | null;
  assigned_at: Generated<Date>;
}
/** When the Photo Contest jury published its winners for an edition. */
export interface PrizePhotoResultsTable {
  edition_id: string;
  published_at: Generated<Date>;
  published_by: string;
}
/** The expert group's winner of a category, recorded before the results are published. */
export interface PrizeWinnerPicksTable {
  edition_id: string;
  category_code: string;
  submission_id: string;
  decided_by: string;
  decided_at: Generated<Date>;
}
/** The count of an edition as published (frozen with its awards). */
export interface PrizeResultsTable {
  edition_id: string;
  counted: number;
  not_counted: number;
  invalidated: Json<Array<{ reason: string; count: number }>>;
  published_by: string;
  published_at: Generated<Date>;
}
export type PrizeVoteFlagKind = "ip_burst" | "fresh_accounts" | "email_alias";
/** A suspicious group of votes found by screening, for the secretariat's review (T1830). */
export interface PrizeVoteFlagsTable {
  id: Generated<string>;
  edition_id: string;
  kind: PrizeVoteFlagKind;
  group_key: string;
  vote_count: Generated<number>;
  status: Generated<"open" | "cleared" | "invalidated">;
  detected_at: Generated<Date>;
  updated_at: Generated<Date>;
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
  review_note: string | null;
}
/** The votes a screening flag covers. */
export interface PrizeVoteFlagVotesTable {
  flag_id: string;
  vote_id: string;
}
