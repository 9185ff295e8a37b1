import { For, Show } from "solid-js";
import { useT } from "../../i18n";
import { type Evidence, EvidenceList } from "./Evidence";
import { talentMessages } from "./messages";
import { nominationMessages } from "./nominationMessages";

interface Step {
  id: string;
  kind: "nominated" | "admitted" | "refused" | "planned" | "reviewed" | "used" | "exited" | "corrected";
  on: string;
  detail: Record<string, unknown>;
  // Null: the masses, through a one-time link.
  actorName: string | null;
}

const text = (v: unknown) => (typeof v === "string" ? v : "");

/** One dated step of a pool entry, with what it decided in words. */
export function StepLine(props: { step: Step }) {
  const t = useT(talentMessages);
  const tn = useT(nominationMessages);
  const d = () => props.step.detail as Record<string, any>;
  return (
    <li class="card">
      <strong>{`${props.step.on} · ${t(`s_${props.step.kind}`)}`}</strong>
      <Show when={d().source}>
        <div>{`${t(d().source)} · ${t(d().track)}`}</div>
      </Show>
      <Show when={Array.isArray(d().criteria)}>
        <ul>
          <For each={d().criteria as { label: string; met: boolean; evidence: string }[]}>
            {(c) => <li>{`${c.met ? "✓" : "✗"} ${c.label}${c.evidence ? `：${c.evidence}` : ""}`}</li>}
          </For>
        </ul>
      </Show>
      <Show when={Array.isArray(d().negatives) && d().negatives.length}>
        <div class="warn">{(d().negatives as { label: string }[]).map((n) => n.label).join("、")}</div>
      </Show>
      <Show when={Array.isArray(d().mentors)}>
        <div>{t("mentors", { names: (d().mentors as string[]).join("、") })}</div>
        <ul>
          <For each={d().items as { title: string }[]}>{(i) => <li>{i.title}</li>}</For>
        </ul>
      </Show>
      <Show when={d().post}>
        <div>{`${t("post")}：${text(d().post)}`}</div>
      </Show>
      <div>{text(d().reason) || text(d().note)}</div>
      <Show when={d().evidence}>
        <details>
          <summary>{tn("evidence")}</summary>
          <EvidenceList evidence={d().evidence as Evidence} />
        </details>
      </Show>
      <div class="muted">{t("by", { name: props.step.actorName ?? t("masses") })}</div>
    </li>
  );
}
