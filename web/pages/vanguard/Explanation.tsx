import { A } from "@solidjs/router";
import { For, Show } from "solid-js";
import type { ServiceCategory } from "../../../schema/services/values";
import { formatDay, formatNumber, formatPercent, formatScore } from "../../components/format";
import { locale, useT } from "../../i18n";
import { hasRole } from "../../session";
import { serviceMessages } from "../services/messages";
import { vanguardMessages } from "./messages";

export interface Source {
  type: string;
  id: string;
  value?: number;
  note?: string;
  name: string;
  at: number | null;
  category?: string;
  link: string | null;
}

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
    sources: Source[];
  }[];
  adjustments: { kind: string; contribution: number }[];
}

/**
 * "Why is my index 78.5": every line, what it counts, and the records behind it; missing shown as missing.
 * Another index (the branch's) names its lines' parts, its own reasons for missing data and its own kinds
 * of record with `partLabel`, `reasonText` and `describe`.
 */
export function Explanation(props: {
  e: ExplanationData;
  partLabel?: (line: ExplanationData["lines"][number]) => string;
  describe?: (s: Source) => string | undefined;
  reasonText?: (reason: string) => string | undefined;
}) {
  const t = useT(vanguardMessages);
  const unit = (u: string | undefined, v: number) => {
    if (u === "ratio") return formatPercent(v);
    const key = `u_${u}` as Parameters<typeof t>[0];
    const shown = formatNumber(v, 2);
    return u && t(key) !== key ? t(key, { v: shown }) : shown;
  };
  const reason = (r?: string) => {
    const own = r && props.reasonText?.(r);
    if (own) return own;
    const key = `r_${r}` as Parameters<typeof t>[0];
    return r && t(key) !== key ? t(key) : (r ?? "");
  };
  const sign = (n: number) => (n > 0 ? `+${formatScore(n)}` : formatScore(n));
  const capOf = (k: string) => (k === "bonus_cap" ? props.e.bonusCap : props.e.deductionCap);
  // Base items with data are scaled up to the full base (worker/vanguard/score.ts): say so with the numbers.
  const present = () =>
    props.e.lines.filter((l) => l.part === "base" && l.status === "ok").reduce((sum, l) => sum + l.max, 0);
  const scaled = () => present() > 0 && present() !== props.e.base;
  const rescaling = () => {
    if (present() === 0) return t("rescaleNone");
    if (!scaled()) return t("rescaleFull");
    // The example is the largest base line: the one the member most wants explained.
    const first = props.e.lines
      .filter((l) => l.part === "base" && l.status === "ok")
      .reduce<(typeof props.e.lines)[number] | undefined>(
        (a, l) => (a && a.contribution >= l.contribution ? a : l),
        undefined,
      );
    const nums = { base: formatNumber(props.e.base, 0), present: formatNumber(present(), 2) };
    const ex = t("rescaleExample", {
      ...nums,
      pts: formatNumber(first?.points ?? 0, 2),
      c: formatNumber(first?.contribution ?? 0, 2),
    });
    return t("rescale", { ...nums, p: formatPercent(props.e.coverage), ex });
  };
  return (
    <div class="table-wrap explanation">
      <table>
        <caption class="muted">{rescaling()}</caption>
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
                  <div class="muted">{props.partLabel?.(l) ?? t(`p_${l.part}` as Parameters<typeof t>[0])}</div>
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
                            <li class="source">
                              <SourceName s={s} describe={props.describe} />
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
                <td>
                  {l.status === "ok" && l.part !== "veto" ? sign(l.contribution) : "—"}
                  <Show when={l.status === "ok" && l.part === "base" && scaled()}>
                    <div class="muted">
                      {t("rescaleLine", { base: formatNumber(props.e.base, 0), present: formatNumber(present(), 2) })}
                    </div>
                  </Show>
                </td>
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

/** A source record as the member knows it: its name, date and figure, linked to its page when there is one. */
function SourceName(props: { s: Source; describe?: ((s: Source) => string | undefined) | undefined }) {
  const t = useT(vanguardMessages);
  const sm = useT(serviceMessages);
  const v = () => formatNumber(props.s.value ?? 0, 2);
  const name = () => props.s.name || t("s_gone");
  const date = () => formatDay(props.s.at);
  const text = () => {
    const s = props.s;
    const own = props.describe?.(s);
    if (own !== undefined) return own;
    switch (s.type) {
      case "course_completion":
        return t("s_course", { name: name(), date: date(), v: v() });
      case "service_record":
        return t("s_service", { cat: s.category ? sm(s.category as ServiceCategory) : name(), date: date(), v: v() });
      case "rating_round":
        return t("s_round", { name: name(), v: props.s.value ?? 0 });
      case "quiz":
        return t(s.value ? "s_quiz_passed" : "s_quiz_failed", { name: name() });
      case "eval_analysis":
        return t(s.value ? "s_analysis_accepted" : "s_analysis_not", { name: name() });
      case "eval_cycle":
        return t("s_analysis_missing", { name: name() });
      case "eval_decision":
        return t("s_decision", { name: name(), grade: s.note ? t(`g_${s.note}` as Parameters<typeof t>[0]) : "" });
      default:
        return t("s_adjustment", { name: name(), date: date(), v: v() });
    }
  };
  // Rounds are the branch's pages: a member reading their own index cannot open them.
  const link = () => (props.s.type === "rating_round" && !hasRole("secretary", "admin") ? null : props.s.link);
  return (
    <Show when={link()} fallback={text()}>
      {(href) => <A href={href()}>{text()}</A>}
    </Show>
  );
}
