import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../testing/test-app.ts";

type Json = Record<string, unknown>;
interface Operation {
  operationId: string;
  tags?: string[];
  security: Array<Record<string, string[]>>;
  parameters?: Json[];
  requestBody?: { content: Record<string, { schema: Json; examples?: Record<string, { value: unknown }> }> };
  responses: Record<string, Json>;
}

let t: TestApp;
let doc: {
  openapi: string;
  info: Json;
  tags: Array<{ name: string; description?: string }>;
  paths: Record<string, Record<string, Operation>>;
  components: Json & { securitySchemes: Record<string, Json> };
};
const operations: Array<{ path: string; method: string; op: Operation }> = [];

beforeAll(async () => {
  t = await createTestApp();
  doc = (await t.app.inject({ method: "GET", url: "/openapi.json" })).json();
  for (const [path, methods] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(methods)) operations.push({ path, method, op });
});
afterAll(async () => t?.close());

const byId = (id: string) => {
  const found = operations.find(({ op }) => op.operationId === id);
  if (!found) throw new Error(`no operation ${id}`);
  return found.op;
};

describe("the OpenAPI document", () => {
  it("names who may call each operation, with the token scope it needs", () => {
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    expect(String(doc.components.securitySchemes.bearer?.description)).toContain("entries:write");
    expect(doc.components.securitySchemes.session).toMatchObject({ type: "apiKey", in: "cookie" });
    expect(byId("searchEntries").security).toEqual([{}, { bearer: [] }, { session: [] }]);
    expect(byId("getEntry").security).toEqual([{}, { bearer: [] }, { session: [] }]);
    expect(byId("createEntry").security).toEqual([{ bearer: ["entries:write"] }, { session: [] }]);
    expect(byId("updateEntry").security).toEqual([{ bearer: ["entries:write"] }, { session: [] }]);
    expect(byId("moderateEntry").security).toEqual([{ bearer: ["moderation"] }, { session: [] }]);
    for (const { op } of operations) expect(op.security, op.operationId).toBeDefined();
  });

  it("documents the shared answers: problem+json errors, 401, 429 with Retry-After, 304 on reads", () => {
    for (const { path, method, op } of operations) {
      const label = `${method} ${path}`;
      expect(op.responses["401"], label).toBeDefined();
      expect(op.responses["429"], label).toBeDefined();
      for (const [status, response] of Object.entries(op.responses)) {
        const content = (response.content ?? {}) as Json;
        if (Number(status) >= 400) expect(content["application/json"], `${label} ${status}`).toBeUndefined();
      }
      const json = Object.keys((op.responses["200"]?.content ?? {}) as Json).join() === "application/json";
      if (method === "get" && json) {
        expect(op.responses["304"], label).toBeDefined();
        expect(op.parameters, label).toContainEqual({ $ref: "#/components/parameters/IfNoneMatch" });
      }
    }
    const tooMany = (doc.components.responses as Record<string, Json>).TooManyRequests as Json;
    expect(Object.keys(tooMany.headers as Json)).toContain("Retry-After");
    expect(byId("getEntry").responses["304"]).toBeDefined();
    expect(byId("listActionLines").responses["304"]).toBeDefined();
    const search = byId("searchEntries").responses["200"] as { headers: Json };
    expect(Object.keys(search.headers)).toEqual(expect.arrayContaining(["ETag", "RateLimit-Remaining"]));
  });

  it("has examples on the main operations, each valid against its schema", () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema({ ...doc, $id: "doc" } as Json, "doc");
    const schemaOf = (schema: Json): Json => {
      const text = JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/');
      return JSON.parse(text) as Json;
    };
    let checked = 0;
    for (const { op } of operations) {
      const media = [
        op.requestBody?.content["application/json"],
        ...Object.values(op.responses).map(
          (response) =>
            (response.content as Record<string, { schema: Json; examples?: Json }> | undefined)?.[
              "application/json"
            ],
        ),
      ];
      for (const entry of media) {
        for (const [name, example] of Object.entries(
          (entry?.examples ?? {}) as Record<string, { value: unknown }>,
        )) {
          const validate = ajv.compile(schemaOf(entry?.schema as Json));
          const ok = validate(example.value);
          expect(validate.errors ?? [], `${op.operationId} example ${name}`).toEqual([]);
          expect(ok).toBe(true);
          checked += 1;
        }
      }
    }
    for (const id of ["searchEntries", "getEntry", "createEntry", "moderateEntry", "listActionLines"]) {
      const op = byId(id);
      const hasExample =
        Object.values(op.requestBody?.content ?? {}).some((media) => media.examples) ||
        Object.values(op.responses).some((response) =>
          Object.values((response.content ?? {}) as Record<string, Json>).some((media) => media.examples),
        );
      expect(hasExample, id).toBe(true);
    }
    expect(checked).toBeGreaterThanOrEqual(8);
  });

  it("names the licence, and declares every tag an operation uses, each with a description", () => {
    expect(doc.info.license).toEqual({ name: "Apache-2.0", identifier: "Apache-2.0" });
    const declared = new Map(doc.tags.map((tag) => [tag.name, tag.description]));
    const used = new Set(operations.flatMap(({ op }) => op.tags ?? []));
    expect([...used]).toEqual(expect.arrayContaining(["entries", "moderation", "open-data", "taxonomy"]));
    for (const tag of used) expect(declared.get(tag), `tag ${tag}`).toMatch(/\S/);
  });

  it("writes tuples the 2020-12 way, leaving example values (an `items` list) as they are", () => {
    const text = JSON.stringify(doc.paths);
    expect(text).not.toContain("additionalItems");
    expect(text).toContain("prefixItems");
    const examples: unknown[] = [];
    const collect = (node: unknown): void => {
      if (typeof node !== "object" || node === null) return;
      for (const [key, value] of Object.entries(node)) {
        if (key === "example" || key === "examples") examples.push(value);
        else collect(value);
      }
    };
    collect(doc.paths);
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) expect(JSON.stringify(example)).not.toContain('"prefixItems"');
  });

  it("documents the cursor and the error code it can give", () => {
    const parameters = byId("searchEntries").parameters ?? [];
    expect(parameters.find((parameter) => parameter.name === "cursor")).toBeDefined();
    expect(JSON.stringify(parameters)).toContain("invalid_cursor");
  });
});

