import { createMemo, createSignal, createUniqueId, For, Show, useContext } from "solid-js";
import { defineMessages, useT } from "../i18n";
import { lazyErrors } from "./Feedback";
import { FormError } from "./Field";

const messages = defineMessages({
  "zh-CN": { search: "搜索{label}", choose: "请选择", noMatch: "没有匹配项" },
  "zh-TW": { search: "搜尋{label}", choose: "請選擇", noMatch: "沒有相符項目" },
  en: { search: "Search {label}", choose: "Choose", noMatch: "No match" },
});

export interface PickerItem {
  id: string;
  label: string;
  /** Indentation in a tree (orgs under their committee). */
  depth?: number;
}

/** Lists longer than this get a search box above them. */
const SEARCH_FROM = 6;

/**
 * A labelled choice among things by name (orgs, banks, courses), never by id: a select, with a search box
 * that narrows it when the list is long. The chosen item stays listed while searching. `name` submits the
 * id with the form and finds the field's error in the enclosing ActionForm; `none` offers an empty choice
 * for an optional field.
 */
export function SearchPicker(props: {
  label: string;
  items: readonly PickerItem[] | undefined;
  value: string;
  onChange: (id: string) => void;
  name?: string;
  required?: boolean;
  none?: string;
  error?: string;
}) {
  const t = useT(messages);
  const formError = useContext(FormError);
  const selectId = createUniqueId();
  const errorId = createUniqueId();
  const [query, setQuery] = createSignal("");
  const shown = createMemo(() => {
    const q = query().trim().toLowerCase();
    const all = props.items ?? [];
    return q ? all.filter((i) => i.id === props.value || i.label.toLowerCase().includes(q)) : all;
  });
  const message = () =>
    props.error ?? (props.name && formError() ? lazyErrors()?.fieldText(formError(), props.name) : undefined);
  return (
    <div class="field picker">
      <label for={selectId}>{props.label}</label>
      <Show when={(props.items?.length ?? 0) > SEARCH_FROM}>
        <input
          type="search"
          aria-label={t("search", { label: props.label })}
          placeholder={t("search", { label: "" })}
          value={query()}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
      </Show>
      <select
        id={selectId}
        name={props.name}
        required={props.required}
        value={props.value}
        aria-invalid={message() ? "true" : undefined}
        aria-describedby={message() ? errorId : undefined}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        <option value="" disabled={props.required}>
          {props.none ?? t("choose")}
        </option>
        <For each={shown()}>
          {(i) => (
            <option value={i.id} selected={i.id === props.value}>
              {`${"　".repeat(i.depth ?? 0)}${i.label}`}
            </option>
          )}
        </For>
      </select>
      <Show when={query() && shown().length === 0}>
        <p class="muted">{t("noMatch")}</p>
      </Show>
      <Show when={message()}>
        <p class="field-error" id={errorId}>
          {message()}
        </p>
      </Show>
    </div>
  );
}
