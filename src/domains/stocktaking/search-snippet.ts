import { foldText } from "./search-text.ts";

/**
 * A short passage of a description around where the query's words matched, with the matched words'
 * ranges. It is text plus ranges, never HTML: the page wraps the ranges in `<mark>` and escapes the
 * rest, and API clients highlight however they like.
 */
export interface Snippet {
  text: string;
  /** [start, end) UTF-16 offsets into `text`, ascending and not overlapping. */
  highlights: Array<[number, number]>;
}

const SNIPPET_MAX = 240;
/** Words (with their combining marks) as the reader sees them in the original text. */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return (space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, "");
}

/**
 * Without terms (or without a match) the start of the text; otherwise a window that starts a little
 * before the first matched word, so the reader sees it in context.
 */
export function buildSnippet(source: string | null, terms: readonly string[]): Snippet {
  const text = (source ?? "").replace(/\s+/g, " ").trim();
  const matches: Array<[number, number]> = [];
  if (terms.length > 0) {
    for (const word of text.matchAll(WORD)) {
      const folded = foldText(word[0]);
      if (terms.some((term) => folded.startsWith(term)))
        matches.push([word.index, word.index + word[0].length]);
    }
  }
  const first = matches[0];
  let start = 0;
  if (first && first[1] > SNIPPET_MAX * 0.8) {
    const space = text.lastIndexOf(" ", Math.max(0, first[0] - 40));
    start = space > 0 ? space + 1 : 0;
  }
  const body = cutAtWord(text.slice(start), SNIPPET_MAX);
  const prefix = start > 0 ? "…" : "";
  const suffix = start + body.length < text.length ? "…" : "";
  const highlights = matches
    .filter(([from, to]) => from >= start && to <= start + body.length)
    .map(([from, to]): [number, number] => [from - start + prefix.length, to - start + prefix.length]);
  return { text: `${prefix}${body}${suffix}`, highlights };
}
