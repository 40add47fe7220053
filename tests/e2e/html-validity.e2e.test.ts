import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { tinyPng } from "../../src/testing/image-fixtures.ts";
import { type MailCatcher, startMailCatcher } from "../../src/testing/mail-catcher.ts";
import { type Fetched, FormClient, firstLink, hiddenFields } from "./support/form-client.ts";
import type { ForumFixtures } from "./support/forum-editions.ts";
import { visitForumPages } from "./support/forum-page-visits.ts";
import { setUpLiveEditions } from "./support/live-editions.ts";
import type { LivePrizes } from "./support/live-prizes.ts";
import { checkWithNu } from "./support/nu-checker.ts";
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
/**
 * Signs in 5 times: once for all the set-ups (one client), then per language once refused and once
 * for the pages. Signing in is limited to 10 times in 15 minutes per account and address.
 */
const ADMIN = "admin.html@e2e.example.org";
const PASSWORD = "correct horse battery staple";

let server: RunningServer;
let mail: MailCatcher;
let entryId: string;
/**
 * Forum editions: one with its open consultation running and a submitted workshop request (F2),
 * one with a published programme and a session the admin organises (F1, F3, F4), and one whose
 * registration is open (F5).
 */
let forum: ForumFixtures;
/** Prize editions in each live phase; made while the other pages are fetched (it waits on the clock). */
let livePrizes: Promise<LivePrizes>;

beforeAll(async () => {
  mail = await startMailCatcher();
  const dataDir = newDataDir();
  cli(dataDir, ["seed", "--entries", "60", "--seed", "11"]);
  addUser(dataDir, { email: ADMIN, password: PASSWORD, role: "admin", name: "Ada Admin" });
  server = await startServer(dataDir, { SMTP_URL: mail.url });
  entryId = await anyEntryId(server.baseUrl);
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  ({ prizes: livePrizes, forum } = await setUpLiveEditions(server.baseUrl, mail, {
    email: ADMIN,
    password: PASSWORD,
  }));
});

afterAll(async () => {
  await server?.stop();
  await mail?.close();
  if (server) removeDataDir(server.dataDir);
});

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

it("every page type is valid HTML in English and Arabic (Nu Html Checker)", async () => {
  const files: string[] = [];
  const save = (lang: string, name: string, page: Fetched, status: number) => {
    expect({ lang, name, status: page.status }).toEqual({ lang, name, status });
    const file = join(OUT_DIR, `${lang}-${name}.html`);
    writeFileSync(file, page.html);
    files.push(file);
  };

  for (const lang of LANGS) {
    const client = new FormClient(server.baseUrl, lang);
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
    await visitForumPages({ visit, post, redirected }, forum);
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
    // Photo Contest jurors: the page, then the form sent with an email no account has.
    const jurorsPath = "/prizes/2018/photos/jury/jurors";
    const jurorsForm = hiddenFields(await visit("prize-photo-jurors", jurorsPath), jurorsPath);
    jurorsForm.set("email", "nobody-at-all@example.org");
    await post("prize-photo-jurors-errors", jurorsPath, jurorsForm);
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
    const specialAction = `/admin/prizes/${liveYear}/special-prizes`;
    const specialForm = hiddenFields(
      await visit("admin-prize-special", `${specialAction}/new`),
      specialAction,
    );
    // A special prize added through that form: its page (with the delete button) and the
    // confirmation step; then the figures form of a past edition, and sent with a negative number.
    specialForm.set("code", "e2e_special");
    specialForm.set("name_en", "E2E special prize");
    specialForm.set("startsAt", "2099-05-01T09:00");
    specialForm.set("endsAt", "2099-06-01T09:00");
    const withSpecial = await client.get(await redirected(specialAction, specialForm));
    const specialUrl = firstLink(withSpecial.html, `${specialAction}/`);
    await visit("admin-prize-special-edit", specialUrl);
    await visit("admin-prize-special-delete", `${specialUrl}/delete`);
    const figuresForm = hiddenFields(
      await visit("admin-prize-figures", "/admin/prizes/2018/figures"),
      "/admin/prizes/2018/figures",
    );
    figuresForm.set("submissions_value", "-1");
    await post("admin-prize-figures-errors", "/admin/prizes/2018/figures", figuresForm);
    // Photo Contest (P6): the entry form of the live edition, then sent empty (every error shown).
    const photoForm = hiddenFields(
      await visit("prize-photos-mine", `/prizes/${liveYear}/photos/mine`),
      `/prizes/${liveYear}/photos`,
    );
    await post("prize-photos-errors", `/prizes/${liveYear}/photos`, photoForm);
  }

  // The prize pages people use while a phase is open: submission, review, nomination, voting.
  const live = await livePrizes;
  const { years } = live;
  for (const lang of LANGS) {
    const page = async (client: FormClient, name: string, path: string, status = 200) => {
      const fetched = await client.get(path);
      save(lang, name, fetched, status);
      return fetched.html;
    };
    /** Posts the form at `action` on `html` with only its hidden fields: the page with its errors. */
    const postEmpty = async (client: FormClient, name: string, html: string, action: string) =>
      save(lang, name, await client.post(action, hiddenFields(html, action)), 400);
    // The secretariat member: expert of the review and nomination editions, and a voter.
    const secretariat = await FormClient.signedIn(server.baseUrl, live.secretariat, lang);
    await page(secretariat, "prize-review-queue", `/prizes/${years.review}/review`);
    const scoring = `/prizes/${years.review}/review/${live.reviewSubmissionId}`;
    const scoringHtml = await page(secretariat, "prize-review-score", scoring);
    await postEmpty(secretariat, "prize-review-score-errors", scoringHtml, scoring);
    const nominations = `/prizes/${years.nomination}/secretariat/nominations`;
    await page(secretariat, "prize-nominations-scored", nominations);
    await page(secretariat, "prize-nominations-ranking", `${nominations}/C1`);
    await page(
      secretariat,
      "prize-nominations-reviews",
      `${nominations}/submissions/${live.scoredSubmissionId}`,
    );
    await page(secretariat, "prize-nominees-voting", `/prizes/${years.voting}/nominees`);
    await page(secretariat, "prize-ballot-index", `/prizes/${years.voting}/vote`);
    const ballot = `/prizes/${years.voting}/vote/${live.ballotCategory}`;
    await postEmpty(
      secretariat,
      "prize-ballot-errors",
      await page(secretariat, "prize-ballot", ballot),
      ballot,
    );
    await page(secretariat, "prize-ballot-voted", `/prizes/${years.voting}/vote/${live.votedCategory}`);
    await page(secretariat, "prize-my-votes-receipts", `/prizes/my-votes?year=${years.voting}`);
    // A submitter with an organisation and entries, while submissions and photo entries are open.
    const submitter = await FormClient.signedIn(server.baseUrl, live.submitter, lang);
    const submit = `/prizes/${years.submission}/submit`;
    const submitForm = hiddenFields(await page(submitter, "prize-submit", submit), submit);
    submitForm.set("intent", "submit");
    save(lang, "prize-submit-errors", await submitter.post(submit, submitForm), 400);
  }

  const { problems, status } = checkWithNu(files, OUT_DIR);
  expect(problems, `vnu errors on ${files.length} pages:\n${problems.join("\n")}`).toEqual([]);
  expect(status).toBe(0);
}, 600_000);
