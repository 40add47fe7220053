import { OPEN_DATA_LICENCE } from "../../config.ts";
import type { Dump, DumpRun } from "./dumps.repo.ts";
import { type DumpsOverview, dumpFileName } from "./dumps.service.ts";
import { FORMAT_SPECS } from "./export-formats.ts";

/** Dumps in the API's and the page's shape (never the rows as stored). */

const iso = (value: Date | string): string => (value instanceof Date ? value : new Date(value)).toISOString();

/** The download path of a dump (the page links it; the API gives it absolute). */
export function dumpPath(dump: Pick<Dump, "id" | "format" | "generated_at">): string {
  return `/open-data/dumps/${dump.id}/${dumpFileName(dump)}`;
}

export function presentDump(dump: Dump, baseUrl: string) {
  return {
    id: dump.id,
    format: dump.format,
    fileName: dumpFileName(dump),
    url: `${baseUrl}${dumpPath(dump)}`,
    mediaType: FORMAT_SPECS[dump.format].contentType,
    generatedAt: iso(dump.generated_at),
    rows: Number(dump.row_count),
    byteSize: Number(dump.byte_size),
    sha256: dump.sha256 ?? "",
  };
}

export function presentRun(run: DumpRun) {
  return { id: run.id, trigger: run.trigger, status: run.status, startedAt: iso(run.started_at) };
}

export function presentOverview(overview: DumpsOverview, baseUrl: string) {
  return {
    dumps: overview.dumps.map((dump) => presentDump(dump, baseUrl)),
    running: overview.running ? presentRun(overview.running) : null,
    nextDailyRunAt: overview.nextDailyRunAt.toISOString(),
    licence: { ...OPEN_DATA_LICENCE },
    dataDictionary: `${baseUrl}/open-data#data-dictionary`,
  };
}
