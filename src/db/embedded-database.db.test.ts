import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testEngine } from "../testing/test-database.ts";
import { openDatabase } from "./connection.ts";
import { openPreparedDatabase } from "./prepare.ts";

const TSX = join(process.cwd(), "node_modules/.bin/tsx");

function waitForAcks(child: ChildProcess, wanted: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const acks: string[] = [];
    let buffer = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) if (line.startsWith("ack ")) acks.push(line.slice(4));
      if (acks.length >= wanted) resolve(acks);
    });
    child.once("exit", (code) => reject(new Error(`writer exited early with ${code}`)));
  });
}

describe.skipIf(testEngine() !== "embedded")("embedded database safety", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "wsis-embedded-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("refuses a second process on the same DATA_DIR with a clear message", async () => {
    const dataDir = join(dir, "locked");
    const handle = await openPreparedDatabase({ dataDir });
    try {
      const second = spawnSync(TSX, ["src/main.ts", "migrate"], {
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" },
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(second.status).toBe(1);
      expect(second.stderr).toContain(`in use by process ${process.pid}`);
      // The first process is unharmed by the attempt.
      const count = await handle.db
        .selectFrom("action_lines")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirst();
      expect(Number(count?.n)).toBe(18);
    } finally {
      await handle.close();
    }
  }, 90_000);

  it("keeps every acknowledged write after SIGKILL and opens again", async () => {
    const dataDir = join(dir, "killed");
    // `node --import tsx`, not the tsx wrapper, so the pid we kill is the writer itself.
    const writer = spawn(process.execPath, ["--import", "tsx", "src/testing/durability-writer.ts", dataDir], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let acks: string[];
    try {
      acks = await waitForAcks(writer, 200);
    } finally {
      writer.kill("SIGKILL");
    }
    await new Promise((resolve) => writer.once("exit", resolve));
    // The killed writer's lock file names a dead pid, so this open takes it over.
    const handle = await openDatabase({ dataDir });
    try {
      const rows = await handle.db
        .selectFrom("audit_log")
        .select("id")
        .where("action", "=", "durability.write")
        .execute();
      const stored = new Set(rows.map((row) => row.id));
      const lost = acks.filter((id) => !stored.has(id));
      expect(lost).toEqual([]);
      expect(stored.size).toBeGreaterThanOrEqual(acks.length);
    } finally {
      await handle.close();
    }
  }, 120_000);
});
