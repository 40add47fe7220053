import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/permissions.ts";
import { FieldErrors } from "../../platform/validation.ts";
import { findOcpSubmission, upsertOcpSubmission } from "./ocp.repo.ts";
import { assertOcpOpen, type OcpEdition } from "./ocp-edition.ts";
import { findStakeholderProfile } from "./requests.repo.ts";
import { ocpReference } from "./requests.service.ts";
import { checkLinks, REQUEST_LIMITS } from "./requests-input.ts";

/** An official submission as the form sends it. */
export interface OcpSubmissionInput {
  themes: string;
  format: string;
  actionLines: readonly string[];
  sdgs: readonly string[];
}

/**
 * Saves the account's official submission for the edition: its views on themes (required) and
 * format, linked to Action Lines and SDGs of the reference data. One per account per edition,
 * changed in place until the deadline; the stakeholder type, country and region come from the
 * account's organisation at the time of writing.
 */
export async function saveOcpSubmission(
  db: Kysely<Database>,
  actor: Actor,
  edition: OcpEdition,
  input: OcpSubmissionInput,
  options: { lang: string; ip: string | null },
): Promise<void> {
  assertOcpOpen(edition, options.lang);
  const errors = new FieldErrors();
  const themes = errors.text("themes", input.themes, REQUEST_LIMITS.views, true);
  const format = errors.text("format", input.format, REQUEST_LIMITS.views);
  const links = checkLinks(errors, await ocpReference(db), input.actionLines, input.sdgs);
  errors.throwIfAny();
  const profile = await findStakeholderProfile(db, actor.id);
  await db.transaction().execute(async (trx) => {
    const before = await findOcpSubmission(trx, edition.id, actor.id, true);
    const id = await upsertOcpSubmission(trx, {
      editionId: edition.id,
      userId: actor.id,
      profile,
      themes,
      format,
      ...links,
    });
    await recordAudit(trx, {
      actorId: actor.id,
      action: before ? "forum.ocp_submission_update" : "forum.ocp_submission_create",
      subjectType: "forum_ocp_submission",
      subjectId: id,
      before: before ? { themes: before.themes, format: before.format } : undefined,
      after: {
        themes,
        format,
        ...links,
        stakeholderType: profile.stakeholderType,
        region: profile.regionCode,
      },
      ip: options.ip,
    });
  });
}
