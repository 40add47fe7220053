import type { Kysely, Transaction } from "kysely";
import type { Database, EntryState, ModerationDecision } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { conflict, notFound } from "../../platform/errors.ts";
import { toLanguage, translator } from "../../platform/i18n.ts";
import { type Idempotent, idempotentWrite } from "../../platform/idempotency.ts";
import { enqueueMail } from "../../platform/mail.ts";
import type { Actor } from "../../platform/permissions.ts";
import { FieldErrors, hasControlCharacters } from "../../platform/validation.ts";
import { findAccount } from "../accounts/accounts.repo.ts";
import { loadReferenceData, type ReferenceData } from "../taxonomy/taxonomy.repo.ts";
import {
  type DecisionRecord,
  type EntryRecord,
  findEntry,
  findRevision,
  listDecisions,
  lockEntry,
  type RevisionRecord,
  updateEntryRow,
} from "./entries.repo.ts";
import { latestRevision, type WriteOptions } from "./entries.service.ts";
import { publishedColumns } from "./entry-fields.ts";
import { findImageMetas, type ImageMeta } from "./entry-images.repo.ts";
import { asCompleteEntry, entryCodes, validateEntry } from "./entry-validation.ts";
import { insertDecision, listQueue, type QueueRow } from "./moderation.repo.ts";

export const MODERATION_DECISIONS = ["publish", "return", "reject"] as const;
export const MODERATION_COMMENT_MAX = 5000;
export const QUEUE_PAGE_SIZE = 25;

const NEXT_STATE: Record<ModerationDecision, EntryState> = {
  publish: "published",
  return: "returned",
  reject: "rejected",
};

export interface ModerationInput {
  decision: unknown;
  comment?: unknown;
}

export interface ModerationOutcome {
  entryId: string;
  state: EntryState;
  decision: ModerationDecision;
  revisionNumber: number;
}

/** A return must say what to change and a rejection why; a publication may carry a note. */
export function validateDecision(input: ModerationInput): { decision: ModerationDecision; comment: string } {
  const errors = new FieldErrors();
  const decision = typeof input.decision === "string" ? input.decision : "";
  const comment = typeof input.comment === "string" ? input.comment.trim() : "";
  errors.choice("decision", decision, MODERATION_DECISIONS, { code: "invalid_value" });
  if (hasControlCharacters(comment)) errors.add("comment", "invalid_value");
  else if (comment.length > MODERATION_COMMENT_MAX)
    errors.add("comment", "too_long", { max: MODERATION_COMMENT_MAX });
  else if ((decision === "return" || decision === "reject") && comment === "")
    errors.add("comment", "required");
  errors.throwIfAny();
  return { decision: decision as ModerationDecision, comment };
}

/** The owner hears of every decision, in the same transaction (outbox), with a link to the entry. */
async function mailOwner(
  trx: Transaction<Database>,
  ownerId: string,
  values: { entryId: string; title: string; decision: ModerationDecision; comment: string; baseUrl: string },
): Promise<void> {
  const owner = await findAccount(trx, ownerId);
  if (!owner) return;
  // In the owner's language, whatever language the moderator reads the site in.
  const t = translator(toLanguage(owner.language));
  // Header values must stay on one line whatever the title holds.
  const title = values.title.replace(/\s+/g, " ").trim();
  const link = `${values.baseUrl}/entries/${values.entryId}`;
  const parts = [
    t(`entries.mail.${values.decision}.body`, { name: owner.name, title }),
    values.comment ? t("entries.mail.comment", { comment: values.comment }) : null,
    t("entries.mail.link", { link }),
    t("entries.mail.signature"),
  ];
  await enqueueMail(trx, {
    to: owner.email,
    subject: t(`entries.mail.${values.decision}.subject`, { title }),
    text: parts.filter((part): part is string => part !== null).join("\n\n"),
  });
}

/**
 * Records a moderator's decision on the submitted revision. Publishing copies that revision into
 * the entry's search columns, so the public sees it from this commit on; returning and rejecting
 * leave any earlier published revision public.
 */
