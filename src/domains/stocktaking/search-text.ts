/**
 * How text becomes searchable words, in one place for everything that must agree: the stored
 * `search_vector` (written as a tsvector literal, so PostgreSQL's own parser and dictionaries never
 * reinterpret it), the in-process index that reads those lexemes back, queries, and the highlighted
 * snippet. Folding is accent- and case-blind so "educación" is found by "educacion" and "EDUC".
 */

// Nonspacing marks only: accents and Arabic harakat go, spacing vowel signs (e.g. Devanagari) stay.
const NONSPACING_MARKS = /\p{Mn}+/gu;
const NOT_A_WORD = /[^\p{L}\p{N}]+/u;
/** PostgreSQL refuses lexemes over 2047 bytes; nobody searches by a word this long anyway. */
const MAX_TOKEN_LENGTH = 60;
/** PostgreSQL keeps at most 256 positions per lexeme and positions up to 16383. */
const MAX_POSITIONS = 256;
const MAX_POSITION = 16383;

/** Lowercase, without accents; Greek final sigma is folded so "οδος" and "ΟΔΟΣ" agree. */
export function foldText(text: string): string {
  return text.normalize("NFKD").replace(NONSPACING_MARKS, "").toLowerCase().replace(/ς/g, "σ");
}

/** The words of a text, folded, in order (repeats kept). */
export function searchTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const token of foldText(text).split(NOT_A_WORD)) {
    if (token) tokens.push(token.slice(0, MAX_TOKEN_LENGTH));
  }
  return tokens;
}

/** The distinct words of a query; each is matched as a word prefix and all must match. */
export function queryTerms(q: string | null): string[] {
  return q ? [...new Set(searchTokens(q))] : [];
}

function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/** Weighted fields of a search document, most important first (PostgreSQL weights A, B, C). */
export interface SearchDocument {
  title: string | null;
  organisation: string | null;
  description: string | null;
  /** The owner's translations: their titles weigh as the title, their descriptions as the description. */
  translations?: ReadonlyArray<{ title: string; description: string }>;
}

/**
 * The document as a tsvector literal (`'word':1A,7C …`). Positions run across the fields in order,
 * so ranking by proximity still works in SQL. A translation's words join the field they translate,
 * so an entry is found, and ranked, alike by words of its original and of any translation.
 */
export function searchVectorLiteral(document: SearchDocument): string {
  const positions = new Map<string, string[]>();
  let position = 0;
  const translations = document.translations ?? [];
  const fields: Array<[string | null, string]> = [
    [document.title, "A"],
    ...translations.map((translation): [string, string] => [translation.title, "A"]),
    [document.organisation, "B"],
    [document.description, "C"],
    ...translations.map((translation): [string, string] => [translation.description, "C"]),
  ];
  for (const [text, weight] of fields) {
    for (const token of searchTokens(text ?? "")) {
      position = Math.min(position + 1, MAX_POSITION);
      let list = positions.get(token);
      if (!list) {
        list = [];
        positions.set(token, list);
      }
      if (list.length < MAX_POSITIONS) list.push(`${position}${weight}`);
    }
  }
  return [...positions].map(([lexeme, list]) => `${quoteLexeme(lexeme)}:${list.join(",")}`).join(" ");
}

/** All terms as word prefixes, ANDed: a tsquery literal for `search_vector @@ …::tsquery`. */
export function prefixQueryLiteral(terms: readonly string[]): string {
  return terms.map((term) => `${quoteLexeme(term)}:*`).join(" & ");
}
