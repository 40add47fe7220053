import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../testing/test-app.ts";
import { ERROR_CODES, FIELD_ERROR_CODES } from "../errors.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe("platform routes", () => {
  it("reports health with the engine in use", async () => {
    const response = await t.app.inject({ method: "GET", url: "/healthz" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: "ok",
      database: t.database.engine,
      search: { engine: "bitmap", ready: true, entries: expect.any(Number), buildMs: expect.any(Number) },
    });
  });

  it("answers unknown API paths with problem+json", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/v1/nothing-here" });
    expect(response.statusCode).toBe(404);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    expect(response.json()).toMatchObject({ status: 404, code: "not_found" });
  });

  it("answers unknown pages with an HTML page in the negotiated language", async () => {
    const response = await t.app.inject({
      method: "GET",
      url: "/nothing-here",
      headers: { "accept-language": "xx;q=abc,,en" },
    });
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('<html lang="en" dir="ltr">');
  });

  it("serves hashed assets with a long cache lifetime", async () => {
    const home = await t.app.inject({ method: "GET", url: "/nothing-here" });
    const css = home.body.match(/href="(\/assets\/app\.[0-9a-f]{12}\.css)"/)?.[1];
    expect(css).toBeDefined();
    const response = await t.app.inject({ method: "GET", url: css as string });
    expect(response.statusCode).toBe(200);
    expect(response.headers["cache-control"]).toContain("immutable");
  });

  it("declares a hashed icon on every page, so browsers do not probe /favicon.ico", async () => {
    const page = await t.app.inject({ method: "GET", url: "/nothing-here" });
    const icon = page.body.match(/<link rel="icon" href="(\/assets\/icon\.[0-9a-f]{12}\.svg)"/)?.[1];
    expect(icon).toBeDefined();
    const response = await t.app.inject({ method: "GET", url: icon as string });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("image/svg+xml");
  });

  it("serves a robots.txt that lets crawlers index the public pages", async () => {
    const response = await t.app.inject({ method: "GET", url: "/robots.txt" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("text/plain");
    expect(response.body).toBe("User-agent: *\nDisallow:\n");
  });

  it("sets a content security policy without inline script", async () => {
    const response = await t.app.inject({ method: "GET", url: "/healthz" });
    const csp = String(response.headers["content-security-policy"]);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
  });

  it("documents every error code at the address problem documents point to", async () => {
    const problem = await t.app.inject({ method: "GET", url: "/api/v1/nothing-here" });
    expect(problem.json().type).toBe("/api/errors#not_found");
    const page = await t.app.inject({ method: "GET", url: "/api/errors" });
    expect(page.statusCode).toBe(200);
    for (const code of Object.keys(ERROR_CODES)) expect(page.body).toContain(`id="${code}"`);
    for (const code of FIELD_ERROR_CODES) expect(page.body).toContain(`id="field-${code}"`);
  });

  it("serves an OpenAPI 3.1 document with every operation of the contract", async () => {
    const response = await t.app.inject({ method: "GET", url: "/openapi.json" });
    expect(response.statusCode).toBe(200);
    const doc = response.json() as {
      openapi: string;
      paths: Record<string, Record<string, { operationId?: string }>>;
    };
    expect(doc.openapi).toBe("3.1.0");
    const operationIds = Object.values(doc.paths).flatMap((methods) =>
      Object.values(methods).map((op) => op.operationId),
    );
    // ../shared/CONTRACT.md: other tools call these by name.
    for (const id of [
      "searchEntries",
      "getEntry",
      "createEntry",
      "updateEntry",
      "submitEntry",
      "moderateEntry",
      "listActionLines",
      "listSdgs",
      "getSdgMatrix",
    ]) {
      expect(operationIds).toContain(id);
    }
    expect(new Set(operationIds).size).toBe(operationIds.length);
  });
});
