import type { ComponentChildren } from "preact";
import { BarChart, type ChartBar } from "../../ui/bar-chart.tsx";
import type { PageContext } from "../../ui/page-context.ts";

/**
 * A chart under its heading with the data table beside it. The table's caption is the heading's
 * text; its first column names each bar, the second holds the exact value as shown.
 */
export function ChartWithTable({
  ctx,
  id,
  heading,
  description,
  labelHeader,
  valueHeader,
  bars,
  empty,
  children,
}: {
  ctx: PageContext;
  id: string;
  heading: string;
  description: string;
  labelHeader: string;
  valueHeader: string;
  bars: readonly ChartBar[];
  empty: string;
  children?: ComponentChildren;
}) {
  return (
    <section class="stats-chart" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      {children}
      {bars.length === 0 ? (
        <p class="muted">{empty}</p>
      ) : (
        <div class="home-chart">
          <div class="table-scroll">
            <table aria-labelledby={`${id}-heading`}>
              <thead>
                <tr>
                  <th scope="col">{labelHeader}</th>
                  <th scope="col" class="numeric">
                    {valueHeader}
                  </th>
                </tr>
              </thead>
              <tbody>
                {bars.map((bar) => (
                  <tr key={bar.key}>
                    <th scope="row">{bar.label}</th>
                    <td class="numeric">
                      {/* Isolated, so "1,000+" keeps its order in a right-to-left table. */}
                      <bdi>{bar.display}</bdi>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <BarChart ctx={ctx} id={id} title={heading} description={description} bars={bars} />
        </div>
      )}
    </section>
  );
}
