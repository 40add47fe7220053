import type { Kysely, Transaction } from "kysely";
import type { Database, EntryState } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { conflict, forbidden, notFound } from "../../platform/errors.ts";
import { type Idempotent, idempotentWrite } from "../../platform/idempotency.ts";
import type { Actor } from "../../platform/permissions.ts";
import { isRowId } from "../../platform/validation.ts";
import { findAccount } from "../accounts/accounts.repo.ts";
import { loadReferenceData, type ReferenceData } from "../taxonomy/taxonomy.repo.ts";
import { flagLikelyDuplicates } from "./duplicate-detection.ts";
import {
  assertCanEdit,
  assertCanSubmit,
  assertCanView,
  assertCanViewHistory,
  canEditEntry,
  canSeeUnpublished,
  isSubmittableState,
} from "./entries.policy.ts";
import {
  appendRevision,
  type DecisionRecord,
  type EntryRecord,
  findEntry,
  findRevision,
  insertEntry,
  listDecisions,
  listEntriesByOwner,
  listRevisions,
  lockEntry,
  type OwnEntryRow,
  type RevisionRecord,
  updateEntryRow,
} from "./entries.repo.ts";
import type { EntryDraft } from "./entry-fields.ts";
import { findImageMetas, type ImageMeta } from "./entry-images.repo.ts";
import { entryMergedError } from "./entry-merges.ts";
import { assertNoTranslationInto } from "./entry-translations.rules.ts";
import { type EntryCodes, entryCodes, validateEntry } from "./entry-validation.ts";
import { sameContent } from "./revisions.diff.ts";

/** Who acts and how to replay: shared by every write. */
export interface WriteOptions {
  idempotencyKey?: string | null;
  ip?: string | null;
}

/** What a write did, as stored for idempotent replays. */
export interface EntryOutcome {
  entryId: string;
  state: EntryState;
  revisionNumber: number;
}

/** Entry ids are positive bigints; anything else cannot name an entry, so it is a 404, not a 400. */
export function parseEntryId(raw: unknown): string {
  if (!isRowId(raw)) throw notFound("entry_not_found");
  return raw;
}

async function loadCodes(db: Kysely<Database>): Promise<EntryCodes> {
  return entryCodes(await loadReferenceData(db));
}

export async function latestRevision(db: Kysely<Database> | Transaction<Database>, entry: EntryRecord) {
  if (!entry.latest_revision_id) throw new Error(`entry ${entry.id} has no revision`);
  const revision = await findRevision(db, entry.latest_revision_id);
  if (!revision) throw new Error(`entry ${entry.id} lost its latest revision`);
  return revision;
}

/**
 * The check made before an idempotency key is claimed: only that the entry exists and is the
 * actor's. A replay must get the first outcome even though the state has moved on since (e.g.
 * "save and submit" clicked twice), so the state is checked under the lock instead.
 */
export async function assertOwnEntry(db: Kysely<Database>, actor: Actor, entryId: string): Promise<void> {
  const existing = await findEntry(db, entryId);
  if (!existing) throw notFound("entry_not_found");
  if (!canEditEntry(actor, existing)) throw forbidden();
}

/** The entry locked for a change to its draft, checked editable now, with its latest revision. */
export async function lockForEdit(
  trx: Transaction<Database>,
  actor: Actor,
  entryId: string,
): Promise<{ entry: EntryRecord; latest: RevisionRecord }> {
  const entry = await lockEntry(trx, entryId);
  if (!entry) throw notFound("entry_not_found");
  assertCanEdit(actor, entry);
  return { entry, latest: await latestRevision(trx, entry) };
}

async function markSubmitted(
  trx: Transaction<Database>,
  actor: Actor,
  entryId: string,
  from: EntryState,
  revisionNumber: number,
  ip: string | null,
): Promise<void> {
  await updateEntryRow(trx, entryId, { state: "submitted", submitted_at: new Date() });
  await recordAudit(trx, {
    actorId: actor.id,
    action: "entry.submit",
    subjectType: "entry",
    subjectId: entryId,
    before: { state: from },
    after: { state: "submitted", revision: revisionNumber },
    ip,
  });
  // Every way into review (create, save or submit) passes here: moderators see likely duplicates.
  await flagLikelyDuplicates(trx, [entryId]);
}

/**
 * Appends a revision to the owner's working draft, for an entry already locked and checked
 * editable. A published entry stays public as it was (only the workflow state moves to draft);
 * a returned or withdrawn entry keeps its state, so the owner still reads why until resubmitted.
 */
