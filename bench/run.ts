import { integerOption, parseArgs } from "../src/cli/args.ts";
import { benchDuplicates } from "./duplicates.bench.ts";
import { benchExport } from "./export.bench.ts";
import { benchForum } from "./forum.bench.ts";
import { benchImport } from "./import.bench.ts";
import { benchDumps } from "./open-data-dumps.bench.ts";
import { benchPages } from "./pages.bench.ts";
import { benchSearch } from "./search.bench.ts";
import { benchStartup } from "./startup.bench.ts";
import { benchVotes } from "./votes.bench.ts";

const BENCHES: Record<string, (options: Map<string, string | true>) => Promise<Record<string, unknown>>> = {
  duplicates: (o) => benchDuplicates({ probes: integerOption(o, "probes", 50, 1, 10_000) }),
  export: (o) =>
    benchExport({
      entries: o.has("entries") ? integerOption(o, "entries", 0, 1, 2_000_000) : null,
      xlsx: o.has("xlsx"),
    }),
  pages: (o) =>
    benchPages({
      entries: integerOption(o, "entries", 10_000, 1),
      requests: integerOption(o, "requests", 200, 10),
    }),
  search: (o) =>
    benchSearch({
      entries: integerOption(o, "entries", 100_000, 1, 2_000_000),
      runs: integerOption(o, "runs", 60, 1, 100_000),
      baselineRuns: integerOption(o, "baseline-runs", 10, 1, 10_000),
    }),
  startup: (o) => benchStartup({ runs: integerOption(o, "runs", 3, 1, 20) }),
  import: (o) =>
    benchImport({
      rows: integerOption(o, "rows", 100_000, 1, 200_000),
      followUps: integerOption(o, "followups", 200, 0, 200_000),
    }),
  dumps: (o) => benchDumps({ keep: o.has("keep") }),
  forum: (o) =>
    benchForum({
      sessions: integerOption(o, "sessions", 250, 1, 5000),
      rooms: integerOption(o, "rooms", 30, 1, 200),
      days: integerOption(o, "days", 5, 1, 14),
      requests: integerOption(o, "requests", 50, 1, 10_000),
      placeSessions: integerOption(o, "place-sessions", 10, 1, 250),
      capacity: integerOption(o, "capacity", 100, 1, 10_000),
      concurrency: integerOption(o, "concurrency", 32, 1, 1024),
    }),
  votes: (o) =>
    benchVotes({
      seconds: integerOption(o, "seconds", 60, 1, 3600),
      voters: integerOption(o, "voters", 10_000, 1, 1_000_000),
      concurrency: integerOption(o, "concurrency", 64, 1, 1024),
      tallyVotes: integerOption(o, "tally-votes", 2_000_000, 18, 20_000_000),
    }),
};

const { command, options } = parseArgs(process.argv.slice(2));
const bench = command ? BENCHES[command] : undefined;
if (!bench) {
  console.error(`Usage: npm run bench -- <${Object.keys(BENCHES).join("|")}> [options] [--json]`);
  process.exit(2);
}
const figures = await bench(options);
if (options.has("json")) console.log(JSON.stringify(figures));
else console.log(JSON.stringify(figures, null, 2));
process.exit(0);
