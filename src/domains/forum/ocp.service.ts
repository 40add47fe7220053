import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { notFound } from "../../platform/errors.ts";
import { type Idempotent, idempotentTransaction } from "../../platform/idempotency.ts";
import type { Actor } from "../../platform/permissions.ts";
import { FieldErrors } from "../../platform/validation.ts";
import { findOcpSubmission, type OcpSubmissionRow, upsertOcpSubmission } from "./ocp.repo.ts";
import { assertOcpOpen, type OcpEdition } from "./ocp-edition.ts";
import { findStakeholderProfile } from "./requests.repo.ts";
import { ocpReference } from "./requests.service.ts";
import { checkLinks, REQUEST_LIMITS } from "./requests-input.ts";

/** An official submission as the form sends it. */
export interface OcpSubmissionInput {
  themes: string;
  format: string;
  actionLines: readonly string[];
  sdgs: readonly (string | number)[];
}

/** What a save did, as stored for idempotent replays. */
export interface OcpSubmissionOutcome {
  submissionId: string;
  created: boolean;
}

/** The account's official submission for the edition; none yet is a 404. */
export async function getOwnOcpSubmission(
  db: Kysely<Database>,
  actor: Actor,
  edition: OcpEdition,
): Promise<OcpSubmissionRow> {
  const row = await findOcpSubmission(db, edition.id, actor.id);
  if (!row) throw notFound("forum_ocp_submission_not_found");
  return row;
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
  options: { lang: string; ip: string | null; idempotencyKey?: string | null },
): Promise<Idempotent<OcpSubmissionOutcome>> {
  assertOcpOpen(edition, options.lang);
  const errors = new FieldErrors();
  const themes = errors.text("themes", input.themes, REQUEST_LIMITS.views, true);
  const format = errors.text("format", input.format, REQUEST_LIMITS.views);
  const links = checkLinks(errors, await ocpReference(db), input.actionLines, input.sdgs);
  errors.throwIfAny();
  const profile = await findStakeholderProfile(db, actor.id);
  const scope = `forum.ocp_submission.save:${edition.year}`;
  const content = { themes, format, ...links };
  const write = { userId: actor.id, key: options.idempotencyKey, scope, content };
  return idempotentTransaction(db, write, async (trx) => {
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
    return { submissionId: id, created: !before };
  });
}
