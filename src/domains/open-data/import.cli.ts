import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import { toLanguage, translator } from "../../platform/i18n.ts";
import { type Actor, hasPermission } from "../../platform/permissions.ts";
import { findOldestAdmin, findUserByEmail } from "../accounts/accounts.repo.ts";
import { IMPORT_LEASE_MS, runDryRun, startImport } from "./import.service.ts";
import { commitImport } from "./import-commit.ts";
import { assertImportSize } from "./import-file.ts";
import { runFollowUps } from "./import-followups.ts";
import { setLease } from "./import-jobs.repo.ts";
import { listRows } from "./import-rows.repo.ts";

/** How many row errors the command prints before saying how many more there are. */
const ERRORS_SHOWN = 50;

export interface ImportCommandOptions {
  file: string;
  /** The importing account; without it, the oldest admin account (the operator runs the CLI on the server). */
  email?: string | undefined;
  source?: string | undefined;
  commit: boolean;
  lang?: string | undefined;
}

export interface CommandOutput {
  log(line: string): void;
  progress(label: string, total: number): { tick(done: number): void; finish(): void };
}

/**
 * `npm run wsis -- import FILE [--email E] [--source S] [--dry-run | --commit]`: the same upload,
 * dry run and commit as the page, as the account `--email` (a moderator or admin), with progress
 * bars. Prints each row error (row, column, message); returns the exit code: 0 when the file is
 * clean (and committed when asked), 1 when rows have errors.
 */
export async function runImportCommand(
  db: Kysely<Database>,
  options: ImportCommandOptions,
  out: CommandOutput,
): Promise<number> {
  const t = translator(toLanguage(options.lang ?? "en"));
  const user = options.email ? await findUserByEmail(db, options.email) : await findOldestAdmin(db);
  if (!user) throw new AppError("user_not_found", 404);
  if (!options.email)
    out.log(`Importing as ${user.email} (the first admin account; choose another with --email).`);
  const actor: Actor = {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    emailVerified: user.email_verified_at !== null,
    scopes: null,
  };
  if (!hasPermission(actor, "entries.import")) throw new AppError("forbidden", 403);
  assertImportSize((await stat(options.file)).size);
  const bytes = await readFile(options.file);

  const job = await startImport(
    db,
    actor,
    { bytes, filename: basename(options.file), source: options.source },
    { lang: toLanguage(options.lang ?? "en"), leaseMs: IMPORT_LEASE_MS },
  );
  try {
    const checking = out.progress(`Import #${job.id}: checking rows`, job.rows_total);
    const checked = await runDryRun(db, job.id, { onProgress: (done) => checking.tick(done) });
    checking.finish();
    out.log(
      `Import #${job.id} (${job.format}, ${job.rows_total} rows, source "${job.source}"): ${t(
        "import.counts",
        {
          create: checked.creates,
          update: checked.updates,
          unchanged: checked.unchanged,
          error: checked.error_rows,
        },
      )}.`,
    );
    if (checked.status === "invalid") {
      const { rows, total } = await listRows(db, job.id, "error", ERRORS_SHOWN, 0);
      for (const row of rows)
        for (const error of row.errors ?? [])
          out.log(`  row ${row.row_number}, ${error.column}: ${t(`fields.${error.code}`, error.params)}`);
      if (total > rows.length) out.log(`  … and ${total - rows.length} more rows with errors.`);
      out.log("Nothing was stored. Correct the file and run the command again.");
      return 1;
    }
    if (!options.commit) {
      out.log(`Dry run only: nothing was written. Commit with --commit, or on /imports/${job.id}.`);
      return 0;
    }
    const writing = out.progress(`Import #${job.id}: committing`, checked.creates + checked.updates);
    await commitImport(db, actor.id, job.id, { onProgress: (done) => writing.tick(done) });
    writing.finish();
    if (checked.creates + checked.updates > 0) {
      const comparing = out.progress(
        `Import #${job.id}: looking for likely duplicates`,
        checked.creates + checked.updates,
      );
      await runFollowUps(db, job.id, { onProgress: (done) => comparing.tick(done) });
      comparing.finish();
    }
    out.log(
      t("import.committed", {
        create: checked.creates,
        update: checked.updates,
        unchanged: checked.unchanged,
      }),
    );
    return 0;
  } finally {
    await setLease(db, job.id, null);
  }
}
