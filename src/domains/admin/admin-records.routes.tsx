import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { formText } from "../../platform/http/form-input.ts";
import { pageContext, sendPage } from "../../ui/render.tsx";
import { pageNumber } from "./admin.http.ts";
import { presentAuditEvent, presentMail } from "./admin.presenter.ts";
import { AuditEventListSchema, AuditEventQuerySchema } from "./admin.schema.ts";
import { readAuditLog, readOutbox } from "./admin.service.ts";
import { AuditPage, OutboxPage } from "./admin-records.pages.tsx";

/** The audit log and the mail outbox, read-only. */
export async function adminRecordsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = app.deps.db;

  app.get("/admin/audit", { config: { permission: "audit.read" } }, async (request, reply) => {
    const query = request.query;
    const log = await readAuditLog(db, {
      action: formText(query, "action"),
      subject: formText(query, "subject"),
      before: formText(query, "before"),
    });
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      <AuditPage
        ctx={ctx}
        events={log.items.map(presentAuditEvent)}
        filter={log.filter}
        subjectTypes={log.subjectTypes}
        nextBefore={log.nextBefore}
      />,
    );
  });

  app.get(
    "/api/v1/admin/audit-events",
    {
      config: { permission: "audit.read" },
      schema: {
        operationId: "listAuditEvents",
        tags: ["admin"],
        summary: "The audit log, newest first; page with `before` = the previous page's `nextBefore`",
        querystring: AuditEventQuerySchema,
        response: { 200: AuditEventListSchema },
      },
    },
    async (request) => {
      const log = await readAuditLog(db, {
        action: request.query.action ?? "",
        subject: request.query.subject ?? "",
        before: request.query.before ?? "",
      });
      return { items: log.items.map(presentAuditEvent), nextBefore: log.nextBefore };
    },
  );

  app.get("/admin/outbox", { config: { permission: "outbox.read" } }, async (request, reply) => {
    const result = await readOutbox(db, pageNumber(request.query));
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      <OutboxPage ctx={ctx} result={{ ...result, items: result.items.map(presentMail) }} />,
    );
  });
}
