import type { ForumCheckinResult } from "../../db/schema.ts";
import { ASSETS } from "../../ui/assets.ts";
import { CsrfField, ErrorSummary, type FormErrors, Notice, TextInput } from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";

export const CHECKIN_RESULTS: readonly ForumCheckinResult[] = [
  "admitted",
  "already_checked_in",
  "invalid",
  "other_edition",
  "revoked",
  "not_onsite",
];

/** One scan's result as the page shows it (the no-JavaScript form's answer). */
export interface ShownScan {
  result: ForumCheckinResult;
  duplicate: boolean;
  name: string | null;
  organisation: string | null;
  /** When the badge was first admitted, in the venue's zone. */
  checkedInAt: string | null;
}

/** The sentence for a result; the script reads the same sentences from the page's data attributes. */
export function scanMessage(ctx: PageContext, scan: ShownScan): string {
  return ctx.t(`forum.registration.checkin.result.${scan.result}`, {
    name: scan.name ?? "",
    organisation: scan.organisation ?? "",
    at: scan.checkedInAt ?? "",
  });
}

/**
 * `/forum/:year/checkin`: the door's phone page. Without JavaScript the form checks one badge in
 * online. With it (forum-checkin.js) scans are queued in the phone's storage and synced when
 * online, the camera reads QR codes where the browser has BarcodeDetector, and a service worker
 * keeps the page available when the connection drops.
 */
export function CheckinPage({
  ctx,
  year,
  timeZone,
  scanId,
  token,
  errors,
  last,
  admittedTotal,
}: {
  ctx: PageContext;
  year: number;
  timeZone: string;
  scanId: string;
  token: string;
  errors: FormErrors;
  last: ShownScan | null;
  admittedTotal: number;
}) {
  const { t } = ctx;
  const title = t("forum.registration.checkin.title", { year });
  const labels: Record<string, string> = {};
  for (const result of CHECKIN_RESULTS)
    labels[`data-label-${result.replace(/_/g, "-")}`] = t(`forum.registration.checkin.result.${result}`, {
      name: "{name}",
      organisation: "{organisation}",
      at: "{at}",
    });
  const admitted = last?.result === "admitted";
  return (
    <Layout ctx={ctx} title={title} scripts={[ASSETS.forumCheckinJs.url]}>
      <h1>{title}</h1>
      <p class="lead">{t("forum.registration.checkin.lead")}</p>
      <div
        id="checkin"
        class="checkin stack"
        data-year={String(year)}
        data-time-zone={timeZone}
        data-lang={ctx.lang}
        data-sync-url={`/api/v1/forum/editions/${year}/checkins`}
        data-sw="/forum/checkin-sw.js"
        data-label-duplicate={t("forum.registration.checkin.duplicate")}
        data-label-queued={t("forum.registration.checkin.queued", { count: "{count}" })}
        data-label-offline={t("forum.registration.checkin.offline", { count: "{count}" })}
        data-label-synced={t("forum.registration.checkin.synced")}
        data-label-signin={t("forum.registration.checkin.signIn")}
        {...labels}
      >
        {last ? (
          <div class={`notice notice--${admitted ? "ok" : "error"} checkin-result`} role="status">
            <p>
              <strong>{scanMessage(ctx, last)}</strong>
            </p>
            {last.duplicate ? <p>{t("forum.registration.checkin.duplicate")}</p> : null}
          </div>
        ) : null}
        <p>{t("forum.registration.checkin.total", { count: admittedTotal })}</p>
        <form method="post" action={`/forum/${year}/checkin`} id="checkin-form" class="stack" novalidate>
          <CsrfField ctx={ctx} />
          <ErrorSummary ctx={ctx} errors={errors} />
          <input type="hidden" name="scanId" value={scanId} />
          <TextInput
            ctx={ctx}
            name="token"
            label={t("forum.registration.checkin.token")}
            hint={t("forum.registration.checkin.tokenHint")}
            value={token}
            errors={errors}
            autocomplete="off"
            maxLength={200}
            required
          />
          <div class="actions">
            <button type="submit" class="button">
              {t("forum.registration.checkin.submit")}
            </button>
            <button type="button" class="button button--secondary" id="checkin-camera" hidden>
              {t("forum.registration.checkin.camera")}
            </button>
          </div>
        </form>
        <video id="checkin-video" class="checkin-video" hidden muted playsinline />
        <p id="checkin-status" role="status" />
        <ol id="checkin-results" class="checkin-results" aria-live="polite" />
      </div>
      <Notice>{t("forum.registration.checkin.offlineNote")}</Notice>
    </Layout>
  );
}
