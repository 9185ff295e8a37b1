import { BarChart, LineChart } from "chartist";

interface ChartSeries {
  name: string;
  values: number[];
}

/** A chart's numbers (web/components/Chart.tsx): the drawing's input, and the table's beside it. */
export interface ChartData {
  /** One per category (x axis), in order. */
  labels: string[];
  /** At most two: the second is drawn dashed, so the two differ by more than colour. */
  series: ChartSeries[];
}

/**
 * Draws a chart into `el` with Chartist (SVG: labels are text, styles are ours in chart.css) and returns
 * what detaches it. Bars lie horizontally, their category names on the left where long names fit a phone,
 * each with its value at its end, so no number depends on reading a colour.
 */
export function draw(
  el: HTMLElement,
  kind: "bar" | "line",
  data: ChartData,
  format: (n: number) => string,
  height: number,
) {
  // Horizontal bars are drawn bottom up: reversed here, the first category is at the top. Not with
  // Chartist's reverseData, which also swaps the series and so their styles and the legend.
  const bar = kind === "bar";
  const labels = bar ? [...data.labels].reverse() : data.labels;
  const series = data.series.map((s) => (bar ? [...s.values].reverse() : s.values));
  const value = { onlyInteger: true, labelInterpolationFnc: (v: string | number) => format(Number(v)) };
  const chart = bar
    ? new BarChart(
        el,
        { labels, series },
        {
          horizontalBars: true,
          seriesBarDistance: 12,
          height: `${height}px`,
          chartPadding: { top: 8, right: 36, bottom: 0, left: 0 },
          axisX: { ...value, offset: 24 },
          axisY: { offset: 84 },
        },
      )
    : new LineChart(
        el,
        { labels, series },
        {
          height: `${height}px`,
          fullWidth: true,
          chartPadding: { top: 12, right: 16, bottom: 0, left: 0 },
          axisY: { ...value, offset: 32 },
          // Narrow plots label every other month, so labels never run into each other.
          axisX: {
            offset: 28,
            labelInterpolationFnc: (v: string | number, i: number) =>
              el.clientWidth / data.labels.length < 36 && i % 2 ? null : v,
          },
        },
      );
  chart.on("draw", (ctx) => {
    if (ctx.type !== "bar") return;
    const v = series[ctx.seriesIndex]?.[ctx.index];
    if (v === undefined) return;
    ctx.group.elem("text", { x: Number(ctx.x2) + 4, y: Number(ctx.y2) + 4 }, "ct-value").text(format(v));
  });
  return () => chart.detach();
}
