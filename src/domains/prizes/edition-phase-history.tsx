import { formatInZone } from "../../platform/zoned-time.ts";
import type { PageContext } from "../../ui/page-context.ts";
import { phaseName, ZonedAndUtc } from "./edition-components.tsx";
import type { PhaseHistoryItem } from "./edition-phase-clock.ts";

/** A record made this long after its instant says when it was made (no instance was running). */
const LATE_MS = 5 * 60_000;

function Change({ ctx, item, zone }: { ctx: PageContext; item: PhaseHistoryItem; zone: string }) {
  const { t } = ctx;
  if (item.kind !== "extend") {
    const late = item.recordedAt.getTime() - item.at.getTime() > LATE_MS;
    return (
      <>
        {t(item.kind === "open" ? "prizes.editions.history.opened" : "prizes.editions.history.closed")}
        {late ? (
          <span class="muted">
            {" "}
            (
            {t("prizes.editions.history.recordedLate", {
              time: formatInZone(item.recordedAt, ctx.lang, zone),
            })}
            )
          </span>
        ) : null}
      </>
    );
  }
  return (
    <>
      {t("prizes.editions.history.extended", {
        from: formatInZone(item.fromEnd, ctx.lang, zone),
        to: formatInZone(item.toEnd, ctx.lang, zone),
      })}
      {item.shiftLater ? <> {t("prizes.editions.history.shifted")}</> : null}
      {item.reason ? (
        <p class="pre-line">{t("prizes.editions.history.reason", { reason: item.reason })}</p>
      ) : null}
    </>
  );
}

/**
 * The edition's phase history from the audit log: when each phase opened and closed by the clock,
 * and each extension with who made it and why. Times in the edition's zone and in UTC.
 */
export function PhaseHistory({
  ctx,
  history,
  zone,
}: {
  ctx: PageContext;
  history: PhaseHistoryItem[];
  zone: string;
}) {
  const { t } = ctx;
  return (
    <section aria-labelledby="phase-history">
      <h2 id="phase-history">{t("prizes.editions.history.title")}</h2>
      <p>{t("prizes.editions.history.intro")}</p>
      {history.length === 0 ? (
        <p>{t("prizes.editions.history.none")}</p>
      ) : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("prizes.editions.history.when")}</th>
                <th scope="col">{t("prizes.editions.history.phase")}</th>
                <th scope="col">{t("prizes.editions.history.change")}</th>
                <th scope="col">{t("prizes.editions.history.by")}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((item) => (
                <tr key={`${item.kind}-${item.phase}-${item.at.toISOString()}`}>
                  <td>
                    <ZonedAndUtc ctx={ctx} at={item.at} zone={zone} />
                  </td>
                  <th scope="row">{phaseName(ctx, item.phase)}</th>
                  <td>
                    <Change ctx={ctx} item={item} zone={zone} />
                  </td>
                  <td>{item.kind === "extend" ? (item.by ?? "—") : t("prizes.editions.history.clock")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
