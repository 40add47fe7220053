import { type FormErrors, Notice } from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { AssignByEmailForm, UnassignForm } from "./assignment-components.tsx";

/** A juror as the secretariat's list shows them. */
export interface JurorItem {
  userId: string;
  name: string;
  email: string;
  /** When they were named, in the edition's zone. */
  assignedAt: string;
  shortlisted: number;
  ranked: number;
  ownPhotos: number;
}

/** The secretariat's page naming and removing an edition's Photo Contest jurors. */
export function PhotoJurorsPage({
  ctx,
  year,
  jurors,
  published,
  email,
  errors,
}: {
  ctx: PageContext;
  year: number;
  jurors: JurorItem[];
  /** The winners are out: the jury is final. */
  published: boolean;
  email: string;
  errors: FormErrors;
}) {
  const { t } = ctx;
  const base = `/prizes/${year}/photos/jury/jurors`;
  const title = t("prizes.photos.jurors.title", { year });
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/prizes/${year}/photos/jury`}>{t("prizes.photos.jurors.backToJury", { year })}</a>
      </p>
      <h1>{title}</h1>
      <p class="lead">{t("prizes.photos.jurors.lead")}</p>
      {published ? (
        <Notice>{t("prizes.photos.jurors.final")}</Notice>
      ) : (
        <AssignByEmailForm
          ctx={ctx}
          action={base}
          title={t("prizes.photos.jurors.assign")}
          label={t("prizes.photos.jurors.email")}
          hint={t("prizes.photos.jurors.emailHint")}
          submitLabel={t("prizes.photos.jurors.assignSubmit")}
          email={email}
          errors={errors}
        />
      )}
      <h2>{t("prizes.photos.jurors.listTitle", { count: jurors.length })}</h2>
      {jurors.length === 0 ? (
        <p>{t("prizes.photos.jurors.none")}</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">
              {t("prizes.photos.jurors.listTitle", { count: jurors.length })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("prizes.photos.jurors.juror")}</th>
                <th scope="col">{t("prizes.photos.jurors.assignedAt")}</th>
                <th scope="col">{t("prizes.photos.jurors.shortlisted")}</th>
                <th scope="col">{t("prizes.photos.jurors.ranked")}</th>
                <th scope="col">{t("prizes.photos.jurors.ownPhotos")}</th>
                {published ? null : <th scope="col">{t("prizes.photos.jurors.actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {jurors.map((juror) => (
                <tr key={juror.userId}>
                  <th scope="row">
                    <bdi>{juror.name}</bdi> <span class="muted">&lt;{juror.email}&gt;</span>
                  </th>
                  <td>{juror.assignedAt}</td>
                  <td>{ctx.formatNumber(juror.shortlisted)}</td>
                  <td>{ctx.formatNumber(juror.ranked)}</td>
                  <td>{ctx.formatNumber(juror.ownPhotos)}</td>
                  {published ? null : (
                    <td>
                      <UnassignForm
                        ctx={ctx}
                        action={`${base}/remove`}
                        fields={{ userId: juror.userId }}
                        label={t("prizes.photos.jurors.remove")}
                        who={t("prizes.photos.jurors.removeWho", { name: juror.name })}
                      />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
