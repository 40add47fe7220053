/**
 * Right-to-left and mixed-script text for the certificates, which pdfkit draws glyph by glyph
 * from left to right with no bidirectional reordering (foliojs/pdfkit#219).
 *
 * A certificate line is short and has no explicit embeddings (no RLE/LRI…), so a compact form of
 * the Unicode Bidirectional Algorithm (UAX #9) is enough: the paragraph direction comes from the
 * certificate's language; characters get their bidi class from their script and category; rules
 * W1–W7 resolve numbers (a number after Arabic letters is an Arabic number), N1–N2 give neutrals
 * (spaces, punctuation) the direction around them, after N0 gave a bracket pair the direction of
 * what it encloses ("وزارة (مصر)" on an English certificate); I1–I2 give levels, L2 reverses. The
 * line then becomes runs in visual order, each drawn in one font: characters of the Arabic
 * script → the Arabic font, everything else → the base font (a space between two Arabic letters
 * stays in the Arabic run, so Arabic words keep the Arabic font's spacing).
 *
 * Shaping stays fontkit's: it picks the script from the run's first letter and, for Arabic,
 * applies the joining features and returns the glyphs reversed (right to left). It cannot be told
 * the direction through pdfkit (fontkit's `layout(…, direction)` is not reachable), so a run whose
 * resolved direction differs from the one fontkit will pick, e.g. Arabic-Indic digits, which read
 * left to right but are of the Arabic script (foliojs/fontkit#105), is handed over reversed, and
 * an RTL run of punctuation is reversed here with its brackets mirrored (UAX #9 L4).
 *
 * Simplifications, harmless on certificate lines: no explicit embeddings or isolates (X rules),
 * brackets pair by code point only (no canonical equivalents), trailing whitespace is trimmed by
 * the caller rather than reset (L1).
 * `bidi-js` implements the whole algorithm if certificates ever need more.
 */

/** The direction of a paragraph or a run. */
export type Direction = "ltr" | "rtl";

/** The two certificate fonts: Noto Naskh Arabic, and Noto Sans CJK SC for every other script. */
export type FontKind = "arabic" | "base";

/** A piece of a line drawn in one font, in visual order; `text` is what to hand to pdfkit. */
export interface TextRun {
  text: string;
  font: FontKind;
  rtl: boolean;
}

const RTL_LANGUAGES = new Set(["ar", "fa", "he", "ur"]);

/** The paragraph direction of a language tag: right to left for Arabic (and Persian, Hebrew, Urdu). */
export function paragraphDirection(lang: string): Direction {
  return RTL_LANGUAGES.has(lang.split("-")[0]?.toLowerCase() ?? "") ? "rtl" : "ltr";
}

type BidiClass = "L" | "R" | "AL" | "EN" | "AN" | "ES" | "ET" | "CS" | "NSM" | "N";

// Combining marks (variation selectors too), and the zero-width (non-)joiners that steer joining.
const MARK = /^(?:\p{Mn}|\p{Me}|\u200c|\u200d)$/u;
const ARABIC_NUMBER = /^[\u0660-\u0669\u066b\u066c\u0600-\u0605]$/u;
const EUROPEAN_NUMBER =
  /^[0-9\u06f0-\u06f9\uff10-\uff19\u2070\u00b2\u00b3\u00b9\u2074-\u2079\u2080-\u2089]$/u;
