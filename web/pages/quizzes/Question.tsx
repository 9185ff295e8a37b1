import { For, Show } from "solid-js";
import { formatNumber, formatScore } from "../../components/format";
import { useT } from "../../i18n";
import { bankMessages } from "../banks/messages";
import { messages } from "./messages";

export interface QView {
  slot: number;
  type: string;
  points: number;
  stemHtml: string;
  tailHtml: string | null;
  options?: { id: string; html: string }[];
  lefts?: { id: string; html: string }[];
  rights?: { id: string; text: string }[];
  response: any;
  mark?: number | null;
  correctness?: string;
  feedbackHtml?: string[];
  generalFeedbackHtml?: string | null;
  comment?: string | null;
  rightAnswer?: any;
}

/** One question; stem and options arrive as sanitized HTML from the server. */
export function Question(props: { q: QView; response: any; disabled?: boolean; onChange: (r: any) => void }) {
  const t = useT(messages);
  const types = useT(bankMessages);
  const name = () => `q${props.q.slot}`;
  const r = () => props.response ?? {};
  return (
    <fieldset class="question" disabled={props.disabled}>
      <legend>
        {t("question", { n: props.q.slot + 1 })} · {types(`types_${props.q.type}` as "types_single")} ·{" "}
        {t("pointsN", { n: formatScore(props.q.points) })}
      </legend>
      <div class="stem" innerHTML={props.q.stemHtml} />
      <Show when={props.q.type === "single"}>
        <For each={props.q.options}>
          {(o) => (
            <label class="choice">
              <input
                type="radio"
                name={name()}
                checked={r().choice === o.id}
                onChange={() => props.onChange({ choice: o.id })}
              />
              <span innerHTML={o.html} />
            </label>
          )}
        </For>
      </Show>
      <Show when={props.q.type === "multiple"}>
        <For each={props.q.options}>
          {(o) => (
            <label class="choice">
              <input
                type="checkbox"
                checked={(r().choices ?? []).includes(o.id)}
                onChange={(e) => {
                  const set = new Set<string>(r().choices ?? []);
                  if (e.currentTarget.checked) set.add(o.id);
                  else set.delete(o.id);
                  props.onChange({ choices: [...set] });
                }}
              />
              <span innerHTML={o.html} />
            </label>
          )}
        </For>
      </Show>
      <Show when={props.q.type === "truefalse"}>
        <For each={[true, false]}>
          {(v) => (
            <label class="choice">
              <input
                type="radio"
                name={name()}
                checked={r().value === v}
                onChange={() => props.onChange({ value: v })}
              />
              <span>{t(v ? "true" : "false")}</span>
            </label>
          )}
        </For>
      </Show>
      <Show when={props.q.type === "fill"}>
        <label>
          {t("yourAnswer")}
          <input value={r().text ?? ""} onInput={(e) => props.onChange({ text: e.currentTarget.value })} />
        </label>
      </Show>
      <Show when={props.q.type === "numerical"}>
        <label>
          {t("number")}
          <input
            inputmode="decimal"
            value={r().number ?? ""}
            onInput={(e) => {
              const n = Number(e.currentTarget.value);
              if (e.currentTarget.value.trim() !== "" && Number.isFinite(n)) props.onChange({ number: n });
            }}
          />
        </label>
      </Show>
      <Show when={props.q.type === "essay"}>
        <label>
          {t("yourAnswer")}
          <textarea rows={6} value={r().text ?? ""} onInput={(e) => props.onChange({ text: e.currentTarget.value })} />
        </label>
      </Show>
      <Show when={props.q.type === "matching"}>
        <For each={props.q.lefts}>
          {(l) => (
            <label class="match">
              <span innerHTML={l.html} />
              <select
                value={r().pairs?.[l.id] ?? ""}
                onChange={(e) => props.onChange({ pairs: { ...(r().pairs ?? {}), [l.id]: e.currentTarget.value } })}
              >
                <option value="">{t("pickRight")}</option>
                <For each={props.q.rights}>{(x) => <option value={x.id}>{x.text}</option>}</For>
              </select>
            </label>
          )}
        </For>
      </Show>
      <Show when={props.q.tailHtml}>
        <div class="stem" innerHTML={props.q.tailHtml as string} />
      </Show>
      <Feedback q={props.q} />
    </fieldset>
  );
}

function Feedback(props: { q: QView }) {
  const t = useT(messages);
  return (
    <>
      <Show when={props.q.correctness}>
        <p class={props.q.correctness === "right" ? "ok" : "warn"}>
          {t(props.q.correctness === "pending" ? "pendingQ" : (props.q.correctness as "right"))}
          <Show when={props.q.mark != null}>
            {" "}
            · {t("score")} {formatScore(props.q.mark)}
          </Show>
        </p>
      </Show>
      <For each={props.q.feedbackHtml ?? []}>{(f) => <div class="feedback" innerHTML={f} />}</For>
      <Show when={props.q.generalFeedbackHtml}>
        <div class="feedback">
          <strong>{t("generalFeedback")}</strong>
          <div innerHTML={props.q.generalFeedbackHtml as string} />
        </div>
      </Show>
      <Show when={props.q.comment}>
        <p>
          <strong>{t("comment")}</strong> {props.q.comment}
        </p>
      </Show>
      <Show when={props.q.rightAnswer}>
        <p class="muted">
          {t("rightAnswer")}: {answerText(props.q, (v) => t(v ? "true" : "false"))}
        </p>
      </Show>
    </>
  );
}

const n = (x: number) => formatNumber(x, 6);

function answerText(q: QView, truth: (v: boolean) => string): string {
  const a = q.rightAnswer;
  if (a.choices)
    return a.choices
      .map((id: string) => (q.options?.find((o) => o.id === id)?.html ?? id).replace(/<[^>]+>/g, ""))
      .join("；");
  if (a.value !== undefined) return truth(a.value);
  if (a.texts) return a.texts.join(" / ");
  if (a.ranges)
    return a.ranges
      .map((r: any) => (r.min !== undefined ? `${n(r.min)}–${n(r.max)}` : `${n(r.value)} ± ${n(r.tolerance ?? 0)}`))
      .join(" / ");
  if (a.pairs)
    return (q.lefts ?? [])
      .map((l) => `${l.html.replace(/<[^>]+>/g, "")} → ${q.rights?.find((x) => x.id === a.pairs[l.id])?.text ?? ""}`)
      .join("；");
  return "";
}
