import { BarChart, LineChart } from "chartist";
import type { ChartData } from "../Chart";
import "./chart.css";

/**
 * Draws a chart into `el` with Chartist (SVG: labels are text, styles are ours in chart.css) and returns
 * what detaches it. Bars carry their value above them, so no number depends on reading a colour.
 */
export function draw(el: HTMLElement, kind: "bar" | "line", data: ChartData, format: (n: number) => string) {
  const series = data.series.map((s) => s.values);
  const common = {
    height: "220px",
    chartPadding: { top: 20, right: 8, bottom: 0, left: 0 },
    axisY: { onlyInteger: true, offset: 32, labelInterpolationFnc: (v: string | number) => format(Number(v)) },
    // Narrow plots label every other category, so labels never wrap into each other.
    axisX: {
      offset: 36,
      labelInterpolationFnc: (v: string | number, i: number) =>
        el.clientWidth / data.labels.length < 36 && i % 2 ? null : v,
    },
  };
  const chart =
    kind === "bar"
      ? new BarChart(el, { labels: data.labels, series }, { ...common, seriesBarDistance: 14 })
      : new LineChart(el, { labels: data.labels, series }, { ...common, fullWidth: true, showArea: false });
  chart.on("draw", (ctx) => {
    if (ctx.type !== "bar") return;
    const value = Array.isArray(series[ctx.seriesIndex]) ? series[ctx.seriesIndex]![ctx.index] : undefined;
    if (value === undefined) return;
    ctx.group
      .elem("text", { x: ctx.x2, y: Number(ctx.y2) - 4, "text-anchor": "middle" }, "ct-value")
      .text(format(value));
  });
  return () => chart.detach();
}
