import { Select, TextInput } from "../../ui/components.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { Pagination } from "../../ui/pagination.tsx";
import { AdminLayout } from "./admin.pages.tsx";
import { type AuditEventView, type MailView, prettyJson } from "./admin.presenter.ts";
import type { Paged } from "./admin.service.ts";
import { AdminTable } from "./admin-components.tsx";

function auditHref(filter: { action: string; subject: string }, before: string | null): string {
  const params = new URLSearchParams();
  if (filter.action) params.set("action", filter.action);
  if (filter.subject) params.set("subject", filter.subject);
  if (before) params.set("before", before);
  const text = params.toString();
  return text ? `/admin/audit?${text}` : "/admin/audit";
}

function Who({ ctx, actor }: { ctx: PageContext; actor: AuditEventView["actor"] }) {
  if (!actor) return <span class="muted">{ctx.t("admin.audit.system")}</span>;
  return (
    <>
      <a href={`/admin/users/${actor.id}`}>
        <bdi>{actor.name ?? actor.id}</bdi>
      </a>
      {actor.email ? (
        <>
          <br />
          <span class="muted">{actor.email}</span>
        </>
      ) : null}
    </>
  );
}

/**
 * Before and after as captioned figures, not headings: one pair per table row would otherwise put
 * dozens of h3s straight under the page's h1 (a skipped level the HTML checker rejects).
 */
function Changes({ ctx, event }: { ctx: PageContext; event: AuditEventView }) {
  const before = prettyJson(event.before);
  const after = prettyJson(event.after);
  if (!before && !after) return <span class="muted">—</span>;
  return (
    <details>
      <summary>{ctx.t("admin.audit.showChanges")}</summary>
      <div class="audit-changes">
        {before ? (
          <figure>
            <figcaption class="audit-changes__title">{ctx.t("admin.audit.before")}</figcaption>
            <pre>{before}</pre>
          </figure>
        ) : null}
        {after ? (
          <figure>
            <figcaption class="audit-changes__title">{ctx.t("admin.audit.after")}</figcaption>
            <pre>{after}</pre>
          </figure>
        ) : null}
      </div>
    </details>
  );
}

export function AuditPage({
  ctx,
  events,
  filter,
  subjectTypes,
  nextBefore,
}: {
  ctx: PageContext;
  events: AuditEventView[];
  filter: { action: string; subject: string; before: string | null };
  subjectTypes: string[];
  nextBefore: string | null;
}) {
  const t = ctx.t;
  return (
    <AdminLayout ctx={ctx} title={t("admin.audit.title")}>
      <p class="lead">{t("admin.audit.lead")}</p>
      <form method="get" action="/admin/audit" class="stack filter-form">
        <TextInput
          ctx={ctx}
          name="action"
          label={t("admin.audit.filterAction")}
          hint={t("admin.audit.filterActionHint")}
          value={filter.action}
          errors={{}}
          maxLength={200}
        />
        <Select
          ctx={ctx}
          name="subject"
          label={t("admin.audit.filterSubject")}
          value={filter.subject}
          errors={{}}
          placeholder={t("admin.audit.anySubject")}
          options={subjectTypes.map((value) => ({ value, label: value }))}
        />
        <div class="actions">
          <button type="submit">{t("admin.audit.filter")}</button>
          {filter.action || filter.subject ? <a href="/admin/audit">{t("admin.audit.clear")}</a> : null}
        </div>
      </form>
      {events.length === 0 ? (
        <p>{t("admin.audit.empty")}</p>
      ) : (
        <AdminTable
          id="audit-caption"
          caption={t("admin.audit.caption")}
          columns={[
            t("admin.audit.when"),
            t("admin.audit.who"),
            t("admin.audit.what"),
            t("admin.audit.subject"),
            t("admin.audit.changes"),
          ]}
          className="audit-table"
        >
          {events.map((event) => (
            <tr key={event.id}>
              <td>
                <time datetime={event.at}>{ctx.formatDateTime(event.at)}</time>
              </td>
              <td>
                <Who ctx={ctx} actor={event.actor} />
              </td>
              <td>
                <code>{event.action}</code>
              </td>
              <td>
                {event.subjectType}
                {event.subjectId ? ` ${event.subjectId}` : ""}
              </td>
              <td>
                <Changes ctx={ctx} event={event} />
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
      <nav class="pagination" aria-label={t("pagination.label")}>
        <ul>
          {filter.before ? (
            <li>
              <a href={auditHref(filter, null)}>{t("admin.audit.newest")}</a>
            </li>
          ) : null}
          {nextBefore ? (
            <li>
              <a href={auditHref(filter, nextBefore)} rel="next">
                {t("admin.audit.older")}
              </a>
            </li>
          ) : null}
        </ul>
      </nav>
    </AdminLayout>
  );
}

export function OutboxPage({ ctx, result }: { ctx: PageContext; result: Paged<MailView> }) {
  const t = ctx.t;
  return (
    <AdminLayout ctx={ctx} title={t("admin.outbox.title")}>
      <p class="lead">{t("admin.outbox.lead")}</p>
      <p>{t("admin.outbox.count", { count: result.total })}</p>
      {result.items.length > 0 ? (
        <AdminTable
          id="outbox-caption"
          caption={t("admin.outbox.title")}
          columns={[
            t("admin.outbox.created"),
            t("admin.outbox.to"),
            t("admin.outbox.subject"),
            t("admin.outbox.state"),
          ]}
        >
          {result.items.map((mail) => (
            <tr key={mail.id}>
              <td>
                <time datetime={mail.createdAt}>{ctx.formatDateTime(mail.createdAt)}</time>
              </td>
              <td>{mail.to}</td>
              <td>
                <details>
                  <summary>{mail.subject}</summary>
                  <pre class="mail-body">{mail.text}</pre>
                </details>
              </td>
              <td>
                <span class={`state state--${mail.state}`}>{t(`admin.outbox.state.${mail.state}`)}</span>
                {mail.sentAt ? (
                  <>
                    <br />
                    <time datetime={mail.sentAt}>{ctx.formatDateTime(mail.sentAt)}</time>
                  </>
                ) : null}
                {mail.error ? (
                  <>
                    <br />
                    <span class="muted">{mail.error}</span>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </AdminTable>
      ) : null}
      <Pagination
        ctx={ctx}
        page={result.page}
        pageCount={result.pageCount}
        hrefFor={(page) => (page > 1 ? `/admin/outbox?page=${page}` : "/admin/outbox")}
      />
    </AdminLayout>
  );
}
