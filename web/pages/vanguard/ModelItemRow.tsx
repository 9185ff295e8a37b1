import { Show } from "solid-js";
import type { SetStoreFunction } from "solid-js/store";
import { Field } from "../../components/Field";
import { locale, useT } from "../../i18n";
import { type Draft, itemPath, modelFieldText } from "./modelDraft";
import { modelMessages } from "./modelMessages";

/** One indicator: on/off, its max points and its rule's parameter, with errors next to each field. */
export function ModelItemRow(props: { draft: Draft; set: SetStoreFunction<Draft>; index: number; error: unknown }) {
  const t = useT(modelMessages);
  const item = () => props.draft.items[props.index]!;
  const id = (f: string) => `vm-${item().key}-${f}`;
  const err = (f: string) => modelFieldText(props.error, itemPath(props.draft, props.index, f), t);
  const num = (e: Event & { currentTarget: HTMLInputElement }) => e.currentTarget.valueAsNumber;
  const rule = () => item().rule;
  return (
    <li class="card model-item">
      <div class="row">
        <label class="check" for={id("on")}>
          <input
            id={id("on")}
            type="checkbox"
            checked={item().on}
            onChange={(e) => props.set("items", props.index, "on", e.currentTarget.checked)}
          />
          <strong>{item().label[locale()]}</strong>
        </label>
        <span class="tag">{t(`p_${item().part}`)}</span>
      </div>
      <Show when={item().on && item().part !== "veto"}>
        <div class="row">
          <Field label={t("max")} error={err("max")}>
            <input
              id={id("max")}
              type="number"
              inputmode="decimal"
              min="0"
              max="100"
              step="0.5"
              value={item().max}
              onInput={(e) => props.set("items", props.index, "max", num(e))}
            />
          </Field>
          <Show when={rule().kind !== "direct"} fallback={<p class="muted">{t("direct")}</p>}>
            <Field
              label={rule().kind === "ratio" ? t("target") : t("perUnit")}
              error={err(rule().kind === "ratio" ? "rule.target" : "rule.perUnit")}
            >
              <input
                id={id("rule")}
                type="number"
                inputmode="decimal"
                min="0"
                step="any"
                value={(() => {
                  const r = rule();
                  return r.kind === "ratio" ? r.target : r.kind === "linear" ? r.perUnit : "";
                })()}
                onInput={(e) => {
                  const r = rule();
                  const n = num(e);
                  if (r.kind === "ratio") props.set("items", props.index, "rule", { kind: "ratio", target: n });
                  if (r.kind === "linear") props.set("items", props.index, "rule", { kind: "linear", perUnit: n });
                }}
              />
            </Field>
          </Show>
        </div>
      </Show>
    </li>
  );
}
