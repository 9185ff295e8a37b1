import { createEffect, createSignal, createUniqueId, For, onCleanup, Show } from "solid-js";
import { defineMessages, useT } from "../i18n";
import type { ChartData } from "./chart/draw";
import { DataTable } from "./DataTable";

const messages = defineMessages({
  "zh-CN": { table: "表格", category: "项目" },
  "zh-TW": { table: "表格", category: "項目" },
  en: { table: "Table", category: "Item" },
});

/** The drawing's height, known before Chartist arrives: its space is kept, so nothing moves when it is drawn. */
const plotHeight = (kind: "bar" | "line", data: ChartData) =>
  kind === "bar" ? data.labels.length * (data.series.length * 14 + 16) + 40 : 220;

/** Runs `then` once `el` is on screen and the browser has a moment (the page's own rendering comes first). */
function whenSeenAndIdle(el: HTMLElement, then: () => void) {
  const idle = (f: () => void) =>
    typeof requestIdleCallback !== "undefined" ? requestIdleCallback(f, { timeout: 1000 }) : setTimeout(f);
  const seen = new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    seen.disconnect();
    idle(then);
  });
  seen.observe(el);
  return () => seen.disconnect();
}

/**
 * The drawing, redrawn when its numbers change. Each drawing waits until it is on screen and the browser is
 * idle, and only then asks for Chartist's chunk (fetched on the first one): on a phone drawing is one long
 * task otherwise, and even starting the import costs the task that renders the page with its data.
 */
function Plot(props: { kind: "bar" | "line"; data: ChartData; format: (n: number) => string }) {
  let el: HTMLDivElement | undefined;
  createEffect(() => {
    const { kind, data, format } = props;
    const height = plotHeight(kind, data);
    let detach: (() => void) | undefined;
    let gone = false;
    const stop = el
      ? whenSeenAndIdle(el, () =>
          import("./chart/draw").then((m) => {
            if (!gone && el) detach = m.draw(el, kind, data, format, height);
          }),
        )
      : undefined;
    onCleanup(() => {
      gone = true;
      stop?.();
      detach?.();
    });
  });
  return (
    <div class="chart-plot" aria-hidden="true" ref={el} style={{ height: `${plotHeight(props.kind, props.data)}px` }} />
  );
}

/**
 * A chart with the same numbers as a table. The table is always in the page (read by screen readers
 * while the chart shows); the "表格" switch shows it instead of the drawing. Chartist is loaded only
 * when a chart is drawn, so pages without one never fetch it.
 */
export function Chart(props: {
  title: string;
  kind: "bar" | "line";
  data: ChartData;
  format?: (n: number) => string;
  /** The table's first column header (what the categories are): 月份, 等次… */
  category?: string;
  testId?: string;
}) {
  const t = useT(messages);
  const [asTable, setAsTable] = createSignal(false);
  const format = (n: number) => (props.format ? props.format(n) : String(n));
  const rows = () => props.data.labels.map((label, i) => ({ label, i }));
  const titleId = createUniqueId();
  return (
    <figure class="chart" data-testid={props.testId} aria-labelledby={titleId}>
      <div class="chart-head">
        <span class="chart-title" id={titleId}>
          {props.title}
        </span>
        <button type="button" class="small" aria-pressed={asTable()} onClick={() => setAsTable(!asTable())}>
          {t("table")}
        </button>
      </div>
      <Show when={!asTable()}>
        <Plot kind={props.kind} data={props.data} format={format} />
        <Show when={props.data.series.length > 1}>
          <ul class="chart-legend" aria-hidden="true">
            <For each={props.data.series}>
              {(s, i) => (
                <li class={`ct-series-${i() === 0 ? "a" : "b"}`}>
                  <svg class="chart-swatch" width="24" height="10" aria-hidden="true">
                    <line x1="0" y1="5" x2="24" y2="5" class="chart-key" />
                  </svg>
                  {s.name}
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
      <div classList={{ "chart-table-hidden": !asTable() }}>
        <DataTable
          caption={props.title}
          rows={rows()}
          columns={[
            { header: props.category ?? t("category"), cell: (r) => r.label },
            ...props.data.series.map((s) => ({
              header: s.name,
              cell: (r: { i: number }) => format(s.values[r.i] ?? 0),
            })),
          ]}
        />
      </div>
    </figure>
  );
}
