import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { tinyPng } from "../../src/testing/image-fixtures.ts";
import { liveEditionForm } from "./support/prize-edition.ts";
import {
  addUser,
  anyEntryId,
  cli,
  newDataDir,
  type RunningServer,
  removeDataDir,
  startServer,
} from "./support/server.ts";

/**
 * The Nu Html Checker (vnu.jar, on the machine's Java) reports zero errors on the HTML the server
 * sends for every page type, in English and Arabic: public pages, the account and entry pages
 * (draft, edit with an image, submitted, under review, withdrawal), forms re-shown with errors,
 * moderation and administration, and an error page. The raw response bodies are checked, not the
 * DOM after scripts ran: that is what a browser without JavaScript gets. The pages and vnu's JSON
 * report are kept under artifacts/html as evidence.
 */

const OUT_DIR = "artifacts/html";
const LANGS = ["en", "ar"] as const;
const ADMIN = "admin.html@e2e.example.org";
const PASSWORD = "correct horse battery staple";
/** vnu-jar's main export is the absolute path of the bundled vnu.jar. */
const VNU_JAR = String(createRequire(import.meta.url)("vnu-jar"));

let server: RunningServer;
let entryId: string;

beforeAll(async () => {
  const dataDir = newDataDir();
  cli(dataDir, ["seed", "--entries", "60", "--seed", "11"]);
  addUser(dataDir, { email: ADMIN, password: PASSWORD, role: "admin", name: "Ada Admin" });
  server = await startServer(dataDir);
  entryId = await anyEntryId(server.baseUrl);
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
});

afterAll(async () => {
  await server?.stop();
  if (server) removeDataDir(server.dataDir);
});

interface Fetched {
  status: number;
  location: string | null;
  html: string;
}

/** fetch with a cookie jar and a fixed language: one browser without JavaScript. */
class Client {
  private readonly cookies = new Map<string, string>();
  constructor(
    private readonly baseUrl: string,
    private readonly lang: string,
  ) {}

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
}

