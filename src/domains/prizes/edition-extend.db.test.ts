import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "../../platform/i18n.ts";
import { instantToLocal } from "../../platform/zoned-time.ts";
import { makeUser } from "../../testing/factories.ts";
import { type Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { actionLineCodes, auditRows, editionFormBody } from "./edition-admin.testing.ts";
import { findEditionByYear, findPhaseWindows } from "./editions.repo.ts";
import { openPhase, type PhaseWindow } from "./prize-phases.ts";
import { makePrizeEdition } from "./prizes.testing.ts";

const DAY = 24 * 60 * 60 * 1000;
const ZONE = "Europe/Zurich";
let t: TestApp;
let asAdmin: Browser;
let asModerator: Browser;
let jurors: Array<{ email: string; name: string }>;
const en = translator("en");

beforeAll(async () => {
  t = await createTestApp();
  asAdmin = await signedInBrowser(t.app, t.db, await makeUser(t.db, { role: "admin" }));
  asModerator = await signedInBrowser(t.app, t.db, await makeUser(t.db, { role: "moderator" }));
  jurors = await Promise.all(["Juror Ana", "Juror Ben"].map((name) => makeUser(t.db, { name })));
});
afterAll(async () => t?.close());

const windowOf = (windows: PhaseWindow[], phase: string) =>
  windows.find((window) => window.phase === phase) as PhaseWindow;

function extend(year: number, phase: string, fields: Record<string, string>) {
  const url = `/admin/prizes/${year}/phases/${phase}/extend`;
  return asAdmin.submit(url, url, fields);
}

describe("extending a phase", () => {
  it("shows the open phase on the edition page, in the edition's zone and in UTC", async () => {
    const edition = await makePrizeEdition(t.db, { openPhase: "voting" });
    const windows = await findPhaseWindows(t.db, edition.id);
    const page = await asAdmin.get(`/prizes/${edition.year}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(
      en("prizes.editions.now.open", { phase: en("prizes.editions.phase.voting") }),
    );
    expect(page.body).toContain(`datetime="${windowOf(windows, "voting").endsAt.toISOString()}"`);
    expect(page.body).toContain("UTC");
    expect(page.body).toContain(`href="/prizes/${edition.year}/vote"`);
    expect(page.body).toContain('class="prize-phase--open"');
  });

  it("refuses an extension that would overlap the next phase, unless asked to shift it", async () => {
    const edition = await makePrizeEdition(t.db, { openPhase: "submission" });
    const before = await findPhaseWindows(t.db, edition.id);
    const submission = windowOf(before, "submission");
    const newEnd = instantToLocal(new Date(submission.endsAt.getTime() + 2 * DAY), ZONE);
    const refused = await extend(edition.year, "submission", { newEnd, reason: "Late entries from Africa" });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain(en("fields.phase_overlap"));
    expect(await findPhaseWindows(t.db, edition.id)).toEqual(before);
    expect(await auditRows(t.db, "prize.phase_extend", edition.id)).toHaveLength(0);

    const shifted = await extend(edition.year, "submission", {
      newEnd,
      reason: "Late entries from Africa",
      shiftLater: "1",
    });
    expect(shifted.statusCode).toBe(303);
    const after = await findPhaseWindows(t.db, edition.id);
    // The new end is the minute typed; every later phase moves by the same amount.
    const delta = windowOf(after, "submission").endsAt.getTime() - submission.endsAt.getTime();
    expect(instantToLocal(windowOf(after, "submission").endsAt, ZONE)).toBe(newEnd);
    expect(Math.abs(delta - 2 * DAY)).toBeLessThan(60_000);
    for (const phase of ["review", "nomination", "voting", "evaluation", "results"]) {
      expect(windowOf(after, phase).startsAt.getTime() - windowOf(before, phase).startsAt.getTime()).toBe(
        delta,
      );
      expect(windowOf(after, phase).endsAt.getTime() - windowOf(before, phase).endsAt.getTime()).toBe(delta);
    }
    expect(openPhase(after, new Date())).toBe("submission");
    const [audit] = await auditRows(t.db, "prize.phase_extend", edition.id);
    expect(audit?.before).toMatchObject({ phase: "submission", endsAt: submission.endsAt.toISOString() });
    expect(audit?.after).toMatchObject({
      phase: "submission",
      endsAt: windowOf(after, "submission").endsAt.toISOString(),
      reason: "Late entries from Africa",
      shiftLater: true,
    });
    expect((audit?.after as { later?: unknown[] } | undefined)?.later).toHaveLength(5);
  });

  it("extends into a gap without moving anything else", async () => {
    const lines = await actionLineCodes(t.db);
    const body = editionFormBody({ year: 2098 }, lines);
    // Submission ends five days before review opens: a gap to extend into.
    body.submission_end = instantToLocal(new Date(Date.now() + 2 * DAY), ZONE);
    expect((await asAdmin.submit("/admin/prizes/new", "/admin/prizes", body)).statusCode).toBe(303);
    const id = (await findEditionByYear(t.db, 2098))?.id as string;
    const before = await findPhaseWindows(t.db, id);
    const newEnd = instantToLocal(new Date(windowOf(before, "review").startsAt.getTime() - DAY), ZONE);
    expect((await extend(2098, "submission", { newEnd, reason: "Server outage" })).statusCode).toBe(303);
    const after = await findPhaseWindows(t.db, id);
    expect(instantToLocal(windowOf(after, "submission").endsAt, ZONE)).toBe(newEnd);
    expect(windowOf(after, "review")).toEqual(windowOf(before, "review"));
  });

  it("refuses a missing reason, an earlier end and a time skipped by the clocks", async () => {
    const edition = await makePrizeEdition(t.db, { openPhase: "results" });
    const before = await findPhaseWindows(t.db, edition.id);
    const results = windowOf(before, "results");
    const later = instantToLocal(new Date(results.endsAt.getTime() + DAY), ZONE);
    const noReason = await extend(edition.year, "results", { newEnd: later, reason: "  " });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('href="#field-reason"');
    const earlier = await extend(edition.year, "results", {
      newEnd: instantToLocal(new Date(results.endsAt.getTime() - DAY), ZONE),
      reason: "Oops",
    });
    expect(earlier.statusCode).toBe(400);
    expect(earlier.body).toContain('href="#field-newEnd"');
    expect(earlier.body).toContain(en("fields.extension_not_later", { current: "" }).split("(")[0] as string);
    const gap = await extend(edition.year, "results", { newEnd: "2099-03-29T02:30", reason: "DST" });
    expect(gap.statusCode).toBe(400);
    expect(gap.body).toContain(
      en("fields.nonexistent_local_time").replace("'", "&#39;").split("&#39;")[0] as string,
    );
    expect(await findPhaseWindows(t.db, edition.id)).toEqual(before);
    expect(await auditRows(t.db, "prize.phase_extend", edition.id)).toHaveLength(0);
  });

  it("refuses to reopen an ended phase (409 prize_phase_closed), and non-admins", async () => {
    const edition = await makePrizeEdition(t.db, { openPhase: "voting" });
    const before = await findPhaseWindows(t.db, edition.id);
    const submission = windowOf(before, "submission");
    const fields = {
      newEnd: instantToLocal(new Date(Date.now() + DAY), ZONE),
      reason: "Reopen",
      shiftLater: "1",
    };
    const closed = await extend(edition.year, "submission", fields);
    expect(closed.statusCode).toBe(409);
    expect(closed.body).toContain(en("errors.prize_phase_closed"));
    const url = `/admin/prizes/${edition.year}/phases/voting/extend`;
    const csrf = await asModerator.csrfToken("/prizes");
    expect((await asModerator.submit(url, url, fields, { csrf })).statusCode).toBe(403);
    expect(windowOf(await findPhaseWindows(t.db, edition.id), "submission")).toEqual(submission);
    expect(await findPhaseWindows(t.db, edition.id)).toEqual(before);
    expect((await asAdmin.get(`/admin/prizes/${edition.year}/phases/nosuch/extend`)).statusCode).toBe(404);
  });
});

describe("special prizes", () => {
  const base = (year: number) => `/admin/prizes/${year}/special-prizes`;
  const valid = () => ({
    code: "healthy_ageing",
    name_en: "Healthy Ageing Innovation Prize",
    name_fr: "Prix de l’innovation pour un vieillissement en bonne santé",
    rules: "Open to projects serving older persons.\nOne entry per organisation.",
    startsAt: "2026-05-01T09:00",
    endsAt: "2026-06-30T18:00",
    jurors: jurors.map((juror) => juror.email.toUpperCase()).join("\n"),
    finalists: "Project A\nProject B\nProject C",
    winner: "",
  });

  it("adds one with its jury, timeline and rules, lists it and audits it", async () => {
    const edition = await makePrizeEdition(t.db);
    const response = await asAdmin.submit(`${base(edition.year)}/new`, base(edition.year), valid());
    expect(response.statusCode).toBe(303);
    const [audit] = await auditRows(t.db, "prize.special_prize_create");
    expect(audit?.after).toMatchObject({ code: "healthy_ageing", startsAt: "2026-05-01T07:00:00.000Z" });
    const page = await asAdmin.get(`/prizes/${edition.year}`);
    expect(page.body).toContain("Healthy Ageing Innovation Prize");
    expect(page.body).toContain("Juror Ana, Juror Ben");
    expect(page.body).toContain("<li>Project B</li>");
    const french = await t.app.inject({ method: "GET", url: `/prizes/${edition.year}?lang=fr` });
    expect(french.body).toContain("Prix de l’innovation");
    const admin = await asAdmin.get(`/admin/prizes/${edition.year}`);
    const id = admin.body.match(/special-prizes\/(\d+)"/)?.[1] as string;
    const edit = `${base(edition.year)}/${id}`;
    expect((await asAdmin.get(edit)).body).toContain(jurors[0]?.email as string);
    const decided = await asAdmin.submit(edit, edit, { ...valid(), winner: "Project B" });
    expect(decided.statusCode).toBe(303);
    const [update] = await auditRows(t.db, "prize.special_prize_update", id);
    expect(update?.before).toMatchObject({ winner: null });
    expect(update?.after).toMatchObject({ winner: "Project B" });
    expect((await asAdmin.get(`${base(edition.year)}/999999`)).statusCode).toBe(404);
  });

  it("refuses unknown jurors, a winner who is no finalist, a taken code and bad dates", async () => {
    const edition = await makePrizeEdition(t.db);
    const url = base(edition.year);
    expect((await asAdmin.submit(`${url}/new`, url, valid())).statusCode).toBe(303);
    const cases: Array<[Record<string, string>, string, string]> = [
      [
        { jurors: "nobody@example.org" },
        "jurors",
        en("fields.juror_unknown", { email: "nobody@example.org" }),
      ],
      [{ code: "other", winner: "Project Z" }, "winner", en("fields.not_a_finalist")],
      [{}, "code", en("fields.duplicate")],
      [{ code: "Bad code" }, "code", en("fields.invalid_value")],
      [{ code: "other", endsAt: "2026-04-01T09:00" }, "endsAt", en("fields.end_before_start")],
      [{ code: "other", name_en: "" }, "name_en", en("fields.required")],
    ];
    for (const [change, field, message] of cases) {
      const response = await asAdmin.submit(`${url}/new`, url, { ...valid(), ...change });
      expect(response.statusCode, field).toBe(400);
      expect(response.body).toContain(`href="#field-${field}"`);
      expect(response.body).toContain(message);
    }
    const rows = await t.db
      .selectFrom("prize_special_prizes")
      .select("code")
      .where("edition_id", "=", edition.id)
      .execute();
    expect(rows).toEqual([{ code: "healthy_ageing" }]);
    expect(await auditRows(t.db, "prize.special_prize_update")).toHaveLength(1);
  });
});
