import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ASSETS_DIR = join(dirname(fileURLToPath(import.meta.url)), "assets");

export interface StaticAsset {
  /** Public URL with a content hash, so it can be cached for a year and still never go stale. */
  url: string;
  body: Buffer;
  contentType: string;
}

function load(file: string, contentType: string): StaticAsset {
  const body = readFileSync(join(ASSETS_DIR, file));
  const hash = createHash("sha256").update(body).digest("hex").slice(0, 12);
  const [name, ext] = file.split(".");
  return { url: `/assets/${name}.${hash}.${ext}`, body, contentType };
}

export const ASSETS = {
  css: load("app.css", "text/css; charset=utf-8"),
  searchJs: load("search.js", "text/javascript; charset=utf-8"),
  // Bulk import: keeps a job page's progress current while the job runs (the page works without).
  importJs: load("import-progress.js", "text/javascript; charset=utf-8"),
  // Prize submissions: the live word count of the short description (the form works without).
  wordCountJs: load("word-count.js", "text/javascript; charset=utf-8"),
  // Forum programme grid: drag and drop of sessions, submitting the per-session slot form (works without).
  forumScheduleJs: load("forum-schedule.js", "text/javascript; charset=utf-8"),
  // WSIS Forum programme, sessions and agenda: adds the browser's own time after venue times.
  forumLocalTimeJs: load("forum-local-time.js", "text/javascript; charset=utf-8"),
  // Forum door check-in: offline scan queue, sync, camera (the page works online without it).
  forumCheckinJs: load("forum-checkin.js", "text/javascript; charset=utf-8"),
  // Its service worker, served at /forum/checkin-sw.js so its scope covers the check-in pages.
  forumCheckinSw: load("forum-checkin-sw.js", "text/javascript; charset=utf-8"),
  // Declared in every page's head: without it browsers ask for /favicon.ico and log the 404.
  icon: load("icon.svg", "image/svg+xml"),
} as const;
