import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession, SESSION_COOKIE } from "../../platform/auth/sessions.ts";
import { makeUser } from "../../testing/factories.ts";
import { createTestApp, type TestApp } from "../../testing/test-app.ts";
import { seedDemoEntries } from "./demo-seed.ts";
import { countPublishedFigures } from "./home.repo.ts";
import { loadHome } from "./home.service.ts";
import { insertSearchEntry, searchEntryData } from "./search.testing.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

async function home() {
  const response = await t.app.inject({ method: "GET", url: "/" });
  expect(response.statusCode).toBe(200);
  return response.body;
}

/** The number shown in the statistics list next to a label. */
function stat(html: string, label: string): string | undefined {
  return html.match(new RegExp(`<li><strong>([\\d,]+)</strong> ${label}</li>`))?.[1];
}

describe("home page", () => {
  it("explains the database and works on an empty one", async () => {
    const html = await home();
    expect(html).toContain("<h1>WSIS Stocktaking: ICT projects for development</h1>");
    expect(html).toContain("public register of projects");
    expect(stat(html, "published projects")).toBe("0");
    expect(stat(html, "countries covered")).toBe("0");
    expect(html).toContain('<search class="home-search"><form method="get" action="/entries">');
    expect(html).toContain('<label for="home-q">');
    expect(html).toContain('href="/register"');
    expect(html).toContain('href="/entries/new"');
  });

  it("counts only published entries, countries, organisations and entries per Action Line", async () => {
    const owner = await makeUser(t.db);
    const entry = (overrides: Parameters<typeof searchEntryData>[0]) => searchEntryData(overrides);
    await insertSearchEntry(
      t.db,
      owner.id,
      entry({ organisationName: "Kelp Institute", countries: ["KE"], actionLines: ["C4", "C2"] }),
    );
    await insertSearchEntry(
      t.db,
      owner.id,
      entry({ organisationName: "kelp institute", countries: ["KE", "UG"], actionLines: ["C4"] }),
    );
    await insertSearchEntry(
      t.db,
      owner.id,
      entry({
        organisationName: "Global Net",
        coverage: "international",
        countries: [],
        actionLines: ["C7-ehealth"],
      }),
    );
    for (const state of ["draft", "submitted", "rejected"] as const)
      await insertSearchEntry(
        t.db,
        owner.id,
        entry({ organisationName: "Hidden Org", countries: ["AU", "NZ"], actionLines: ["C11"] }),
        { state },
      );

    const html = await home();
    expect(stat(html, "published projects")).toBe("3");
    expect(stat(html, "countries covered")).toBe("2");
    expect(stat(html, "organisations")).toBe("2");
    const row = (code: string, name: string, count: number) =>
      `<th scope="row"><a href="/entries?actionLine=${code}">${code} ${name}</a></th><td class="numeric">${count}</td>`;
    expect(html).toContain(row("C4", "Capacity building", 2));
    expect(html).toContain(row("C2", "Information and communication infrastructure", 1));
    expect(html).toContain(row("C7-ehealth", "ICT applications: E-health", 1));
    expect(html).toContain(row("C11", "International and regional cooperation", 0));
    // The chart draws the same figures, with its own title for assistive technology.
    expect(html).toMatch(/<svg class="bar-chart"[^>]* role="img" aria-labelledby="chart-title">/);
    expect(html.match(/<rect /g)).toHaveLength(18);
  });

  it("matches a brute-force count over a seeded database", async () => {
    await seedDemoEntries(t.db, { count: 80, seed: 3 });
    const rows = await t.db
      .selectFrom("entries")
      .select(["countries", "action_lines", "organisation_name"])
      .where("published_revision_id", "is not", null)
      .execute();
    const perLine = new Map<string, number>();
    for (const row of rows)
      for (const code of row.action_lines) perLine.set(code, (perLine.get(code) ?? 0) + 1);
    // From the search index (as served) and from SQL (while the index builds): the same figures.
    const fromIndex = (await loadHome(t.db, t.app.deps.search)).figures;
    for (const figures of [fromIndex, await countPublishedFigures(t.db)]) {
      expect(figures.entries).toBe(rows.length);
      expect(figures.countries).toBe(new Set(rows.flatMap((row) => row.countries)).size);
      expect(figures.organisations).toBe(
        new Set(rows.map((row) => row.organisation_name?.toLowerCase())).size,
      );
      expect(figures.perActionLine).toEqual(perLine);
    }
  });

  it("offers a signed-in visitor the submit link, not registration", async () => {
    const user = await makeUser(t.db);
    const token = await createSession(t.db, user.id, { ip: null, userAgent: null });
    const response = await t.app.inject({
      method: "GET",
      url: "/",
      headers: { cookie: `${SESSION_COOKIE}=${token}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<a class="button" href="/entries/new">Submit a project</a>');
    expect(response.body).not.toContain('<a class="button" href="/register">');
  });
});
