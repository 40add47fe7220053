import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { apiWriteOptions } from "../../platform/http/idempotent-api.ts";
import { isUploadedFile } from "../../platform/http/multipart.ts";
import { requirePermission } from "../../platform/permissions.ts";
import { answerWrite } from "./entries.api.ts";
import { EntryParams, EntryResponse, IdempotencyHeaders } from "./entries.schema.ts";
import { getEntryHistory, listMyEntries, MY_ENTRIES_PAGE_SIZE, parseEntryId } from "./entries.service.ts";
import { pageCount, pageParam } from "./entry-http.ts";
import { addEntryImage, parseImageId, removeEntryImage } from "./entry-images.service.ts";
import { moderationQueue } from "./moderation.service.ts";
import { diffRevisions } from "./revisions.diff.ts";
import {
  HistoryResponse,
  ImageParams,
  MyEntriesResponse,
  PageQuery,
  QueueResponse,
} from "./workspace.schema.ts";

const SECURITY = [{ bearer: [] }];
const iso = (value: Date | string | null): string | null =>
  value === null ? null : new Date(value).toISOString();

/**
 * What the signed-in pages show, for API clients too: one's own entries, an entry's history, the
 * moderation queue, and an entry's images. Together with `entries.api.ts` and the moderation and
 * withdrawal operations, everything a user does in the stocktaking domain has an operation.
 */
export async function workspaceApiRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.deps;

  app.get(
    "/api/v1/my/entries",
    {
      config: { permission: "account.self" },
      schema: {
        operationId: "listMyEntries",
        tags: ["entries"],
        summary: "Your own entries in every state, most recently changed first",
        security: SECURITY,
        querystring: PageQuery,
        response: { 200: MyEntriesResponse },
      },
    },
    async (request) => {
      const actor = requirePermission(request.actor, "account.self");
      const page = pageParam(request.query);
      const { total, rows } = await listMyEntries(db, actor, page);
      return {
        total,
        page,
        pageSize: MY_ENTRIES_PAGE_SIZE,
        pageCount: pageCount(total, MY_ENTRIES_PAGE_SIZE),
        items: rows.map((row) => ({
          id: row.id,
          title: row.latest_title ?? "",
          state: row.state,
          isPublic: row.published_revision_id !== null,
          publishedRevision: row.published_number,
          latestRevision: row.latest_number,
          updatedAt: iso(row.updated_at) as string,
          submittedAt: iso(row.submitted_at),
          publishedAt: iso(row.published_at),
          links: { self: `/api/v1/entries/${row.id}`, html: `/entries/${row.id}` },
        })),
      };
    },
  );

  app.get(
    "/api/v1/entries/:id/history",
    {
      config: { permission: "account.self" },
      schema: {
        operationId: "getEntryHistory",
        tags: ["entries"],
        summary: "Every revision of your entry (or any, for moderators) with what changed, and the decisions",
        security: SECURITY,
        params: EntryParams,
        response: { 200: HistoryResponse },
      },
    },
    async (request) => {
      const actor = requirePermission(request.actor, "account.self");
      const history = await getEntryHistory(db, actor, parseEntryId(request.params.id));
      const { entry, revisions, decisions } = history;
      return {
        id: entry.id,
        state: entry.state,
        revisions: revisions.map((revision, index) => ({
          number: revision.number,
          author: revision.author_name,
          createdAt: iso(revision.created_at) as string,
          isPublished: revision.id === entry.published_revision_id,
          isLatest: revision.id === entry.latest_revision_id,
          changes: diffRevisions(index > 0 ? (revisions[index - 1]?.data ?? null) : null, revision.data),
        })),
        decisions: decisions.map((decision) => ({
          decision: decision.decision,
          comment: decision.comment,
          moderator: decision.moderator_name,
          revisionNumber: decision.revision_number,
          createdAt: iso(decision.created_at) as string,
        })),
      };
    },
  );

  app.get(
    "/api/v1/moderation/queue",
    {
      config: { permission: "entries.moderate" },
      schema: {
        operationId: "listModerationQueue",
        tags: ["moderation"],
        summary: "Entries awaiting a decision, oldest submission first",
        security: SECURITY,
        querystring: PageQuery,
        response: { 200: QueueResponse },
      },
    },
    async (request) => {
      requirePermission(request.actor, "entries.moderate");
      const page = pageParam(request.query);
      const queue = await moderationQueue(db, page);
      return {
        total: queue.total,
        page,
        pageSize: queue.pageSize,
        pageCount: pageCount(queue.total, queue.pageSize),
        items: queue.rows.map((row) => ({
          id: row.id,
          title: row.title ?? "",
          owner: row.owner_name,
          revisionNumber: row.revision_number,
          isRevisionOfPublished: row.is_revision_of_published,
          submittedAt: iso(row.submitted_at),
          links: { self: `/api/v1/entries/${row.id}`, review: `/moderation/entries/${row.id}` },
        })),
      };
    },
  );

  app.post(
    "/api/v1/entries/:id/images",
    {
      config: { permission: "entries.create", multipart: true },
      schema: {
        operationId: "addEntryImage",
        tags: ["entries"],
        summary: "Add an image to your entry's draft (multipart: `file`, `alt`)",
        description:
          "PNG, JPEG, WebP or GIF (recognised by content), at most 5 MB and 8000 px a side, with its alternative text; at most 5 per entry. Saved as a new revision of the draft.",
        security: SECURITY,
        params: EntryParams,
        headers: IdempotencyHeaders,
        response: { 200: EntryResponse },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "entries.create");
      const entryId = parseEntryId(request.params.id);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const file = isUploadedFile(body.file) ? body.file : null;
      const upload = { data: file?.data ?? null, truncated: file?.truncated ?? false, alt: body.alt };
      const result = await addEntryImage(db, actor, entryId, upload, apiWriteOptions(request));
      return answerWrite(base, request, reply, result);
    },
  );

  app.delete(
    "/api/v1/entries/:id/images/:imageId",
    {
      config: { permission: "entries.create" },
      schema: {
        operationId: "removeEntryImage",
        tags: ["entries"],
        summary: "Remove an image from your entry's draft (earlier revisions keep it)",
        security: SECURITY,
        params: ImageParams,
        headers: IdempotencyHeaders,
        response: { 200: EntryResponse },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "entries.create");
      const entryId = parseEntryId(request.params.id);
      const imageId = parseImageId(request.params.imageId);
      const result = await removeEntryImage(db, actor, entryId, imageId, apiWriteOptions(request));
      return answerWrite(base, request, reply, result);
    },
  );
}
