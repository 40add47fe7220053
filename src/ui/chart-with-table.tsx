import type { ComponentChildren } from "preact";
import { BarChart, type BarChartLayout, type ChartBar } from "./bar-chart.tsx";
import type { PageContext } from "./page-context.ts";

/**
 * A chart under its heading with the data table beside it. The table's caption is the heading's
 * text; its first column names each bar, the second holds the exact value as shown. With no bars,
 * `empty` is said instead (without it, the table stands with its headers only).
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
  layout,
  children,
}: {
  ctx: PageContext;
  id: string;
  heading: string;
  description: string;
  labelHeader: string;
  valueHeader: string;
  bars: readonly ChartBar[];
  empty?: string;
  layout?: BarChartLayout;
  children?: ComponentChildren;
}) {
  return (
    <section class="stats-chart" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      {children}
      {bars.length === 0 && empty !== undefined ? (
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
          <BarChart ctx={ctx} id={id} title={heading} description={description} bars={bars} layout={layout} />
        </div>
      )}
    </section>
  );
}
