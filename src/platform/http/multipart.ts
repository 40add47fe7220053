import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../errors.ts";
import { requirePermission } from "../permissions.ts";

declare module "fastify" {
  interface FastifyContextConfig {
    /**
     * The route accepts `multipart/form-data` (file uploads); every other route refuses it (415).
     * `{ fileSize }` raises the file size limit for this route only (bulk import); `{ fields }`
     * raises the number of plain fields (a form with many checkboxes next to its file).
     */
    multipart?: boolean | { fileSize?: number; fields?: number };
  }
}

/**
 * Limits for every multipart request, passed to `@fastify/multipart`. A file over `fileSize` is
 * cut there and flagged `truncated` (not an exception), so the route can answer with a field
 * error next to the file input; too many files, fields or parts is a 413.
 */
export const MULTIPART_LIMITS = {
  fileSize: 5 * 1024 * 1024,
  files: 1,
  fields: 5,
  fieldSize: 4096,
  parts: 6,
} as const;

/** A file from a multipart body, read into memory (within MULTIPART_LIMITS.fileSize). */
export interface UploadedFile {
  kind: "file";
  filename: string;
  /** What the browser claims; never trusted, only logged or shown. */
  declaredType: string;
  data: Buffer;
  /** True when the file was larger than the limit and `data` holds only its beginning. */
  truncated: boolean;
}

export function isUploadedFile(value: unknown): value is UploadedFile {
  return typeof value === "object" && value !== null && (value as UploadedFile).kind === "file";
}

const LIMIT_ERRORS = new Set([
  "FST_PARTS_LIMIT",
  "FST_FILES_LIMIT",
  "FST_FIELDS_LIMIT",
  "FST_REQ_FILE_TOO_LARGE",
]);

/** Malformed multipart (a broken boundary, a cut-off body…) is the client's fault: 400, never a 500. */
function toClientError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && LIMIT_ERRORS.has(code)) return new AppError("payload_too_large", 413);
  return new AppError("bad_request", 400);
}

async function readParts(
  request: FastifyRequest,
  limits?: { fileSize?: number; fields?: number },
): Promise<Record<string, unknown>> {
  const body: Record<string, unknown> = {};
  const add = (name: string, value: unknown) => {
    const existing = body[name];
    if (existing === undefined) body[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else body[name] = [existing, value];
  };
  const fields = limits?.fields ?? MULTIPART_LIMITS.fields;
  const parts = limits
    ? request.parts({
        limits: {
          ...MULTIPART_LIMITS,
          fileSize: limits.fileSize ?? MULTIPART_LIMITS.fileSize,
          fields,
          parts: fields + MULTIPART_LIMITS.files,
        },
      })
    : request.parts();
  for await (const part of parts) {
    if (part.type === "file") {
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) chunks.push(chunk as Buffer);
      const file: UploadedFile = {
        kind: "file",
        filename: part.filename,
        declaredType: part.mimetype,
        data: Buffer.concat(chunks),
        truncated: part.file.truncated,
      };
      add(part.fieldname, file);
    } else {
      add(part.fieldname, typeof part.value === "string" ? part.value : "");
    }
  }
  return body;
}

/**
 * Parses multipart bodies into `request.body` (fields as strings, files as `UploadedFile`) before
 * the request guards run, so the CSRF check reads the form's `_csrf` field exactly as it does for
 * urlencoded forms. Only routes that opt in with `config.multipart` accept such bodies at all, so
 * no other route reads a file into memory. Must be registered before the request guards.
 */
export function registerMultipartBodies(app: FastifyInstance): void {
  app.addHook("preValidation", async (request) => {
    if (!request.isMultipart()) return;
    const { multipart, permission } = request.routeOptions.config;
    if (!multipart) throw new AppError("unsupported_media_type", 415);
    // Who may post here is known from the session alone: refuse others before reading a byte of the file.
    if (permission && permission !== "public") requirePermission(request.actor, permission);
    try {
      request.body = await readParts(request, multipart === true ? undefined : multipart);
    } catch (error) {
      throw toClientError(error);
    }
  });
}
