import { describe, expect, it } from "vitest";
import { embeddingLevels, firstStrongDirection, paragraphDirection, visualRuns } from "./bidi.ts";

/** Runs as "font:direction:text", left to right, to compare at a glance. */
const runs = (line: string, direction: "ltr" | "rtl") =>
  visualRuns(line, direction).map((run) => `${run.font}:${run.rtl ? "rtl" : "ltr"}:${run.text}`);

describe("certificate bidi", () => {
  it("takes the paragraph direction from the language", () => {
    expect(paragraphDirection("ar")).toBe("rtl");
    expect(paragraphDirection("ar-EG")).toBe("rtl");
    for (const lang of ["en", "fr", "es", "ru", "zh"]) expect(paragraphDirection(lang)).toBe("ltr");
  });

  it("keeps a left-to-right line in one run of the base font, whatever its scripts", () => {
    expect(runs("Rural Connect: 数字 Школа «1»", "ltr")).toEqual(["base:ltr:Rural Connect: 数字 Школа «1»"]);
    expect(runs("", "ltr")).toEqual([]);
  });

  it("lays an Arabic line out right to left, its number (after Arabic letters) left to right at the end", () => {
    expect(runs("جوائز القمة العالمية 2026", "rtl")).toEqual([
      "base:ltr:2026",
      "base:rtl: ",
      // Spaces between Arabic words stay in the Arabic run; fontkit shapes it and reverses it.
      "arabic:rtl:جوائز القمة العالمية",
    ]);
  });

  it("keeps Latin words and numbers inside Arabic together and left to right", () => {
    expect(runs("مشروع Digital Schools 2030 للمدارس", "rtl")).toEqual([
      "arabic:rtl:للمدارس",
      "base:rtl: ",
      "base:ltr:Digital Schools 2030",
      "base:rtl: ",
      "arabic:rtl:مشروع",
    ]);
    expect(runs("في الفئة C7 · E-government", "rtl")).toEqual([
      "base:ltr:C7 · E-government",
      "base:rtl: ",
      "arabic:rtl:في الفئة",
    ]);
  });

  it("orders an Arabic title on a left-to-right certificate right to left within itself", () => {
    // "Rural Connect — " first, then the Arabic phrase read from the right: its words, then 2030.
    expect(runs("Rural Connect — مدارس رقمية 2030", "ltr")).toEqual([
      "base:ltr:Rural Connect — ",
      "base:ltr:2030",
      "base:rtl: ",
      "arabic:rtl:مدارس رقمية",
    ]);
  });

  it("hands Arabic-Indic digits over reversed, since fontkit reverses every Arabic-script run", () => {
    expect(runs("شهادة ٢٠٢٦", "rtl")).toEqual(["arabic:ltr:٦٢٠٢", "arabic:rtl:شهادة "]);
  });

  it("mirrors brackets in right-to-left runs and keeps marks with their letters", () => {
    expect(runs("مشروع (تجريبي)", "rtl")).toEqual([
      "base:rtl:(",
      "arabic:rtl:تجريبي",
      "base:rtl:) ",
      "arabic:rtl:مشروع",
    ]);
    expect(runs("نُشرت النتائج", "rtl")).toEqual(["arabic:rtl:نُشرت النتائج"]);
  });

  it("gives a bracket pair the direction of what it encloses and follows (rule N0)", () => {
    // An Arabic organisation on an English certificate: its closing bracket stays with it.
    expect(runs("وزارة الاتصالات (مصر)", "ltr")).toEqual([
      "base:rtl:(",
      "arabic:rtl:مصر",
      "base:rtl:) ",
      "arabic:rtl:وزارة الاتصالات",
    ]);
    expect(runs("Ministry (مصر)", "ltr")).toEqual(["base:ltr:Ministry (", "arabic:rtl:مصر", "base:ltr:)"]);
    expect(runs("وزارة (Egypt)", "rtl")).toEqual([
      "base:rtl:(",
      "base:ltr:Egypt",
      "base:rtl:) ",
      "arabic:rtl:وزارة",
    ]);
  });

  it("resolves numbers with their separators and signs as one left-to-right number", () => {
    const levels = (text: string, direction: "ltr" | "rtl") => embeddingLevels([...text], direction).join("");
    // In Arabic: "1,000" and "2025-2026" stay whole numbers (level 2) among letters and spaces (1).
    expect(levels("عدد 1,000", "rtl")).toBe("111122222");
    expect(levels("2025-2026 $5", "rtl")).toBe("222222222122");
    // After Latin letters, digits are Latin (level 0) in a left-to-right paragraph.
    expect(levels("WSIS 2026", "ltr")).toBe("000000000");
    // After Arabic letters, even in a left-to-right paragraph, they are an Arabic number (2).
    expect(levels("أ 12", "ltr")).toBe("1122");
  });
});

describe("firstStrongDirection", () => {
  it("follows the first letter, past digits and punctuation, as dir=auto does", () => {
    expect(firstStrongDirection("2026: رسائل رئيسية")).toBe("rtl");
    expect(firstStrongDirection("« WSIS » رسائل")).toBe("ltr");
    expect(firstStrongDirection("שלום")).toBe("rtl");
    expect(firstStrongDirection("信息社会")).toBe("ltr");
    expect(firstStrongDirection("12, 34.")).toBeNull();
  });
});
