import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { conflict, notFound, ValidationError } from "../../platform/errors.ts";
import { type Idempotent, idempotentWrite } from "../../platform/idempotency.ts";
import type { Actor } from "../../platform/permissions.ts";
import { FieldErrors, isRowId } from "../../platform/validation.ts";
import { scorePair } from "./duplicate-detection.ts";
import { mailMergeOwners } from "./duplicates.mail.ts";
import { decidePair, ensurePair, findPair, lockPair, type PairRecord } from "./duplicates.repo.ts";
import { isPublic } from "./entries.policy.ts";
import { type EntryRecord, findEntry, findRevision, lockEntry, updateEntryRow } from "./entries.repo.ts";
import { latestRevision, type WriteOptions } from "./entries.service.ts";
import { NO_PUBLISHED_COLUMNS } from "./withdrawal.service.ts";

export const DUPLICATE_DECISIONS = ["not_duplicate", "merge"] as const;
export type DuplicateDecision = (typeof DUPLICATE_DECISIONS)[number];

/** A moderator's decision on a pair, as typed (form or API). */
export interface ResolutionInput {
  decision?: unknown;
  survivorId?: unknown;
}

export interface ResolutionOutcome {
  pairId: string;
  status: "not_duplicate" | "merged";
  /** For a merge: the entry that stays, and the one retired into it. */
  survivorId: string | null;
  retiredId: string | null;
}

/** Pair ids are positive bigints; anything else cannot name a pair, so it is a 404. */
export function parsePairId(raw: unknown): string {
  if (!isRowId(raw)) throw notFound("duplicate_not_found");
  return raw;
}

/**
 * Entries duplicates are looked for among, and the only ones a merge may touch: published (a
 * newer draft does not matter) or in review. Withdrawn, rejected, draft and merged entries are not.
 */
export const isCompared = (entry: EntryRecord): boolean =>
  entry.state === "submitted" || (entry.state !== "merged" && entry.published_revision_id !== null);

/** The decision, and for a merge which of the pair's two entries stays. */
export function validateResolution(
  input: ResolutionInput,
  pair: Pick<PairRecord, "entry_a" | "entry_b">,
): { decision: DuplicateDecision; survivorId: string | null } {
  const errors = new FieldErrors();
  const decision = typeof input.decision === "string" ? input.decision : "";
  const rawSurvivor =
    typeof input.survivorId === "string" || typeof input.survivorId === "number"
      ? String(input.survivorId).trim()
      : "";
  errors.choice("decision", decision, DUPLICATE_DECISIONS, { code: "invalid_value" });
  let survivorId: string | null = null;
  if (decision === "merge") {
    if (rawSurvivor === "") errors.add("survivorId", "required");
    else if (rawSurvivor !== pair.entry_a && rawSurvivor !== pair.entry_b)
      errors.add("survivorId", "invalid_value");
    else survivorId = rawSurvivor;
  }
  errors.throwIfAny();
  return { decision: decision as DuplicateDecision, survivorId };
}

async function lockPairEntries(
  trx: Transaction<Database>,
  pair: Pick<PairRecord, "entry_a" | "entry_b">,
): Promise<[EntryRecord, EntryRecord]> {
  // `entry_a < entry_b`: every merge locks in id order, so two merges sharing an entry never deadlock.
  const a = await lockEntry(trx, pair.entry_a);
  const b = await lockEntry(trx, pair.entry_b);
  if (!a || !b) throw notFound("entry_not_found");
  return [a, b];
}

/**
 * Retires `retired` into `survivor`, both locked: it leaves search exactly as a withdrawal does
 * (search columns emptied, no published revision, so the change feed drops it from every index),
 * keeps its revisions, and its address leads to the survivor from now on.
 */
async function mergeEntries(
  trx: Transaction<Database>,
  deps: { baseUrl: string },
  actor: Actor,
  survivor: EntryRecord,
  retired: EntryRecord,
  context: { pairId: string; ip: string | null },
): Promise<void> {
  if (survivor.id === retired.id) throw conflict("merge_into_self");
  for (const entry of [survivor, retired]) {
    if (!isCompared(entry)) throw conflict("merge_entry_unavailable", { state: entry.state });
  }
  // A public page must not lead to one nobody may read yet.
  if (isPublic(retired) && !isPublic(survivor)) throw conflict("merge_survivor_not_public");

  await updateEntryRow(trx, retired.id, {
    ...NO_PUBLISHED_COLUMNS,
    state: "merged",
    merged_into_id: survivor.id,
    published_revision_id: null,
    published_at: null,
  });
  await recordAudit(trx, {
    actorId: actor.id,
    action: "entry.merge",
    subjectType: "entry",
    subjectId: retired.id,
    before: { state: retired.state, publishedRevision: retired.published_revision_id },
    after: {
      state: "merged",
      publishedRevision: null,
      mergedInto: survivor.id,
      duplicatePair: context.pairId,
    },
    ip: context.ip,
  });
  const titleOf = async (entry: EntryRecord) => {
    const shown =
      entry.published_revision_id && entry.state !== "submitted"
        ? await findRevision(trx, entry.published_revision_id)
        : await latestRevision(trx, entry);
    return shown?.data.title ?? "";
  };
  await mailMergeOwners(trx, {
    baseUrl: deps.baseUrl,
    survivor: { id: survivor.id, ownerId: survivor.owner_id, title: await titleOf(survivor) },
    retired: { id: retired.id, ownerId: retired.owner_id, title: await titleOf(retired) },
  });
}