export async function moderateEntry(
  deps: { db: Kysely<Database>; baseUrl: string },
  actor: Actor,
  entryId: string,
  input: ModerationInput,
  options: WriteOptions = {},
): Promise<Idempotent<ModerationOutcome>> {
  const { db } = deps;
  const { decision, comment } = validateDecision(input);
  if (!(await findEntry(db, entryId))) throw notFound("entry_not_found");
  const ref = await loadReferenceData(db);
  const codes = entryCodes(ref);
  const countryRegions = new Map(ref.countries.map((row) => [row.code, row.region_code]));
  const ip = options.ip ?? null;
  const content = { decision, comment };
  return idempotentWrite(db, actor, options, `entries.moderate:${entryId}`, content, async (trx) => {
    const entry = await lockEntry(trx, entryId);
    if (!entry) throw notFound("entry_not_found");
    if (entry.state !== "submitted") throw conflict("invalid_state_transition", { state: entry.state });
    const revision = await latestRevision(trx, entry);
    const state = NEXT_STATE[decision];
    if (decision === "publish") {
      // Never publish an incomplete entry, even if reference data changed since it was submitted.
      const data = {
        ...asCompleteEntry(validateEntry(revision.data, codes, "submit")),
        translations: revision.data.translations,
      };
      await updateEntryRow(trx, entryId, {
        ...publishedColumns(data, countryRegions),
        state,
        published_revision_id: revision.id,
        published_at: new Date(),
      });
    } else {
      await updateEntryRow(trx, entryId, { state });
    }
    await insertDecision(trx, {
      entryId,
      revisionId: revision.id,
      moderatorId: actor.id,
      decision,
      comment,
    });
    await recordAudit(trx, {
      actorId: actor.id,
      action: `entry.${decision}`,
      subjectType: "entry",
      subjectId: entryId,
      before: { state: entry.state, publishedRevision: entry.published_revision_id },
      after: {
        state,
        revision: revision.number,
        publishedRevision: decision === "publish" ? revision.id : entry.published_revision_id,
        comment,
      },
      ip,
    });
    await mailOwner(trx, entry.owner_id, {
      entryId,
      title: revision.data.title,
      decision,
      comment,
      baseUrl: deps.baseUrl,
    });
    return { entryId, state, decision, revisionNumber: revision.number };
  });
}

export async function moderationQueue(
  db: Kysely<Database>,
  page: number,
): Promise<{ total: number; rows: QueueRow[]; pageSize: number }> {
  const result = await listQueue(db, QUEUE_PAGE_SIZE, (page - 1) * QUEUE_PAGE_SIZE);
  return { ...result, pageSize: QUEUE_PAGE_SIZE };
}

/** What a moderator reviews: the latest revision, the public one it would replace, and past decisions. */
export interface ModerationView {
  entry: EntryRecord;
  submitted: RevisionRecord;
  published: RevisionRecord | null;
  decisions: DecisionRecord[];
  ownerName: string;
  ref: ReferenceData;
  /** The stored images the submitted and published revisions name. */
  images: ReadonlyMap<string, ImageMeta>;
}

export async function getModerationView(db: Kysely<Database>, entryId: string): Promise<ModerationView> {
  const entry = await findEntry(db, entryId);
  if (!entry?.latest_revision_id) throw notFound("entry_not_found");
  const [submitted, published, decisions, owner, ref] = await Promise.all([
    findRevision(db, entry.latest_revision_id),
    entry.published_revision_id ? findRevision(db, entry.published_revision_id) : Promise.resolve(undefined),
    listDecisions(db, entryId),
    findAccount(db, entry.owner_id),
    loadReferenceData(db),
  ]);
  if (!submitted) throw notFound("entry_not_found");
  const imageIds = [...submitted.data.images, ...(published?.data.images ?? [])].map((image) => image.id);
  const images = await findImageMetas(db, entryId, imageIds);
  return {
    entry,
    submitted,
    published: published ?? null,
    decisions,
    ownerName: owner?.name ?? "",
    ref,
    images,
  };
}