describe("the interactive reference at /api/docs", () => {
  it("loads under its content security policy, with every script and style from this origin", async () => {
    let response = await t.app.inject({ method: "GET", url: "/api/docs" });
    for (let hops = 0; response.statusCode >= 300 && response.statusCode < 400 && hops < 3; hops++) {
      const location = new URL(String(response.headers.location), "http://localhost/api/docs/").pathname;
      response = await t.app.inject({ method: "GET", url: location });
    }
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("text/html");
    const csp = String(response.headers["content-security-policy"]);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("'unsafe-eval'");
    const assets = [...response.body.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map(
      (match) => match[1] as string,
    );
    expect(assets.length).toBeGreaterThan(1);
    for (const asset of assets) {
      expect(asset.startsWith("http")).toBe(false);
      const url = new URL(asset, "http://localhost/api/docs/static/index.html").pathname;
      expect((await t.app.inject({ method: "GET", url })).statusCode, url).toBe(200);
    }
    // No inline script: everything runs from files the policy allows.
    expect(response.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/);
    const spec = await t.app.inject({ method: "GET", url: "/api/docs/json" });
    expect(spec.statusCode).toBe(200);
    expect(spec.json().openapi).toBe("3.1.0");
  });

  it("is what the README's API section lists, tag by tag", () => {
    const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
    const section = readme.slice(
      readme.indexOf("## API"),
      readme.indexOf("\n## ", readme.indexOf("## API") + 1),
    );
    const listed = [...section.matchAll(/^- \*\*([\w-]+)\*\*: (.+)$/gm)].flatMap(([, tag, ids]) =>
      [...(ids as string).matchAll(/`(\w+)`/g)].map(([, id]) => `${tag} ${id}`),
    );
    const documented = operations.map(({ op }) => `${op.tags?.[0]} ${op.operationId}`);
    expect([...listed].sort()).toEqual([...documented].sort());
  });
});
