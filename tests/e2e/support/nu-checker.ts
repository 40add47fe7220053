import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, join } from "node:path";

/** vnu-jar's main export is the absolute path of the bundled vnu.jar. */
const VNU_JAR = String(createRequire(import.meta.url)("vnu-jar"));

interface VnuMessage {
  type: string;
  url?: string;
  lastLine?: number;
  message?: string;
  extract?: string;
}

/**
 * Runs the Nu Html Checker once (one JVM) over `files`, keeps its JSON report in `outDir`, and
 * returns each error as "file:line: message" with the offending extract, and vnu's exit status.
 */
export function checkWithNu(files: string[], outDir: string): { problems: string[]; status: number | null } {
  // The JSON report goes to stderr.
  const run = spawnSync("java", ["-jar", VNU_JAR, "--errors-only", "--format", "json", ...files], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    timeout: 180_000,
  });
  if (run.error) throw run.error;
  writeFileSync(join(outDir, "vnu-report.json"), run.stderr);
  const report = JSON.parse(run.stderr) as { messages: VnuMessage[] };
  const problems = report.messages
    .filter((m) => m.type === "error" || m.type === "non-document-error")
    .map(
      (m) =>
        `${basename(m.url ?? "?")}:${m.lastLine ?? "?"}: ${m.message ?? m.type}` +
        (m.extract ? `\n    ${m.extract.replaceAll("\n", " ")}` : ""),
    );
  return { problems, status: run.status };
}