/** Applies a decision to a pair whose two entries and row are locked, and which is still open. */
async function applyDecision(
  trx: Transaction<Database>,
  deps: { baseUrl: string },
  actor: Actor,
  pair: PairRecord,
  entries: [EntryRecord, EntryRecord],
  decision: { decision: DuplicateDecision; survivorId: string | null; ip: string | null },
): Promise<ResolutionOutcome> {
  const { ip } = decision;
  if (pair.status !== "open") throw conflict("duplicate_not_open", { state: pair.status });
  if (decision.decision === "not_duplicate") {
    await decidePair(trx, pair.id, { status: "not_duplicate", survivorId: null, decidedBy: actor.id });
    await recordAudit(trx, {
      actorId: actor.id,
      action: "duplicate.not_duplicate",
      subjectType: "duplicate_pair",
      subjectId: pair.id,
      before: { status: "open" },
      after: { status: "not_duplicate", entries: [pair.entry_a, pair.entry_b] },
      ip,
    });
    return { pairId: pair.id, status: "not_duplicate", survivorId: null, retiredId: null };
  }
  const [a, b] = entries;
  const [survivor, retired] = decision.survivorId === a.id ? [a, b] : [b, a];
  await mergeEntries(trx, deps, actor, survivor, retired, { pairId: pair.id, ip });
  await decidePair(trx, pair.id, { status: "merged", survivorId: survivor.id, decidedBy: actor.id });
  await recordAudit(trx, {
    actorId: actor.id,
    action: "duplicate.merge",
    subjectType: "duplicate_pair",
    subjectId: pair.id,
    before: { status: "open" },
    after: { status: "merged", survivor: survivor.id, retired: retired.id },
    ip,
  });
  return { pairId: pair.id, status: "merged", survivorId: survivor.id, retiredId: retired.id };
}

/**
 * A moderator's decision on an open pair: "not a duplicate" (never flagged again), or a merge into
 * the chosen entry. Both are audited. The pair's entries and then the pair are locked (the order a
 * submission takes: its entry, then its pairs), so of two moderators deciding at once exactly one
 * wins and the other gets 409 `duplicate_not_open`.
 */
export async function resolveDuplicate(
  deps: { db: Kysely<Database>; baseUrl: string },
  actor: Actor,
  pairId: string,
  input: ResolutionInput,
  options: WriteOptions = {},
): Promise<Idempotent<ResolutionOutcome>> {
  const { db } = deps;
  // A pair's two entries never change, so they are checked before the transaction.
  const existing = await findPair(db, pairId);
  if (!existing) throw notFound("duplicate_not_found");
  const { decision, survivorId } = validateResolution(input, existing);
  const ip = options.ip ?? null;
  return idempotentWrite(
    db,
    actor,
    options,
    `duplicates.resolve:${pairId}`,
    { decision, survivorId },
    async (trx) => {
      const entries = await lockPairEntries(trx, existing);
      const pair = await lockPair(trx, pairId);
      if (!pair) throw notFound("duplicate_not_found");
      return applyDecision(trx, deps, actor, pair, entries, { decision, survivorId, ip });
    },
  );
}

/** `into`: the id of the entry that stays. */
export interface MergeInput {
  into?: unknown;
}

/**
 * Merges an entry into another one a moderator names, flagged or not (the detector misses an
 * acronym against a full name): the pair is recorded (with its scores) and decided as `merged`,
 * exactly as a flagged pair would be, in one transaction. A pair already marked "not a duplicate"
 * is 409 `duplicate_not_open`; an entry into itself is 409 `merge_into_self`.
 */
export async function mergeEntryInto(
  deps: { db: Kysely<Database>; baseUrl: string },
  actor: Actor,
  retiredId: string,
  input: MergeInput,
  options: WriteOptions = {},
): Promise<Idempotent<ResolutionOutcome>> {
  const { db } = deps;
  const errors = new FieldErrors();
  const into =
    typeof input.into === "string" || typeof input.into === "number" ? String(input.into).trim() : "";
  if (into === "") errors.add("into", "required");
  else if (!isRowId(into)) errors.add("into", "invalid_value");
  errors.throwIfAny();
  if (into === retiredId) throw conflict("merge_into_self");
  const [retired, survivor] = await Promise.all([findEntry(db, retiredId), findEntry(db, into)]);
  if (!retired) throw notFound("entry_not_found");
  if (!survivor) throw new ValidationError([{ field: "into", code: "invalid_value" }]);
  const ip = options.ip ?? null;
  return idempotentWrite(db, actor, options, `entries.merge:${retiredId}`, { into }, async (trx) => {
    const scores = await scorePair(trx, retiredId, into);
    const ends = { entry_a: scores.entryA, entry_b: scores.entryB };
    const entries = await lockPairEntries(trx, ends);
    const pairId = await ensurePair(trx, scores);
    const pair = await lockPair(trx, pairId);
    if (!pair) throw notFound("duplicate_not_found");
    return applyDecision(trx, deps, actor, pair, entries, { decision: "merge", survivorId: into, ip });
  });
}
