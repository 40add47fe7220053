import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

export interface RunningServer {
  baseUrl: string;
  dataDir: string;
  output: string[];
  /** Runs `npm run wsis -- <args>` against the same data directory (the server must be stopped for embedded). */
  stop(): Promise<void>;
}

const env = (dataDir: string, extra: Record<string, string>) => ({
  ...process.env,
  DATA_DIR: dataDir,
  DATABASE_URL: "",
  LOG_LEVEL: "warn",
  ...extra,
});

/** Runs a CLI command of the platform on a data directory, before the server holds its lock. */
export function cli(dataDir: string, args: string[], extra: Record<string, string> = {}): string {
  const result = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts", ...args], {
    env: env(dataDir, extra),
    encoding: "utf8",
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`wsis ${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout;
}

/** A verified account on a data directory, made with the CLI before the server starts. */
export function addUser(
  dataDir: string,
  user: { email: string; password: string; role: "user" | "moderator" | "admin"; name: string },
): void {
  cli(dataDir, [
    "user:add",
    "--email",
    user.email,
    "--password",
    user.password,
    "--role",
    user.role,
    "--name",
    user.name,
  ]);
}

/** The id of the newest published entry, for tests that need any entry page. */
export async function anyEntryId(baseUrl: string): Promise<string> {
  const body = (await (await fetch(`${baseUrl}/api/v1/entries?pageSize=1`)).json()) as {
    items: Array<{ id: string }>;
  };
  const id = body.items[0]?.id;
  if (!id) throw new Error("no published entry to open");
  return id;
}

export function newDataDir(): string {
  return mkdtempSync(join(tmpdir(), "wsis-e2e-"));
}

/** Starts the platform as a real process (as `npm start` does) and waits until it serves. */
export async function startServer(
  dataDir: string,
  extra: Record<string, string> = {},
): Promise<RunningServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/main.ts", "serve"], {
    env: env(dataDir, { PORT: String(port), HOST: "127.0.0.1", BASE_URL: baseUrl, ...extra }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output.join("")}`);
    try {
      const response = await fetch(`${baseUrl}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    baseUrl,
    dataDir,
    output,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((resolve) => child.once("exit", resolve));
      }
    },
  };
}

export function removeDataDir(dataDir: string): void {
  rmSync(dataDir, { recursive: true, force: true });
}
