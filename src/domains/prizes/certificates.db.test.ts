import { inflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "../../platform/i18n.ts";
import { makeUser } from "../../testing/factories.ts";
import { Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { certificateText, findCertificate } from "./certificates.service.ts";
import {
  makeOrganisation,
  makePrizeEdition,
  makePrizeSubmission,
  type TestEdition,
} from "./prizes.testing.ts";
import { castVotes, makeVoters } from "./prizes-results.testing.ts";

let t: TestApp;
let edition: TestEdition;
const ids: Record<"winner" | "champion" | "mixed" | "other", string> = {
  winner: "",
  champion: "",
  mixed: "",
  other: "",
};
const WINNER_TITLE = "数字乡村学校网络";
const CHAMPION_TITLE = "Цифровая школа для всех";
const MIXED_TITLE = "مدارس رقمية Digital Schools 2030 数字乡村";
const ARABIC_ORGANISATION = "وزارة الاتصالات وتقنية المعلومات";

/** The fonts a PDF embeds, by PostScript name without the subset tag ("NotoNaskhArabic-Bold"). */
function embeddedFonts(pdf: Buffer): string[] {
  const names = [...pdf.toString("latin1").matchAll(/\/BaseFont \/[A-Z]{6}\+([\w-]+)/g)].map((m) => m[1]);
  return [...new Set(names as string[])].sort();
}

/** The text of every Flate stream of a PDF, inflated (pdfkit compresses content and CMaps). */
function inflatedStreams(pdf: Buffer): string {
  const text = pdf.toString("latin1");
  const parts: string[] = [];
  for (const match of text.matchAll(/stream\r?\n/g)) {
    const start = (match.index ?? 0) + match[0].length;
    const end = text.indexOf("endstream", start);
    try {
      parts.push(inflateSync(pdf.subarray(start, end)).toString("latin1"));
    } catch {
      // Not a Flate stream (the embedded font program is compressed too, but may end oddly).
    }
  }
  return parts.join("\n");
}

/** Whether the PDF's ToUnicode maps carry every character of `text` (the glyphs drawn). */
function mapsCharacters(pdf: Buffer, text: string): boolean {
  const cmaps = inflatedStreams(pdf).toLowerCase();
  return [...text.replaceAll(" ", "")].every((char) =>
    cmaps.includes((char.codePointAt(0) ?? 0).toString(16).padStart(4, "0")),
  );
}

const certificate = (id: string, lang = "en") =>
  t.app.inject({ method: "GET", url: `/prizes/${edition.year}/certificates/${id}.pdf?lang=${lang}` });

beforeAll(async () => {
  t = await createTestApp();
  edition = await makePrizeEdition(t.db, { openPhase: "evaluation" });
  const [c1] = edition.categories as [string];
  const titled = async (title: string, organisationId?: string) => {
    const made = await makePrizeSubmission(t.db, edition, {
      category: c1,
      status: "nominated",
      organisationId,
    });
    await t.db.updateTable("prize_submissions").set({ title }).where("id", "=", made.id).execute();
    return made.id;
  };
  ids.winner = await titled(WINNER_TITLE);
  ids.champion = await titled(CHAMPION_TITLE);
  ids.mixed = await titled(MIXED_TITLE, await makeOrganisation(t.db, ARABIC_ORGANISATION));
  ids.other = await titled("Never voted for");
  const voters = await makeVoters(t.db, 4);
  await castVotes(t.db, edition, c1, voters, [
    { nominee: ids.winner, count: 2 },
    { nominee: ids.champion, count: 1 },
    { nominee: ids.mixed, count: 1 },
  ]);
  const secretariat = await signedInBrowser(t.app, t.db, await makeUser(t.db, { role: "admin" }));
  const page = `/prizes/${edition.year}/secretariat/results`;
  expect((await certificate(ids.winner)).statusCode).toBe(404);
  const recorded = await secretariat.submit(page, `/prizes/${edition.year}/secretariat/results/winner`, {
    category: c1,
    submission: ids.winner,
  });
  expect(recorded.statusCode).toBe(303);
  expect(
    (await secretariat.submit(page, `/prizes/${edition.year}/secretariat/results/publish`, {})).statusCode,
  ).toBe(303);
});
afterAll(async () => t?.close());

describe("certificates", () => {
  it("draws the winner's certificate as a PDF with its Chinese title's glyphs", async () => {
    const response = await certificate(ids.winner);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/pdf");
    expect(response.headers["content-disposition"]).toContain(`winner-${ids.winner}.pdf`);
    const pdf = response.rawPayload;
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.toString("latin1")).toContain("/Lang (en)");
    expect(mapsCharacters(pdf, WINNER_TITLE)).toBe(true);
    expect(mapsCharacters(pdf, "Winner")).toBe(true);
    // The check finds only what was drawn: a character absent from the certificate is not there.
    expect(mapsCharacters(pdf, "龍")).toBe(false);
    // Nothing Arabic on it, so the Arabic font is not even embedded.
    expect(embeddedFonts(pdf)).toEqual(["NotoSansHans-Bold", "NotoSansHans-Regular"]);
  });

  it("draws a champion's certificate in the reader's language, Cyrillic included", async () => {
    const response = await certificate(ids.champion, "ru");
    expect(response.statusCode).toBe(200);
    const pdf = response.rawPayload;
    expect(pdf.toString("latin1")).toContain("/Lang (ru)");
    expect(mapsCharacters(pdf, CHAMPION_TITLE)).toBe(true);
    expect(mapsCharacters(pdf, "Чемпионом")).toBe(true);
  });

  it("draws an Arabic certificate with the ar catalog's labels in the Arabic font, no English fallback", async () => {
    const text = await certificateText(t.db, await findCertificate(t.db, edition.year, ids.champion), "ar");
    const ar = translator("ar");
    expect(text).toMatchObject({
      lang: "ar",
      heading: ar("prizes.results.certificate.heading"),
      intro: ar("prizes.results.certificate.intro"),
      award: ar("prizes.results.certificate.champion"),
      edition: ar("prizes.results.certificate.edition", { year: edition.year }),
    });
    expect(text.heading).not.toBe(translator("en")("prizes.results.certificate.heading"));

    const response = await certificate(ids.champion, "ar");
    expect(response.statusCode).toBe(200);
    const pdf = response.rawPayload;
    expect(pdf.toString("latin1")).toContain("/Lang (ar)");
    expect(embeddedFonts(pdf)).toEqual(
      expect.arrayContaining(["NotoNaskhArabic-Bold", "NotoNaskhArabic", "NotoSansHans-Bold"]),
    );
    for (const label of [text.heading, text.intro, text.award, "جوائز القمة العالمية"])
      expect({ label, drawn: mapsCharacters(pdf, label) }).toEqual({ label, drawn: true });
    expect(mapsCharacters(pdf, CHAMPION_TITLE)).toBe(true);
    // Subset fonts: a few dozen kilobytes, not the fonts' megabytes.
    expect(pdf.length).toBeLessThan(150_000);
  });

  it("draws a title and an organisation mixing Arabic, Latin and Chinese, each run in its font", async () => {
    for (const lang of ["en", "ar"]) {
      const response = await certificate(ids.mixed, lang);
      expect(response.statusCode).toBe(200);
      const pdf = response.rawPayload;
      // The title is bold: its Arabic words in the Arabic font, its Latin and Chinese in the other.
      expect(embeddedFonts(pdf)).toEqual(
        expect.arrayContaining(["NotoNaskhArabic-Bold", "NotoNaskhArabic", "NotoSansHans-Bold"]),
      );
      expect(mapsCharacters(pdf, MIXED_TITLE)).toBe(true);
      expect(mapsCharacters(pdf, ARABIC_ORGANISATION)).toBe(true);
    }
  });

  it("has none for a nominee without an award, a malformed id or an unknown edition", async () => {
    for (const url of [
      `/prizes/${edition.year}/certificates/${ids.other}.pdf`,
      `/prizes/${edition.year}/certificates/${ids.winner}.png`,
      `/prizes/${edition.year}/certificates/abc.pdf`,
      `/prizes/${edition.year}/certificates/99999999999999999999.pdf`,
      `/prizes/2099/certificates/${ids.winner}.pdf`,
    ]) {
      const response = await new Browser(t.app).get(url);
      expect({ url, status: response.statusCode }).toEqual({ url, status: 404 });
    }
  });
});
