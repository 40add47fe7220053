import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { App } from "../../app.ts";
import type { Database } from "../../db/schema.ts";
import type { Browser } from "../../testing/test-app.ts";

export interface FilePart {
  data: Buffer;
  filename?: string;
  type?: string;
  field?: string;
}

/** A multipart/form-data body as a browser sends it: the fields in order, then the files. */
export function multipartBody(
  fields: Array<[string, string]>,
  files: FilePart[] = [],
): { payload: Buffer; contentType: string } {
  const boundary = `----wsis${randomBytes(8).toString("hex")}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of fields) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  for (const file of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? "file"}"; filename="${file.filename ?? "photo.png"}"\r\n` +
          `Content-Type: ${file.type ?? "image/png"}\r\n\r\n`,
      ),
      file.data,
      Buffer.from("\r\n"),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Posts the edit page's upload form; the CSRF token is read from the edit page unless given. */
export async function uploadImage(
  app: App,
  browser: Browser,
  entryId: string,
  options: {
    file?: FilePart | null;
    alt?: string;
    csrf?: string | null;
    idempotencyKey?: string;
    url?: string;
  } = {},
) {
  const csrf =
    options.csrf === undefined ? await browser.csrfToken(`/entries/${entryId}/edit`) : options.csrf;
  const fields: Array<[string, string]> = [];
  if (csrf !== null) fields.push(["_csrf", csrf]);
  if (options.idempotencyKey) fields.push(["idempotencyKey", options.idempotencyKey]);
  if (options.alt !== undefined) fields.push(["alt", options.alt]);
  const { payload, contentType } = multipartBody(fields, options.file ? [options.file] : []);
  return app.inject({
    method: "POST",
    url: options.url ?? `/entries/${entryId}/images`,
    headers: { accept: "text/html", "content-type": contentType, cookie: browser.cookieHeader() },
    payload,
  });
}

/** How many images are stored at all, to prove a refused upload stored nothing. */
export async function imageCount(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom("entry_images")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The image references of an entry's latest revision, as stored. */
export async function latestImages(db: Kysely<Database>, entryId: string) {
  const row = await db
    .selectFrom("entries")
    .innerJoin("entry_revisions", "entry_revisions.id", "entries.latest_revision_id")
    .select(["entry_revisions.data", "entry_revisions.number"])
    .where("entries.id", "=", entryId)
    .executeTakeFirstOrThrow();
  return { number: row.number, images: (row.data as { images?: unknown }).images };
}
