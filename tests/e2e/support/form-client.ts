/** A page as the server sent it, before any redirect was followed. */
export interface Fetched {
  status: number;
  location: string | null;
  html: string;
}

/**
 * fetch with a cookie jar and a fixed language: one browser without JavaScript. Redirects are not
 * followed, so a test sees the 303 of a successful form and the 400 of a refused one.
 */
export class FormClient {
  private readonly cookies = new Map<string, string>();
  constructor(
    private readonly baseUrl: string,
    private readonly lang: string,
  ) {}

  /**
   * A client signed in as `account`. Signing in is limited to 10 times in 15 minutes per account
   * and address, so a test file signs its set-up account in once and passes the client around.
   */
  static async signedIn(
    baseUrl: string,
    account: { email: string; password: string },
    lang = "en",
  ): Promise<FormClient> {
    const client = new FormClient(baseUrl, lang);
    await client.signIn(account.email, account.password);
    return client;
  }

  private remember(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = header.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private async send(
    path: string,
    init: RequestInit,
    headers: Record<string, string> = {},
  ): Promise<Fetched> {
    const url = `${this.baseUrl}${path}${path.includes("?") ? "&" : "?"}lang=${this.lang}`;
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    const response = await fetch(url, {
      ...init,
      headers: { accept: "text/html", cookie, ...headers },
      redirect: "manual",
    });
    this.remember(response);
    return {
      status: response.status,
      location: response.headers.get("location"),
      html: await response.text(),
    };
  }

  get(path: string): Promise<Fetched> {
    return this.send(path, {});
  }

  post(path: string, form: URLSearchParams): Promise<Fetched> {
    return this.send(
      path,
      { method: "POST", body: form.toString() },
      {
        "content-type": "application/x-www-form-urlencoded",
      },
    );
  }

  postMultipart(path: string, form: FormData): Promise<Fetched> {
    return this.send(path, { method: "POST", body: form });
  }

  /**
   * Fetches the form page at `page` and posts its form to `action` with `fields` added to its
   * hidden fields (CSRF token, idempotency key), as a person filling it in would. Returns the answer.
   */
  async fill(page: string, action: string, fields: Array<[string, string]>): Promise<Fetched> {
    const form = hiddenFields((await this.get(page)).html, action);
    for (const [name, value] of fields) form.append(name, value);
    return this.post(action, form);
  }

  /** Like `fill`, but the answer must be the 303 of a form that was accepted: returns where it leads. */
  async submit(page: string, action: string, fields: Array<[string, string]>): Promise<string> {
    const answer = await this.fill(page, action, fields);
    if (answer.status !== 303 || !answer.location)
      throw new Error(`${action}: expected 303, got ${answer.status}\n${problemsOf(answer.html)}`);
    return answer.location;
  }

  /** Signs in at /sign-in; throws when the account is refused. */
  async signIn(email: string, password: string): Promise<void> {
    await this.submit("/sign-in", "/sign-in", [
      ["email", email],
      ["password", password],
    ]);
  }
}

/** The refusals and field errors a page shows, for a failure message that says why. */
export function problemsOf(html: string): string {
  const texts = [
    ...html.matchAll(/class="(?:field-error|notice notice--error)"[^>]*>([\s\S]*?)<\/(?:span|div|p)>/g),
  ]
    .map((match) => (match[1] ?? "").replace(/<[^>]+>/g, "").trim())
    .filter(Boolean);
  return texts.length ? texts.join("\n") : html.slice(0, 500);
}

/** The hidden fields of the first form posting to `action`, as a browser would submit them. */
export function hiddenFields(html: string, action: string): URLSearchParams {
  const start = html.indexOf(`action="${action}"`);
  if (start < 0) throw new Error(`no form posting to ${action}`);
  const form = html.slice(start, html.indexOf("</form>", start));
  const fields = new URLSearchParams();
  for (const input of form.matchAll(/<input\b[^>]*>/g)) {
    const tag = input[0];
    if (!/type="hidden"/.test(tag)) continue;
    const name = tag.match(/name="([^"]*)"/)?.[1];
    const value = tag.match(/value="([^"]*)"/)?.[1] ?? "";
    if (name) fields.append(name, value.replaceAll("&amp;", "&"));
  }
  return fields;
}

/** The first link on a page whose address starts with `prefix` and goes one segment further. */
export function firstLink(html: string, prefix: string): string {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const href = html.match(new RegExp(`href="(${escaped}[^"?#/]+)"`))?.[1];
  if (!href) throw new Error(`no link under ${prefix}`);
  return href;
}
