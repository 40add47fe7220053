import type { Kysely, Selectable, Transaction } from "kysely";
import type { Database, ForumOcpSubmissionsTable } from "../../db/schema.ts";
import type { StakeholderProfile } from "./requests.repo.ts";

type Db = Kysely<Database> | Transaction<Database>;

export type OcpSubmissionRow = Selectable<ForumOcpSubmissionsTable>;

/** The account's official submission for the edition, or undefined; `lock` holds it. */
export async function findOcpSubmission(
  db: Db,
  editionId: string,
  userId: string,
  lock = false,
): Promise<OcpSubmissionRow | undefined> {
  let query = db
    .selectFrom("forum_ocp_submissions")
    .selectAll()
    .where("edition_id", "=", editionId)
    .where("user_id", "=", userId);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Writes the account's one submission for the edition (the unique key makes a race an update). */
export async function upsertOcpSubmission(
  trx: Transaction<Database>,
  values: {
    editionId: string;
    userId: string;
    profile: StakeholderProfile;
    themes: string;
    format: string;
    actionLines: string[];
    sdgs: number[];
  },
): Promise<string> {
  const content = {
    organisation_id: values.profile.organisationId,
    stakeholder_type: values.profile.stakeholderType,
    country_code: values.profile.countryCode,
    region_code: values.profile.regionCode,
    themes: values.themes,
    format: values.format,
    action_lines: values.actionLines,
    sdgs: values.sdgs,
  };
  const row = await trx
    .insertInto("forum_ocp_submissions")
    .values({ edition_id: values.editionId, user_id: values.userId, ...content })
    .onConflict((oc) =>
      oc.columns(["edition_id", "user_id"]).doUpdateSet({ ...content, updated_at: new Date() }),
    )
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
