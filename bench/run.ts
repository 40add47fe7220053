import { integerOption, parseArgs } from "../src/cli/args.ts";
import { benchDuplicates } from "./duplicates.bench.ts";
import { benchPages } from "./pages.bench.ts";
import { benchSearch } from "./search.bench.ts";
import { benchStartup } from "./startup.bench.ts";

const BENCHES: Record<string, (options: Map<string, string | true>) => Promise<Record<string, unknown>>> = {
  duplicates: (o) => benchDuplicates({ probes: integerOption(o, "probes", 50, 1, 10_000) }),
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
