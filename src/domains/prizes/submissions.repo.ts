import { type Kysely, sql, type Transaction, type Updateable } from "kysely";
import type { Database, EntryState, PrizeSubmissionStatus, PrizeSubmissionsTable } from "../../db/schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** What the submitter writes, as stored: read alike by the submitter's pages and the experts'. */
export interface SubmissionContent {
  title: string;
  short_description: string;
  action_line_sdg_links: string;
  gdc_objectives: number[];
  impact: string;
  partnerships: string;
  challenges: string;
}

/** The columns of `SubmissionContent`, on `prize_submissions as s`, in the order above. */
export const SUBMISSION_CONTENT_COLUMNS = [
  "s.title",
  "s.short_description",
  "s.action_line_sdg_links",
  "s.gdc_objectives",
  "s.impact",
  "s.partnerships",
  "s.challenges",
] as const;

/** A submission with what its pages need of its edition. */
export interface SubmissionRecord extends SubmissionContent {
  id: string;
  edition_id: string;
  year: number;
  time_zone: string;
  category_code: string;
  entry_id: string;
  organisation_id: string;
  submitter_id: string;
  status: PrizeSubmissionStatus;
  project_stage: "completed" | "major_phase_end" | null;
  status_reason: string | null;
  created_at: Date;
  updated_at: Date;
  submitted_at: Date | null;
}

function submissionQuery(db: Db) {
  return db
    .selectFrom("prize_submissions as s")
    .innerJoin("prize_editions as e", "e.id", "s.edition_id")
    .select([
      "s.id",
      "s.edition_id",
      "e.year",
      "e.time_zone",
      "s.category_code",
      "s.entry_id",
      "s.organisation_id",
      "s.submitter_id",
      "s.status",
      "s.project_stage",
      ...SUBMISSION_CONTENT_COLUMNS,
      "s.status_reason",
      "s.created_at",
      "s.updated_at",
      "s.submitted_at",
    ]);
}

// Both drivers read int[] as a JS array; normalise anyway, since the FK-free array column is free-form.
const toRecord = (row: Omit<SubmissionRecord, "gdc_objectives"> & { gdc_objectives: unknown }) => ({
  ...row,
  gdc_objectives: Array.isArray(row.gdc_objectives) ? row.gdc_objectives.map(Number) : [],
});

export async function findSubmission(db: Db, id: string): Promise<SubmissionRecord | undefined> {
  const row = await submissionQuery(db).where("s.id", "=", id).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** The submission's row locked for a change, so a save and a withdrawal cannot interleave. */
export async function lockSubmission(
  trx: Transaction<Database>,
  id: string,
): Promise<SubmissionRecord | undefined> {
  const row = await submissionQuery(trx).where("s.id", "=", id).forUpdate("s").executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** One submitter's submissions, newest edition first, then by category order. */
export async function listSubmissionsBySubmitter(db: Db, submitterId: string): Promise<SubmissionRecord[]> {
  const rows = await submissionQuery(db)
    .where("s.submitter_id", "=", submitterId)
    .orderBy("e.year", "desc")
    .orderBy("s.created_at", "desc")
    .orderBy("s.id", "desc")
    .execute();
  return rows.map(toRecord);
}

export async function insertSubmission(
  trx: Transaction<Database>,
  values: {
    edition_id: string;
    category_code: string;
    entry_id: string;
    organisation_id: string;
    submitter_id: string;
  } & Updateable<PrizeSubmissionsTable>,
): Promise<string> {
  const row = await trx
    .insertInto("prize_submissions")
    .values(values as typeof values & { edition_id: string })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateSubmissionRow(
  trx: Transaction<Database>,
  id: string,
  values: Updateable<PrizeSubmissionsTable>,
): Promise<void> {
  await trx
    .updateTable("prize_submissions")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

/** What eligibility needs of a stocktaking entry: who owns it, whether it is public, its title. */
export interface EntrySummary {
  id: string;
  owner_id: string;
  state: EntryState;
  published_revision_id: string | null;
  title: string;
}

function entrySummaryQuery(db: Db) {
  return db
    .selectFrom("entries")
    .leftJoin("entry_revisions as latest", "latest.id", "entries.latest_revision_id")
    .select([
      "entries.id",
      "entries.owner_id",
      "entries.state",
      "entries.published_revision_id",
      sql<string>`coalesce(entries.title, latest.data->>'title', '')`.as("title"),
    ]);
}

export async function findEntrySummary(db: Db, entryId: string): Promise<EntrySummary | undefined> {
  return entrySummaryQuery(db).where("entries.id", "=", entryId).executeTakeFirst();
}

/**
 * The owner's entries that may be entered: public ones (published, possibly with a newer draft)
 * and those awaiting moderation. Withdrawn and merged entries are out of the database.
 */
export async function listEnterableEntries(db: Db, ownerId: string): Promise<EntrySummary[]> {
  return entrySummaryQuery(db)
    .where("entries.owner_id", "=", ownerId)
    .where("entries.state", "not in", ["withdrawn", "merged"])
    .where((eb) =>
      eb.or([eb("entries.state", "=", "submitted"), eb("entries.published_revision_id", "is not", null)]),
    )
    .orderBy("entries.updated_at", "desc")
    .orderBy("entries.id", "desc")
    .limit(200)
    .execute();
}

/** The user's organisation (the "entity" of one project per entity per category), if any. */
export async function findUserOrganisation(
  db: Db,
  userId: string,
): Promise<{ id: string; name: string } | undefined> {
  return db
    .selectFrom("users")
    .innerJoin("organisations", "organisations.id", "users.organisation_id")
    .select(["organisations.id", "organisations.name"])
    .where("users.id", "=", userId)
    .executeTakeFirst();
}

/** The year of an earlier edition this entry won, if it did (previous winners are not eligible). */
export async function findEarlierWin(db: Db, entryId: string, year: number): Promise<number | undefined> {
  const row = await db
    .selectFrom("prize_awards as a")
    .innerJoin("prize_submissions as s", "s.id", "a.submission_id")
    .innerJoin("prize_editions as e", "e.id", "a.edition_id")
    .select("e.year")
    .where("a.award", "=", "winner")
    .where("s.entry_id", "=", entryId)
    .where("e.year", "<", year)
    .orderBy("e.year", "desc")
    .executeTakeFirst();
  return row?.year;
}

/** A live (not withdrawn) submission of the edition matching `where`, other than `exceptId`. */
export async function findLiveSubmission(
  db: Db,
  editionId: string,
  where: { category?: string; organisationId?: string; entryId?: string },
  exceptId?: string,
): Promise<string | undefined> {
  let query = db
    .selectFrom("prize_submissions")
    .select("id")
    .where("edition_id", "=", editionId)
    .where("status", "<>", "withdrawn");
  if (where.category !== undefined) query = query.where("category_code", "=", where.category);
  if (where.organisationId !== undefined) query = query.where("organisation_id", "=", where.organisationId);
  if (where.entryId !== undefined) query = query.where("entry_id", "=", where.entryId);
  if (exceptId !== undefined) query = query.where("id", "<>", exceptId);
  return (await query.executeTakeFirst())?.id;
}
