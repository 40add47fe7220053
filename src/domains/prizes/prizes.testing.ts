import type { Kysely } from "kysely";
import type { Database, PrizePhase, PrizeSubmissionStatus } from "../../db/schema.ts";
import { makeEntry } from "../../testing/entry-factory.ts";
import { makeUser } from "../../testing/factories.ts";
import { PRIZE_PHASES } from "./prize-phases.ts";
import type { PrizeRules } from "./prize-rules.ts";

/** The nomination criteria of DOMAIN.md, with equal weights, as test editions get them. */
export const TEST_CRITERIA = [
  "relevance",
  "impact",
  "empowerment",
  "sdg_relevance",
  "replication",
  "sustainability",
  "partnerships",
  "wsis_values",
] as const;

const DAY = 24 * 60 * 60 * 1000;
let yearSequence = 0;

export interface TestEdition {
  id: string;
  year: number;
  categories: string[];
}

/**
 * An edition with all 18 categories, the eight criteria and six consecutive week-long phases laid
 * out so that `openPhase` is open now (null: all phases are in the past). Each call gets its own
 * year unless one is given.
 */
export async function makePrizeEdition(
  db: Kysely<Database>,
  options: {
    year?: number;
    openPhase?: PrizePhase | null;
    rules?: Partial<PrizeRules>;
    timeZone?: string;
  } = {},
): Promise<TestEdition> {
  yearSequence += 1;
  const year = options.year ?? 2030 + ((process.pid + yearSequence * 7) % 60);
  const open = options.openPhase === undefined ? "submission" : options.openPhase;
  const openIndex = open === null ? PRIZE_PHASES.length : PRIZE_PHASES.indexOf(open);
  const edition = await db
    .insertInto("prize_editions")
    .values({
      year,
      theme: JSON.stringify({ en: `Test edition ${year}` }),
      time_zone: options.timeZone ?? "Europe/Zurich",
      rules: JSON.stringify(options.rules ?? {}),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const now = Date.now();
  // The open phase started a day ago; the others follow on weekly, before and after it.
  const firstStart = now - DAY - openIndex * 7 * DAY;
  await db
    .insertInto("prize_phases")
    .values(
      PRIZE_PHASES.map((phase, index) => ({
        edition_id: edition.id,
        phase,
        starts_at: new Date(firstStart + index * 7 * DAY),
        ends_at: new Date(firstStart + (index + 1) * 7 * DAY),
      })),
    )
    .execute();
  const lines = await db.selectFrom("action_lines").select("code").orderBy("sort_order").execute();
  const categories = lines.map((line) => line.code);
  await db
    .insertInto("prize_categories")
    .values(categories.map((code, index) => ({ edition_id: edition.id, code, sort_order: index + 1 })))
    .execute();
  await db
    .insertInto("prize_criteria")
    .values(
      TEST_CRITERIA.map((code, index) => ({
        edition_id: edition.id,
        code,
        names: JSON.stringify({ en: code.replace("_", " ") }),
        weight: 12.5,
        sort_order: index + 1,
      })),
    )
    .execute();
  return { id: edition.id, year, categories };
}

/** An organisation of its own, for a submitter (one project per entity per category). */
export async function makeOrganisation(db: Kysely<Database>, name?: string): Promise<string> {
  yearSequence += 1;
  const label = name ?? `Test Organisation ${process.pid}-${yearSequence}`;
  const row = await db
    .insertInto("organisations")
    .values({
      name: label,
      name_key: label.toLowerCase(),
      stakeholder_type: "civil_society",
      country_code: "KE",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface TestSubmission {
  id: string;
  entryId: string;
  submitterId: string;
  organisationId: string;
}

/**
 * A submission in `category` with a published entry behind it, by a new submitter of a new
 * organisation unless given; `status` defaults to `submitted` (use `nominated` for nominees).
 */
export async function makePrizeSubmission(
  db: Kysely<Database>,
  edition: TestEdition,
  options: {
    category?: string;
    status?: PrizeSubmissionStatus;
    submitterId?: string;
    organisationId?: string;
  } = {},
): Promise<TestSubmission> {
  const organisationId = options.organisationId ?? (await makeOrganisation(db));
  const submitterId = options.submitterId ?? (await makeUser(db)).id;
  await db
    .updateTable("users")
    .set({ organisation_id: organisationId })
    .where("id", "=", submitterId)
    .execute();
  const entry = await makeEntry(db, submitterId, { state: "published" });
  const status = options.status ?? "submitted";
  const row = await db
    .insertInto("prize_submissions")
    .values({
      edition_id: edition.id,
      category_code: options.category ?? (edition.categories[0] as string),
      entry_id: entry.id,
      organisation_id: organisationId,
      submitter_id: submitterId,
      status,
      project_stage: "completed",
      title: `Project ${entry.id}`,
      short_description: Array.from({ length: 160 }, (_, index) => `word${index}`).join(" "),
      submitted_at: status === "draft" ? null : new Date(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, entryId: entry.id, submitterId, organisationId };
}
