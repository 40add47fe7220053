import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { translator } from "../../platform/i18n.ts";
import { parseCsv } from "./csv.ts";
import { EXPORT_LIMITS, ExportGate, startExport } from "./export.service.ts";
import { useExportTestApp } from "./export.testing.ts";
import { readXlsx } from "./xlsx.testing.ts";

/** `exportEntries` streams: rows as the client takes them, nothing read past a closed stream. */

const fixture = useExportTestApp();
const { nextIp, searchIds } = fixture;

describe("ExportGate", () => {
  it("admits up to its size and frees a place once per release", () => {
    const gate = new ExportGate(2);
    const a = gate.enter();
    const b = gate.enter();
    expect(gate.enter()).toBeNull();
    a?.();
    a?.();
    expect(gate.running).toBe(1);
    expect(gate.enter()).not.toBeNull();
    b?.();
  });
});

describe("exportEntries: streaming", () => {
  let base = "";
  beforeAll(async () => {
    const { seedDemoEntries } = await import("../stocktaking/demo-seed.ts");
    await seedDemoEntries(fixture.t.db, { count: 5000, seed: 7 });
    await fixture.t.app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(fixture.t.app.server.address() as AddressInfo).port}`;
  });

  const download = (path: string, options: { abortAfterFirstChunk?: boolean } = {}) =>
    new Promise<{ status: number; chunks: number; body: Buffer; headers: Record<string, unknown> }>(
      (resolve, reject) => {
        const req = httpRequest(`${base}${path}`, { headers: { "x-forwarded-for": nextIp() } }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => {
            chunks.push(chunk);
            if (options.abortAfterFirstChunk) {
              req.destroy();
              resolve({ status: res.statusCode ?? 0, chunks: 1, body: chunk, headers: res.headers });
            }
          });
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              chunks: chunks.length,
              body: Buffer.concat(chunks),
              headers: res.headers,
            }),
          );
          res.on("error", reject);
        });
        req.on("error", (error) => (options.abortAfterFirstChunk ? undefined : reject(error)));
        req.end();
      },
    );

  it("streams a 5,000-row export in chunks, chunked, with every row", async () => {
    const total = (await searchIds("")).length;
    expect(total).toBeGreaterThan(5000);
    const csv = await download("/api/v1/entries/export?format=csv");
    expect(csv.status).toBe(200);
    expect(csv.headers["transfer-encoding"]).toBe("chunked");
    expect(csv.headers["content-length"]).toBeUndefined();
    expect(csv.chunks).toBeGreaterThan(2);
    expect(parseCsv(csv.body.toString("utf8"))).toHaveLength(total + 1);

    const ndjson = await download("/api/v1/entries/export?format=ndjson");
    expect(ndjson.body.toString("utf8").trim().split("\n")).toHaveLength(total);
    const xlsx = await download("/api/v1/entries/export?format=xlsx");
    expect(readXlsx(xlsx.body).sheets[0]?.rows).toHaveLength(total + 1);
  });

  it("reads no further batch once the stream is closed, and frees its place", async () => {
    let reads = 0;
    const counting = fixture.t.db.withPlugin({
      transformQuery: (args) => {
        if (JSON.stringify(args.node).includes("string_to_array")) reads += 1;
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const gate = new ExportGate(1);
    const started = await startExport(
      { db: counting, search: fixture.t.app.deps.search, baseUrl: "" },
      { format: "ndjson" },
      { ip: nextIp(), lang: "en", t: translator("en"), gate, batchSize: 500 },
    );
    expect(started.total).toBeGreaterThan(5000); // over ten batches
    expect(gate.running).toBe(1);
    for await (const _chunk of started.body) break; // takes one batch, then goes away
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(started.body.destroyed).toBe(true);
    expect(gate.running).toBe(0);
    // The batch being written and the reads ahead of it (plus one started as it was taken): never the rest.
    expect(reads).toBeLessThanOrEqual(EXPORT_LIMITS.readAhead + 2);
  });

  it("survives clients that go away mid-download", async () => {
    for (let i = 0; i < 6; i++) {
      const partial = await download("/api/v1/entries/export?format=json", { abortAfterFirstChunk: true });
      expect(partial.status).toBe(200);
    }
    // Six abandoned exports must not hold the gate's four places.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const after = await download("/api/v1/entries/export?format=ndjson&q=zebrafish");
    expect(after.status).toBe(200);
  });
});
