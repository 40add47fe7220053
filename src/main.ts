import { integerOption, parseArgs, stringOption, UsageError } from "./cli/args.ts";
import { progressBar } from "./cli/progress.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { DataDirLockedError } from "./db/data-dir-lock.ts";
import { openPreparedDatabase } from "./db/prepare.ts";
import { addVerifiedUser, issueApiToken } from "./domains/accounts/accounts.cli.ts";
import { runImportCommand } from "./domains/open-data/import.cli.ts";
import { seedDemoEntries } from "./domains/stocktaking/demo-seed.ts";
import { AppError, ValidationError } from "./platform/errors.ts";
import { startServer } from "./server.ts";

const HELP = `Usage: npm run wsis -- <command> [options]

  serve                               start the platform (what npm start runs)
  migrate                             bring the database schema up to date
  seed --entries N [--seed S]         add N realistic published demo entries
  user:add --email E --password P --role user|moderator|admin [--name N] [--language ar|zh|en|fr|ru|es]
  token:create --email E [--scopes entries:read,entries:write,moderation] [--name N]
  import FILE [--email E] [--source S] [--dry-run | --commit] [--lang L]
                                      bulk import a CSV or XLSX of entries as moderator E:
                                      check every row (dry run); --commit writes all or nothing
`;

async function withDatabase<T>(
  run: (db: Awaited<ReturnType<typeof openPreparedDatabase>>) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const database = await openPreparedDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await run(database);
  } finally {
    await database.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const { command = "serve", options } = parseArgs(argv);
  switch (command) {
    case "serve":
      await startServer(loadConfig());
      return;
    case "migrate":
      await withDatabase(async () => console.log("Database is up to date."));
      return;
    case "seed": {
      const count = integerOption(options, "entries", 1000, 1, 2_000_000);
      const seed = integerOption(options, "seed", 1, 0, 2 ** 31);
      await withDatabase(async ({ db }) => {
        const bar = progressBar("Seeding entries", count);
        await seedDemoEntries(db, { count, seed, onProgress: (done) => bar.tick(done) });
        bar.finish();
        console.log(`Added ${count} published entries (seed ${seed}).`);
      });
      return;
    }
    case "user:add": {
      const email = stringOption(options, "email", true) as string;
      const password = stringOption(options, "password", true) as string;
      const role = stringOption(options, "role") ?? "user";
      const name = stringOption(options, "name") ?? email.split("@")[0] ?? email;
      const language = stringOption(options, "language");
      await withDatabase(async ({ db }) => {
        const user = await addVerifiedUser(db, { email, password, role, name, language });
        console.log(`Added ${user.role} ${user.email} (id ${user.id}).`);
      });
      return;
    }
    case "token:create": {
      const email = stringOption(options, "email", true) as string;
      const scopes = (stringOption(options, "scopes") ?? "entries:read,entries:write")
        .split(",")
        .map((s) => s.trim());
      const name = stringOption(options, "name") ?? "command line";
      await withDatabase(async ({ db }) => console.log(await issueApiToken(db, { email, scopes, name })));
      return;
    }
    case "import": {
      const file = argv
        .slice(1)
        .find((arg, i, rest) => !arg.startsWith("--") && !rest[i - 1]?.startsWith("--"));
      if (!file) throw new UsageError(`import needs a FILE.\n\n${HELP}`);
      const email = stringOption(options, "email");
      if (options.has("commit") && options.has("dry-run"))
        throw new UsageError("--dry-run and --commit exclude each other");
      const code = await withDatabase(({ db }) =>
        runImportCommand(
          db,
          {
            file,
            email,
            source: stringOption(options, "source"),
            commit: options.has("commit"),
            lang: stringOption(options, "lang"),
          },
          { log: (line) => console.log(line), progress: progressBar },
        ),
      );
      if (code !== 0) process.exitCode = code;
      return;
    }
    case "help":
    case "--help":
      console.log(HELP);
      return;
    default:
      throw new UsageError(`Unknown command "${command}".\n\n${HELP}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ValidationError) {
    for (const field of error.fieldErrors)
      console.error(`${field.field}: ${field.code}${field.params ? ` ${JSON.stringify(field.params)}` : ""}`);
  } else if (error instanceof AppError) {
    console.error(
      `${error.code}${Object.keys(error.params).length ? ` ${JSON.stringify(error.params)}` : ""}`,
    );
  } else if (
    error instanceof UsageError ||
    error instanceof ConfigError ||
    error instanceof DataDirLockedError
  ) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
