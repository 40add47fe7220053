import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { percentile, round } from "./stats.ts";

/** Time from spawning `serve` on an empty DATA_DIR to the first page served (what `npm start` does). */
async function coldStartOnce(port: number): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), "wsis-cold-"));
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts", "serve"], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
    },
    stdio: "ignore",
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error("server exited before serving");
      try {
        const response = await fetch(`http://127.0.0.1:${port}/`);
        if (response.ok) return performance.now() - started;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchStartup({ runs }: { runs: number }): Promise<Record<string, unknown>> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await coldStartOnce(3900 + i));
  return {
    name: "startup",
    engine: "embedded",
    runs,
    cold_start_p50_ms: round(percentile(samples, 50), 0),
    samples_ms: samples.map((s) => round(s, 0)),
  };
}
