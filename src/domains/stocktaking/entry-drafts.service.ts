import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";
import { type Idempotent, idempotentWrite } from "../../platform/idempotency.ts";
import type { Actor } from "../../platform/permissions.ts";
import type { RevisionRecord } from "./entries.repo.ts";
import {
  appendWorkingRevision,
  type EntryOutcome,
  lockForEdit,
  type WriteOptions,
} from "./entries.service.ts";
import type { EntryDraft } from "./entry-fields.ts";
import { sameContent } from "./revisions.diff.ts";

/** One change to the owner's draft, worked out from its latest revision under the entry's lock. */
export interface DraftChange<Extra> {
  /** The draft's whole content after the change. */
  data: EntryDraft;
  /** What the audit record says happened (`entry.image_add`, …) and what it adds to the states. */
  audit: { action: string; details?: Record<string, unknown> };
  /** What the outcome carries besides the entry, its state and revision (the image, the language…). */
  outcome: Extra;
}

/**
 * The one way a part of the owner's working draft changes (an image, a translation): in one
 * idempotent transaction, lock the entry and check it is still editable by the actor, let `change`
 * work out the new content from the latest revision, then append it as a revision with its audit
 * record. Content equal to the latest revision's adds no revision and no audit record. The caller
 * checks ownership with `assertOwnEntry` first, before anything it must refuse on the input alone.
 */
export function changeOwnDraft<Extra extends object>(
  db: Kysely<Database>,
  actor: Actor,
  entryId: string,
  options: WriteOptions,
  request: { scope: string; content: unknown },
  change: (
    latest: RevisionRecord,
    trx: Transaction<Database>,
  ) => Promise<DraftChange<Extra>> | DraftChange<Extra>,
): Promise<Idempotent<EntryOutcome & Extra>> {
  return idempotentWrite(db, actor, options, request.scope, request.content, async (trx) => {
    const { entry, latest } = await lockForEdit(trx, actor, entryId);
    const { data, audit, outcome } = await change(latest, trx);
    if (sameContent(latest.data, data)) {
      return { entryId, ...outcome, state: entry.state, revisionNumber: latest.number };
    }
    const saved = await appendWorkingRevision(trx, actor, entry, latest, data, {
      ...audit,
      ip: options.ip ?? null,
    });
    return { entryId, ...outcome, ...saved };
  });
}
