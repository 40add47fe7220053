import { CsrfField, ErrorSummary, type FormErrors, Notice, TextArea } from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { WITHDRAWAL_REASON_MAX, type WithdrawalView } from "./withdrawal.service.ts";

export interface WithdrawPageProps {
  ctx: PageContext;
  view: WithdrawalView;
  values: { reason: string };
  errors: FormErrors;
  idempotencyKey: string;
}

/** Asks for confirmation (and, from a moderator, the reason the owner will be sent) before withdrawing. */
export function WithdrawPage({ ctx, view, values, errors, idempotencyKey }: WithdrawPageProps) {
  const { t } = ctx;
  const { entry } = view;
  const title = t("entries.withdraw.title", { title: view.title });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="lead">{t("entries.withdraw.intro")}</p>
      {view.ownerName !== null ? (
        <Notice>{t("entries.withdraw.othersEntry", { owner: view.ownerName })}</Notice>
      ) : null}
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action={`/entries/${entry.id}/withdraw`} class="stack" noValidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        <TextArea
          ctx={ctx}
          name="reason"
          label={t("entries.withdraw.reason")}
          hint={
            view.reasonRequired
              ? t("entries.withdraw.reasonHintRequired", { max: WITHDRAWAL_REASON_MAX })
              : t("entries.withdraw.reasonHintOptional", { max: WITHDRAWAL_REASON_MAX })
          }
          required={view.reasonRequired}
          value={values.reason}
          errors={errors}
          maxLength={WITHDRAWAL_REASON_MAX}
        />
        <div class="actions">
          <button type="submit">{t("entries.withdraw.confirm")}</button>
          <a href={`/entries/${entry.id}`}>{t("entries.form.cancel")}</a>
        </div>
      </form>
    </Layout>
  );
}