/** The hidden fields of the first form posting to `action`, as a browser would submit them. */
function hiddenFields(html: string, action: string): URLSearchParams {
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
function firstLink(html: string, prefix: string): string {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const href = html.match(new RegExp(`href="(${escaped}[^"?#/]+)"`))?.[1];
  if (!href) throw new Error(`no link under ${prefix}`);
  return href;
}

const ENTRY_FIELDS: Array<[string, string]> = [
  ["title", "Rural school connectivity"],
  ["description", "Solar kits and offline tablets bring digital lessons to forty rural schools."],
  ["language", "en"],
  ["organisationName", "Sahel Digital Schools Initiative"],
  ["stakeholderType", "civil_society"],
  ["coverage", "national"],
  ["countries", "SN"],
  ["actionLines", "C7-elearn"],
  ["sdgs", "4"],
  ["projectStatus", "ongoing"],
  ["startDate", "2024-09-01"],
];

interface VnuMessage {
  type: string;
  url?: string;
  lastLine?: number;
  message?: string;
  extract?: string;
}

it("every page type is valid HTML in English and Arabic (Nu Html Checker)", async () => {
  const files: string[] = [];
  const save = (lang: string, name: string, page: Fetched, status: number) => {
    expect({ lang, name, status: page.status }).toEqual({ lang, name, status });
    const file = join(OUT_DIR, `${lang}-${name}.html`);
    writeFileSync(file, page.html);
    files.push(file);
  };

  for (const lang of LANGS) {
    const client = new Client(server.baseUrl, lang);
    const visit = async (name: string, path: string, status = 200) => {
      const page = await client.get(path);
      save(lang, name, page, status);
      return page.html;
    };
    const post = async (name: string, path: string, form: URLSearchParams, status = 400) =>
      save(lang, name, await client.post(path, form), status);
    const redirected = async (path: string, form: URLSearchParams | FormData) => {
      const response =
        form instanceof FormData ? await client.postMultipart(path, form) : await client.post(path, form);
      const invalid = [...response.html.matchAll(/name="([^"]+)"[^>]*aria-invalid="true"/g)].map((m) => m[1]);
      expect({ path, status: response.status, invalid }).toEqual({ path, status: 303, invalid: [] });
      return response.location as string;
    };

    // Signed out.
    await visit("home", "/");
    await visit("search", "/entries");
    await visit("search-none", "/entries?q=zzqxwv");
    await visit("entry", `/entries/${entryId}`);
    await visit("action-lines", "/action-lines");
    await visit("sdgs", "/sdgs");
    await visit("sdg-matrix", "/sdg-matrix");
    await visit("open-data", "/open-data");
    // A past edition (seeded on start): its results notice and its statistics, charts beside tables.
    await visit("prize-results", "/prizes/2018/results");
    await visit("prize-statistics", "/prizes/2018/statistics");
    // Expert review (P3): the public nominated list of a past edition.
    await visit("prize-nominees", "/prizes/2018/nominees");
    // Voting (P4): the ballot of a past edition (voting closed, no ballot form).
    await visit("prize-vote", "/prizes/2018/vote");
    // Photo Contest (P6): the public gallery of an edition.
    await visit("prize-photos", "/prizes/2018/photos");
    await visit("register", "/register");
    await post(
      "register-errors",
      "/register",
      hiddenFields(await client.get("/register").then((p) => p.html), "/register"),
    );
    await visit("register-check-email", "/register/check-email");
    await visit("verify-email-bad-token", "/verify-email?token=not-a-token", 400);
    await visit("verify-email-resend", "/verify-email/resend");
    await visit("forgot-password", "/forgot-password");
    await visit("forgot-password-sent", "/forgot-password/sent");
    await visit("reset-password-bad-token", "/reset-password?token=not-a-token", 400);
    await visit("not-found", "/no-such-page", 404);
    const signInForm = hiddenFields(await visit("sign-in", "/sign-in"), "/sign-in");
    await post("sign-in-errors", "/sign-in", signInForm);
    signInForm.set("email", ADMIN);
    signInForm.set("password", "not the password");
    await post("sign-in-refused", "/sign-in", signInForm, 401);

    signInForm.set("password", PASSWORD);
    await redirected("/sign-in", signInForm);

    // Signed in: an entry taken from draft (with an image) to the moderation queue.
    await visit("account", "/account");
    const tokenForm = hiddenFields(await visit("account-tokens", "/account/tokens"), "/account/tokens");
    await post("account-tokens-errors", "/account/tokens", tokenForm);
    tokenForm.set("name", "Validator script");
    tokenForm.append("scopes", "entries:read");
    tokenForm.set("expiry", "90");
    await post("account-tokens-created", "/account/tokens", tokenForm, 201);
    // The list with a token in it (and its revoke button).
    await visit("account-tokens-list", "/account/tokens");
    const emptyForm = hiddenFields(await visit("entry-form", "/entries/new"), "/entries");
    emptyForm.set("intent", "submit");
    await post("entry-form-errors", "/entries", emptyForm);
    const draftForm = hiddenFields((await client.get("/entries/new")).html, "/entries");
    for (const [name, value] of ENTRY_FIELDS) draftForm.append(name, value);
    draftForm.set("intent", "save");
    const draftPath = await redirected("/entries", draftForm);
    const draftId = draftPath.split("/").pop() as string;

    const editHtml = (await client.get(`/entries/${draftId}/edit`)).html;
    const upload = new FormData();
    for (const [name, value] of hiddenFields(editHtml, `/entries/${draftId}/images`))
      upload.append(name, value);
    upload.append("alt", "Pupils reading lessons on a tablet");
    upload.append("file", new Blob([new Uint8Array(tinyPng(64, 48))], { type: "image/png" }), "lesson.png");
    await redirected(`/entries/${draftId}/images`, upload);
    await visit("entry-edit", `/entries/${draftId}/edit`);
    const translations = `/entries/${draftId}/translations`;
    const translationForm = hiddenFields(await visit("entry-translations", translations), translations);
    await post("entry-translations-errors", translations, translationForm);
    translationForm.set("language", "fr");
    translationForm.set("title", "Connexion des écoles rurales");
    translationForm.set(
      "description",
      "Des kits solaires et des tablettes hors ligne apportent des cours numériques.",
    );
    await redirected(translations, translationForm);
    await visit("entry-translations-change", `${translations}?language=fr`);
    const draftHtml = await visit("entry-draft", `/entries/${draftId}`);
    await redirected(`/entries/${draftId}/submit`, hiddenFields(draftHtml, `/entries/${draftId}/submit`));

    await visit("my-entries", "/my/entries");
    await visit("entry-history", `/entries/${draftId}/history`);
    await visit("moderation", "/moderation");
    // Prize submissions (P2): the submitter's list, and the submit page of an edition not taking any.
    await visit("prize-my-submissions", "/prizes/submissions");
    await visit("prize-submit-closed", "/prizes/2018/submit");
    await visit("prize-secretariat-results", "/prizes/2018/secretariat/results");
    // The secretariat's nominations overview (forms: top-N selection, publication) and experts form.
    await visit("prize-nominations", "/prizes/2018/secretariat/nominations");
    await visit("prize-experts", "/prizes/2018/secretariat/nominations/experts");
    // Voting (P4): "My votes" and the secretariat's live totals, flags and invalidation form.
    await visit("prize-my-votes", "/prizes/my-votes");
    await visit("prize-secretariat-votes", "/prizes/2018/secretariat/votes");
    // Photo Contest (P6): the entrant's own page (entries closed) and the jury's page.
    await visit("prize-photos-mine-closed", "/prizes/2018/photos/mine");
    await visit("prize-photos-jury", "/prizes/2018/photos/jury");
    const reviewHtml = await visit("moderation-review", `/moderation/entries/${draftId}`);
    await post(
      "moderation-review-errors",
      `/moderation/entries/${draftId}`,
      hiddenFields(reviewHtml, `/moderation/entries/${draftId}`),
    );
    // The same entry submitted again: flagged as a likely duplicate of the first.
    const twinForm = hiddenFields((await client.get("/entries/new")).html, "/entries");
    for (const [name, value] of ENTRY_FIELDS) twinForm.append(name, value);
    twinForm.set("intent", "submit");
    await redirected("/entries", twinForm);
    const duplicates = await visit("duplicates", "/moderation/duplicates");
    const pairPath = firstLink(duplicates, "/moderation/duplicates/");
    const pairHtml = await visit("duplicates-pair", pairPath);
    // Merging without choosing the entry that stays: the error summary.
    await post("duplicates-pair-errors", pairPath, hiddenFields(pairHtml, pairPath));
    const withdrawHtml = await visit("withdraw", `/entries/${entryId}/withdraw`);
    await post(
      "withdraw-errors",
      `/entries/${entryId}/withdraw`,
      hiddenFields(withdrawHtml, `/entries/${entryId}/withdraw`),
    );

    // Bulk import: the form, a refused file, and a checked one with an error next to its row.
    const importForm = hiddenFields(await visit("imports", "/imports"), "/imports");
    const importUpload = (csv: string, encoding: BufferEncoding) => {
      const form = new FormData();
      for (const [name, value] of importForm) form.append(name, value);
      form.append("file", new Blob([Buffer.from(csv, encoding)], { type: "text/csv" }), "entries.csv");
      return client.postMultipart("/imports", form);
    };
    const importCsv = [
      "external_id,title,description,organisation,stakeholderType,coverage,countries,actionLines,status",
      "v-1,Rural schools online,Solar powered mesh network for twelve rural schools.,Rural Connect,civil_society,national,KE,C2,ongoing",
      "v-2,Clinic records,Offline-first health records for district clinics.,Rural Connect,civil_society,national,XX,C2,ongoing",
    ].join("\r\n");
    save(lang, "imports-refused", await importUpload(importCsv.replace("Rural", "Rüral"), "latin1"), 400);
    const imported = await importUpload(importCsv, "utf8");
    expect(imported.status).toBe(303);
    await visit("import", imported.location as string);

    // Administration.
    // With the "regenerate now" form.
    await visit("open-data-admin", "/open-data");
    await visit("admin", "/admin");
    const actionLines = await visit("admin-action-lines", "/admin/action-lines");
    await visit("admin-action-line", firstLink(actionLines, "/admin/action-lines/"));
    const sdgs = await visit("admin-sdgs", "/admin/sdgs");
    await visit("admin-sdg", firstLink(sdgs, "/admin/sdgs/"));
    const matrix = await visit("admin-sdg-matrix", "/admin/sdg-matrix");
    const matrixLine = await visit("admin-sdg-matrix-line", firstLink(matrix, "/admin/sdg-matrix/"));
    await visit(
      "admin-sdg-matrix-link",
      firstLink(matrixLine, `${firstLink(matrix, "/admin/sdg-matrix/")}/`),
    );
    const regions = await visit("admin-regions", "/admin/regions");
    await visit("admin-region", firstLink(regions, "/admin/regions/"));
    await visit("admin-country", firstLink(regions, "/admin/countries/"));
    const types = await visit("admin-stakeholder-types", "/admin/stakeholder-types");
    await post(
      "admin-stakeholder-types-errors",
      "/admin/stakeholder-types",
      hiddenFields(types, "/admin/stakeholder-types"),
    );
    await visit("admin-target-groups", "/admin/target-groups");
    const users = await visit("admin-users", "/admin/users");
    await visit("admin-user", firstLink(users, "/admin/users/"));
    await visit("admin-audit", "/admin/audit");
    await visit("admin-outbox", "/admin/outbox");
    // Prize editions (P1): the list, a past edition, the new-edition form and its errors, then a
    // live edition made through the form: its public timeline, admin page and phase extension form.
    await visit("prizes", "/prizes");
    await visit("prize-edition-past", "/prizes/2018");
    await visit("admin-prizes", "/admin/prizes");
    await visit("admin-prize-edit-past", "/admin/prizes/2018/edit");
    const editionForm = hiddenFields(await visit("admin-prize-new", "/admin/prizes/new"), "/admin/prizes");
    await post("admin-prize-new-errors", "/admin/prizes", editionForm);
    const liveYear = lang === "ar" ? 2098 : 2099;
    await visit(
      "admin-prize-edition",
      await redirected("/admin/prizes", liveEditionForm(editionForm, liveYear)),
    );
    await visit("prize-edition", `/prizes/${liveYear}`);
    await visit("admin-prize-edit", `/admin/prizes/${liveYear}/edit`);
    await visit("admin-prize-extend", `/admin/prizes/${liveYear}/phases/submission/extend`);
    await visit("admin-prize-special", `/admin/prizes/${liveYear}/special-prizes/new`);
    // Photo Contest (P6): the entry form of the live edition, then sent empty (every error shown).
    const photoForm = hiddenFields(
      await visit("prize-photos-mine", `/prizes/${liveYear}/photos/mine`),
      `/prizes/${liveYear}/photos`,
    );
    await post("prize-photos-errors", `/prizes/${liveYear}/photos`, photoForm);
  }

  // One JVM for all the pages; the JSON report goes to stderr.
  const run = spawnSync("java", ["-jar", VNU_JAR, "--errors-only", "--format", "json", ...files], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    timeout: 180_000,
  });
  if (run.error) throw run.error;
  writeFileSync(join(OUT_DIR, "vnu-report.json"), run.stderr);
  const report = JSON.parse(run.stderr) as { messages: VnuMessage[] };
  const problems = report.messages
    .filter((m) => m.type === "error" || m.type === "non-document-error")
    .map(
      (m) =>
        `${basename(m.url ?? "?")}:${m.lastLine ?? "?"}: ${m.message ?? m.type}` +
        (m.extract ? `\n    ${m.extract.replaceAll("\n", " ")}` : ""),
    );
  expect(problems, `vnu errors on ${files.length} pages:\n${problems.join("\n")}`).toEqual([]);
  expect(run.status).toBe(0);
}, 300_000);
