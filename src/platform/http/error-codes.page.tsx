import type { FastifyInstance } from "fastify";
import { Fragment } from "preact";
import { Layout } from "../../ui/layout.tsx";
import { pageContext, sendPage } from "../../ui/render.tsx";
import { ERROR_CODES, FIELD_ERROR_CODES } from "../errors.ts";

// Stand-ins for the values a message names, so each reads as a sentence here.
const PLACEHOLDERS = {
  state: "…",
  seconds: "N",
  max: "N",
  row: "N",
  count: 2,
  cell: "…",
  encoding: "…",
  status: "…",
  unknown: "…",
  unknownCount: 2,
  missing: "…",
  missingCount: 2,
  duplicated: "…",
  duplicatedCount: 0,
  start: "…",
  end: "…",
  zone: "…",
};

/**
 * The reference behind every problem+json `type` (`/api/errors#<code>`): each stable code, its
 * HTTP status and what it means, in the reader's language.
 */
export function registerErrorCodesPage(app: FastifyInstance): void {
  app.get("/api/errors", { config: { permission: "public" } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const { t } = ctx;
    return sendPage(
      reply,
      <Layout ctx={ctx} title={t("errorCodes.title")}>
        <h1>{t("errorCodes.title")}</h1>
        <p class="lead">{t("errorCodes.lead")}</p>
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">{t("errorCodes.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("errorCodes.code")}</th>
                <th scope="col">{t("errorCodes.status")}</th>
                <th scope="col">{t("errorCodes.meaning")}</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(ERROR_CODES).map(([code, status]) => (
                <tr key={code} id={code}>
                  <th scope="row">
                    <code>{code}</code>
                  </th>
                  <td>{status}</td>
                  <td>{t(`errors.${code}`, PLACEHOLDERS)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h2>{t("errorCodes.fieldsTitle")}</h2>
        <p>{t("errorCodes.fieldsLead")}</p>
        <dl class="fields">
          {FIELD_ERROR_CODES.map((code) => (
            <Fragment key={code}>
              <dt id={`field-${code}`}>
                <code>{code}</code>
              </dt>
              <dd>{t(`fields.${code}`, { max: "N", min: "N" })}</dd>
            </Fragment>
          ))}
        </dl>
      </Layout>,
    );
  });
}
