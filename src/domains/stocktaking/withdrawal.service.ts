import type { Kysely, Transaction, Updateable } from "kysely";
import type { Database, EntriesTable } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { conflict, notFound } from "../../platform/errors.ts";
import { toLanguage, translator } from "../../platform/i18n.ts";
import { type Idempotent, idempotentWrite } from "../../platform/idempotency.ts";
import { enqueueMail } from "../../platform/mail.ts";
import type { Actor } from "../../platform/permissions.ts";
import { FieldErrors } from "../../platform/validation.ts";
import { findAccount } from "../accounts/accounts.repo.ts";
import { assertCanWithdraw, isOwner, isPublic, withdrawalNeedsReason } from "./entries.policy.ts";
import { type EntryRecord, findEntry, findRevision, lockEntry, updateEntryRow } from "./entries.repo.ts";
import type { WriteOptions } from "./entries.service.ts";
import type { PublishedColumns } from "./entry-fields.ts";

export const WITHDRAWAL_REASON_MAX = 1000;

export interface WithdrawalInput {
  reason?: unknown;
}

export interface WithdrawalOutcome {
  entryId: string;
  state: "withdrawn";
  /** The revision that was public until now. */
  revisionNumber: number;
  /** False when a moderator withdrew someone else's entry (and the owner was emailed). */
  byOwner: boolean;
}

/**
 * The search copy of a withdrawn entry is emptied, not kept: nothing public may still read it
 * (a query that forgot the `published_revision_id` filter would otherwise show it). The revisions
 * keep every field, and publishing again copies them back.
 */
export const NO_PUBLISHED_COLUMNS = {
  title: null,
  description: null,
  organisation_name: null,
  stakeholder_type: null,
  coverage: null,
  countries: [],
  regions: [],
  action_lines: [],
  sdgs: [],
  target_groups: [],
  project_status: null,
  start_year: null,
  language: null,
  translations: "[]",
  search_vector: "",
} satisfies Record<keyof PublishedColumns, unknown> & Updateable<EntriesTable>;

/** The reason, 1–1000 characters of plain text; required when it is someone else's entry. */
export function validateWithdrawal(input: WithdrawalInput, reasonRequired: boolean): { reason: string } {
  const errors = new FieldErrors();
  const raw = typeof input.reason === "string" ? input.reason : "";
  const reason = errors.text("reason", raw, WITHDRAWAL_REASON_MAX, reasonRequired);
  errors.throwIfAny();
  return { reason };
}

/** Tells the owner that a moderator took their entry out, and why, in the same transaction (outbox). */
async function mailOwner(
  trx: Transaction<Database>,
  ownerId: string,
  values: { entryId: string; title: string; reason: string; baseUrl: string },
): Promise<void> {
  const owner = await findAccount(trx, ownerId);
  if (!owner) return;
  // In the owner's language, whatever language the moderator reads the site in.
  const t = translator(toLanguage(owner.language));
  // Header values must stay on one line whatever the title holds.
  const title = values.title.replace(/\s+/g, " ").trim();
  const parts = [
    t("entries.mail.withdraw.body", { name: owner.name, title }),
    t("entries.mail.withdraw.reason", { reason: values.reason }),
    t("entries.mail.link", { link: `${values.baseUrl}/entries/${values.entryId}` }),
    t("entries.mail.signature"),
  ];
  await enqueueMail(trx, {
    to: owner.email,
    subject: t("entries.mail.withdraw.subject", { title }),
    text: parts.join("\n\n"),
  });
}

/**
 * Takes a published entry out of the public database: from this commit on it is in no search
 * result or count and its public page is a 404. Its revisions stay; the owner can edit it and
 * submit it again, and it is public again once a moderator publishes it. A revision awaiting
 * review leaves the queue with it (the owner resubmits when ready).
 */
export async function withdrawEntry(
  deps: { db: Kysely<Database>; baseUrl: string },
  actor: Actor,
  entryId: string,
  input: WithdrawalInput,
  options: WriteOptions = {},
): Promise<Idempotent<WithdrawalOutcome>> {
  const { db } = deps;
  const existing = await findEntry(db, entryId);
  assertCanWithdraw(actor, existing);
  const { reason } = validateWithdrawal(input, withdrawalNeedsReason(actor, existing));
  const ip = options.ip ?? null;
  return idempotentWrite(db, actor, options, `entries.withdraw:${entryId}`, { reason }, async (trx) => {
    const entry = await lockEntry(trx, entryId);
    if (!entry) throw notFound("entry_not_found");
    // Checked under the lock: a replay of a withdrawal answers before this, with the first outcome.
    if (!isPublic(entry) || !entry.published_revision_id)
      throw conflict("invalid_state_transition", { state: entry.state });
    const published = await findRevision(trx, entry.published_revision_id);
    if (!published) throw new Error(`entry ${entryId} lost its published revision`);
    await updateEntryRow(trx, entryId, {
      ...NO_PUBLISHED_COLUMNS,
      state: "withdrawn",
      published_revision_id: null,
      published_at: null,
    });
    await recordAudit(trx, {
      actorId: actor.id,
      action: "entry.withdraw",
      subjectType: "entry",
      subjectId: entryId,
      before: { state: entry.state, publishedRevision: entry.published_revision_id },
      after: { state: "withdrawn", publishedRevision: null, revision: published.number, reason },
      ip,
    });
    const byOwner = isOwner(actor, entry);
    if (!byOwner) {
      await mailOwner(trx, entry.owner_id, {
        entryId,
        title: published.data.title,
        reason,
        baseUrl: deps.baseUrl,
      });
    }
    return { entryId, state: "withdrawn" as const, revisionNumber: published.number, byOwner };
  });
}

/** What the confirmation page needs: the public title, and whose entry it is. */
export interface WithdrawalView {
  entry: EntryRecord;
  title: string;
  reasonRequired: boolean;
  /** The owner's name when someone else (a moderator) is withdrawing it. */
  ownerName: string | null;
}

/** The entry about to be withdrawn, checked as the withdrawal itself will check it (404, 403, 409). */
export async function getWithdrawalView(
  db: Kysely<Database>,
  actor: Actor,
  entryId: string,
): Promise<WithdrawalView> {
  const entry = await findEntry(db, entryId);
  assertCanWithdraw(actor, entry);
  if (!entry.published_revision_id) throw conflict("invalid_state_transition", { state: entry.state });
  const published = await findRevision(db, entry.published_revision_id);
  if (!published) throw new Error(`entry ${entryId} lost its published revision`);
  const reasonRequired = withdrawalNeedsReason(actor, entry);
  const owner = reasonRequired ? await findAccount(db, entry.owner_id) : undefined;
  return { entry, title: published.data.title, reasonRequired, ownerName: owner?.name ?? null };
}
