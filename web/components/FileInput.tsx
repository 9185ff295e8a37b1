import { createSignal, createUniqueId, onCleanup, onMount } from "solid-js";
import { defineMessages, useT } from "../i18n";

const messages = defineMessages({
  "zh-CN": { choose: "选择文件", none: "未选择文件" },
  "zh-TW": { choose: "選擇檔案", none: "未選擇檔案" },
  en: { choose: "Choose a file", none: "No file chosen" },
});

/**
 * A file input whose button and "no file chosen" follow the app's language, not the browser's (a member
 * who picked 繁體 or English saw the browser's own words). The native input stays first, so Field's label,
 * forms, the keyboard and screen readers work on it as before; it is only hidden behind a button-like label.
 */
export function FileInput(props: {
  id?: string;
  name?: string;
  accept: string;
  disabled?: boolean;
  onFile?: (input: HTMLInputElement) => void;
}) {
  const t = useT(messages);
  const id = props.id ?? createUniqueId();
  const [chosen, setChosen] = createSignal("");
  let input!: HTMLInputElement;
  const show = () => setChosen(input.files?.[0]?.name ?? "");
  // A form that resets (after a successful import) empties the input without a change event.
  const onReset = () => setChosen("");
  onMount(() => input.form?.addEventListener("reset", onReset));
  onCleanup(() => input.form?.removeEventListener("reset", onReset));
  return (
    <>
      <input
        ref={input}
        id={id}
        name={props.name}
        type="file"
        class="sr-only file-native"
        accept={props.accept}
        disabled={props.disabled}
        onChange={() => {
          show();
          props.onFile?.(input);
        }}
      />
      <span class="file-input">
        <label for={id} class="button" aria-hidden="true">
          {t("choose")}
        </label>
        <span class="muted">{chosen() || t("none")}</span>
      </span>
    </>
  );
}
