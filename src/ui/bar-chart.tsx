import type { PageContext } from "./page-context.ts";

/** One bar: its label, the value that sets its length and the text shown for it ("1,000+"). */
export interface ChartBar {
  key: string;
  label: string;
  value: number;
  display: string;
}

/** Widths of the label, bar and value columns; rows are 24 units apart, bars 16 high. */
export interface BarChartLayout {
  labelWidth: number;
  chartWidth: number;
  valueWidth: number;
}
const ROW = 24;
const BAR_HEIGHT = 16;
const DEFAULT_LAYOUT: BarChartLayout = { labelWidth: 180, chartWidth: 360, valueWidth: 80 };
const LABEL_MAX = 26;

function shorten(label: string): string {
  const chars = [...label];
  return chars.length > LABEL_MAX ? `${chars.slice(0, LABEL_MAX - 1).join("")}…` : label;
}

/**
 * Horizontal bars drawn on the server: no script, no inline style. The SVG is an image with a
 * title (and a description when given); the data table the page puts beside it is the real data,
 * for screen readers and copying. Labels longer than 26 characters are shortened (the table has
 * them whole). Bars grow from the inline start: on right-to-left pages the drawing
 * is mirrored, labels on the right and bars growing leftwards.
 */
export function BarChart({
  ctx,
  id,
  title,
  description,
  bars,
  layout = DEFAULT_LAYOUT,
}: {
  ctx: PageContext;
  /** Prefix of the title's and description's ids. */
  id: string;
  title: string;
  description?: string;
  bars: readonly ChartBar[];
  layout?: BarChartLayout;
}) {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const width = layout.labelWidth + layout.chartWidth + layout.valueWidth;
  const height = Math.max(1, bars.length) * ROW;
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
      aria-labelledby={description === undefined ? `${id}-title` : `${id}-title ${id}-desc`}
    >
      <title id={`${id}-title`}>{title}</title>
      {description === undefined ? null : <desc id={`${id}-desc`}>{description}</desc>}
      {bars.map((bar, index) => {
        const y = index * ROW;
        const length = bar.value <= 0 ? 0 : Math.max(2, Math.round((bar.value / max) * layout.chartWidth));
        return (
          <g key={bar.key}>
            <text
              x={x(layout.labelWidth - 8)}
              y={y + BAR_HEIGHT - 3}
              text-anchor={rtl ? "start" : "end"}
              class="bar-chart__label"
            >
              {shorten(bar.label)}
            </text>
            <rect
              x={x(layout.labelWidth, length)}
              y={y}
              width={length}
              height={BAR_HEIGHT}
              class="bar-chart__bar"
            />
            <text
              x={x(layout.labelWidth + length + 6)}
              y={y + BAR_HEIGHT - 3}
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
