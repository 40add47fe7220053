/**
 * The one error module. Every failure a user can cause is an `AppError` with a stable machine
 * `code`; the API turns it into RFC 9457 problem+json, pages show its message next to the field.
 * Messages are catalog keys (`errors.<code>`), translated where they are shown.
 */
export interface FieldError {
  field: string;
  code: string;
  /** Values for the message's ICU placeholders. */
  params?: Record<string, string | number>;
}

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly params: Record<string, string | number> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
  }
}

export class ValidationError extends AppError {
  constructor(readonly fieldErrors: FieldError[]) {
    super("validation_failed", 400);
  }
}

export const notFound = (code = "not_found") => new AppError(code, 404);
export const forbidden = (code = "forbidden") => new AppError(code, 403);
export const unauthenticated = () => new AppError("authentication_required", 401);
export const conflict = (code: string, params: Record<string, string | number> = {}) =>
  new AppError(code, 409, params);
export const tooManyRequests = (retryAfterSeconds: number) =>
  new AppError(
    "rate_limited",
    429,
    { seconds: retryAfterSeconds },
    { "retry-after": String(retryAfterSeconds) },
  );

/**
 * Every code the platform emits, with its HTTP status; the API reference and the message catalogs
 * are checked against this list so no code ships undocumented or untranslated.
 */
export const ERROR_CODES = {
  validation_failed: 400,
  invalid_json: 400,
  bad_request: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  authentication_required: 401,
  invalid_credentials: 401,
  email_not_verified: 403,
  invalid_token: 401,
  insufficient_scope: 403,
  forbidden: 403,
  csrf_invalid: 403,
  not_found: 404,
  entry_not_found: 404,
  entry_merged: 308,
  duplicate_not_found: 404,
  image_not_found: 404,
  translation_not_found: 404,
  user_not_found: 404,
  reference_not_found: 404,
  invalid_state_transition: 409,
  duplicate_not_open: 409,
  merge_into_self: 409,
  merge_entry_unavailable: 409,
  merge_survivor_not_public: 409,
  idempotency_conflict: 409,
  email_taken: 409,
  reference_in_use: 409,
  self_demotion: 409,
  link_expired: 410,
  link_used: 410,
  link_invalid: 400,
  invalid_cursor: 400,
  import_file_too_large: 413,
  import_too_many_rows: 413,
  import_unsupported_format: 415,
  import_encoding: 400,
  import_unexpected_bom: 400,
  import_malformed_csv: 400,
  import_columns: 400,
  import_empty: 400,
  import_invalid_xlsx: 400,
  import_xlsx_formulas: 400,
  import_xlsx_sheets: 400,
  import_zip_bomb: 413,
  import_not_found: 404,
  import_not_ready: 409,
  import_has_errors: 409,
  import_outdated: 409,
  dump_not_found: 404,
  dump_in_progress: 409,
  review_not_expert: 403,
  review_submission_not_found: 404,
  review_expert_not_found: 404,
  review_conflicted: 409,
  review_phase_closed: 409,
  nominees_published: 409,
  nominees_review_open: 409,
  nominees_none_selected: 409,
  voting_closed: 409,
  vote_already_cast: 409,
  nominee_not_found: 404,
  vote_not_found: 404,
  vote_flag_not_found: 404,
  vote_already_invalidated: 409,
  vote_flag_not_open: 409,
  results_not_published: 404,
  results_already_published: 409,
  results_voting_not_ended: 409,
  results_not_champion: 409,
  results_winners_missing: 409,
  certificate_not_found: 404,
  photo_not_found: 404,
  photo_entries_closed: 409,
  photo_limit_reached: 409,
  photo_judging_not_open: 409,
  photo_not_shortlisted: 409,
  photo_rank_taken: 409,
  photo_winners_incomplete: 409,
  photo_results_published: 409,
  photo_not_juror: 403,
  photo_own_entry: 409,
  photo_jury_empty: 409,
  photo_juror_not_found: 404,
  prize_edition_not_found: 404,
  prize_submission_not_found: 404,
  prize_submission_closed: 409,
  prize_submission_not_yet_open: 409,
  prize_submission_not_open: 409,
  prize_submission_locked: 409,
  prize_no_organisation: 409,
  prize_entry_not_owned: 403,
  prize_entry_not_enterable: 409,
  prize_entry_already_entered: 409,
  prize_previous_winner: 409,
  submission_exists: 409,
  prize_phase_closed: 409,
  prize_special_prize_not_found: 404,
  prize_special_prize_in_use: 409,
  forum_edition_not_found: 404,
  forum_ocp_closed: 409,
  forum_ocp_not_yet_open: 409,
  forum_request_not_found: 404,
  forum_request_locked: 409,
  forum_request_not_submitted: 409,
  forum_request_other_edition: 409,
  forum_merge_not_workshop: 409,
  forum_programme_empty: 409,
  forum_programme_unchanged: 409,
  forum_room_not_found: 404,
  forum_track_not_found: 404,
  forum_room_in_use: 409,
  forum_track_in_use: 409,
  forum_outcome_not_organiser: 403,
  forum_session_not_ended: 409,
  forum_outcomes_compiled: 409,
  forum_outcomes_not_compiled: 409,
  forum_outcomes_published: 409,
  forum_outcomes_not_published: 404,
  forum_session_not_found: 404,
  forum_registration_not_open: 409,
  forum_registration_closed: 409,
  forum_accreditation_closed: 409,
  forum_already_registered: 409,
  forum_registration_not_found: 404,
  forum_registration_not_pending: 409,
  forum_not_focal_point: 403,
  forum_focal_point_not_found: 404,
  forum_places_not_limited: 409,
  forum_session_not_open: 409,
  forum_not_registered_onsite: 409,
  forum_place_not_found: 404,
  forum_badge_not_available: 404,
  forum_ical_feed_not_found: 404,
  forum_ical_feed_revoked: 404,
  forum_ical_token_not_found: 404,
  rate_limited: 429,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The field-level validation codes services may emit (`fields.<code>` in the catalogs). */
export const FIELD_ERROR_CODES = [
  "required",
  "too_long",
  "too_short",
  "invalid_email",
  "weak_password",
  "email_taken",
  "unknown_code",
  "invalid_date",
  "end_before_start",
  "invalid_url",
  "invalid_value",
  "too_many",
  "passwords_differ",
  "duplicate",
  "out_of_range",
  "too_many_words",
  "same_as_original",
  "translation_exists",
  "unknown_account",
  "unknown_entry",
  "withdrawn_entry",
  "extra_cells",
  "duplicate_row",
  "too_few_words",
  "not_an_image",
  "under_age",
  "nonexistent_local_time",
  "phase_overlap",
  "in_use",
  "extension_not_later",
  "juror_unknown",
  "not_a_finalist",
  "share_total",
  "no_such_account",
  "no_organisation",
  "slot_overlap",
  "outside_room_hours",
  "over_capacity",
  "speaker_busy",
] as const;
