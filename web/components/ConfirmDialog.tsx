import { createSignal, createUniqueId, onMount, Show } from "solid-js";
import { render } from "solid-js/web";
import { useT } from "../i18n";
import { shellMessages } from "../i18n/shell";

interface Ask {
  message: string;
  /** Asks for a short text (a reason) as well; confirming needs it non-empty. */
  input?: string;
  confirm?: string;
}

/**
 * The app's own modal dialog in place of the browser's confirm()/prompt(): a native <dialog> opened with
 * showModal (focus moves into it and stays there, Escape closes it as "cancel"), labelled by its message;
 * on closing, focus returns to where it was. Resolves with the text (or "" without input), or null on cancel.
 */
function ask(options: Ask): Promise<string | null> {
  const opener = document.activeElement as HTMLElement | null;
  const host = document.body.appendChild(document.createElement("div"));
  return new Promise((resolve) => {
    const dispose = render(() => {
      const t = useT(shellMessages);
      const messageId = createUniqueId();
      const [text, setText] = createSignal("");
      let dialog!: HTMLDialogElement;
      const finish = (value: string | null) => {
        dialog.close();
        dispose();
        host.remove();
        opener?.focus();
        resolve(value);
      };
      onMount(() => dialog.showModal());
      return (
        <dialog
          ref={dialog}
          class="confirm-dialog"
          aria-labelledby={messageId}
          onCancel={(e) => {
            e.preventDefault();
            finish(null);
          }}
        >
          <form
            method="dialog"
            onSubmit={(e) => {
              e.preventDefault();
              finish(options.input ? text().trim() : "");
            }}
          >
            <p id={messageId}>{options.message}</p>
            <Show when={options.input}>
              {(label) => (
                <label>
                  {label()}
                  <input required value={text()} onInput={(e) => setText(e.currentTarget.value)} />
                </label>
              )}
            </Show>
            <div class="row dialog-buttons">
              <button type="button" onClick={() => finish(null)}>
                {t("cancel")}
              </button>
              <button type="submit" class="primary" disabled={!!options.input && !text().trim()}>
                {options.confirm ?? t("confirm")}
              </button>
            </div>
          </form>
        </dialog>
      );
    }, host);
  });
}

/** Asks to confirm an action; true when confirmed. */
export const confirmAction = async (message: string, confirm?: string) => (await ask({ message, confirm })) !== null;

/** Asks for a short required text (e.g. a reason); null when cancelled. */
export const askText = (message: string, label: string) => ask({ message, input: label });
