import type { LightMyRequestResponse } from "fastify";
import type { Kysely } from "kysely";
import { type App, buildApp } from "../app.ts";
import { type AppConfig, loadConfig } from "../config.ts";
import type { Database } from "../db/schema.ts";
import { createSession, SESSION_COOKIE } from "../platform/auth/sessions.ts";
import { createTestDatabase, type TestDatabase } from "./test-database.ts";

export interface TestApp {
  app: App;
  db: TestDatabase["db"];
  database: TestDatabase;
  config: AppConfig;
  close(): Promise<void>;
}

/** A whole application on a fresh database, for HTTP tests through `app.inject`. */
export async function createTestApp(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig(
    { LOG_LEVEL: "silent" },
    {
      dataDir: database.dataDir,
      sessionSecret: "test-secret-that-is-at-least-32-characters",
      demoData: false,
      // Files send hundreds of API requests from one address; the limit's own tests lower it.
      apiRateLimit: { anonymous: 100_000, authenticated: 100_000, windowMs: 60_000 },
      ...overrides,
    },
  );
  const app = await buildApp({ config, database, logger: false });
  return {
    app,
    db: database.db,
    database,
    config,
    close: async () => {
      await app.close();
      await database.destroy();
    },
  };
}

/** A tiny cookie jar so a test can act as one browser across requests. */
export class Browser {
  private readonly cookies = new Map<string, string>();
  constructor(private readonly app: App) {}

  private remember(response: LightMyRequestResponse): void {
    for (const cookie of response.cookies) {
      const expired =
        cookie.maxAge === 0 || (cookie.expires && new Date(cookie.expires).getTime() < Date.now());
      if (expired || cookie.value === "") this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  /** For a session created directly in the database, as if the browser had signed in. */
  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  hasCookie(name: string): boolean {
    return this.cookies.has(name);
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({
      method: "GET",
      url,
      headers: { accept: "text/html", cookie: this.cookieHeader(), ...headers },
    });
    this.remember(response);
    return response;
  }

  /** The CSRF token of the form on `formUrl`, as a browser would read it from the page. */
  async csrfToken(formUrl: string): Promise<string> {
    const page = await this.get(formUrl);
    const match = page.body.match(/name="_csrf" value="([^"]+)"/);
    if (!match?.[1]) throw new Error(`No CSRF token on ${formUrl} (status ${page.statusCode})`);
    return match[1];
  }

  /** Submits a form the way a browser does: urlencoded, with the page's CSRF token unless given. */
  async submit(
    formUrl: string,
    action: string,
    fields: Record<string, string | string[]>,
    options: { csrf?: string | null; headers?: Record<string, string> } = {},
  ): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams();
    const csrf = options.csrf === undefined ? await this.csrfToken(formUrl) : options.csrf;
    if (csrf !== null) body.append("_csrf", csrf);
    for (const [name, value] of Object.entries(fields)) {
      for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
    }
    const response = await this.app.inject({
      method: "POST",
      url: action,
      headers: {
        accept: "text/html",
        "content-type": "application/x-www-form-urlencoded",
        cookie: this.cookieHeader(),
        ...options.headers,
      },
      payload: body.toString(),
    });
    this.remember(response);
    return response;
  }

  async api(
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) {
    const response = await this.app.inject({
      method,
      url,
      headers: {
        cookie: this.cookieHeader(),
        ...(payload === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
    });
    this.remember(response);
    return response;
  }
}

/** A Browser signed in as `user` through a session created directly (no sign-in form needed). */
export async function signedInBrowser(
  app: App,
  db: Kysely<Database>,
  user: { id: string },
): Promise<Browser> {
  const token = await createSession(db, user.id, { ip: null, userAgent: "test" });
  const browser = new Browser(app);
  browser.setCookie(SESSION_COOKIE, token);
  return browser;
}
