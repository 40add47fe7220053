import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "../../platform/i18n.ts";
import { makeUser } from "../../testing/factories.ts";
import { Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { makeForumEdition, makeForumSession, type TestForumEdition } from "./forum.testing.ts";

let t: TestApp;
let organiser: Browser;
let other: Browser;
let secretariat: Browser;
let visitor: Browser;
let organiserId: string;
let edition: TestForumEdition;
let ended: number;
let second: number;
let future: number;
const en = translator("en");
const HOUR = 3_600_000;

beforeAll(async () => {
  t = await createTestApp();
  const user = await makeUser(t.db);
  organiserId = user.id;
  organiser = await signedInBrowser(t.app, t.db, user);
  other = await signedInBrowser(t.app, t.db, await makeUser(t.db));
  secretariat = await signedInBrowser(t.app, t.db, await makeUser(t.db, { role: "moderator" }));
  visitor = new Browser(t.app);
  edition = await makeForumEdition(t.db, { ocpOpen: null });
  const room = edition.rooms[0]?.id;
  ended = (
    await makeForumSession(t.db, edition, {
      title: "Connecting schools",
      roomId: room,
      startsAt: new Date(Date.now() - 3 * HOUR),
      actionLines: ["C2", "C7-elearn"],
      sdgs: [4, 9],
      organiserIds: [organiserId],
    })
  ).number;
  second = (
    await makeForumSession(t.db, edition, {
      title: "الشمول الرقمي",
      roomId: room,
      startsAt: new Date(Date.now() - 5 * HOUR),
      organiserIds: [organiserId],
    })
  ).number;
  future = (
    await makeForumSession(t.db, edition, {
      roomId: room,
      startsAt: new Date(Date.now() + 48 * HOUR),
      organiserIds: [organiserId],
    })
  ).number;
});
afterAll(async () => t?.close());

const formUrl = (number: number) => `/forum/${edition.year}/sessions/${number}/outcomes`;
const outcomeOf = async (number: number) =>
  t.db
    .selectFrom("forum_session_outcomes as r")
    .innerJoin("forum_sessions as s", "s.id", "r.session_id")
    .selectAll("r")
    .where("s.edition_id", "=", edition.id)
    .where("s.number", "=", number)
    .executeTakeFirst();
const audits = (action: string) =>
  t.db.selectFrom("audit_log").selectAll().where("action", "=", action).execute();

describe("an organiser's outcome form", () => {
  it("is linked from the edition page and starts from the session's own links", async () => {
    const page = await organiser.get(`/forum/${edition.year}`);
    expect(page.body).toContain(`href="${formUrl(ended)}"`);
    expect(page.body).not.toContain(`href="${formUrl(future)}"`);
    const form = await organiser.get(formUrl(ended));
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(/value="C2" checked/);
    expect(form.body).toMatch(/value="4" checked/);
    expect(form.body).toContain(en("forum.outcomes.status.none"));
  });

  it("is refused to anyone who does not organise the session, and 404 for an unknown session", async () => {
    const page = await other.get(formUrl(ended));
    expect(page.statusCode).toBe(403);
    // The page has no form for them: the token comes from any page (the sign-out form carries one).
    const csrf = await other.csrfToken("/forum");
    const post = await other.submit(
      "/forum",
      formUrl(ended),
      { keyMessages: "x", action: "submit" },
      { csrf },
    );
    expect(post.statusCode).toBe(403);
    expect((await organiser.get(`/forum/${edition.year}/sessions/999/outcomes`)).statusCode).toBe(404);
    expect((await organiser.get(`/forum/${edition.year}/sessions/x1/outcomes`)).statusCode).toBe(404);
    expect((await visitor.get(formUrl(ended))).statusCode).toBe(303);
  });

  it("waits for the session to end", async () => {
    const page = await organiser.get(formUrl(future));
    expect(page.body).toContain("<code>forum_session_not_ended</code>");
    expect(page.body).not.toContain('name="keyMessages"');
    const csrf = await organiser.csrfToken("/forum");
    const post = await organiser.submit(
      "/forum",
      formUrl(future),
      { keyMessages: "Early", action: "submit" },
      { csrf },
    );
    expect(post.statusCode).toBe(409);
    expect(await outcomeOf(future)).toBeUndefined();
  });

  it("refuses bad input next to the field and stores nothing", async () => {
    const cases: Array<[Record<string, string | string[]>, string, string]> = [
      [{ keyMessages: "", actionLines: ["C2"], action: "submit" }, "keyMessages", "required"],
      [{ keyMessages: "x".repeat(10_001), actionLines: ["C2"], action: "save" }, "keyMessages", "too_long"],
      [{ keyMessages: "Fine", actionLines: ["C99"], action: "save" }, "actionLines", "unknown_code"],
      [{ keyMessages: "Fine", actionLines: [], action: "submit" }, "actionLines", "required"],
      [{ keyMessages: "Fine", actionLines: ["C2"], sdgs: ["18"], action: "save" }, "sdgs", "unknown_code"],
      [{ keyMessages: "Fine", actionLines: ["C2"], sdgs: ["0x4"], action: "save" }, "sdgs", "unknown_code"],
      [
        { keyMessages: "Nul \u0000 byte", actionLines: ["C2"], action: "save" },
        "keyMessages",
        "invalid_value",
      ],
    ];
    for (const [fields, field, code] of cases) {
      const response = await organiser.submit(formUrl(ended), formUrl(ended), fields);
      expect(response.statusCode, `${field} ${code}`).toBe(400);
      expect(response.body).toContain(`id="${field}-error"`);
      expect(response.body).toContain(en(`fields.${code}`, { max: 10000 }));
    }
    expect(await outcomeOf(ended)).toBeUndefined();
  });

  it("saves a draft, then submits; both audited, the submission time kept", async () => {
    const draft = await organiser.submit(formUrl(ended), formUrl(ended), {
      keyMessages: "Schools need connectivity.",
      actionLines: ["C7-elearn", "C2"],
      sdgs: ["9", "4"],
      action: "save",
    });
    expect(draft.statusCode).toBe(303);
    expect(await outcomeOf(ended)).toMatchObject({
      status: "draft",
      submitted_at: null,
      action_lines: ["C2", "C7-elearn"],
      sdgs: [4, 9],
    });
    const submitted = await organiser.submit(formUrl(ended), formUrl(ended), {
      keyMessages: "Schools need connectivity.\n\nTeachers need training.",
      actionLines: ["C2", "C7-elearn"],
      sdgs: ["4", "9"],
      action: "submit",
    });
    expect(submitted.statusCode).toBe(303);
    const row = await outcomeOf(ended);
    expect(row).toMatchObject({ status: "submitted", updated_by: organiserId });
    expect(row?.submitted_at).not.toBeNull();
    expect(await audits("forum_outcome.save")).toHaveLength(1);
    expect(await audits("forum_outcome.submit")).toHaveLength(1);
    const arabic = await organiser.submit(formUrl(second), formUrl(second), {
      keyMessages: "الاتصال حق للجميع، وفي عام 2030 يجب أن يتصل كل مدرسة (SDG 4).",
      actionLines: ["C2"],
      sdgs: ["4"],
      action: "submit",
    });
    expect(arabic.statusCode).toBe(303);
  });
});

describe("the Outcome Document", () => {
  it("is not public before publication; the secretariat previews it", async () => {
    for (const path of ["outcomes", "sdg-matrix", "outcomes.pdf"]) {
      const response = await visitor.get(`/forum/${edition.year}/${path}`);
      expect(response.statusCode, path).toBe(404);
    }
    const preview = await secretariat.get(`/forum/${edition.year}/outcomes`);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain(en("forum.outcomes.document.preview"));
    expect(preview.body).toContain("Teachers need training.");
  });

  it("is compiled, published and reopened only by the secretariat, each step audited", async () => {
    const page = `/forum/${edition.year}/secretariat/outcomes`;
    expect((await other.get(page)).statusCode).toBe(403);
    const overview = await secretariat.get(page);
    expect(overview.statusCode).toBe(200);
    expect(overview.body).toContain("Connecting schools");
    // Publishing needs a compiled document.
    const early = await secretariat.submit(page, `${page}/publish`, {});
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain("<code>forum_outcomes_not_compiled</code>");
    expect((await secretariat.submit(page, `${page}/compile`, {})).statusCode).toBe(303);
    const twice = await secretariat.submit(page, `${page}/compile`, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain("<code>forum_outcomes_compiled</code>");
    // Frozen for organisers.
    const locked = await organiser.get(formUrl(ended));
    expect(locked.body).toContain("<code>forum_outcomes_compiled</code>");
    expect(locked.body).not.toContain('name="keyMessages"');
    const frozen = await organiser.submit(
      "/forum",
      formUrl(ended),
      { keyMessages: "Late change", actionLines: ["C2"], action: "submit" },
      { csrf: await organiser.csrfToken("/forum") },
    );
    expect(frozen.statusCode).toBe(409);
    expect((await outcomeOf(ended))?.key_messages).not.toContain("Late change");
    expect((await secretariat.submit(page, `${page}/reopen`, {})).statusCode).toBe(303);
    expect((await secretariat.submit(page, `${page}/compile`, {})).statusCode).toBe(303);
    expect((await secretariat.submit(page, `${page}/publish`, {})).statusCode).toBe(303);
    const after = await secretariat.submit(page, `${page}/reopen`, {});
    expect(after.statusCode).toBe(409);
    expect((await secretariat.submit(page, `${page}/nonsense`, {})).statusCode).toBe(404);
    expect(await audits("forum_outcomes.compile")).toHaveLength(2);
    expect(await audits("forum_outcomes.reopen")).toHaveLength(1);
    expect(await audits("forum_outcomes.publish")).toHaveLength(1);
  });

  it("is public once published, grouped by Action Line, with the SDG matrix and a PDF", async () => {
    const page = await visitor.get(`/forum/${edition.year}/outcomes`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(en("forum.outcomes.document.preview"));
    // Session 1 is under both of its Action Lines, C2 before C7-elearn (reference order).
    const c2 = page.body.indexOf('id="al-C2"');
    const elearn = page.body.indexOf('id="al-C7-elearn"');
    expect(c2).toBeGreaterThan(0);
    expect(elearn).toBeGreaterThan(c2);
    expect(page.body.split("Schools need connectivity.").length - 1).toBe(2);
    expect(page.body).toContain(`href="/forum/${edition.year}/sessions/${ended}"`);
    expect((await visitor.get(`/forum/${edition.year}`)).body).toContain(`/forum/${edition.year}/outcomes"`);

    const matrix = await visitor.get(`/forum/${edition.year}/sdg-matrix`);
    expect(matrix.statusCode).toBe(200);
    // C2 × SDG 4 has both sessions; C7-elearn × SDG 9 one.
    expect(matrix.body).toContain(
      en("forum.outcomes.matrix.cellLabel", { count: 2, actionLine: "C2", sdg: 4 }),
    );
    expect(matrix.body).toContain(
      en("forum.outcomes.matrix.cellLabel", { count: 1, actionLine: "C7-elearn", sdg: 9 }),
    );
    const cell = await visitor.get(`/forum/${edition.year}/sdg-matrix?actionLine=C2&sdg=4`);
    expect(cell.body).toContain('id="cell"');
    expect(cell.body).toContain("Connecting schools");
    expect(cell.body).toContain("الشمول الرقمي");
    const odd = await visitor.get(`/forum/${edition.year}/sdg-matrix?actionLine=<script>&sdg=99999`);
    expect(odd.statusCode).toBe(200);
    expect(odd.body).not.toContain('id="cell"');

    for (const lang of ["en", "ar", "zh"]) {
      const pdf = await new Browser(t.app).get(`/forum/${edition.year}/outcomes.pdf?lang=${lang}`);
      expect(pdf.statusCode, lang).toBe(200);
      expect(pdf.headers["content-type"]).toBe("application/pdf");
      expect(pdf.rawPayload.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      // The Arabic key messages are drawn with the Arabic font, whatever the reader's language.
      expect(pdf.rawPayload.toString("latin1")).toContain("NotoNaskhArabic");
    }
  });

  it("answers 404 for an edition that does not exist", async () => {
    expect((await visitor.get("/forum/2199/outcomes")).statusCode).toBe(404);
    expect((await visitor.get("/forum/2199/sdg-matrix")).statusCode).toBe(404);
  });
});
