import type { LightMyRequestResponse } from "fastify";
import { sql } from "kysely";
import type { Static } from "typebox";
import { afterAll, beforeAll, expect } from "vitest";
import { createApiToken } from "../../platform/auth/sessions.ts";
import { type MadeUser, makeUser } from "../../testing/factories.ts";
import { createTestApp, type TestApp } from "../../testing/test-app.ts";
import type { ImportJobResponse } from "./import.schema.ts";

/** What the `importEntries` API tests share: an app, a moderator's and a plain user's tokens, helpers. */

export const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export interface UploadOptions {
  type?: string;
  query?: string;
  token?: string;
  lang?: string;
  headers?: Record<string, string>;
}

export interface ImportRowItem {
  row: number;
  outcome: string;
  entryId: string | null;
  errors: Array<{ column: string; code: string; message: string }>;
}

/** Counts of everything an import may write, to prove a refused or failed one wrote nothing. */
export interface Stored {
  jobs: number;
  entries: number;
  revisions: number;
  mapped: number;
  decisions: number;
  audited: number;
}

export interface ImportApiTestApp {
  /** The app, once `beforeAll` has made it. */
  readonly t: TestApp;
  readonly moderator: MadeUser;
  /** A moderator's token with the `moderation` scope. */
  readonly modToken: string;
  /** A plain user's token. */
  readonly userToken: string;
  /** `POST /api/v1/imports` with the file as the body (CSV unless `type` says otherwise). */
  upload: (file: Buffer, options?: UploadOptions) => Promise<LightMyRequestResponse>;
  /** A request as the moderator. */
  api: (
    method: "GET" | "POST",
    url: string,
    headers?: Record<string, string>,
  ) => Promise<LightMyRequestResponse>;
  /** A job's verdicts (up to 500), `query` appended (`&outcome=error`). */
  rowsOf: (id: string, query?: string) => Promise<ImportRowItem[]>;
  stored: () => Promise<Stored>;
  /** Waits until the job (processed by the app's worker) reaches one of `statuses`. */
  waitFor: (id: string, statuses: string[], timeoutMs?: number) => Promise<Static<typeof ImportJobResponse>>;
  /** `n` external ids no other test uses. */
  uniqueIds: (n: number) => string[];
}

/** Makes the app and the tokens before the file's tests (and closes it after them). */
export function useImportApiTestApp(): ImportApiTestApp {
  let made: { t: TestApp; moderator: MadeUser; modToken: string; userToken: string } | undefined;
  beforeAll(async () => {
    const t = await createTestApp();
    const moderator = await makeUser(t.db, { role: "moderator" });
    const modToken = await createApiToken(t.db, moderator.id, "import", ["entries:read", "moderation"], null);
    const user = await makeUser(t.db);
    const userToken = await createApiToken(t.db, user.id, "user", ["entries:read", "entries:write"], null);
    made = { t, moderator, modToken, userToken };
  });
  afterAll(async () => made?.t.close());
  const get = () => {
    if (!made) throw new Error("the import test app is made in beforeAll");
    return made;
  };
  const api: ImportApiTestApp["api"] = (method, url, headers = {}) =>
    get().t.app.inject({ method, url, headers: { authorization: `Bearer ${get().modToken}`, ...headers } });
  const count = async (query: ReturnType<typeof sql<{ n: number }>>) =>
    (await query.execute(get().t.db)).rows[0]?.n ?? 0;
  let sequence = 0;
  return {
    get t() {
      return get().t;
    },
    get moderator() {
      return get().moderator;
    },
    get modToken() {
      return get().modToken;
    },
    get userToken() {
      return get().userToken;
    },
    upload: (file, options = {}) =>
      get().t.app.inject({
        method: "POST",
        url: `/api/v1/imports${options.query ?? ""}`,
        headers: {
          authorization: `Bearer ${options.token ?? get().modToken}`,
          "content-type": options.type ?? "text/csv",
          ...(options.lang ? { "accept-language": options.lang } : {}),
          ...options.headers,
        },
        payload: file,
      }),
    api,
    rowsOf: async (id, query = "") => {
      const response = await api("GET", `/api/v1/imports/${id}/rows?pageSize=500${query}`);
      expect(response.statusCode).toBe(200);
      return response.json().items as ImportRowItem[];
    },
    stored: async () => ({
      jobs: await count(sql<{ n: number }>`select count(*)::int as n from import_jobs`),
      entries: await count(sql<{ n: number }>`select count(*)::int as n from entries`),
      revisions: await count(sql<{ n: number }>`select count(*)::int as n from entry_revisions`),
      mapped: await count(sql<{ n: number }>`select count(*)::int as n from import_external_ids`),
      decisions: await count(sql<{ n: number }>`select count(*)::int as n from moderation_decisions`),
      audited: await count(
        sql<{ n: number }>`select count(*)::int as n from audit_log where action = 'entry.import'`,
      ),
    }),
    waitFor: async (id, statuses, timeoutMs = 20_000) => {
      const started = Date.now();
      for (;;) {
        const job = (await api("GET", `/api/v1/imports/${id}`)).json();
        if (statuses.includes(job.status)) return job;
        if (Date.now() - started > timeoutMs) throw new Error(`job ${id} still ${job.status}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    uniqueIds: (n) => Array.from({ length: n }, () => `ext-${process.pid}-${++sequence}`),
  };
}