const ARABIC_SCRIPT = /^\p{Script_Extensions=Arabic}$/u;
const RTL_LETTER = /^[\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\u200f]$/u;
const SEPARATOR = /^[,./:\u00a0\u060c\u202f\u2044\ufe50\ufe52\ufe55\uff0c\uff0e\uff0f\uff1a]$/u;
const TERMINATOR =
  /^[#$%°\u00a2-\u00a5\u00b1\u0609\u060a\u066a\u2030-\u2034\u20a0-\u20cf\ufe5f\uff03-\uff05]$/u;
const SIGN = /^[+\-\u2212\ufe62\ufe63\uff0b\uff0d]$/u;
const LEFT_TO_RIGHT = /^[\p{L}\p{Mc}\p{Nd}\p{Nl}\u200e]$/u;

function bidiClass(char: string): BidiClass {
  if (MARK.test(char)) return "NSM";
  if (ARABIC_NUMBER.test(char)) return "AN";
  if (EUROPEAN_NUMBER.test(char)) return "EN";
  if (SEPARATOR.test(char)) return "CS";
  if (TERMINATOR.test(char)) return "ET";
  if (SIGN.test(char)) return "ES";
  if (ARABIC_SCRIPT.test(char)) return /^[\p{So}\p{Zs}\p{Ps}\p{Pe}]$/u.test(char) ? "N" : "AL";
  if (RTL_LETTER.test(char)) return /^[\p{L}\u200f]$/u.test(char) ? "R" : "N";
  return LEFT_TO_RIGHT.test(char) ? "L" : "N";
}

/**
 * The direction of a text's first letter (Unicode's rule P2, counting letters only), or null
 * without letters: how `dir="auto"` picks the direction of people's text.
 */
export function firstStrongDirection(text: string): Direction | null {
  const letter = /\p{L}/u.exec(text)?.[0];
  if (!letter) return null;
  const type = bidiClass(letter);
  return type === "R" || type === "AL" ? "rtl" : "ltr";
}

/** The strong direction before `index` (EN/AN count as R for neutrals, rule N1), or `edge`. */
function strongBefore(types: BidiClass[], index: number, edge: "L" | "R", numbersAsR: boolean): string {
  for (let i = index - 1; i >= 0; i -= 1) {
    const type = types[i];
    if (type === "L" || type === "R" || type === "AL") return type;
    if (numbersAsR && (type === "EN" || type === "AN")) return "R";
  }
  return edge;
}

const BRACKET_PAIRS = [
  "()",
  "[]",
  "{}",
  "⁅⁆",
  "⁽⁾",
  "₍₎",
  "〈〉",
  "《》",
  "「」",
  "『』",
  "【】",
  "〔〕",
  "（）",
  "［］",
  "｛｝",
];
const CLOSING_OF = new Map(BRACKET_PAIRS.map((pair) => [...pair] as [string, string]));
const CLOSING = new Set(CLOSING_OF.values());

/** Paired brackets among the neutrals, by opening position (BD16, stack of 63). */
function bracketPairs(chars: readonly string[], types: readonly BidiClass[]): Array<[number, number]> {
  const open: Array<{ close: string; index: number }> = [];
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < chars.length && open.length < 63; i += 1) {
    const char = chars[i] as string;
    if (types[i] !== "N") continue;
    const close = CLOSING_OF.get(char);
    if (close) open.push({ close, index: i });
    else if (CLOSING.has(char)) {
      let at = open.length - 1;
      while (at >= 0 && open[at]?.close !== char) at -= 1;
      if (at >= 0) {
        pairs.push([open[at]?.index as number, i]);
        open.length = at;
      }
    }
  }
  return pairs.sort((a, b) => a[0] - b[0]);
}

/**
 * N0: a bracket pair takes the paragraph's direction if it encloses text of that direction;
 * else the other direction if it encloses that and the text before it is of it too.
 */
function resolveBrackets(chars: readonly string[], types: BidiClass[], edge: "L" | "R"): void {
  const strong = (type: BidiClass | undefined) =>
    type === "L" ? "L" : type === "R" || type === "EN" || type === "AN" ? "R" : null;
  for (const [open, close] of bracketPairs(chars, types)) {
    let inside: "L" | "R" | null = null;
    for (let i = open + 1; i < close && inside !== edge; i += 1) inside = strong(types[i]) ?? inside;
    if (inside === null) continue;
    const before = strongBefore(types, open, edge, true) === "L" ? "L" : "R";
    const direction = inside === edge || before !== inside ? edge : inside;
    types[open] = direction;
    types[close] = direction;
  }
}

/** Resolved embedding levels (rules W1–W7, N1–N2, I1–I2) of each character of one line. */
export function embeddingLevels(chars: readonly string[], direction: Direction): number[] {
  const base = direction === "rtl" ? 1 : 0;
  const edge = direction === "rtl" ? "R" : "L";
  const types = chars.map(bidiClass);
  // W1: a combining mark takes the class of what it sits on.
  types.forEach((type, i) => {
    if (type === "NSM") types[i] = i === 0 ? edge : (types[i - 1] as BidiClass);
  });
  // W2, W3: European digits after Arabic letters are Arabic numbers; Arabic letters are R.
  types.forEach((type, i) => {
    if (type === "EN" && strongBefore(types, i, edge, false) === "AL") types[i] = "AN";
  });
  types.forEach((type, i) => {
    if (type === "AL") types[i] = "R";
  });
  // W4: one separator between two numbers of a kind joins them ("1,000", "2025-2026").
  for (let i = 1; i < types.length - 1; i += 1) {
    const [before, type, after] = [types[i - 1], types[i], types[i + 1]];
    if (before === "EN" && after === "EN" && (type === "ES" || type === "CS")) types[i] = "EN";
    else if (before === "AN" && after === "AN" && type === "CS") types[i] = "AN";
  }
  // W5: currency, percent and similar signs next to European digits go with them.
  for (let i = 0; i < types.length; i += 1) {
    if (types[i] !== "ET") continue;
    let end = i;
    while (types[end] === "ET") end += 1;
    if (types[i - 1] === "EN" || types[end] === "EN") types.fill("EN", i, end);
    i = end - 1;
  }
  // W6, W7: the other separators are neutral; European digits after Latin letters are Latin.
  types.forEach((type, i) => {
    if (type === "ES" || type === "ET" || type === "CS") types[i] = "N";
    else if (type === "EN" && strongBefore(types, i, edge, false) === "L") types[i] = "L";
  });
  resolveBrackets(chars, types, edge);
  // N1, N2: neutrals between two strong runs of one direction take it, others the paragraph's.
  for (let i = 0; i < types.length; i += 1) {
    if (types[i] !== "N") continue;
    let end = i;
    while (types[end] === "N") end += 1;
    const before = strongBefore(types, i, edge, true);
    const next = types[end];
    const after = next === undefined ? edge : next === "L" ? "L" : "R";
    types.fill(before === after ? (before as BidiClass) : edge, i, end);
    i = end - 1;
  }
  // I1, I2.
  return types.map((type) => {
    if (base === 0) return type === "R" ? 1 : type === "AN" || type === "EN" ? 2 : 0;
    return type === "R" ? 1 : 2;
  });
}

