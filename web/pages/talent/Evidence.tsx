import { For, Show } from "solid-js";
import { EVIDENCE_KINDS, type EvidenceKind } from "../../../schema/talent/values";
import { formatDate } from "../../components/format";
import { useT } from "../../i18n";
import { nominationMessages } from "./nominationMessages";

export type Evidence = Partial<Record<EvidenceKind, Record<string, any> | null>> & { asOf: number };

/** One record in words: what the feature that keeps it says about the person. */
function EvidenceLine(props: { kind: EvidenceKind; evidence: Evidence }) {
  const t = useT(nominationMessages);
  const line = () => {
    const e = props.evidence[props.kind];
    if (!e) return t("noRecord");
    switch (props.kind) {
      case "study":
        return t("studyLine", e);
      case "appraisal":
        return t("appraisalLine", { grade: t(`g_${e.grade}` as "g_excellent") });
      case "vanguard":
        return t("vanguardLine", e);
      case "service":
        return t("serviceLine", e);
      case "pledges":
        return t("pledgesLine", { share: Math.round(e.share * 100), rounds: e.rounds });
    }
  };
  return (
    <li class={`evidence ev-${props.kind}`}>
      <strong>{t(`ev_${props.kind}`)}</strong>：{line()}
    </li>
  );
}

/** The records named by `kinds` (all of them when none are named), dated. */
export function EvidenceList(props: { evidence: Evidence; kinds?: readonly EvidenceKind[] | undefined }) {
  const t = useT(nominationMessages);
  return (
    <>
      <ul class="evidence-list">
        <For each={props.kinds ?? EVIDENCE_KINDS}>{(k) => <EvidenceLine kind={k} evidence={props.evidence} />}</For>
      </ul>
      <Show when={!props.kinds}>
        <p class="muted">{t("evidenceAsOf", { at: formatDate(props.evidence.asOf) })}</p>
      </Show>
    </>
  );
}
