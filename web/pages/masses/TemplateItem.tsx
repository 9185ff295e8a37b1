import { For } from "solid-js";
import type { SetStoreFunction } from "solid-js/store";
import type { RatingItem } from "../../../schema/masses/values";
import { Field } from "../../components/Field";
import { useT } from "../../i18n";
import { fieldText } from "../../i18n/errors";
import { templateMessages } from "./templateMessages";

export interface TemplateDraft {
  name: string;
  items: RatingItem[];
}
const LANGS = [
  ["zh-CN", "zhCN"],
  ["zh-TW", "zhTW"],
  ["en", "en"],
] as const;

/** One item to rate: its text in the three languages, moved with up/down buttons, or removed. */
export function TemplateItem(props: {
  draft: TemplateDraft;
  set: SetStoreFunction<TemplateDraft>;
  index: number;
  error: unknown;
}) {
  const t = useT(templateMessages);
  const n = () => props.index + 1;
  const move = (by: number) => {
    const items = [...props.draft.items];
    const [it] = items.splice(props.index, 1);
    items.splice(props.index + by, 0, it!);
    props.set("items", items);
  };
  return (
    <li class="card template-item">
      <fieldset>
        <legend>{t("item", { n: n() })}</legend>
        <For each={LANGS}>
          {([lang, key]) => {
            const id = () => `tp-${props.index}-${lang}`;
            const path = () => `items.${props.index}.label.${lang}`;
            return (
              <Field label={t(key)} error={fieldText(props.error, path())}>
                <input
                  id={id()}
                  maxLength={100}
                  value={props.draft.items[props.index]?.label[lang] ?? ""}
                  onInput={(e) => props.set("items", props.index, "label", lang, e.currentTarget.value)}
                />
              </Field>
            );
          }}
        </For>
        <div class="item-actions">
          <button type="button" disabled={props.index === 0} aria-label={t("up", { n: n() })} onClick={() => move(-1)}>
            ↑
          </button>
          <button
            type="button"
            disabled={props.index === props.draft.items.length - 1}
            aria-label={t("down", { n: n() })}
            onClick={() => move(1)}
          >
            ↓
          </button>
          <button
            type="button"
            aria-label={t("remove", { n: n() })}
            onClick={() => props.set("items", (items) => items.filter((_, i) => i !== props.index))}
          >
            ✕
          </button>
        </div>
      </fieldset>
    </li>
  );
}
