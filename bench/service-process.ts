import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * The real service as a child process (what `npm start` runs, without the tsx CLI's extra
 * process so the pid is the server's own), for benchmarks that need its latency over HTTP and
 * its memory as the operating system sees it.
 */
export interface ServiceProcess {
  child: ChildProcess;
  base: string;
  /** Milliseconds from spawn to the first healthy, search-ready `/healthz`. */
  startupMs: number;
  /** What `/healthz` said when it became ready. */
  health: Record<string, unknown>;
  stop(): Promise<void>;
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const living = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * A benchmark that crashes or is interrupted must not leave a server running. On Ctrl-C the
 * server gets SIGTERM first so an embedded data dir is closed cleanly; a crash can only SIGKILL.
 */
export function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const child of living) child.kill("SIGKILL");
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      Promise.all([...living].map(stopChild)).finally(() => process.exit(130));
    });
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    living.delete(child);
    return;
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
  living.delete(child);
}

/**
 * Spawns `node --import tsx src/main.ts serve` with `env` added and waits until `/healthz`
 * answers 200 and, when it reports a search index, that index is ready. Its output goes to our
 * stderr so that our stdout stays for the figures.
 */
export async function startService(
  env: Record<string, string>,
  options: { timeoutMs?: number } = {},
): Promise<ServiceProcess> {
  installExitHook();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  // Node refuses --cpu-prof in NODE_OPTIONS; BENCH_NODE_FLAGS passes such flags to the service alone.
  const flags = process.env.BENCH_NODE_FLAGS?.split(" ").filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...flags, "--import", "tsx", "src/main.ts", "serve"], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1", BASE_URL: base },
    stdio: ["ignore", "pipe", "pipe"],
  });
  living.add(child);
  child.stdout?.pipe(process.stderr);
  child.stderr?.pipe(process.stderr);
  const stop = () => stopChild(child);
  const deadline = started + (options.timeoutMs ?? 30 * 60_000);
  let lastSearch: unknown;
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`the service exited (${child.exitCode ?? child.signalCode}) before it was ready`);
      if (performance.now() > deadline)
        throw new Error(
          `the service was not ready in time (last search status ${JSON.stringify(lastSearch)})`,
        );
      try {
        const response = await fetch(`${base}/healthz`);
        if (response.status === 200) {
          const health = (await response.json()) as Record<string, unknown>;
          lastSearch = health.search;
          const search = health.search as { ready?: unknown } | undefined;
          // Tolerates a /healthz without `search`; one that has it must say the index is built.
          if (!search || typeof search !== "object" || search.ready !== false)
            return { child, base, startupMs: performance.now() - started, health, stop };
        } else await response.body?.cancel();
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The child's resident and peak resident memory in MiB from `/proc/<pid>/status` (Linux only). */
export function processMemoryMb(pid: number | undefined): { rss: number | null; peak: number | null } {
  if (pid === undefined) return { rss: null, peak: null };
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field: string) => {
      const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, "m").exec(status);
      return match ? Number(match[1]) / 1024 : null;
    };
    return { rss: kb("VmRSS"), peak: kb("VmHWM") };
  } catch {
    return { rss: null, peak: null };
  }
}

/** The process's CPU time so far in seconds, from `/proc/<pid>/stat` (Linux only; null once it has ended). */
export function cpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 per second here).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}
