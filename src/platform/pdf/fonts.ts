import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { type VerticalMetrics, verticalMetrics } from "./typeset.ts";

/**
 * The two font families (OFL) that cover the six UN languages in PDFs: Noto Sans CJK SC ("Noto
 * Sans Hans", `@embedpdf/fonts-sc`) for Latin, Cyrillic and Chinese, and Noto Naskh Arabic
 * (`@embedpdf/fonts-arabic`) for Arabic. Documents pick one per run of characters (bidi.ts).
 */
const require = createRequire(import.meta.url);
const fontDir = (pkg: string) => join(dirname(require.resolve(pkg)), "..", "fonts");

export interface LoadedFont {
  data: Buffer;
  metrics: VerticalMetrics;
}

export type FontFiles = Record<"base-regular" | "base-bold" | "arabic-regular" | "arabic-bold", LoadedFont>;

let fonts: FontFiles | null = null;

/** Reads the four font files once, on the first PDF drawn (the CJK ones are 8 MB each). */
export function loadFonts(): FontFiles {
  const load = (pkg: string, file: string): LoadedFont => {
    const data = readFileSync(join(fontDir(pkg), file));
    return { data, metrics: verticalMetrics(data) };
  };
  fonts ??= {
    "base-regular": load("@embedpdf/fonts-sc", "NotoSansHans-Regular.otf"),
    "base-bold": load("@embedpdf/fonts-sc", "NotoSansHans-Bold.otf"),
    "arabic-regular": load("@embedpdf/fonts-arabic", "NotoNaskhArabic-Regular.ttf"),
    "arabic-bold": load("@embedpdf/fonts-arabic", "NotoNaskhArabic-Bold.ttf"),
  };
  return fonts;
}
