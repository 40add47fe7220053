import type { Kysely, Transaction } from "kysely";
import type { Database, EntryState } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { conflict, forbidden, notFound } from "../../platform/errors.ts";
import { fingerprint, type Idempotent, runIdempotent } from "../../platform/idempotency.ts";
import type { Actor } from "../../platform/permissions.ts";
import { loadReferenceData, type ReferenceData } from "../taxonomy/taxonomy.repo.ts";
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
  findUserContact,
  insertEntry,
  listDecisions,
  listEntriesByOwner,
  listRevisions,
  lockEntry,
  type OwnEntryRow,
  type RevisionRecord,
  updateEntryRow,
} from "./entries.repo.ts";
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

const ID = /^[1-9][0-9]{0,17}$/;

/** Entry ids are positive bigints; anything else cannot name an entry, so it is a 404, not a 400. */
export function parseEntryId(raw: unknown): string {
  if (typeof raw !== "string" || !ID.test(raw)) throw notFound("entry_not_found");
  return raw;
}

async function loadCodes(db: Kysely<Database>): Promise<EntryCodes> {
  return entryCodes(await loadReferenceData(db));
}

async function latestRevision(db: Kysely<Database> | Transaction<Database>, entry: EntryRecord) {
  if (!entry.latest_revision_id) throw new Error(`entry ${entry.id} has no revision`);
  const revision = await findRevision(db, entry.latest_revision_id);
  if (!revision) throw new Error(`entry ${entry.id} lost its latest revision`);
  return revision;
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
  const codes = await loadCodes(db);
  const submit = options.submit === true;
  const data = validateEntry(input, codes, submit ? "submit" : "draft");
  const ip = options.ip ?? null;
  return db.transaction().execute((trx) =>
    runIdempotent(
      trx,
      {
        userId: actor.id,
        key: options.idempotencyKey ?? null,
        scope: "entries.create",
        fingerprint: fingerprint("entries.create", { data, submit }),
      },
      async () => {
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
      },
    ),
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
  // Only ownership is checked before the key is claimed: a replay must get the first outcome even
  // though the state has moved on since (e.g. "save and submit" clicked twice).
  const existing = await findEntry(db, entryId);
  if (!existing) throw notFound("entry_not_found");
  if (!canEditEntry(actor, existing)) throw forbidden();
  const codes = await loadCodes(db);
  const submit = options.submit === true;
  const ip = options.ip ?? null;
  return db.transaction().execute((trx) =>
    runIdempotent(
      trx,
      {
        userId: actor.id,
        key: options.idempotencyKey ?? null,
        scope: `entries.update:${entryId}`,
        fingerprint: fingerprint(`entries.update:${entryId}`, {
          input,
          submit,
          merge: options.merge === true,
        }),
      },
      async () => {
        const entry = await lockEntry(trx, entryId);
        if (!entry) throw notFound("entry_not_found");
        assertCanEdit(actor, entry);
        const latest = await latestRevision(trx, entry);
        const defined = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
        const merged = options.merge ? { ...latest.data, ...defined } : input;
        const data = validateEntry(merged, codes, submit ? "submit" : "draft");

        let state: EntryState = entry.state;
        let revisionNumber = latest.number;
        if (!sameContent(latest.data, data)) {
          const revision = await appendRevision(trx, entryId, actor.id, data);
          revisionNumber = revision.number;
          // A returned entry keeps its state (and the moderator's comment stays relevant) until resubmitted.
          state = entry.state === "returned" ? "returned" : "draft";
          await updateEntryRow(trx, entryId, { latest_revision_id: revision.id, state });
          await recordAudit(trx, {
            actorId: actor.id,
            action: "entry.update",
            subjectType: "entry",
            subjectId: entryId,
            before: { state: entry.state, revision: latest.number },
            after: { state, revision: revision.number },
            ip,
          });
        }
        if (submit) {
          if (!isSubmittableState({ ...entry, state })) {
            throw conflict("invalid_state_transition", { state });
          }
          await markSubmitted(trx, actor, entryId, state, revisionNumber, ip);
          state = "submitted";
        }
        return { entryId, state, revisionNumber };
      },
    ),
  );
}

/** Sends the latest revision for review; it must be complete. */
export async function submitEntry(
  db: Kysely<Database>,
  actor: Actor,
  entryId: string,
  options: WriteOptions = {},
): Promise<Idempotent<EntryOutcome>> {
  const existing = await findEntry(db, entryId);
  if (!existing) throw notFound("entry_not_found");
  if (!canEditEntry(actor, existing)) throw forbidden();
  const codes = await loadCodes(db);
  return db.transaction().execute((trx) =>
    runIdempotent(
      trx,
      {
        userId: actor.id,
        key: options.idempotencyKey ?? null,
        scope: `entries.submit:${entryId}`,
        fingerprint: fingerprint(`entries.submit:${entryId}`, {}),
      },
      async () => {
        const entry = await lockEntry(trx, entryId);
        if (!entry) throw notFound("entry_not_found");
        assertCanSubmit(actor, entry);
        const latest = await latestRevision(trx, entry);
        validateEntry(latest.data, codes, "submit");
        await markSubmitted(trx, actor, entryId, entry.state, latest.number, options.ip ?? null);
        return { entryId, state: "submitted" as const, revisionNumber: latest.number };
      },
    ),
  );
}

/** An entry as a given reader may see it: the published revision, and the pending one for its owner and moderators. */
export interface EntryForReader {
  entry: EntryRecord;
  shown: RevisionRecord;
  pending: RevisionRecord | null;
  canSeeUnpublished: boolean;
  ref: ReferenceData;
}

export async function getEntryForReader(
  db: Kysely<Database>,
  actor: Actor | null,
  entryId: string,
): Promise<EntryForReader> {
  const entry = await findEntry(db, entryId);
  assertCanView(actor, entry);
  const privileged = canSeeUnpublished(actor, entry);
  const [latest, ref] = await Promise.all([latestRevision(db, entry), loadReferenceData(db)]);
  const base = { entry, canSeeUnpublished: privileged, ref };
  if (!entry.published_revision_id) return { ...base, shown: latest, pending: null };
  const published =
    entry.published_revision_id === latest.id ? latest : await findRevision(db, entry.published_revision_id);
  if (!published) throw new Error(`entry ${entry.id} lost its published revision`);
  return { ...base, shown: published, pending: privileged && latest.id !== published.id ? latest : null };
}

/** What the edit form starts from: the latest revision, and the last decision (a return's comment). */
export interface EditableEntry {
  entry: EntryRecord;
  latest: RevisionRecord;
  lastDecision: DecisionRecord | null;
  ref: ReferenceData;
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
  return { entry, latest, lastDecision: decisions.at(-1) ?? null, ref };
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
  const [user, ref] = await Promise.all([findUserContact(db, actor.id), loadReferenceData(db)]);
  return {
    organisationName: user?.organisation_name ?? "",
    stakeholderType: user?.stakeholder_type ?? "",
    ref,
  };
}