export async function appendWorkingRevision(
  trx: Transaction<Database>,
  actor: Actor,
  entry: EntryRecord,
  latest: RevisionRecord,
  data: EntryDraft,
  audit: { action: string; details?: Record<string, unknown>; ip: string | null },
): Promise<{ state: EntryState; revisionNumber: number }> {
  const revision = await appendRevision(trx, entry.id, actor.id, data);
  const state: EntryState = entry.state === "returned" || entry.state === "withdrawn" ? entry.state : "draft";
  await updateEntryRow(trx, entry.id, { latest_revision_id: revision.id, state });
  await recordAudit(trx, {
    actorId: actor.id,
    action: audit.action,
    subjectType: "entry",
    subjectId: entry.id,
    before: { state: entry.state, revision: latest.number },
    after: { state, revision: revision.number, ...audit.details },
    ip: audit.ip,
  });
  return { state, revisionNumber: revision.number };
}

/** A new entry's content as `createEntry` stores it; images and translations come later, on its draft. */
export function newEntryData(input: Record<string, unknown>, codes: EntryCodes, submit: boolean): EntryDraft {
  return { ...validateEntry(input, codes, submit ? "submit" : "draft"), images: [], translations: [] };
}

/**
 * `createEntry`'s writes (entry, revision, audit, review and duplicate flags) in the caller's
 * transaction, for a caller creating something with the entry: its rollback leaves no trace.
 */
export async function insertNewEntry(
  trx: Transaction<Database>,
  actor: Actor,
  data: EntryDraft,
  { submit, ip }: { submit: boolean; ip: string | null },
): Promise<EntryOutcome> {
  const entryId = await insertEntry(trx, actor.id);
  const revision = await appendRevision(trx, entryId, actor.id, data);
  await updateEntryRow(trx, entryId, { latest_revision_id: revision.id });
  await recordAudit(trx, {
    actorId: actor.id,
    action: "entry.create",
    subjectType: "entry",
    subjectId: entryId,
    before: null,
    after: { state: "draft", revision: revision.number, title: data.title },
    ip,
  });
  if (submit) await markSubmitted(trx, actor, entryId, "draft", revision.number, ip);
  return { entryId, state: submit ? "submitted" : "draft", revisionNumber: revision.number };
}

/**
 * Creates an entry with its first revision, as a draft (only the title is required) or directly
 * submitted for review (the whole entry must be complete).
 */
export async function createEntry(
  db: Kysely<Database>,
  actor: Actor,
  input: Record<string, unknown>,
  options: WriteOptions & { submit?: boolean } = {},
): Promise<Idempotent<EntryOutcome>> {
  const submit = options.submit === true;
  const data = newEntryData(input, await loadCodes(db), submit);
  return idempotentWrite(db, actor, options, "entries.create", { data, submit }, (trx) =>
    insertNewEntry(trx, actor, data, { submit, ip: options.ip ?? null }),
  );
}

/**
 * Saves a new revision of the owner's entry. A published entry stays public as it was: only
 * the workflow state changes (to draft, or submitted), and the search columns keep the published
 * revision until a moderator publishes the new one. A save that changes nothing adds no revision.
 * `merge` keeps the fields the input leaves out (API PATCH); forms send every field.
 */
export async function updateEntry(
  db: Kysely<Database>,
  actor: Actor,
  entryId: string,
  input: Record<string, unknown>,
  options: WriteOptions & { submit?: boolean; merge?: boolean } = {},
): Promise<Idempotent<EntryOutcome>> {
  await assertOwnEntry(db, actor, entryId);
  const codes = await loadCodes(db);
  const submit = options.submit === true;
  const ip = options.ip ?? null;
  const content = { input, submit, merge: options.merge === true };
  return idempotentWrite(db, actor, options, `entries.update:${entryId}`, content, async (trx) => {
    const { entry, latest } = await lockForEdit(trx, actor, entryId);
    const defined = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
    const merged = options.merge ? { ...latest.data, ...defined } : input;
    // The form and the API never carry images or translations: the draft keeps the ones it has.
    const data: EntryDraft = {
      ...validateEntry(merged, codes, submit ? "submit" : "draft"),
      images: latest.data.images,
      translations: latest.data.translations,
    };
    assertNoTranslationInto(data);

    let state: EntryState = entry.state;
    let revisionNumber = latest.number;
    if (!sameContent(latest.data, data)) {
      ({ state, revisionNumber } = await appendWorkingRevision(trx, actor, entry, latest, data, {
        action: "entry.update",
        ip,
      }));
    }
    if (submit) {
      if (!isSubmittableState({ ...entry, state })) {
        throw conflict("invalid_state_transition", { state });
      }
      await markSubmitted(trx, actor, entryId, state, revisionNumber, ip);
      state = "submitted";
    }
    return { entryId, state, revisionNumber };
  });
}

