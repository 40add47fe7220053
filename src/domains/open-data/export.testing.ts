import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, expect } from "vitest";
import { makeUser } from "../../testing/factories.ts";
import { createTestApp, type TestApp } from "../../testing/test-app.ts";
import type { EntryData } from "../stocktaking/entry-fields.ts";
import { insertSearchEntry, searchEntryData, seedSearchFixtures } from "../stocktaking/search.testing.ts";
import { parseCsv } from "./csv.ts";
import { TABULAR_COLUMNS } from "./export-fields.ts";

/** What the `exportEntries` tests share: an app with the search's fixtures and texts hard to export. */

/** Cell starts a spreadsheet would run as a formula. */
export const INJECTIONS = [
  "=cmd|' /C calc'!A0",
  "+SUM(A1:A9)",
  "-2+3",
  '@HYPERLINK("http://evil.example")',
  "\tTabbed start",
  "\rCarriage start",
] as const;

/** The entries the tests look for by name, each published on its own day of September 2026. */
const HARD_TEXTS: Record<string, Partial<EntryData>> = {
  injection: {
    title: INJECTIONS[0],
    organisationName: INJECTIONS[1],
    description: `${INJECTIONS[2]} — a description that starts like a formula.`,
    countries: ["FR"],
  },
  quotes: {
    title: 'Quoted "pelican" survey, with commas',
    description:
      'Line one, with "quotes";\nline two\r\nline three, done. _x0041_ stays as typed & <tags> too.',
    organisationName: INJECTIONS[3],
  },
  arabic: {
    title: "مبادرة المدارس الرقمية في الريف",
    description: "تدريب المعلمين على المهارات الرقمية في المدارس الريفية.",
    organisationName: INJECTIONS[4],
    language: "ar",
    countries: ["EG"],
  },
  chinese: {
    title: "农村数字技能培训中心",
    description: "为农村青年提供免费的数字技能培训，包括基础计算机课程。",
    organisationName: INJECTIONS[5],
    language: "zh",
    countries: ["CN"],
  },
};

export interface ExportTestApp {
  /** The app, once `beforeAll` has made it. */
  readonly t: TestApp;
  /** The hard texts' entry ids by name (`injection`, `quotes`, `arabic`, `chinese`). */
  ids: Record<string, string>;
  /** A fresh client address per call, so the per-address limit never interferes. */
  nextIp: () => string;
  /** `GET /api/v1/entries/export?<query>` from a fresh address. */
  exportOf: (query: string, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  /** Every id `searchEntries` returns for a query, in its order, page by page. */
  searchIds: (query: string) => Promise<string[]>;
}

/** Makes the app before the file's tests (and closes it after them). */
export function useExportTestApp(): ExportTestApp {
  let t: TestApp | undefined;
  const ids: Record<string, string> = {};
  let address = 0;
  beforeAll(async () => {
    t = await createTestApp();
    await seedSearchFixtures(t.db);
    const owner = await makeUser(t.db);
    let day = 0;
    for (const [name, data] of Object.entries(HARD_TEXTS)) {
      day += 1;
      ids[name] = await insertSearchEntry(t.db, owner.id, searchEntryData(data), {
        publishedAt: new Date(Date.UTC(2026, 8, day)),
      });
    }
  });
  afterAll(async () => t?.close());
  const app = () => {
    if (!t) throw new Error("the export test app is made in beforeAll");
    return t;
  };
  const nextIp = () => `198.51.100.${++address}`;
  return {
    get t() {
      return app();
    },
    ids,
    nextIp,
    exportOf: (query, headers = {}) =>
      app().app.inject({
        method: "GET",
        url: `/api/v1/entries/export?${query}`,
        headers: { "x-forwarded-for": nextIp(), ...headers },
      }),
    searchIds: async (query) => {
      const out: string[] = [];
      for (let page = 1; ; page++) {
        const response = await app().app.inject({
          method: "GET",
          url: `/api/v1/entries?${query}${query ? "&" : ""}pageSize=100&page=${page}`,
        });
        expect(response.statusCode, response.body).toBe(200);
        const body = response.json() as { total: number; items: Array<{ id: string }> };
        out.push(...body.items.map((item) => item.id));
        if (out.length >= body.total || body.items.length === 0) {
          expect(out.length).toBe(body.total);
          return out;
        }
      }
    },
  };
}

/** A CSV export's header and records. */
export const csvRecords = (body: Buffer) => {
  const [header, ...rows] = parseCsv(body.toString("utf8"));
  return { header: header ?? [], rows };
};

/** The position of a CSV/XLSX column. */
export const column = (name: string) => TABULAR_COLUMNS.indexOf(name);
