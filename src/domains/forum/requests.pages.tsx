import type { ForumRequestStatus } from "../../db/schema.ts";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { TableScroll } from "../taxonomy/taxonomy.pages.tsx";
import type { RequestRecord } from "./requests.repo.ts";

export function RequestStatus({ ctx, status }: { ctx: PageContext; status: ForumRequestStatus }) {
  return <span class={`state state--${status}`}>{ctx.t(`forum.ocp.status.${status}`)}</span>;
}

/** One row of "my requests": the request, whether it may still change, and its deadline. */
export interface RequestListItem {
  request: RequestRecord;
  editable: boolean;
  deadline: string | null;
}

/** What became of a request: its session, or the reason it was declined. */
function Outcome({ ctx, request }: { ctx: PageContext; request: RequestRecord }) {
  const { t } = ctx;
  if (request.status === "declined" && request.decision_reason)
    return (
      <p class="muted" dir="auto">
        {t("forum.ocp.my.reason", { reason: request.decision_reason })}
      </p>
    );
  if ((request.status === "accepted" || request.status === "merged") && request.session_number !== null)
    return (
      <p class="muted">{t(`forum.ocp.my.session.${request.status}`, { number: request.session_number })}</p>
    );
  return null;
}

/** The stakeholder's binding requests in every edition, with their status. */
export function MyRequestsPage({ ctx, items }: { ctx: PageContext; items: RequestListItem[] }) {
  const { t } = ctx;
  const title = t("forum.ocp.my.title");
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {items.length === 0 ? (
        <p>{t("forum.ocp.my.empty")}</p>
      ) : (
        <TableScroll labelledBy="my-requests-caption">
          <table>
            <caption id="my-requests-caption" class="visually-hidden">
              {title}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("forum.ocp.my.request")}</th>
                <th scope="col">{t("forum.ocp.my.kind")}</th>
                <th scope="col">{t("forum.ocp.my.edition")}</th>
                <th scope="col">{t("forum.ocp.my.status")}</th>
                <th scope="col">{t("forum.ocp.my.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map(({ request, editable, deadline }) => (
                <tr key={request.id} id={`request-${request.id}`}>
                  <th scope="row">
                    {editable ? (
                      <a href={`/forum/${request.year}/requests/${request.id}/edit`} dir="auto">
                        {request.title}
                      </a>
                    ) : (
                      <span dir="auto">{request.title}</span>
                    )}
                    {editable && deadline ? (
                      <p class="muted">{t("forum.ocp.my.editableUntil", { deadline })}</p>
                    ) : null}
                  </th>
                  <td>{t(`forum.ocp.kind.${request.kind}`)}</td>
                  <td>{request.year}</td>
                  <td>
                    <RequestStatus ctx={ctx} status={request.status} />
                    <Outcome ctx={ctx} request={request} />
                  </td>
                  <td>{ctx.formatDate(request.updated_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </Layout>
  );
}
