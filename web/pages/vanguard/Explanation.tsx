import { For, Show } from "solid-js";
import { formatNumber, formatPercent, formatScore } from "../../components/format";
import { locale, useT } from "../../i18n";
import { vanguardMessages } from "./messages";

export interface ExplanationData {
  base: number;
  bonusCap: number;
  deductionCap: number;
  coverage: number;
  status: string;
  score: number | null;
  lines: {
    key: string;
    part: string;
    label: Record<string, string>;
    max: number;
    status: string;
    reason?: string;
    value?: number;
    unit?: string;
    points?: number;
    contribution: number;
    sources: { type: string; id: string; value?: number; note?: string }[];
  }[];
  adjustments: { kind: string; contribution: number }[];
}

/** "Why is my index 78.5": every line, what it counts, and the records behind it; missing shown as missing. */
export function Explanation(props: { e: ExplanationData }) {
  const t = useT(vanguardMessages);
  const unit = (u: string | undefined, v: number) => {
    if (u === "ratio") return formatPercent(v);
    const key = `u_${u}` as Parameters<typeof t>[0];
    const shown = formatNumber(v, 2);
    return u && t(key) !== key ? t(key, { v: shown }) : shown;
  };
  const reason = (r?: string) => {
    const key = `r_${r}` as Parameters<typeof t>[0];
    return r && t(key) !== key ? t(key) : (r ?? "");
  };
  const sign = (n: number) => (n > 0 ? `+${formatScore(n)}` : formatScore(n));
  const capOf = (k: string) => (k === "bonus_cap" ? props.e.bonusCap : props.e.deductionCap);
  return (
    <div class="table-wrap explanation">
      <table>
        <caption class="muted">{t("coverage", { p: formatPercent(props.e.coverage) })}</caption>
        <thead>
          <tr>
            <th>{t("item")}</th>
            <th>{t("value")}</th>
            <th>{t("points")}</th>
            <th>{t("contribution")}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.e.lines}>
            {(l) => (
              <tr class={l.status === "missing" ? "missing" : ""}>
                <td>
                  {l.label[locale()]}
                  <div class="muted">{t(`p_${l.part}` as Parameters<typeof t>[0])}</div>
                </td>
                <td>
                  <Show when={l.status === "ok"} fallback={<span class="tag">{t("missing")}</span>}>
                    {unit(l.unit, l.value ?? 0)}
                  </Show>
                  <Show when={l.status === "missing"}>
                    <div class="muted">{reason(l.reason)}</div>
                  </Show>
                  <Show when={l.sources.length}>
                    <details>
                      <summary>
                        {t("sources")} ({l.sources.length})
                      </summary>
                      <ul class="plain">
                        <For each={l.sources}>
                          {(s) => (
                            <li>
                              {s.type} {s.id.slice(0, 8)}
                              {s.value !== undefined ? ` · ${formatNumber(s.value, 2)}` : ""}
                              {s.note ? ` · ${s.note}` : ""}
                            </li>
                          )}
                        </For>
                      </ul>
                    </details>
                  </Show>
                </td>
                <td>
                  <Show when={l.status === "ok" && l.part !== "veto"} fallback="—">
                    {formatScore(l.points ?? 0)} / {formatScore(l.max)}
                  </Show>
                </td>
                <td>{l.status === "ok" && l.part !== "veto" ? sign(l.contribution) : "—"}</td>
              </tr>
            )}
          </For>
          <For each={props.e.adjustments}>
            {(a) => (
              <tr>
                <td colSpan={3}>{t(`a_${a.kind}` as Parameters<typeof t>[0], { cap: capOf(a.kind) })}</td>
                <td>{sign(a.contribution)}</td>
              </tr>
            )}
          </For>
        </tbody>
        <tfoot>
          <tr>
            <th colSpan={3}>{t("total")}</th>
            <th class="total">{props.e.score === null ? t("insufficient_data") : formatScore(props.e.score)}</th>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
