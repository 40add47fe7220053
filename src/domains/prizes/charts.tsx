import type { ComponentChildren } from "preact";
import type { PageContext } from "../../ui/page-context.ts";

/** One bar: its label, the value that sets its length and the text shown for it ("1,000+"). */
export interface ChartBar {
  key: string;
  label: string;
  value: number;
  display: string;
}

const LAYOUT = { row: 24, height: 16, labelWidth: 180, chartWidth: 360, valueWidth: 80 } as const;
const LABEL_MAX = 26;

function shorten(label: string): string {
  const chars = [...label];
  return chars.length > LABEL_MAX ? `${chars.slice(0, LABEL_MAX - 1).join("")}…` : label;
}

/**
 * Horizontal bars drawn on the server: no script, no inline style. The SVG is an image with a
 * title and a description; the data table beside it (`ChartWithTable`) is the real data, for
 * screen readers and copying. Bars grow from the inline start: on right-to-left pages the drawing
 * is mirrored, labels on the right and bars growing leftwards.
 */
export function BarChart({
  ctx,
  id,
  title,
  description,
  bars,
}: {
  ctx: PageContext;
  id: string;
  title: string;
  description: string;
  bars: readonly ChartBar[];
}) {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const width = LAYOUT.labelWidth + LAYOUT.chartWidth + LAYOUT.valueWidth;
  const height = Math.max(1, bars.length) * LAYOUT.row;
  const rtl = ctx.dir === "rtl";
  // The SVG is laid out left to right (`direction="ltr"`); right-to-left pages mirror the x axis.
  const x = (left: number, size = 0) => (rtl ? width - left - size : left);
  return (
    <svg
      class="bar-chart"
      direction="ltr"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {bars.map((bar, index) => {
        const y = index * LAYOUT.row;
        const length = bar.value <= 0 ? 0 : Math.max(2, Math.round((bar.value / max) * LAYOUT.chartWidth));
        return (
          <g key={bar.key}>
            <text
              x={x(LAYOUT.labelWidth - 8)}
              y={y + LAYOUT.height - 3}
              text-anchor={rtl ? "start" : "end"}
              class="bar-chart__label"
            >
              {shorten(bar.label)}
            </text>
            <rect
              x={x(LAYOUT.labelWidth, length)}
              y={y}
              width={length}
              height={LAYOUT.height}
              class="bar-chart__bar"
            />
            <text
              x={x(LAYOUT.labelWidth + length + 6)}
              y={y + LAYOUT.height - 3}
              text-anchor={rtl ? "end" : "start"}
              class="bar-chart__value"
            >
              {bar.display}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

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
