import { For, Show } from "solid-js";
import type { Criteria, CriterionKey } from "../../../schema/commendations/values";
import { formatHours, formatPercent, formatScore } from "../../components/format";
import { useT } from "../../i18n";
import { serviceMessages } from "../services/messages";
import { commendationMessages } from "./messages";

interface Criterion {
  key: CriterionKey;
  required: number | string;
  status: "met" | "unmet" | "missing";
  value?: number | string | undefined;
  reason?: string | undefined;
  sources: { type: string; id: string; value?: number | undefined; note?: string | undefined }[];
}
export interface EvidenceView {
  criteria: Criterion[];
  blocks: { reason: "veto" | "open_followup" | "lagging" }[];
}

type Key = keyof (typeof commendationMessages)["zh-CN"];
const t = useT(commendationMessages);

/** A criterion's value in the user's language: points, hours, a share, or a grade. */
const shown = (key: CriterionKey, v: number | string) =>
  key === "vanguard"
    ? formatScore(Number(v))
    : key === "service"
      ? formatHours(Number(v))
      : key === "masses"
        ? formatPercent(Number(v))
        : t(`g_${v}` as Key);

const asked = (key: CriterionKey, required: number | string) =>
  `${t(`c_${key}` as Key)}（${t(`req_${key}` as Key, { v: shown(key, required) })}）`;

/** The criteria a round asks, in words: "先锋指数（不低于 80 分）、服务群众（不少于 10 小时）". */
export function criteriaWords(c: Criteria) {
  const pairs: [CriterionKey, number | string | undefined][] = [
    ["vanguard", c.vanguardMin],
    ["appraisal", c.appraisal],
    ["service", c.serviceHours],
    ["masses", c.massesMin],
  ];
  return pairs.flatMap(([k, v]) => (v === undefined ? [] : [asked(k, v)])).join("、");
}

const ts = useT(serviceMessages);
type ServiceKey = Parameters<typeof ts>[0];

/** One record behind a criterion, in words: a service with its hours, a rating round with its count. */
function sourceText(s: Criterion["sources"][number]) {
  switch (s.type) {
    case "service_record":
      return t("s_service", { category: ts((s.note ?? "other") as ServiceKey), v: formatHours(s.value ?? 0) });
    case "rating_round":
      return t("s_rating_round", { n: s.value ?? 0 });
    case "eval_decision":
      return t("s_eval_decision", { label: s.note ?? "" });
    default:
      return t(s.type === "bastion_score" ? "s_branch_score" : "s_vanguard_score");
  }
}

const reasonText = (r: string | undefined) => {
  const key = `r_${r ?? "no_record"}`;
  return key in commendationMessages["zh-CN"] ? t(key as Key) : t("r_not_available");
};

/** Each criterion against the records, with how many records back it; missing says why, never zero. */
export function Evidence(props: { evidence: EvidenceView; compact?: boolean }) {
  return (
    <>
      <ul class="criteria-list">
        <For each={props.evidence.criteria}>
          {(c) => (
            <li>
              <span>{asked(c.key, c.required)}</span>{" "}
              <span class="tag verdict" classList={{ ok: c.status === "met", warn: c.status === "unmet" }}>
                {t(c.status)}
              </span>
              <Show when={!props.compact}>
                <div class="muted">
                  {c.status === "missing"
                    ? reasonText(c.reason)
                    : `${t(`v_${c.key}` as Key, { v: shown(c.key, c.value ?? 0) })} · ${t("sources", { n: c.sources.length })}`}
                </div>
                <Show when={c.sources.length}>
                  <ul class="muted">
                    <For each={c.sources}>{(s) => <li>{sourceText(s)}</li>}</For>
                  </ul>
                </Show>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <Show when={props.evidence.blocks.length}>
        <p class="error" role="note">
          {t("blocked")}：{props.evidence.blocks.map((b) => t(`b_${b.reason}`)).join("；")}
        </p>
      </Show>
    </>
  );
}