/** The certificate font of each character, by script, with marks and inner spaces following. */
function fontsOf(chars: readonly string[]): FontKind[] {
  const fonts: FontKind[] = chars.map((char) => (ARABIC_SCRIPT.test(char) ? "arabic" : "base"));
  chars.forEach((char, i) => {
    if (i > 0 && MARK.test(char) && !ARABIC_SCRIPT.test(char)) fonts[i] = fonts[i - 1] as FontKind;
  });
  for (let i = 0; i < chars.length; i += 1) {
    if (!/^\s$/u.test(chars[i] as string)) continue;
    let end = i;
    while (end < chars.length && /^\s$/u.test(chars[end] as string)) end += 1;
    if (i > 0 && fonts[i - 1] === "arabic" && fonts[end] === "arabic") fonts.fill("arabic", i, end);
    i = end - 1;
  }
  return fonts;
}

const MIRRORED: Record<string, string> = {};
// Mirrored glyphs are a superset of the paired brackets: angle brackets and guillemets mirror in a
// right-to-left run but take no part in bracket pairing (UAX #9, BD16).
for (const pair of [...BRACKET_PAIRS, "<>", "«»", "‹›", "＜＞"]) {
  const [open, close] = [...pair] as [string, string];
  MIRRORED[open] = close;
  MIRRORED[close] = open;
}

// fontkit reverses a run whose first letter's script is written right to left.
const FONTKIT_RTL =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Cypriot}\p{Script=Kharoshthi}\p{Script=Phoenician}\p{Script=Nko}\p{Script=Lydian}\p{Script=Avestan}\p{Script=Imperial_Aramaic}\p{Script=Inscriptional_Pahlavi}\p{Script=Inscriptional_Parthian}\p{Script=Old_South_Arabian}\p{Script=Old_Turkic}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Meroitic_Cursive}\p{Script=Meroitic_Hieroglyphs}\p{Script=Manichaean}\p{Script=Mende_Kikakui}\p{Script=Nabataean}\p{Script=Old_North_Arabian}\p{Script=Palmyrene}\p{Script=Psalter_Pahlavi}]/u;
const SCRIPTED = /[^\p{Script=Common}\p{Script=Inherited}\p{Script=Unknown}]/u;

function fontkitReverses(text: string): boolean {
  const first = SCRIPTED.exec(text);
  return first !== null && FONTKIT_RTL.test(first[0]);
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const reversed = (text: string) =>
  [...graphemes.segment(text)]
    .map((part) => part.segment)
    .reverse()
    .join("");

/** What pdfkit is given for a run, so that fontkit's own reversal ends in the resolved direction. */
function runText(text: string, rtl: boolean): string {
  const shaped = rtl ? [...text].map((char) => MIRRORED[char] ?? char).join("") : text;
  return rtl === fontkitReverses(shaped) ? shaped : reversed(shaped);
}

/**
 * One line as runs in visual order (left to right), each in one font. The caller trims the line
 * and draws the runs one after the other from its left edge.
 */
export function visualRuns(line: string, direction: Direction): TextRun[] {
  const chars = [...line];
  if (chars.length === 0) return [];
  const levels = embeddingLevels(chars, direction);
  const fonts = fontsOf(chars);
  const runs: Array<{ text: string; font: FontKind; level: number }> = [];
  chars.forEach((char, i) => {
    const [level, font] = [levels[i] as number, fonts[i] as FontKind];
    const last = runs.at(-1);
    if (last && last.level === level && last.font === font) last.text += char;
    else runs.push({ text: char, font, level });
  });
  // L2: from the highest level down to the lowest odd one, reverse every stretch at or above it.
  const highest = Math.max(...runs.map((run) => run.level));
  const lowestOdd = Math.min(...runs.map((run) => run.level | 1));
  for (let level = highest; level >= lowestOdd; level -= 1) {
    for (let i = 0; i < runs.length; i += 1) {
      if ((runs[i]?.level ?? 0) < level) continue;
      let end = i;
      while (end < runs.length && (runs[end]?.level ?? 0) >= level) end += 1;
      runs.splice(i, end - i, ...runs.slice(i, end).reverse());
      i = end;
    }
  }
  return runs.map((run) => {
    const rtl = run.level % 2 === 1;
    return { text: runText(run.text, rtl), font: run.font, rtl };
  });
}
