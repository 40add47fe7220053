import type { Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";
import { flagLikelyDuplicates } from "../stocktaking/duplicate-detection.ts";

/** Work on the entries an import created or updated (ids as text), in a given transaction. */
export type ImportHook = (trx: Transaction<Database>, entryIds: readonly string[]) => Promise<void>;

/**
 * Run inside the commit's transaction, once, after every entry is written: a hook that throws
 * rolls the whole import back. Keep them cheap: they run on every written entry at once.
 */
export const IMPORT_COMMIT_HOOKS: ImportHook[] = [];

/**
 * Run after the commit, over the written entries `IMPORT_FOLLOW_UP_BATCH` at a time, each batch in
 * its own transaction (the worker, or the request for small imports), so a large import never
 * holds one transaction for as long as they take. Progress is kept on the job: a restart goes on
 * where it stopped, and a batch that fails is retried; the import itself stays committed.
 *
 * Duplicate detection runs here: its candidates query costs about a tenth of a second per entry
 * on a large database, hours for a hundred thousand entries inside one transaction.
 */
export const IMPORT_FOLLOW_UPS: ImportHook[] = [
  async (trx, entryIds) => {
    await flagLikelyDuplicates(trx, entryIds);
  },
];

export const IMPORT_FOLLOW_UP_BATCH = 200;
