import type { ExportRecord } from "./export.repo.ts";
import { xmlText } from "./xml.ts";

/** An Atom 1.0 document (RFC 4287) of newly published entries. */
export interface AtomFeed {
  /** The feed's permanent id: its URL without the reader's language, so every language is one feed. */
  id: string;
  /** The feed's own absolute URL, as requested (its `rel="self"` link). */
  selfUrl: string;
  /** The search page it follows. */
  htmlUrl: string;
  title: string;
  /** The language of the feed's own texts (entries carry their own). */
  lang: string;
  generator: string;
  baseUrl: string;
  entries: readonly ExportRecord[];
  actionLineName: (code: string) => string;
  /** When the feed is empty, its `updated`. */
  now: Date;
}

const list = (joined: string): string[] => (joined === "" ? [] : joined.split(";"));

function entryXml(record: ExportRecord, feed: AtomFeed): string {
  const url = `${feed.baseUrl}/entries/${record.id}`;
  const published = record.published_at ?? feed.now.toISOString();
  const lang = record.language ? ` xml:lang="${xmlText(record.language)}"` : "";
  const categories = list(record.action_lines)
    .map(
      (code) =>
        `<category term="${xmlText(code)}" scheme="${xmlText(`${feed.baseUrl}/action-lines`)}" label="${xmlText(feed.actionLineName(code))}"/>`,
    )
    .join("");
  return [
    `<entry${lang}>`,
    `<id>${xmlText(url)}</id>`,
    `<title type="text">${xmlText(record.title ?? "")}</title>`,
    `<link rel="alternate" type="text/html" href="${xmlText(url)}"/>`,
    `<published>${published}</published>`,
    // A published entry's public text changes only when a new revision is published.
    `<updated>${published}</updated>`,
    `<author><name>${xmlText(record.organisation_name ?? "")}</name></author>`,
    categories,
    `<summary type="text">${xmlText(record.description ?? "")}</summary>`,
    "</entry>",
  ].join("");
}

/** The feed's XML; every text goes through `xmlText`. */
export function atomXml(feed: AtomFeed): string {
  const updated = feed.entries[0]?.published_at ?? feed.now.toISOString();
  return [
    '<?xml version="1.0" encoding="utf-8"?>\n',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlText(feed.lang)}">`,
    `<id>${xmlText(feed.id)}</id>`,
    `<title type="text">${xmlText(feed.title)}</title>`,
    `<updated>${updated}</updated>`,
    `<link rel="self" type="application/atom+xml" href="${xmlText(feed.selfUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${xmlText(feed.htmlUrl)}"/>`,
    `<author><name>${xmlText(feed.generator)}</name></author>`,
    `<generator uri="${xmlText(feed.baseUrl)}">${xmlText(feed.generator)}</generator>`,
    ...feed.entries.map((record) => entryXml(record, feed)),
    "</feed>\n",
  ].join("");
}