/** Sends the latest revision for review; it must be complete. */
export async function submitEntry(
  db: Kysely<Database>,
  actor: Actor,
  entryId: string,
  options: WriteOptions = {},
): Promise<Idempotent<EntryOutcome>> {
  await assertOwnEntry(db, actor, entryId);
  const codes = await loadCodes(db);
  return idempotentWrite(db, actor, options, `entries.submit:${entryId}`, {}, async (trx) => {
    const entry = await lockEntry(trx, entryId);
    if (!entry) throw notFound("entry_not_found");
    assertCanSubmit(actor, entry);
    const latest = await latestRevision(trx, entry);
    validateEntry(latest.data, codes, "submit");
    await markSubmitted(trx, actor, entryId, entry.state, latest.number, options.ip ?? null);
    return { entryId, state: "submitted" as const, revisionNumber: latest.number };
  });
}

/** An entry as a given reader may see it: the published revision, and the pending one for its owner and moderators. */
export interface EntryForReader {
  entry: EntryRecord;
  shown: RevisionRecord;
  pending: RevisionRecord | null;
  canSeeUnpublished: boolean;
  ref: ReferenceData;
  /** The stored images the shown and pending revisions name, by id. */
  images: ReadonlyMap<string, ImageMeta>;
}

export async function getEntryForReader(
  db: Kysely<Database>,
  actor: Actor | null,
  entryId: string,
): Promise<EntryForReader> {
  const entry = await findEntry(db, entryId);
  // A merged entry's old address leads to the entry it was merged into.
  if (entry?.state === "merged") throw await entryMergedError(db, entryId);
  assertCanView(actor, entry);
  const privileged = canSeeUnpublished(actor, entry);
  const [latest, ref] = await Promise.all([latestRevision(db, entry), loadReferenceData(db)]);
  const base = { entry, canSeeUnpublished: privileged, ref };
  let shown = latest;
  let pending: RevisionRecord | null = null;
  if (entry.published_revision_id) {
    const published =
      entry.published_revision_id === latest.id
        ? latest
        : await findRevision(db, entry.published_revision_id);
    if (!published) throw new Error(`entry ${entry.id} lost its published revision`);
    shown = published;
    pending = privileged && latest.id !== published.id ? latest : null;
  }
  const imageIds = [...shown.data.images, ...(pending?.data.images ?? [])].map((image) => image.id);
  return { ...base, shown, pending, images: await findImageMetas(db, entry.id, imageIds) };
}

/** What the edit form starts from: the latest revision, and the last decision (a return's comment). */
export interface EditableEntry {
  entry: EntryRecord;
  latest: RevisionRecord;
  lastDecision: DecisionRecord | null;
  ref: ReferenceData;
  images: ReadonlyMap<string, ImageMeta>;
}

export async function getEditableEntry(
  db: Kysely<Database>,
  actor: Actor,
  entryId: string,
): Promise<EditableEntry> {
  const entry = await findEntry(db, entryId);
  if (!entry) throw notFound("entry_not_found");
  assertCanEdit(actor, entry);
  const [latest, decisions, ref] = await Promise.all([
    latestRevision(db, entry),
    listDecisions(db, entryId),
    loadReferenceData(db),
  ]);
  const images = await findImageMetas(
    db,
    entryId,
    latest.data.images.map((image) => image.id),
  );
  return { entry, latest, lastDecision: decisions.at(-1) ?? null, ref, images };
}

export interface EntryHistory {
  entry: EntryRecord;
  revisions: RevisionRecord[];
  decisions: DecisionRecord[];
  ref: ReferenceData;
}

export async function getEntryHistory(
  db: Kysely<Database>,
  actor: Actor,
  entryId: string,
): Promise<EntryHistory> {
  const entry = await findEntry(db, entryId);
  if (!entry) throw notFound("entry_not_found");
  assertCanViewHistory(actor, entry);
  const [revisions, decisions, ref] = await Promise.all([
    listRevisions(db, entryId),
    listDecisions(db, entryId),
    loadReferenceData(db),
  ]);
  return { entry, revisions, decisions, ref };
}

export const MY_ENTRIES_PAGE_SIZE = 50;

export async function listMyEntries(
  db: Kysely<Database>,
  actor: Actor,
  page: number,
): Promise<{ total: number; rows: OwnEntryRow[] }> {
  return listEntriesByOwner(db, actor.id, MY_ENTRIES_PAGE_SIZE, (page - 1) * MY_ENTRIES_PAGE_SIZE);
}

/** The new-entry form starts with the user's organisation and stakeholder type filled in. */
export async function newEntryForm(
  db: Kysely<Database>,
  actor: Actor,
): Promise<{ organisationName: string; stakeholderType: string; ref: ReferenceData }> {
  const [user, ref] = await Promise.all([findAccount(db, actor.id), loadReferenceData(db)]);
  return {
    organisationName: user?.organisation_name ?? "",
    stakeholderType: user?.stakeholder_type ?? "",
    ref,
  };
}
